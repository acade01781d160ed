import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_KINDS, type IncidentKind } from '../../../shared/incidents/vocabulary.ts';
import { ApiError, client, data } from '../../api/client.ts';
import { setLocale } from '../../i18n/index.ts';
import { errorText, fieldError } from '../../components/ui.tsx';

type Token = { token: string; minSeconds: number; hotlinePhone: string | null };
const EMPTY = {
  reporterName: '',
  reporterPhone: '',
  reporterEmail: '',
  organization: '',
  kind: null as IncidentKind | null,
  description: '',
  affectedAddress: '',
  website: '',
};

/** The 24/7 hotline form for citizens and operators: no account, no captcha. */
export function PublicReportPage() {
  const { t, i18n } = useTranslation();
  const [token, setToken] = useState<(Token & { at: number }) | null>(null);
  const [v, setV] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [kindMissing, setKindMissing] = useState(false);
  const [receipt, setReceipt] = useState<{ reference: string; duplicate: boolean } | null>(null);
  const loadToken = () =>
    data(client.GET('/api/public/incidents/form-token'))
      .then((tk) => setToken({ ...tk, at: Date.now() }))
      .catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one form token when the page opens; loadToken is new each render
  useEffect(() => {
    void loadToken();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token) return;
    // The kind states a fact about the incident: the reporter chooses it, nothing is assumed.
    const { kind } = v;
    if (!kind) {
      setKindMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The server refuses forms sent faster than a person can fill them: wait out the rest of that time.
      const wait = token.minSeconds * 1000 - (Date.now() - token.at);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      setReceipt(await data(client.POST('/api/public/incidents', { body: { ...v, kind, formToken: token.token } })));
      setV(EMPTY);
      void loadToken();
    } catch (err) {
      setError(err);
      // A used or expired token does not come back to life: fetch a new one for the next try.
      if (err instanceof ApiError && err.field === 'formToken') void loadToken();
    } finally {
      setBusy(false);
    }
  }
  const field = (k: 'reporterName' | 'reporterPhone' | 'reporterEmail' | 'organization' | 'affectedAddress', label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={v[k]}
      error={fieldError(error, k)}
      onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
      data-testid={`hotline-${k}`}
    />
  );

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={640} component="form" onSubmit={submit}>
        <Stack>
          <Group justify="space-between">
            <Group gap="xs">
              <IconShieldCheck color="var(--mantine-color-red-7)" />
              <Title order={3}>{t('incidents.hotline.title')}</Title>
            </Group>
            <Button variant="subtle" size="xs" onClick={() => setLocale(i18n.language === 'vi' ? 'en' : 'vi')}>
              {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('incidents.hotline.subtitle')}
          </Text>
          {token?.hotlinePhone && (
            <Alert color="red" variant="light" data-testid="hotline-phone">
              {t('incidents.hotline.callUs')}{' '}
              <Anchor href={`tel:${token.hotlinePhone.replace(/[^0-9+]/g, '')}`} fw={700}>
                {token.hotlinePhone}
              </Anchor>
            </Alert>
          )}
          {receipt ? (
            <>
              <Alert color="green" data-testid="hotline-receipt">
                {t(receipt.duplicate ? 'incidents.hotline.duplicate' : 'incidents.hotline.thanks', { reference: receipt.reference })}
              </Alert>
              <Group justify="space-between">
                <Anchor href="/" size="sm">
                  {t('incidents.hotline.signIn')}
                </Anchor>
                <Button variant="light" onClick={() => setReceipt(null)} data-testid="hotline-another">
                  {t('incidents.hotline.another')}
                </Button>
              </Group>
            </>
          ) : (
            <>
              {field('reporterName', t('incidents.hotline.name'), true)}
              <Group grow>
                {field('reporterPhone', t('incidents.hotline.phone'))}
                {field('reporterEmail', t('incidents.hotline.email'))}
              </Group>
              <Text size="xs" c="dimmed">
                {t('incidents.hotline.contactHint')}
              </Text>
              {field('organization', t('incidents.hotline.organization'), true)}
              <Select
                label={t('incidents.form.kind')}
                required
                placeholder={t('incidents.hotline.kindPlaceholder')}
                value={v.kind}
                error={kindMissing && !v.kind ? t('incidents.hotline.kindRequired') : fieldError(error, 'kind')}
                onChange={(k) => setV({ ...v, kind: k as IncidentKind | null })}
                data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
                data-testid="hotline-kind"
              />
              <Textarea
                label={t('incidents.hotline.description')}
                required
                autosize
                minRows={4}
                value={v.description}
                error={fieldError(error, 'description')}
                onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
                data-testid="hotline-description"
              />
              {field('affectedAddress', t('incidents.hotline.affected'))}
              {/* A trap for form-filling robots: hidden from people and from screen readers. */}
              <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
                <label>
                  {t('incidents.hotline.trap')}
                  <input name="website" tabIndex={-1} autoComplete="off" value={v.website} onChange={(e) => setV({ ...v, website: e.currentTarget.value })} />
                </label>
              </div>
              {!!error &&
                !['reporterName', 'reporterPhone', 'reporterEmail', 'organization', 'kind', 'description', 'affectedAddress'].some((f) =>
                  fieldError(error, f),
                ) && (
                  <Alert color="red" role="alert">
                    {errorText(error)}
                  </Alert>
                )}
              <Group justify="space-between">
                <Anchor href="/" size="sm">
                  {t('incidents.hotline.signIn')}
                </Anchor>
                <Button type="submit" loading={busy} disabled={!token} data-testid="hotline-submit">
                  {t('incidents.hotline.submit')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
