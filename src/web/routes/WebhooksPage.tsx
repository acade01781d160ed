import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data, type Answer } from '../api/client.ts';
import { useAgencies } from '../api/agencies.ts';
import { useMe } from '../auth.ts';
import { fmtDateTime } from '../i18n/index.ts';
import { ErrorAlert, fieldError, Loading, notifyError, notifySaved } from '../components/ui.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/webhooks/events.ts';

type Subscription = Answer<'/api/webhooks'>['items'][number];
type Delivery = Answer<'/api/webhooks/{id}/deliveries'>['items'][number];

/** i18next reads '.' in a key as nesting: the keys spell event types with '_'. */
const eventLabel = (t: (key: string) => string, type: string) => t(`webhooks.eventType.${type.replace('.', '_')}`);
const STATUS_COLORS = { pending: 'yellow', sent: 'green', failed: 'red' } as const;

/** An agency's webhook subscriptions: add one (its secret shown once), its delivery log, a test event, turn it on again. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['webhooks'], queryFn: () => data(client.GET('/api/webhooks')) });
  const [open, setOpen] = useState<number | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <Stack>
      <Title order={2}>{t('webhooks.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('webhooks.intro')}
      </Text>
      {list.data.items.length === 0 && <Text size="sm">{t('webhooks.none')}</Text>}
      {list.data.items.map((s) => (
        <SubscriptionCard key={s.id} s={s} open={open === s.id} onToggle={() => setOpen(open === s.id ? null : s.id)} />
      ))}
      {list.data.can.create && <NewSubscription provinceWide={list.data.can.provinceWide} onCreated={setOpen} />}
    </Stack>
  );
}

function NewSubscription({ provinceWide, onCreated }: { provinceWide: boolean; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data!;
  const agencies = useAgencies();
  const empty = { agencyId: me.agencyId, provinceWide: false, url: '', description: '', eventTypes: [] as WebhookEventType[] };
  const [v, setV] = useState(empty);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => data(client.POST('/api/webhooks', { body: v })),
    onSuccess: async (r) => {
      setSecret(r.secret);
      setV(empty);
      await qc.invalidateQueries({ queryKey: ['webhooks'] });
      onCreated(r.id);
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={5}>{t('webhooks.add')}</Title>
          <Select
            label={t('webhooks.agency')}
            data={(agencies.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
            value={String(v.agencyId)}
            searchable
            allowDeselect={false}
            error={fieldError(create.error, 'agencyId')}
            onChange={(id) => id && setV({ ...v, agencyId: Number(id) })}
          />
          {provinceWide && (
            <Checkbox
              label={t('webhooks.provinceWide')}
              checked={v.provinceWide}
              data-testid="webhook-province-wide"
              onChange={(e) => setV({ ...v, provinceWide: e.currentTarget.checked })}
            />
          )}
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            placeholder="https://siem.example.gov.vn/khien"
            required
            value={v.url}
            data-testid="webhook-url"
            error={fieldError(create.error, 'url')}
            onChange={(e) => setV({ ...v, url: e.currentTarget.value })}
          />
          <TextInput
            label={t('webhooks.description')}
            value={v.description}
            error={fieldError(create.error, 'description')}
            onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
          />
          <Checkbox.Group
            label={t('webhooks.events')}
            value={v.eventTypes}
            error={fieldError(create.error, 'eventTypes')}
            onChange={(types) => setV({ ...v, eventTypes: types as WebhookEventType[] })}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={eventLabel(t, type)} data-testid={`webhook-event-${type}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {create.isError && !fieldError(create.error, 'url') && !fieldError(create.error, 'eventTypes') && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!v.url.trim() || !v.eventTypes.length} data-testid="webhook-create">
              {t('webhooks.create')}
            </Button>
          </Group>
          {secret && (
            <Alert color="orange" withCloseButton onClose={() => setSecret(null)} data-testid="webhook-secret">
              <Text size="sm">{t('webhooks.secretShown')}</Text>
              <Code block mt="xs">
                {secret}
              </Code>
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function SubscriptionCard({ s, open, onToggle }: { s: Subscription; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['webhooks'] }), qc.invalidateQueries({ queryKey: ['webhook-deliveries', s.id] })]);
  const path = { params: { path: { id: s.id } } };
  const setActive = useMutation({
    mutationFn: (active: boolean) => data(client.PATCH('/api/webhooks/{id}', { ...path, body: { active } })),
    onSuccess: async () => {
      await refresh();
      notifySaved();
    },
    onError: notifyError,
  });
  const test = useMutation({
    mutationFn: () => data(client.POST('/api/webhooks/{id}/test', path)),
    onSuccess: async () => {
      await refresh();
      notifySaved(t('webhooks.testQueued'));
    },
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/webhooks/{id}', path)),
    onSuccess: refresh,
    onError: notifyError,
  });
  return (
    <Paper withBorder p="md" data-testid="webhook-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={500}>{s.url}</Text>
            <Text size="xs" c="dimmed">
              {s.provinceWide ? t('webhooks.provinceWide') : s.agencyName}
              {s.description ? ` · ${s.description}` : ''}
            </Text>
          </Stack>
          {s.active ? (
            <Badge color="green">{t('webhooks.active')}</Badge>
          ) : (
            <Badge color="red" data-testid="webhook-off">
              {s.disabledReason === 'failures' ? t('webhooks.offFailures') : t('webhooks.off')}
            </Badge>
          )}
        </Group>
        <Group gap={4}>
          {s.eventTypes.map((type) => (
            <Badge key={type} variant="light" size="sm">
              {eventLabel(t, type)}
            </Badge>
          ))}
        </Group>
        {s.consecutiveFailures > 0 && (
          <Text size="xs" c="red">
            {t('webhooks.failures')}: {s.consecutiveFailures}
          </Text>
        )}
        <Group gap="xs">
          <Button size="compact-sm" variant="light" onClick={onToggle} data-testid="webhook-log-toggle">
            {t('webhooks.log')}
          </Button>
          {s.can.edit && s.active && (
            <Button size="compact-sm" variant="light" loading={test.isPending} onClick={() => test.mutate()} data-testid="webhook-test">
              {t('webhooks.test')}
            </Button>
          )}
          {s.can.edit && (
            <Button
              size="compact-sm"
              variant="light"
              color={s.active ? 'gray' : 'green'}
              loading={setActive.isPending}
              onClick={() => setActive.mutate(!s.active)}
              data-testid="webhook-switch"
            >
              {s.active ? t('webhooks.turnOff') : t('webhooks.turnOn')}
            </Button>
          )}
          {s.can.edit && (
            <ConfirmButton
              size="compact-sm"
              variant="light"
              color="red"
              title={t('webhooks.deleteConfirm')}
              confirmLabel={t('webhooks.delete')}
              onConfirm={() => remove.mutate()}
            >
              {t('webhooks.delete')}
            </ConfirmButton>
          )}
        </Group>
        {open && <DeliveryLog s={s} />}
      </Stack>
    </Paper>
  );
}

function DeliveryLog({ s }: { s: Subscription }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const log = useQuery({
    queryKey: ['webhook-deliveries', s.id],
    queryFn: () => data(client.GET('/api/webhooks/{id}/deliveries', { params: { path: { id: s.id }, query: { limit: 50 } } })),
    // Deliveries go out in the background: the log follows them while it is open.
    refetchInterval: 5000,
  });
  const again = useMutation({
    mutationFn: (d: Delivery) =>
      data(client.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id: s.id, deliveryId: d.id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhook-deliveries', s.id] }),
    onError: notifyError,
  });
  if (log.isPending) return <Loading />;
  if (log.isError) return <ErrorAlert error={log.error} />;
  if (!log.data.items.length) return <Text size="sm">{t('webhooks.noDeliveries')}</Text>;
  return (
    <Table data-testid="webhook-deliveries" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('webhooks.col.event')}</Table.Th>
          <Table.Th>{t('webhooks.col.occurred')}</Table.Th>
          <Table.Th>{t('webhooks.col.status')}</Table.Th>
          <Table.Th>{t('webhooks.col.attempts')}</Table.Th>
          <Table.Th>{t('webhooks.col.code')}</Table.Th>
          <Table.Th>{t('webhooks.col.last')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {log.data.items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{eventLabel(t, d.type)}</Table.Td>
            <Table.Td>{fmtDateTime(d.occurredAt)}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLORS[d.status]} variant="light" data-testid="delivery-status">
                {t(`webhooks.status.${d.status}`)}
              </Badge>
              {d.status === 'pending' && d.attempts > 0 && (
                <Text size="xs" c="dimmed">
                  {t('webhooks.col.next')}: {fmtDateTime(d.nextAttemptAt)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            <Table.Td>
              {d.lastStatusCode ?? '—'}
              {d.lastError && (
                <Text size="xs" c="red">
                  {d.lastError}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{fmtDateTime(d.lastAttemptAt)}</Table.Td>
            <Table.Td>
              {s.can.edit && s.active && d.status !== 'pending' && (
                <Button size="compact-xs" variant="subtle" loading={again.isPending} onClick={() => again.mutate(d)}>
                  {t('webhooks.redeliver')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
