import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/client.ts';
import { useMe } from '../auth.ts';
import { ErrorAlert, fieldError, notifySaved } from '../components/ui.tsx';
import { AccessTokens } from '../components/AccessTokens.tsx';
import { PasskeysCard, SecondFactorCard, SessionsCard } from './AccountSecurity.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const [v, setV] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const mismatch = v.confirm.length > 0 && v.confirm !== v.newPassword;
  const change = useMutation({
    mutationFn: () => data(client.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
    onSuccess: async () => {
      notifySaved(t('account.changed'));
      setV({ currentPassword: '', newPassword: '', confirm: '' });
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  return (
    <Stack maw={720}>
      <Title order={2}>{t('account.title')}</Title>
      {me.mustChangePassword && <Alert color="orange">{t('account.mustChange')}</Alert>}
      <Paper withBorder p="md">
        <Text fw={600}>{me.fullName}</Text>
        <Text size="sm" c="dimmed">
          {me.username} · {me.agencyName}
        </Text>
        <Group gap={4} mt="xs">
          {me.roles.map((r) => (
            <Badge key={r} variant="light">
              {t(`roles.${r}`)}
            </Badge>
          ))}
        </Group>
      </Paper>
      <Paper
        withBorder
        p="md"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch) change.mutate();
        }}
      >
        <Stack>
          <Title order={5}>{t('account.changePassword')}</Title>
          <PasswordInput
            label={t('account.current')}
            value={v.currentPassword}
            required
            autoComplete="current-password"
            data-testid="password-current"
            error={fieldError(change.error, 'currentPassword')}
            onChange={(e) => setV({ ...v, currentPassword: e.currentTarget.value })}
          />
          <PasswordInput
            label={t('account.next')}
            description={t('account.rule')}
            value={v.newPassword}
            required
            autoComplete="new-password"
            data-testid="password-new"
            error={fieldError(change.error, 'newPassword')}
            onChange={(e) => setV({ ...v, newPassword: e.currentTarget.value })}
          />
          <PasswordInput
            label={t('account.confirm')}
            value={v.confirm}
            required
            autoComplete="new-password"
            data-testid="password-confirm"
            error={mismatch ? t('account.mismatch') : undefined}
            onChange={(e) => setV({ ...v, confirm: e.currentTarget.value })}
          />
          {change.isError && !(change.error as { field?: string }).field && <ErrorAlert error={change.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} data-testid="password-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {!me.mustChangePassword && <SecondFactorCard enrolmentRequired={me.signInStep === 'enrol'} />}
      {!me.mustChangePassword && <PasskeysCard />}
      {!me.mustChangePassword && !me.signInStep && <SessionsCard />}
      {!me.mustChangePassword && !me.signInStep && <AccessTokens />}
    </Stack>
  );
}
