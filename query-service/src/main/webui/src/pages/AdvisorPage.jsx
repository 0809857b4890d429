import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { usePolling } from '../usePolling.js';
import { duration, fmt, pct } from '../format.js';

const COLORS = { rag: 'blue', 'fine-tune': 'grape', hybrid: 'teal' };

function Figure({ label, value, hint }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} size="lg">{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Card>
  );
}

function GroupAdvice({ advice }) {
  const f = advice.figures;
  const c = advice.costs;
  const monthly = [
    { approach: 'RAG', prompts: c.ragMonthly, training: 0, governance: 0 },
    { approach: 'Fine-tune', prompts: c.fineTuneInferenceMonthly, training: c.fineTuneTrainingMonthly,
      governance: c.governanceMonthly },
  ];
  const change = [
    { window: 'last day', perDay: f.changesPerDayLastDay },
    { window: 'last 7 days', perDay: f.changesPerDayLast7Days },
    { window: 'last 30 days', perDay: f.changesPerDayLast30Days },
  ];
  return (
    <Card withBorder data-testid="advice" data-group={advice.groupId}>
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600} ff="monospace">{advice.groupId}</Text>
          {f.roles.map((r) => <Badge key={r} size="xs" variant="light">{r}</Badge>)}
        </Group>
        <Badge size="lg" color={COLORS[advice.recommendation]} data-testid="recommendation">{advice.recommendation}</Badge>
      </Group>
      <List size="sm" mt="xs">{advice.reasons.map((r) => <List.Item key={r}>{r}</List.Item>)}</List>
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="sm" spacing="xs">
        <Figure label="Data volume" value={`${fmt(f.tokens)} tokens`} hint={`${fmt(f.documents)} documents, ${fmt(f.chunks)} chunks`} />
        <Figure label="Changes per day (30 d)" value={fmt(f.changesPerDayLast30Days)}
                hint={`median gap ${f.medianHoursBetweenChanges === null ? '–' : duration(f.medianHoursBetweenChanges * 3600)}`} />
        <Figure label="Quiet for" value={f.quietHours === null ? '–' : duration(f.quietHours * 3600)} />
        <Figure label="Context per answer" value={`${fmt(f.retrievedTokensPerAnswered)} tokens`}
                hint={`${pct(f.answeredShare)} of questions answered`} />
        <Figure label="Queries per day" value={fmt(f.queriesPerDay)} />
        <Figure label="Models to maintain" value={fmt(f.groupCount)} hint="one per permission group" />
        <Figure label="Cost per query" value={`${fmt(c.ragPerQuery)} / ${fmt(c.fineTunedPerQuery)}`} hint="RAG / fine-tuned" />
        <Figure label="Break-even" value={c.breakEvenQueriesPerDay === null ? 'never' : `${fmt(c.breakEvenQueriesPerDay)} q/day`} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="sm">
        <div>
          <Text size="sm" fw={500}>Monthly cost</Text>
          <BarChart h={180} data={monthly} dataKey="approach" type="stacked" valueFormatter={fmt}
                    series={[{ name: 'prompts', color: 'blue.6' }, { name: 'training', color: 'grape.6' },
                             { name: 'governance', color: 'gray.5' }]} />
        </div>
        <div>
          <Text size="sm" fw={500}>Information transience (changes per day)</Text>
          <BarChart h={180} data={change} dataKey="window" valueFormatter={fmt}
                    series={[{ name: 'perDay', label: 'changes per day', color: 'orange.6' }]} />
        </div>
      </SimpleGrid>
      {advice.timeToMarket?.length > 0 && (
        <List size="xs" c="dimmed" mt="xs">{advice.timeToMarket.map((t) => <List.Item key={t}>{t}</List.Item>)}</List>
      )}
    </Card>
  );
}

export default function AdvisorPage() {
  const advice = usePolling('finetune', '/api/v1/advice', 30000);
  return (
    <Stack>
      <Title order={2}>Advisor</Title>
      <Text c="dimmed" size="sm">RAG, fine-tuning or both, per permission group, from the live corpus and query traffic.</Text>
      {advice.error && <Alert color="red">{advice.error}</Alert>}
      {(advice.data || []).map((a) => <GroupAdvice key={a.groupId} advice={a} />)}
    </Stack>
  );
}
