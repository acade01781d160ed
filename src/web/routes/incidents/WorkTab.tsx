import { useState } from 'react';
import { ActionIcon, Anchor, Button, FileButton, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { OBSERVABLE_TYPES, TLP_LEVELS, type ObservableType, type Tlp } from '../../../shared/incidents/vocabulary.ts';
import { client, data, multipart } from '../../api/client.ts';
import { useUsers } from '../../api/users.ts';
import { fmtDateTime, fmtNumber } from '../../i18n/index.ts';
import { ErrorAlert, fieldError } from '../../components/ui.tsx';
import { Tag, TlpBadge } from './badges.tsx';
import { useCaseChange, useTeamUsers } from './useCase.ts';
import { localToIso, type IncidentDetail } from './types.ts';

/** Working the case: tasks with assignees and due times, observables with TLP, evidence files with their SHA-256. */
export function WorkTab({ d }: { d: IncidentDetail }) {
  return (
    <Stack>
      <Tasks d={d} />
      <Observables d={d} />
      <EvidenceFiles d={d} />
    </Stack>
  );
}

function Tasks({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ title: '', assigneeUserId: null as string | null, dueAt: '' });
  const add = useCaseChange(d.id, () => setV({ title: '', assigneeUserId: null, dueAt: '' }));
  const update = useCaseChange(d.id);
  // Team members, and the reporting agency's own users, can be given a task.
  const team = useTeamUsers(d.can.work);
  const agencyUsers = useUsers({ agencyId: d.agencyId ?? undefined }, { enabled: d.can.work && d.agencyId !== null });
  const users = [...(team.data ?? []), ...(agencyUsers.data ?? []).filter((u) => !team.data?.some((m) => m.id === u.id))];
  const options = users.map((u) => ({ value: String(u.id), label: `${u.fullName} (${u.agencyName})` }));
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('incidents.detail.tasks')}
      </Title>
      <Table data-testid="incident-tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.detail.taskTitle')}</Table.Th>
            <Table.Th>{t('incidents.detail.assignee')}</Table.Th>
            <Table.Th>{t('incidents.detail.due')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td>{task.title}</Table.Td>
              <Table.Td>{task.assigneeName ?? '—'}</Table.Td>
              <Table.Td>
                {fmtDateTime(task.dueAt)}{' '}
                {task.overdue && (
                  <Tag color="red" size="xs">
                    {t('incidents.detail.overdue')}
                  </Tag>
                )}
              </Table.Td>
              <Table.Td>
                {task.status === 'done' ? (
                  <Tag color="green" variant="light">
                    {t('incidents.detail.done')} · {fmtDateTime(task.doneAt)}
                  </Tag>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                {task.can.update && (
                  <Button
                    size="xs"
                    variant="subtle"
                    loading={update.isPending}
                    data-testid={`task-toggle-${task.id}`}
                    onClick={() =>
                      update.mutate(() =>
                        data(
                          client.PATCH('/api/incidents/{id}/tasks/{taskId}', {
                            params: { path: { id: d.id, taskId: task.id } },
                            body: { status: task.status === 'done' ? 'open' : 'done' },
                          }),
                        ),
                      )
                    }
                  >
                    {task.status === 'done' ? t('incidents.detail.reopen') : t('incidents.detail.done')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {d.can.work && (
        <Group align="flex-end" mt="sm">
          <TextInput
            label={t('incidents.detail.taskTitle')}
            value={v.title}
            error={fieldError(add.error, 'title')}
            style={{ flex: 1 }}
            onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
            data-testid="task-title"
          />
          <Select
            label={t('incidents.detail.assignee')}
            searchable
            clearable
            value={v.assigneeUserId}
            onChange={(a) => setV({ ...v, assigneeUserId: a })}
            w={260}
            data={options}
            error={fieldError(add.error, 'assigneeUserId')}
            data-testid="task-assignee"
          />
          <TextInput
            type="datetime-local"
            label={t('incidents.detail.due')}
            value={v.dueAt}
            onChange={(e) => setV({ ...v, dueAt: e.currentTarget.value })}
            data-testid="task-due"
          />
          <Button
            loading={add.isPending}
            data-testid="task-add"
            onClick={() =>
              add.mutate(() =>
                data(
                  client.POST('/api/incidents/{id}/tasks', {
                    params: { path: { id: d.id } },
                    body: { title: v.title, assigneeUserId: v.assigneeUserId ? Number(v.assigneeUserId) : null, dueAt: v.dueAt ? localToIso(v.dueAt) : null },
                  }),
                ),
              )
            }
          >
            {t('incidents.detail.addTask')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function Observables({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ type: 'ip' as ObservableType, value: '', tlp: 'amber' as Tlp, description: '' });
  const add = useCaseChange(d.id, () => setV({ ...v, value: '', description: '' }));
  const remove = useCaseChange(d.id);
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('incidents.detail.observables')}
      </Title>
      <Table data-testid="incident-observables">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.detail.type')}</Table.Th>
            <Table.Th>{t('incidents.detail.value')}</Table.Th>
            <Table.Th>TLP</Table.Th>
            <Table.Th>{t('incidents.detail.note')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.observables.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                {t(`incidents.observableType.${o.type}`)}{' '}
                <Text span size="xs" c="dimmed">
                  ({o.form})
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {o.value}
                </Text>
              </Table.Td>
              <Table.Td>
                <TlpBadge tlp={o.tlp} />
              </Table.Td>
              <Table.Td>{o.description ?? ''}</Table.Td>
              <Table.Td>
                {d.can.work && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('incidents.detail.remove')}
                    loading={remove.isPending}
                    onClick={() =>
                      remove.mutate(() =>
                        data(client.DELETE('/api/incidents/{id}/observables/{observableId}', { params: { path: { id: d.id, observableId: o.id } } })),
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {d.can.contribute && (
        <Group align="flex-end" mt="sm">
          <Select
            label={t('incidents.detail.type')}
            value={v.type}
            onChange={(x) => x && setV({ ...v, type: x as ObservableType })}
            w={160}
            data={OBSERVABLE_TYPES.map((o) => ({ value: o, label: t(`incidents.observableType.${o}`) }))}
            data-testid="observable-type"
          />
          <TextInput
            label={t('incidents.detail.value')}
            value={v.value}
            error={fieldError(add.error, 'value')}
            style={{ flex: 1 }}
            onChange={(e) => setV({ ...v, value: e.currentTarget.value })}
            data-testid="observable-value"
          />
          <Select
            label="TLP"
            value={v.tlp}
            onChange={(x) => x && setV({ ...v, tlp: x as Tlp })}
            w={150}
            data={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))}
            data-testid="observable-tlp"
          />
          <TextInput label={t('incidents.detail.note')} value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} w={200} />
          <Button
            loading={add.isPending}
            onClick={() => add.mutate(() => data(client.POST('/api/incidents/{id}/observables', { params: { path: { id: d.id } }, body: v })))}
            data-testid="observable-add"
          >
            {t('incidents.detail.addObservable')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function EvidenceFiles({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const upload = useCaseChange(d.id);
  return (
    <Paper withBorder p="md">
      <Title order={5} mb={4}>
        {t('incidents.detail.evidence')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('incidents.detail.evidenceHint')}
      </Text>
      <Table data-testid="incident-evidence">
        <Table.Tbody>
          {d.evidence.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor href={`/api/files/${f.id}`} size="sm">
                  {f.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{fmtNumber(f.size)} B</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" title={t('incidents.detail.sha256')}>
                  {f.sha256}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{fmtDateTime(f.uploadedAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {upload.isError && <ErrorAlert error={upload.error} />}
      {d.can.contribute && (
        <FileButton
          onChange={(file) =>
            file && upload.mutate(() => data(client.POST('/api/incidents/{id}/evidence', { params: { path: { id: d.id } }, body: multipart(file) })))
          }
        >
          {(props) => (
            <Button {...props} size="xs" variant="light" mt="xs" loading={upload.isPending} data-testid="evidence-upload">
              {t('incidents.detail.addEvidence')}
            </Button>
          )}
        </FileButton>
      )}
    </Paper>
  );
}
