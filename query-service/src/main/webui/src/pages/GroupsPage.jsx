import { useState } from 'react';
import '@mantine/charts/styles.css';
import { LineChart, BarChart } from '@mantine/charts';
import {
  Alert, Badge, Button, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title,
} from '@mantine/core';
import { call } from '../session.js';
import { usePolling } from '../usePolling.js';
import { fmt, pct, when } from '../format.js';

const STATUS_COLORS = {
  PREPARING: 'blue', QUEUED: 'blue', RUNNING: 'blue', EVALUATING: 'violet',
  PROMOTED: 'green', REJECTED: 'orange', FAILED: 'red', CANCELLED: 'gray',
};

/** How far a run is, 0..100: the dataset while preparing, the provider's steps while training. */
export function jobProgress(job) {
  const t = job.training || {};
  if (t.totalSteps) return (100 * (t.step || 0)) / t.totalSteps;
  const d = job.dataset || {};
  if (job.status === 'PREPARING' && d.chunksTotal) return (100 * d.chunksDone) / d.chunksTotal;
  return ['PROMOTED', 'REJECTED', 'EVALUATING'].includes(job.status) ? 100 : 0;
}

function GroupsTable({ groups, onTrain, starting }) {
  return (
    <Table striped withTableBorder data-testid="groups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Group</Table.Th><Table.Th>Roles</Table.Th><Table.Th>Documents</Table.Th><Table.Th>Tokens</Table.Th>
          <Table.Th>Last change</Table.Th><Table.Th>Eligible</Table.Th><Table.Th>Model</Table.Th><Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={g.id}>
            <Table.Td><Text size="sm" ff="monospace">{g.id}</Text></Table.Td>
            <Table.Td>{g.roles.map((r) => <Badge key={r} size="xs" variant="light" mr={4}>{r}</Badge>)}</Table.Td>
            <Table.Td>{fmt(g.documents)} ({fmt(g.chunks)} chunks)</Table.Td>
            <Table.Td>{fmt(g.tokens)}</Table.Td>
            <Table.Td>{when(g.lastChange)}</Table.Td>
            <Table.Td>
              {g.eligible ? <Badge color="green">eligible</Badge> : (
                <Stack gap={2}>
                  <Badge color="gray">not eligible</Badge>
                  <List size="xs">{g.notEligibleBecause.map((r) => <List.Item key={r}>{r}</List.Item>)}</List>
                </Stack>
              )}
            </Table.Td>
            <Table.Td><Text size="xs" ff="monospace">{g.model?.modelId || '–'}</Text></Table.Td>
            <Table.Td>
              <Button size="xs" variant="light" disabled={!!g.activeJobId} loading={starting === g.id}
                      onClick={() => onTrain(g.id)} data-testid={`train-${g.id}`}>Train now</Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function JobCard({ job }) {
  const t = job.training || {};
  const progress = jobProgress(job);
  const evaluation = job.evaluation;
  return (
    <Card withBorder data-testid="job" data-job={job.id}>
      <Group justify="space-between">
        <Text fw={500} size="sm" ff="monospace">{job.id}</Text>
        <Badge color={STATUS_COLORS[job.status]} data-testid="job-status">{job.status}</Badge>
      </Group>
      <Text size="sm" c="dimmed">group {job.target.groupId} · {job.target.baseModel} · started {when(job.createdAt)}</Text>
      <Progress value={progress} mt="sm" animated={!['PROMOTED', 'REJECTED', 'FAILED', 'CANCELLED'].includes(job.status)}
                data-testid="job-progress" data-value={progress.toFixed(1)} />
      <Text size="xs" mt={4} data-testid="job-message">
        {t.totalSteps ? `step ${t.step || 0} of ${t.totalSteps}` : ''}
        {job.status === 'PREPARING' && job.dataset?.chunksTotal
          ? `dataset: ${job.dataset.chunksDone} of ${job.dataset.chunksTotal} chunks` : ''}
        {' '}{job.message}
      </Text>
      {t.losses?.length > 1 && (
        <LineChart h={160} mt="sm" data={t.losses} dataKey="step" withDots={false} data-testid="loss-curve"
                   series={[{ name: 'trainLoss', label: 'training loss', color: 'indigo.6' }]} />
      )}
      {evaluation && (
        <Text size="sm" mt="sm">
          Evaluation ({evaluation.strategy}, {evaluation.questions} questions): candidate {pct(evaluation.candidateAccuracy)}
          {evaluation.currentAccuracy !== null && evaluation.currentAccuracy !== undefined
            ? ` vs current ${pct(evaluation.currentAccuracy)}` : ''}
        </Text>
      )}
    </Card>
  );
}

/** The latest evaluation of each group (finetune-service's GET /api/v1/evaluations: latest). */
function Evaluations({ evaluations }) {
  if (!evaluations.length) return <Text c="dimmed">No evaluation yet.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {evaluations.map((e) => (
        <Card withBorder key={e.groupId} data-testid="evaluation">
          <Group justify="space-between">
            <Text fw={500} ff="monospace" size="sm">{e.groupId}</Text>
            {e.best && <Badge>best: {e.best}</Badge>}
          </Group>
          <Text size="xs" c="dimmed">{when(e.evaluatedAt)}{e.fineTunedModel ? ` · ${e.fineTunedModel}` : ''}</Text>
          <BarChart h={180} mt="sm" dataKey="strategy" valueFormatter={(v) => pct(v)} data={e.strategies}
                    series={[{ name: 'factAccuracy', label: 'fact accuracy', color: 'teal.6' },
                             { name: 'answerSimilarity', label: 'answer similarity', color: 'blue.4' }]} />
          <Table mt="xs" fz="xs">
            <Table.Thead><Table.Tr><Table.Th>strategy</Table.Th><Table.Th>facts</Table.Th><Table.Th>refusals</Table.Th>
              <Table.Th>cost/answer</Table.Th><Table.Th>p50</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {e.strategies.map((s) => (
                <Table.Tr key={s.strategy}>
                  <Table.Td>{s.strategy}</Table.Td><Table.Td>{pct(s.factAccuracy)}</Table.Td>
                  <Table.Td>{pct(s.refusalAccuracy)}</Table.Td><Table.Td>{fmt(s.costPerAnswer)}</Table.Td>
                  <Table.Td>{fmt(s.p50LatencyMillis)} ms</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </SimpleGrid>
  );
}

export default function GroupsPage() {
  const groups = usePolling('finetune', '/api/v1/groups', 5000);
  const jobs = usePolling('finetune', '/api/v1/jobs', 2000);
  const models = usePolling('finetune', '/api/v1/models', 10000);
  const evaluations = usePolling('finetune', '/api/v1/evaluations', 10000);
  const [starting, setStarting] = useState(null);
  const [trainError, setTrainError] = useState(null);

  async function train(groupId) {
    setStarting(groupId);
    setTrainError(null);
    try {
      await call('finetune', `/api/v1/groups/${encodeURIComponent(groupId)}/train?force=true`, { method: 'POST' });
    } catch (e) {
      setTrainError(e.message);
    } finally {
      setStarting(null);
    }
  }

  return (
    <Stack>
      <Title order={2}>Groups &amp; models</Title>
      {groups.error && <Alert color="red">{groups.error}</Alert>}
      {trainError && <Alert color="orange" title="Training not started">{trainError}</Alert>}
      {groups.data && <GroupsTable groups={groups.data} onTrain={train} starting={starting} />}
      <Title order={3}>Training jobs</Title>
      {jobs.data && !jobs.data.length && <Text c="dimmed">No training run yet.</Text>}
      <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="jobs">
        {(jobs.data || []).slice(0, 6).map((j) => <JobCard key={j.id} job={j} />)}
      </SimpleGrid>
      <Title order={3}>Promotions</Title>
      {models.data && (models.data.length ? (
        <Table withTableBorder data-testid="promotions">
          <Table.Thead><Table.Tr><Table.Th>Group</Table.Th><Table.Th>Model</Table.Th><Table.Th>Score</Table.Th>
            <Table.Th>Previous</Table.Th><Table.Th>Promoted</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {models.data.map((m) => (
              <Table.Tr key={m.groupId}>
                <Table.Td ff="monospace">{m.groupId}</Table.Td><Table.Td ff="monospace">{m.modelId}</Table.Td>
                <Table.Td>{pct(m.score)}</Table.Td><Table.Td>{pct(m.previousScore)}</Table.Td>
                <Table.Td>{when(m.promotedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : <Text c="dimmed">No model promoted yet.</Text>)}
      <Title order={3}>Evaluations</Title>
      {evaluations.error && <Alert color="red">{evaluations.error}</Alert>}
      {evaluations.data && <Evaluations evaluations={evaluations.data.latest} />}
    </Stack>
  );
}
