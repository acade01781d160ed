import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data, resetCsrf } from '../api/client.ts';
import { setLocale } from '../i18n/index.ts';
import { errorText } from '../components/ui.tsx';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await data(client.POST('/api/auth/login', { body: { username, password } }));
      resetCsrf();
      qc.setQueryData(['me'], me);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit}>
        <Stack>
          <Group gap="xs">
            <IconShieldCheck color="var(--mantine-color-red-7)" />
            <Title order={3}>{t('app.name')}</Title>
          </Group>
          <Text size="sm" c="dimmed">
            {t('login.hint')}
          </Text>
          <TextInput
            label={t('login.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            autoComplete="username"
            data-testid="login-username"
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            autoComplete="current-password"
            data-testid="login-password"
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setLocale(i18n.language === 'vi' ? 'en' : 'vi')}>
            {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
