import { lazy, Suspense, useEffect, useState } from 'react';
import { AppShell, Badge, Button, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { logout } from './session.js';
import { AskPage } from './pages/AskPage.jsx';

// Admin pages (and their charting library) load only when opened: the Ask page stays light.
const DocumentsPage = lazy(() => import('./pages/DocumentsPage.jsx'));
const GroupsPage = lazy(() => import('./pages/GroupsPage.jsx'));
const AdvisorPage = lazy(() => import('./pages/AdvisorPage.jsx'));
const IngestPage = lazy(() => import('./pages/IngestPage.jsx'));

const PAGES = [
  { route: 'ask', label: 'Ask', component: AskPage },
  { route: 'documents', label: 'Documents', component: DocumentsPage, admin: true },
  { route: 'groups', label: 'Groups & models', component: GroupsPage, admin: true },
  { route: 'advisor', label: 'Advisor', component: AdvisorPage, admin: true },
  { route: 'ingest', label: 'Ingest', component: IngestPage, admin: true },
];

const ADMIN_ROLE = 'tailor-admin';

function currentRoute() {
  return window.location.hash.replace(/^#\/?/, '') || 'ask';
}

export function App({ who }) {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const admin = who.roles.includes(ADMIN_ROLE);
  const pages = PAGES.filter((p) => admin || !p.admin);
  const page = pages.find((p) => p.route === route) || pages[0];
  const Page = page.component;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Tailor</Title>
          <Group gap="xs">
            <Text size="sm" data-testid="user">{who.name}</Text>
            {who.roles.filter((r) => !r.startsWith('default-roles') && r !== 'offline_access' && r !== 'uma_authorization')
              .map((r) => <Badge key={r} variant="light" size="sm">{r}</Badge>)}
            <Button variant="subtle" size="xs" onClick={logout}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {pages.map((p) => (
          <NavLink key={p.route} href={`#/${p.route}`} label={p.label} active={p === page} data-testid={`nav-${p.route}`} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader />}>
          <Page />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
