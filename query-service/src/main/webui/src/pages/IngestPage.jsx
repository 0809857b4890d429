import { useEffect, useRef, useState } from 'react';
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { usePolling } from '../usePolling.js';
import { fmt } from '../format.js';

const EVERY_MS = 3000;
const KEEP_POINTS = 100; // five minutes

function Figure({ label, value, hint, testid }) {
  return (
    <Card withBorder padding="sm" data-testid={testid}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} size="xl">{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Card>
  );
}

/** ingest-service's counters are totals: rates come from the difference between two readings. */
function point(previous, current) {
  const seconds = (Date.parse(current.at) - Date.parse(previous.at)) / 1000;
  const rate = (f) => (seconds > 0 ? Math.max(0, (f(current) - f(previous)) / seconds) : 0);
  const events = (s) => s.events.indexed + s.events.ignored + s.events.deadLettered;
  return {
    time: new Date(current.at).toLocaleTimeString(),
    eventsPerSecond: rate(events),
    chunksPerSecond: rate((s) => s.chunksEmbedded + s.chunksReused),
    deadLettersPerSecond: rate((s) => s.events.deadLettered),
    backlog: current.backlog,
    freshnessP99: current.freshness.p99Seconds,
  };
}

export default function IngestPage() {
  const { data: stats, error } = usePolling('ingest', '/api/v1/stats', EVERY_MS);
  const [series, setSeries] = useState([]);
  const last = useRef(null);
  useEffect(() => {
    if (!stats) return;
    const previous = last.current;
    last.current = stats;
    if (previous) setSeries((all) => [...all, point(previous, stats)].slice(-KEEP_POINTS));
  }, [stats]);
  const latest = series[series.length - 1];
  return (
    <Stack>
      <Title order={2}>Ingest</Title>
      {error && <Alert color="red">{error}</Alert>}
      {stats && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Figure testid="throughput" label="Throughput" value={latest ? `${fmt(latest.eventsPerSecond)} events/s` : '…'}
                  hint={latest ? `${fmt(latest.chunksPerSecond)} chunks/s` : 'measuring'} />
          <Figure testid="backlog" label="Backlog (consumer lag)" value={stats.backlog === null ? '–' : `${fmt(stats.backlog)} records`} />
          <Figure testid="freshness" label="Freshness p99 (last minutes)"
                  value={stats.freshness.p99Seconds === null ? '–' : `${fmt(stats.freshness.p99Seconds)} s`}
                  hint={`p50 ${fmt(stats.freshness.p50Seconds)} s · event time → searchable`} />
          <Figure testid="totals" label="Events since start" value={fmt(stats.events.indexed + stats.events.ignored + stats.events.deadLettered)}
                  hint={`${fmt(stats.events.indexed)} indexed · ${fmt(stats.events.ignored)} ignored · ${fmt(stats.events.deadLettered)} dead-lettered`} />
        </SimpleGrid>
      )}
      {series.length > 1 && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            <Text size="sm" fw={500}>Throughput</Text>
            <LineChart h={200} data={series} dataKey="time" withDots={false} valueFormatter={fmt}
                       series={[{ name: 'eventsPerSecond', label: 'events/s', color: 'blue.6' },
                                { name: 'chunksPerSecond', label: 'chunks/s', color: 'teal.6' },
                                { name: 'deadLettersPerSecond', label: 'dead letters/s', color: 'red.6' }]} />
          </div>
          <div>
            <Text size="sm" fw={500}>Backlog and freshness</Text>
            <LineChart h={200} data={series} dataKey="time" withDots={false} valueFormatter={fmt} withRightYAxis
                       series={[{ name: 'backlog', label: 'backlog (records)', color: 'orange.6' },
                                { name: 'freshnessP99', label: 'freshness p99 (s)', color: 'grape.6', yAxisId: 'right' }]} />
          </div>
        </SimpleGrid>
      )}
    </Stack>
  );
}
