import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Image, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { browserSupportsWebAuthn, startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { client, data } from '../api/client.ts';
import i18n, { fmtDateTime } from '../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifySaved } from '../components/ui.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';

/**
 * Runs the browser's side of a passkey ceremony. Its refusals (cancelled, timed out, no matching key) come as
 * English DOM errors: the user sees one plain sentence in their language instead.
 */
export async function withAuthenticator<T>(ceremony: () => Promise<T>): Promise<T> {
  try {
    return await ceremony();
  } catch {
    throw new Error(i18n.t('identity.passkey.browserFailed'));
  }
}

/** Recovery codes, shown once: after enrolment and after renewing them. */
function RecoveryCodesModal({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('identity.recoveryTitle')} closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange">{t('identity.recoveryHint')}</Alert>
        <SimpleGrid cols={2} data-testid="recovery-codes">
          {codes.map((c) => (
            <Code key={c} fz="md">
              {c}
            </Code>
          ))}
        </SimpleGrid>
        <Button onClick={onClose} data-testid="recovery-done">
          {t('identity.recoveryDone')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** The user's authenticator app: set it up (QR code made by the server), or renew the recovery codes. */
export function SecondFactorCard({ enrolmentRequired }: { enrolmentRequired: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['mfa'], queryFn: () => data(client.GET('/api/auth/mfa')) });
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = useMutation({ mutationFn: () => data(client.POST('/api/auth/mfa/totp')) });
  const confirm = useMutation({
    mutationFn: () => data(client.POST('/api/auth/mfa/totp/confirm', { body: { code } })),
    onSuccess: (r) => {
      setCode('');
      setCodes(r.recoveryCodes);
      begin.reset();
    },
  });
  const renew = useMutation({
    mutationFn: () => data(client.POST('/api/auth/mfa/recovery-codes', { body: { code } })),
    onSuccess: (r) => {
      setCode('');
      setCodes(r.recoveryCodes);
    },
  });
  const closeCodes = async () => {
    setCodes(null);
    await Promise.all([qc.invalidateQueries({ queryKey: ['mfa'] }), qc.invalidateQueries({ queryKey: ['me'] })]);
  };
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const s = status.data;
  const codeInput = (error: unknown) => (
    <TextInput
      label={t('identity.confirmCode')}
      value={code}
      onChange={(e) => setCode(e.currentTarget.value)}
      autoComplete="one-time-code"
      maxLength={40}
      w={220}
      error={fieldError(error, 'code')}
      data-testid="mfa-code"
    />
  );
  return (
    <Paper withBorder p="md" data-testid="mfa-card">
      <Stack>
        <Title order={5}>{t('identity.mfaTitle')}</Title>
        {s.totp ? (
          <>
            <Text size="sm" data-testid="mfa-on">
              {t('identity.mfaOn', { date: fmtDateTime(s.totp.enrolledAt), count: s.recoveryCodesLeft })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('identity.renewHint')}
            </Text>
            <Group align="flex-end">
              {codeInput(renew.error)}
              <Button variant="default" loading={renew.isPending} disabled={!code} onClick={() => renew.mutate()}>
                {t('identity.renew')}
              </Button>
            </Group>
          </>
        ) : begin.data ? (
          <>
            <Text size="sm">{t('identity.scan')}</Text>
            <Group align="flex-start">
              <Image src={begin.data.qrCode} alt="QR" w={200} h={200} data-testid="mfa-qr" />
              <Stack gap={4}>
                <Text size="xs" c="dimmed">
                  {t('identity.secret')}
                </Text>
                <Code data-testid="mfa-secret">{begin.data.secret}</Code>
              </Stack>
            </Group>
            <Group align="flex-end">
              {codeInput(confirm.error)}
              <Button loading={confirm.isPending} disabled={!code} onClick={() => confirm.mutate()} data-testid="mfa-confirm">
                {t('identity.confirm')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            {(enrolmentRequired || s.required) && !s.passkeys.length ? (
              <Alert color="orange">{t('identity.mfaRequired')}</Alert>
            ) : (
              <Text size="sm">{t('identity.mfaOff')}</Text>
            )}
            <Group>
              <Button loading={begin.isPending} onClick={() => begin.mutate()} data-testid="mfa-start">
                {t('identity.start')}
              </Button>
            </Group>
          </>
        )}
        {begin.isError && <ErrorAlert error={begin.error} />}
      </Stack>
      {codes && <RecoveryCodesModal codes={codes} onClose={closeCodes} />}
    </Paper>
  );
}

/** The user's passkeys: add one (named) with the device's authenticator, list them, remove one. */
export function PasskeysCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['mfa'], queryFn: () => data(client.GET('/api/auth/mfa')) });
  const [name, setName] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['mfa'] }), qc.invalidateQueries({ queryKey: ['me'] })]);
  const add = useMutation({
    mutationFn: async () => {
      const options = await data(client.POST('/api/auth/mfa/passkeys/options'));
      // The options are the server library's PublicKeyCredentialCreationOptionsJSON, passed through as they are.
      const response = await withAuthenticator(() => startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON }));
      return data(client.POST('/api/auth/mfa/passkeys', { body: { name, response } }));
    },
    onSuccess: async (r) => {
      setName('');
      notifySaved(t('identity.passkey.added'));
      // The first second factor: its recovery codes are shown before the page moves on.
      if (r.recoveryCodes) setCodes(r.recoveryCodes);
      else await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/auth/mfa/passkeys/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      notifySaved(t('identity.passkey.removed'));
      await refresh();
    },
  });
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const s = status.data;
  return (
    <Paper withBorder p="md" data-testid="passkeys-card">
      <Stack>
        <Title order={5}>{t('identity.passkey.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('identity.passkey.hint')}
        </Text>
        {s.passkeys.length ? (
          <>
            <Table data-testid="passkeys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('identity.passkey.name')}</Table.Th>
                  <Table.Th>{t('identity.passkey.created')}</Table.Th>
                  <Table.Th>{t('identity.passkey.lastUsed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.passkeys.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{fmtDateTime(p.createdAt)}</Table.Td>
                    <Table.Td>{p.lastUsedAt ? fmtDateTime(p.lastUsedAt) : t('identity.passkey.never')}</Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        title={t('identity.passkey.removeConfirm', { name: p.name })}
                        message={t('identity.passkey.removeMessage')}
                        confirmLabel={t('identity.passkey.remove')}
                        onConfirm={() => remove.mutate(p.id)}
                        testid={`passkey-remove-${p.id}`}
                      >
                        {t('identity.passkey.remove')}
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {!s.totp && (
              <Text size="sm" c="dimmed">
                {t('identity.passkey.recoveryLeft', { count: s.recoveryCodesLeft })}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm">{t('identity.passkey.none')}</Text>
        )}
        {browserSupportsWebAuthn() ? (
          <Group align="flex-end">
            <TextInput
              label={t('identity.passkey.name')}
              placeholder={t('identity.passkey.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={60}
              w={260}
              error={fieldError(add.error, 'name')}
              data-testid="passkey-name"
            />
            <Button loading={add.isPending} disabled={!name.trim()} onClick={() => add.mutate()} data-testid="passkey-add">
              {t('identity.passkey.add')}
            </Button>
          </Group>
        ) : (
          <Alert color="gray">{t('identity.passkey.unsupported')}</Alert>
        )}
        {add.isError && !fieldError(add.error, 'name') && <ErrorAlert error={add.error} />}
        {remove.isError && <ErrorAlert error={remove.error} />}
      </Stack>
      {codes && (
        <RecoveryCodesModal
          codes={codes}
          onClose={async () => {
            setCodes(null);
            await refresh();
          }}
        />
      )}
    </Paper>
  );
}

/** Where the user is signed in, and "sign out everywhere else". */
export function SessionsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => data(client.GET('/api/auth/sessions')) });
  const others = useMutation({
    mutationFn: () => data(client.POST('/api/auth/sessions/sign-out-others')),
    onSuccess: (r) => {
      notifySaved(t('identity.signedOutOthers', { count: r.ended }));
      void qc.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <ErrorAlert error={sessions.error} />;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between">
          <Title order={5}>{t('identity.sessionsTitle')}</Title>
          <Button
            size="xs"
            variant="light"
            color="red"
            disabled={sessions.data.length < 2}
            loading={others.isPending}
            onClick={() => others.mutate()}
            data-testid="sign-out-others"
          >
            {t('identity.signOutOthers')}
          </Button>
        </Group>
        <Table data-testid="sessions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('identity.device')}</Table.Th>
              <Table.Th>{t('identity.address')}</Table.Th>
              <Table.Th>{t('identity.since')}</Table.Th>
              <Table.Th>{t('identity.lastSeen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.device ?? t('identity.unknownDevice')}
                  {s.current && (
                    <Badge ml={6} size="xs">
                      {t('identity.current')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{s.ip ?? '—'}</Table.Td>
                <Table.Td>{fmtDateTime(s.createdAt)}</Table.Td>
                <Table.Td>{fmtDateTime(s.lastSeenAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {others.isError && <ErrorAlert error={others.error} />}
      </Stack>
    </Paper>
  );
}
