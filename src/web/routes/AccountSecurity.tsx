import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Image, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { fmtDateTime } from '../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifySaved } from '../components/ui.tsx';

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
            {enrolmentRequired || s.required ? <Alert color="orange">{t('identity.mfaRequired')}</Alert> : <Text size="sm">{t('identity.mfaOff')}</Text>}
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
