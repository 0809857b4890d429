import { useEffect, useRef, useState } from 'react';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import {
  Alert, Anchor, Badge, Button, Group, Loader, Modal, Paper, ScrollArea, Select, Stack, Text, Textarea, Title,
} from '@mantine/core';
import { call } from '../session.js';

const DEFAULT_MODELS = ['tailor', 'tailor-rag', 'tailor-finetuned'];

/** Streams one chat completion; calls onDelta with each piece of text and returns the finish chunk's extras. */
async function streamCompletion(model, messages, onDelta) {
  const response = await call('query', '/v1/chat/completions', {
    method: 'POST',
    headers: { Accept: 'text/event-stream' },
    json: { model, messages, stream: true, stream_options: { include_usage: true } },
  });
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const result = { citations: [], model, usage: null };
  for await (const event of events) {
    if (event.data === '[DONE]') break;
    const chunk = JSON.parse(event.data);
    if (chunk.error) throw new Error(chunk.error.message);
    result.model = chunk.model || result.model;
    if (chunk.usage) result.usage = chunk.usage;
    if (chunk.citations) result.citations = chunk.citations;
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) onDelta(delta);
  }
  return result;
}

/** The cited passage, found again under the user's own roles (the same access as the answer). */
async function findPassage(question, citation) {
  const response = await call('query', '/api/v1/search', { method: 'POST', json: { query: question, topK: 20 } });
  const { results } = await response.json();
  return results.find((r) => r.docId === citation.docId && r.chunkIndex === citation.chunkIndex) || null;
}

function Citations({ turn, onOpen }) {
  if (!turn.citations?.length) return null;
  return (
    <Group gap="xs" mt="xs" data-testid="citations">
      <Text size="xs" c="dimmed">Sources:</Text>
      {turn.citations.map((c, i) => (
        <Anchor key={`${c.docId}-${c.chunkIndex}`} size="sm" component="button" data-testid="citation"
                onClick={() => onOpen(turn.question, c)}>
          [{i + 1}] {c.title}
        </Anchor>
      ))}
    </Group>
  );
}

export function AskPage() {
  const [models, setModels] = useState(DEFAULT_MODELS);
  const [model, setModel] = useState('tailor');
  const [turns, setTurns] = useState([]);
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [passage, setPassage] = useState(null);
  const bottom = useRef(null);

  useEffect(() => {
    call('query', '/v1/models').then((r) => r.json())
      .then((list) => setModels(list.data.map((m) => m.id)))
      .catch(() => setModels(DEFAULT_MODELS));
  }, []);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [turns]);

  async function ask() {
    const text = question.trim();
    if (!text || busy) return;
    const history = turns.flatMap((t) => [{ role: 'user', content: t.question }, { role: 'assistant', content: t.answer }]);
    const index = turns.length;
    const update = (change) => setTurns((all) => all.map((t, i) => (i === index ? { ...t, ...change(t) } : t)));
    setTurns((all) => [...all, { question: text, answer: '', citations: [], done: false }]);
    setQuestion('');
    setError(null);
    setBusy(true);
    try {
      const result = await streamCompletion(model, [...history, { role: 'user', content: text }],
        (delta) => update((t) => ({ answer: t.answer + delta })));
      update(() => ({ ...result, done: true }));
    } catch (e) {
      update(() => ({ done: true, failed: true }));
      setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function open(turnQuestion, citation) {
    setPassage({ citation, loading: true });
    try {
      setPassage({ citation, found: await findPassage(turnQuestion, citation) });
    } catch (e) {
      setPassage({ citation, error: e.message });
    }
  }

  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>Ask</Title>
        <Group>
          <Select label="Strategy" data={models} value={model} onChange={(v) => v && setModel(v)} allowDeselect={false}
                  w={220} data-testid="strategy" />
          <Button variant="default" mt="lg" onClick={() => setTurns([])} disabled={busy}>New conversation</Button>
        </Group>
      </Group>
      <ScrollArea.Autosize mah="60vh">
        <Stack data-testid="conversation">
          {turns.map((t, i) => (
            <Stack key={i} gap={4}>
              <Paper p="sm" bg="gray.1" radius="md"><Text fw={500}>{t.question}</Text></Paper>
              <Paper p="sm" withBorder radius="md" data-testid="answer">
                {t.answer ? <Text style={{ whiteSpace: 'pre-wrap' }}>{t.answer}</Text> : (!t.done && <Loader size="sm" />)}
                {t.done && !t.failed && (
                  <Group gap="xs" mt={4}>
                    <Badge size="xs" variant="outline">{t.model}</Badge>
                    {t.usage && <Text size="xs" c="dimmed">{t.usage.prompt_tokens} + {t.usage.completion_tokens} tokens</Text>}
                  </Group>
                )}
                <Citations turn={t} onOpen={open} />
              </Paper>
            </Stack>
          ))}
          <div ref={bottom} />
        </Stack>
      </ScrollArea.Autosize>
      {error && <Alert color="red" title="The question could not be answered" data-testid="ask-error">{error}</Alert>}
      <Textarea placeholder="Ask about the company's documents…" value={question} autosize minRows={2}
                onChange={(e) => setQuestion(e.currentTarget.value)} data-testid="question"
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); ask(); } }} />
      <Group justify="flex-end">
        <Button onClick={ask} loading={busy} data-testid="ask">Ask</Button>
      </Group>
      <Modal opened={!!passage} onClose={() => setPassage(null)} size="lg"
             title={passage ? `${passage.citation.title} — passage ${passage.citation.chunkIndex}` : ''}>
        {passage?.loading && <Loader />}
        {passage?.error && <Alert color="red">{passage.error}</Alert>}
        {passage && !passage.loading && !passage.error && (passage.found
          ? <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="passage">{passage.found.text}</Text>
          : <Text c="dimmed">This passage is no longer among the results for the question (the document may have changed).</Text>)}
        {passage && <Text size="xs" c="dimmed" mt="sm">Document {passage.citation.docId}</Text>}
      </Modal>
    </Stack>
  );
}
