import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REMINDER_KIND_LABELS } from '../../../shared/reminders/kinds.ts';
import { client, data } from '../../api/client.ts';
import { useNotifications } from '../../api/directives.ts';
import { useMe } from '../../auth.ts';
import { fmtDateTime } from '../../i18n/index.ts';
import { ErrorAlert, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import type { PreferenceT } from './types.ts';

/** The caller's notifications and which reminders they receive, in the app and by e-mail. */
export function RemindersPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const list = useNotifications();
  const markAll = useMutation({
    mutationFn: () => data(client.POST('/api/notifications/read', { body: {} })),
    onSuccess: (n) => qc.setQueryData(['notifications'], n),
    onError: notifyError,
  });
  const run = useMutation({
    mutationFn: () => data(client.POST('/api/reminders/run')),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['notifications'] });
      notifySaved(t('directives.reminders.ran', r));
    },
    onError: notifyError,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('directives.reminders.title')}</Title>
        <Group>
          {me.can['outbox.read'] && (
            <Button variant="default" component={Link} to="/tasks/outbox">
              {t('directives.reminders.outbox')}
            </Button>
          )}
          {me.can['reminders.run'] && (
            <Button variant="light" loading={run.isPending} onClick={() => run.mutate()}>
              {t('directives.reminders.run')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('directives.reminders.notifications')}</Title>
          <Button size="xs" variant="subtle" onClick={() => markAll.mutate()} disabled={!list.data?.unread}>
            {t('directives.reminders.markAll')}
          </Button>
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} />
        ) : (
          <Stack gap="xs">
            {list.data.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('directives.reminders.none')}
              </Text>
            )}
            {list.data.items.map((n) => (
              <div key={n.id}>
                <Group gap={6}>
                  {!n.readAt && <Badge size="xs" color="red" variant="dot" />}
                  {n.link ? (
                    <Anchor component={Link} to={n.link} size="sm" fw={n.readAt ? 400 : 600}>
                      {n.title}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {n.title}
                    </Text>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {fmtDateTime(n.createdAt)} · {n.body}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Paper>
      <Preferences />
    </Stack>
  );
}

function Preferences() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: ['reminder-preferences'], queryFn: () => data(client.GET('/api/reminder-preferences')) });
  const save = useMutation({
    mutationFn: (p: PreferenceT) => data(client.PUT('/api/reminder-preferences', { body: [p] })),
    onSuccess: (p) => {
      qc.setQueryData(['reminder-preferences'], p);
      notifySaved();
    },
    onError: notifyError,
  });
  if (prefs.isPending) return <Loading />;
  if (prefs.isError) return <ErrorAlert error={prefs.error} />;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('directives.reminders.preferences')}
      </Title>
      <Table data-testid="reminder-preferences">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('directives.reminders.kind')}</Table.Th>
            <Table.Th>{t('directives.reminders.inApp')}</Table.Th>
            <Table.Th>{t('directives.reminders.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {prefs.data.map((p) => (
            <Table.Tr key={p.kind}>
              <Table.Td>{REMINDER_KIND_LABELS[p.kind][i18n.language === 'en' ? 'en' : 'vi']}</Table.Td>
              <Table.Td>
                <Checkbox checked={p.inApp} onChange={(e) => save.mutate({ ...p, inApp: e.currentTarget.checked })} aria-label={`${p.kind}-in-app`} />
              </Table.Td>
              <Table.Td>
                <Checkbox checked={p.email} onChange={(e) => save.mutate({ ...p, email: e.currentTarget.checked })} aria-label={`${p.kind}-email`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
