import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Badge, Code, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { usePolling } from '../usePolling.js';
import { fmt, when } from '../format.js';

/** ingest-service's dead letters: each record's document, why it was dead-lettered and where it was published. */
function DeadLetters() {
  const dlq = usePolling('ingest', '/api/v1/dead-letters', 10000);
  if (dlq.error) return <Alert color="red">{dlq.error}</Alert>;
  if (!dlq.data?.length) return <Text c="dimmed" data-testid="dlq-empty">No dead letters.</Text>;
  return (
    <Table withTableBorder striped data-testid="dlq">
      <Table.Thead><Table.Tr><Table.Th>Record</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Where</Table.Th>
        <Table.Th>When</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {dlq.data.map((e) => (
          <Table.Tr key={`${e.partition}@${e.offset}`}>
            <Table.Td ff="monospace">{e.key ?? '–'}</Table.Td>
            <Table.Td><Text size="sm">{e.reason}</Text>
              {e.cause && <Text size="xs" c="dimmed">{e.cause}</Text>}</Table.Td>
            <Table.Td><Code>{e.originalTopic ?? 'docs.changes'}-{e.originalPartition ?? '?'}@{e.originalOffset ?? '?'}</Code></Table.Td>
            <Table.Td>{when(e.timestamp)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function DocumentsPage() {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const docs = usePolling('ingest', `/api/v1/documents?limit=50${query ? `&q=${encodeURIComponent(query)}` : ''}`);
  return (
    <Stack>
      <Title order={2}>Documents</Title>
      <TextInput placeholder="Search by document id or title" value={search} data-testid="doc-search"
                 onChange={(e) => setSearch(e.currentTarget.value)} />
      {docs.error && <Alert color="red">{docs.error}</Alert>}
      {docs.data && (
        <Table withTableBorder striped data-testid="documents">
          <Table.Thead>
            <Table.Tr><Table.Th>Document</Table.Th><Table.Th>Version</Table.Th><Table.Th>Roles</Table.Th>
              <Table.Th>Chunks</Table.Th><Table.Th>Tokens</Table.Th><Table.Th>Last change</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {docs.data.map((d) => (
              <Table.Tr key={d.docId}>
                <Table.Td><Text size="sm" fw={500}>{d.title || '–'}</Text><Text size="xs" ff="monospace" c="dimmed">{d.docId}</Text>
                  {d.deleted && <Badge color="red" size="xs">deleted</Badge>}</Table.Td>
                <Table.Td>{d.version}</Table.Td>
                <Table.Td>{(d.allowedRoles || []).map((r) => <Badge key={r} size="xs" variant="light" mr={4}>{r}</Badge>)}</Table.Td>
                <Table.Td>{fmt(d.chunkCount)}</Table.Td>
                <Table.Td>{fmt(d.tokenCount)}</Table.Td>
                <Table.Td>{when(d.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {docs.data && !docs.data.length && <Text c="dimmed">No document matches.</Text>}
      <Title order={3}>Dead letters</Title>
      <DeadLetters />
    </Stack>
  );
}
