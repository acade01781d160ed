import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data, multipart } from '../../api/client.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ErrorAlert, fieldError, FormButtons, Loading, notifySaved } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { addDays } from '../../../shared/warnings/remediation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { InspectionDetail, InspectionTask } from '../../../shared/warnings/schemas.ts';
import { InspectionForm } from './InspectionsPage.tsx';
import { Attachments, DueDate, InspectionStatusBadge, NO_SHRINK } from './ui.tsx';

/** A round: its plan, the agencies inspected with conclusions, and the tasks born of its findings. */
export function InspectionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const round = useQuery({ queryKey: ['inspection', id], queryFn: () => data(client.GET('/api/inspections/{id}', { params: { path: { id } } })) });
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [task, setTask] = useState<InspectionTask | null>(null);
  if (round.isPending) return <Loading />;
  if (round.isError) return <ErrorAlert error={round.error} />;
  const r = round.data;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/warnings/inspections" size="sm">
          ← {t('warnings.inspections.title')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={3}>{r.title}</Title>
          <InspectionStatusBadge status={r.status} />
        </Group>
      </div>
      {r.can.edit && (
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
          <Button onClick={() => setAdding(true)} data-testid="task-add">
            {t('warnings.inspections.addTask')}
          </Button>
        </Group>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('warnings.inspections.decision')} value={r.decisionNumber} />
          <Field label={t('warnings.inspections.period')} value={`${fmtDate(r.startsOn)} – ${fmtDate(r.endsOn)}`} />
          <Field
            label={t('warnings.inspections.openTasks')}
            value={`${r.openTasks}/${r.taskCount}${r.overdueTasks ? ` · ${r.overdueTasks} ${t('warnings.inspections.overdueTasks').toLowerCase()}` : ''}`}
          />
        </SimpleGrid>
        {r.plan && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.plan}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('warnings.inspections.agencies')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.agency')}</Table.Th>
              <Table.Th>{t('warnings.inspections.inspectedOn')}</Table.Th>
              <Table.Th>{t('warnings.inspections.conclusion')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.agencies.map((a) => (
              <Table.Tr key={a.agencyId}>
                <Table.Td>{a.agencyName}</Table.Td>
                <Table.Td>{fmtDate(a.inspectedOn)}</Table.Td>
                <Table.Td>{a.conclusion ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('warnings.inspections.tasks')}
        </Title>
        <Table striped highlightOnHover data-testid="tasks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.agency')}</Table.Th>
              <Table.Th>{t('warnings.inspections.finding')}</Table.Th>
              <Table.Th>{t('warnings.inspections.action')}</Table.Th>
              <Table.Th>{t('warnings.inspections.due')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.tasks.map((x) => (
              <Table.Tr key={x.id} style={{ cursor: 'pointer' }} onClick={() => setTask(x)}>
                <Table.Td>{x.agencyName}</Table.Td>
                <Table.Td>{x.finding}</Table.Td>
                <Table.Td>{x.action}</Table.Td>
                <Table.Td>
                  <DueDate date={x.dueOn} owed={x.status === 'open'} />
                </Table.Td>
                <Table.Td>
                  <Badge color={x.status === 'done' ? 'green' : x.overdue ? 'red' : 'gray'} variant="light" style={NO_SHRINK}>
                    {t(`warnings.inspections.taskStatus.${x.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <InspectionForm round={r} onClose={() => setEditing(false)} />}
      {adding && <TaskForm round={r} onClose={() => setAdding(false)} />}
      {task && <TaskModal roundId={r.id} task={r.tasks.find((x) => x.id === task.id) ?? task} onClose={() => setTask(null)} />}
    </Stack>
  );
}

function TaskForm({ round, onClose }: { round: InspectionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ agencyId: String(round.agencies[0]?.agencyId ?? ''), finding: '', action: '', dueOn: addDays(todayVn(), 30) });
  const save = useMutation({
    mutationFn: () => data(client.POST('/api/inspections/{id}/tasks', { params: { path: { id: round.id } }, body: { ...v, agencyId: Number(v.agencyId) } })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['inspection', round.id] });
      await qc.invalidateQueries({ queryKey: ['inspections'] });
      notifySaved();
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Modal opened onClose={onClose} title={t('warnings.inspections.addTask')} size="lg">
      <Stack>
        <NativeSelect
          label={t('common.agency')}
          value={v.agencyId}
          error={err('agencyId')}
          onChange={(e) => setV({ ...v, agencyId: e.currentTarget.value })}
          data={round.agencies.map((a) => ({ value: String(a.agencyId), label: a.agencyName }))}
        />
        <Textarea
          label={t('warnings.inspections.finding')}
          autosize
          minRows={2}
          value={v.finding}
          error={err('finding')}
          onChange={(e) => setV({ ...v, finding: e.currentTarget.value })}
        />
        <Textarea
          label={t('warnings.inspections.action')}
          autosize
          minRows={2}
          value={v.action}
          error={err('action')}
          onChange={(e) => setV({ ...v, action: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('warnings.inspections.due')}
          value={v.dueOn}
          error={err('dueOn')}
          onChange={(e) => setV({ ...v, dueOn: e.currentTarget.value })}
          w={200}
        />
        {save.isError && !['agencyId', 'finding', 'action', 'dueOn'].some((f) => err(f)) && <ErrorAlert error={save.error} />}
        <FormButtons onCancel={onClose} saving={save.isPending} onSave={() => save.mutate()} />
      </Stack>
    </Modal>
  );
}

function TaskModal({ roundId, task, onClose }: { roundId: number; task: InspectionTask; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [response, setResponse] = useState(task.response ?? '');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['inspection', roundId] });
    await qc.invalidateQueries({ queryKey: ['inspections'] });
  };
  const save = useMutation({
    mutationFn: (status: 'open' | 'done') =>
      data(client.PATCH('/api/inspection-tasks/{id}', { params: { path: { id: task.id } }, body: { status, response } })),
    onSuccess: async () => {
      await refresh();
      notifySaved();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`${task.agencyName} — ${t('warnings.inspections.due')} ${fmtDate(task.dueOn)}`} size="lg">
      <Stack>
        <Field label={t('warnings.inspections.finding')} value={task.finding} />
        <Field label={t('warnings.inspections.action')} value={task.action} />
        {task.status === 'done' && <Field label={t('warnings.item.respondedBy')} value={`${task.respondedByName ?? '—'} · ${fmtDate(task.doneOn)}`} />}
        <Textarea
          label={t('warnings.inspections.response')}
          autosize
          minRows={3}
          value={response}
          readOnly={!task.can.answer}
          error={fieldError(save.error, 'response')}
          onChange={(e) => setResponse(e.currentTarget.value)}
        />
        <div>
          <Text size="sm" fw={500}>
            {t('warnings.item.evidence')}
          </Text>
          <Attachments
            files={task.evidence}
            upload={(file) => data(client.POST('/api/inspection-tasks/{id}/evidence', { params: { path: { id: task.id } }, body: multipart(file) }))}
            canUpload={task.can.answer}
            onUploaded={refresh}
          />
        </div>
        {save.isError && !fieldError(save.error, 'response') && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          {task.can.answer && task.status === 'done' && (
            <Button variant="light" color="orange" loading={save.isPending} onClick={() => save.mutate('open')}>
              {t('warnings.inspections.reopen')}
            </Button>
          )}
          {task.can.answer && (
            <Button loading={save.isPending} onClick={() => save.mutate('done')}>
              {t('warnings.inspections.markDone')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
