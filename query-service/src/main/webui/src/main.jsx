import '@mantine/core/styles.css';
import { createRoot } from 'react-dom/client';
import { Alert, Button, Center, MantineProvider, Stack, Text, Title } from '@mantine/core';
import { App } from './App.jsx';
import { identity, login, startSession } from './session.js';

const root = createRoot(document.getElementById('root'));

function render(content) {
  root.render(<MantineProvider defaultColorScheme="light">{content}</MantineProvider>);
}

function SignIn() {
  return (
    <Center h="100vh">
      <Stack align="center">
        <Title order={2}>Tailor console</Title>
        <Text c="dimmed">Sign in with your company account to ask questions and operate Tailor.</Text>
        <Button onClick={login} data-testid="login">Sign in</Button>
      </Stack>
    </Center>
  );
}

startSession()
  .then((user) => render(user ? <App who={identity(user)} /> : <SignIn />))
  .catch((e) => render(<Alert color="red" title="The console could not start">{String(e.message || e)}</Alert>));
