import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Center, Divider, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, client, data, resetCsrf, type Answer } from '../api/client.ts';
import { withAuthenticator } from './AccountSecurity.tsx';
import { setLocale } from '../i18n/index.ts';
import { errorText } from '../components/ui.tsx';
import { useMe } from '../auth.ts';

/** The sign-in form: the password, then the code when the account has a second factor. */
export function LoginPage() {
  const awaitsCode = useMe().data?.signInStep === 'verify';
  return awaitsCode ? <SecondFactorForm /> : <PasswordForm />;
}

function LoginCard({ onSubmit, children }: { onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={onSubmit}>
        <Stack>
          <Group gap="xs">
            <IconShieldCheck color="var(--mantine-color-red-7)" />
            <Title order={3}>{t('app.name')}</Title>
          </Group>
          {children}
          <Anchor href="/incidents/hotline" size="sm" ta="center" data-testid="login-hotline">
            {t('incidents.hotline.link')}
          </Anchor>
          <Button variant="subtle" size="xs" onClick={() => setLocale(i18n.language === 'vi' ? 'en' : 'vi')}>
            {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}

/** The sign-in's second step: a passkey (when the user has one) or a code from the authenticator app or a recovery code. */
function SecondFactorForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const factors = useQuery({ queryKey: ['mfa'], queryFn: () => data(client.GET('/api/auth/mfa')) });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function finish(step: () => Promise<Answer<'/api/auth/me'>>) {
    setBusy(true);
    setError(null);
    try {
      const me = await step();
      resetCsrf();
      qc.removeQueries({ queryKey: ['mfa'] });
      qc.setQueryData(['me'], me);
    } catch (err) {
      setError(errorText(err));
      // Too many failures end the sign-in: back to the password.
      if (err instanceof ApiError && err.status === 401) qc.setQueryData(['me'], null);
    } finally {
      setBusy(false);
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void finish(() => data(client.POST('/api/auth/mfa/verify', { body: { code } })));
  }
  function signInWithPasskey() {
    void finish(async () => {
      const options = await data(client.POST('/api/auth/mfa/verify/passkey-options'));
      // The options are the server library's PublicKeyCredentialRequestOptionsJSON, passed through as they are.
      const response = await withAuthenticator(() => startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON }));
      return data(client.POST('/api/auth/mfa/verify/passkey', { body: { response } }));
    });
  }
  async function restart() {
    await client.POST('/api/auth/logout');
    resetCsrf();
    qc.setQueryData(['me'], null);
  }
  const hasPasskey = Boolean(factors.data?.passkeys.length);
  return (
    <LoginCard onSubmit={submit}>
      <Text fw={600}>{t('identity.codeTitle')}</Text>
      {hasPasskey && (
        <>
          <Button onClick={signInWithPasskey} loading={busy} data-testid="login-passkey">
            {t('identity.passkey.use')}
          </Button>
          <Divider label={t('identity.passkey.orCode')} labelPosition="center" />
        </>
      )}
      <Text size="sm" c="dimmed">
        {factors.data && !factors.data.totp ? t('identity.recoveryCodeHint') : t('identity.codeHint')}
      </Text>
      <TextInput
        label={t('identity.code')}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        required
        autoFocus={!hasPasskey}
        autoComplete="one-time-code"
        inputMode="text"
        data-testid="login-code"
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" variant={hasPasskey ? 'default' : 'filled'} loading={busy} data-testid="login-verify">
        {t('identity.verify')}
      </Button>
      <Button variant="subtle" size="xs" onClick={restart}>
        {t('identity.backToPassword')}
      </Button>
    </LoginCard>
  );
}

/** Why a single sign-on came back refused: the callback's redirect names the reason (`/?sso_error=…`). */
const SSO_ERRORS = [
  'sso_unavailable',
  'sso_state',
  'sso_denied',
  'sso_rejected',
  'sso_no_identity',
  'sso_no_account',
  'sso_account_disabled',
  'sso_username_taken',
];
const ssoError = () => {
  const code = new URLSearchParams(window.location.search).get('sso_error');
  return code && SSO_ERRORS.includes(code) ? code : null;
};

/**
 * The typed sign-in: with the Khiên password, or with the directory account (LDAP/Active Directory) where one is set
 * up — chosen above the fields when both are on, the directory first.
 */
function PasswordForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const methods = useQuery({ queryKey: ['sign-in-methods'], queryFn: () => data(client.GET('/api/auth/methods')) });
  const refused = ssoError();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [chosen, setChosen] = useState<'directory' | 'local' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const directory = methods.data?.directory ?? null;
  const local = methods.data?.local !== false;
  const source = chosen ?? (directory ? 'directory' : 'local');
  const typed = local || directory !== null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { username, password };
      const me = await data(source === 'directory' ? client.POST('/api/auth/ldap/login', { body }) : client.POST('/api/auth/login', { body }));
      resetCsrf();
      qc.setQueryData(['me'], me);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginCard onSubmit={submit}>
      {refused && (
        <Alert color="red" role="alert" data-testid="sso-error">
          {t(`identity.sso.errors.${refused}`)}
        </Alert>
      )}
      {methods.data?.sso && (
        <>
          <Button component="a" href="/api/auth/oidc/start" variant="filled" data-testid="login-sso">
            {methods.data.sso.label ?? t('identity.sso.button')}
          </Button>
          {typed && <Divider label={t(directory ? 'identity.sso.orPassword' : 'identity.sso.or')} labelPosition="center" />}
        </>
      )}
      {typed && (
        <>
          {directory && local && (
            <SegmentedControl
              fullWidth
              // A deployment's label may be long: it wraps inside its half rather than running out of the card.
              styles={{ label: { whiteSpace: 'normal' }, control: { minWidth: 0 } }}
              aria-label={t('identity.directory.choose')}
              value={source}
              onChange={(v) => {
                setChosen(v as 'directory' | 'local');
                setError(null);
              }}
              data={[
                { value: 'directory', label: directory.label ?? t('identity.directory.label') },
                { value: 'local', label: t('identity.directory.local') },
              ]}
              data-testid="login-source"
            />
          )}
          <Text size="sm" c="dimmed">
            {source === 'directory' ? t('identity.directory.hint') : t('login.hint')}
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
            <Alert color="red" role="alert" data-testid="login-error">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </>
      )}
    </LoginCard>
  );
}
