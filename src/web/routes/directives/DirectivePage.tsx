import { useState } from 'react';
import { Alert, Anchor, Badge, Button, FileButton, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, data, multipart } from '../../api/client.ts';
import { issuedDateText } from '../../../shared/directives/tasks.ts';
import { ErrorAlert, Loading, notifyError } from '../../components/ui.tsx';
import { Field } from '../../components/Field.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { DueDate, StatusBadge } from './badges.tsx';
import { DirectiveForm } from './DirectiveForm.tsx';
import { TaskForm } from './TaskForm.tsx';
import type { DirectiveT } from './types.ts';
import { YEARLY_REPORT_OBLIGATIONS } from '../../../shared/contributions/due.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';

type Task = DirectiveT['tasks'][number];

export function DirectivePage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const directive = useQuery({ queryKey: ['directive', id], queryFn: () => data(client.GET('/api/directives/{id}', { params: { path: { id } } })) });
  const [editing, setEditing] = useState(false);
  const [reading, setReading] = useState(false);
  const [taskForm, setTaskForm] = useState<{ task?: Task } | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => data(client.POST('/api/directives/{id}/file', { params: { path: { id } }, body: multipart(file) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['directive', id] }),
    onError: notifyError,
  });
  if (directive.isPending) return <Loading />;
  if (directive.isError) return <ErrorAlert error={directive.error} />;
  const d = directive.data;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/tasks?tab=directives" size="sm">
          ← {t('directives.tabs.directives')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Badge variant="outline">{t(`directives.directive.kinds.${d.kind}`)}</Badge>
          <Title order={2} data-testid="directive-heading">
            {d.number}
          </Title>
        </Group>
        <Text fw={500}>{d.title}</Text>
        {d.modelOf && (
          <Alert mt="xs" color="gray" variant="light" data-testid="directive-model">
            {t('directives.directive.modelNotice', { province: d.modelOf })}
          </Alert>
        )}
      </div>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Field label={t('directives.directive.issuer')} value={d.issuer} />
          <Field label={t('directives.directive.issuedOn')} value={issuedDateText(d.issuedOn, d.issuedPrecision, i18n.language === 'en' ? 'en' : 'vi')} />
          <Field label={t('directives.directive.basedOn')} value={d.basedOn} />
          <Field label={t('directives.directive.signer')} value={[d.signerTitle, d.signerName].filter(Boolean).join(' — ') || null} />
          <Field
            label={t('directives.directive.file')}
            value={
              d.file ? (
                <Anchor href={`/api/directives/${d.id}/file`} size="sm">
                  {d.file.name}
                </Anchor>
              ) : null
            }
          />
        </SimpleGrid>
        {d.summary && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {d.summary}
          </Text>
        )}
        {d.sourceText && (
          <Button mt="sm" size="xs" variant="default" onClick={() => setReading(true)} data-testid="directive-source">
            {t('directives.directive.openSource')}
          </Button>
        )}
        {d.can.manage && (
          <Group mt="sm">
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx">
              {(props) => (
                <Button {...props} size="xs" variant="light" loading={upload.isPending}>
                  {t('directives.directive.attach')}
                </Button>
              )}
            </FileButton>
            <Button size="xs" onClick={() => setTaskForm({})} data-testid="task-add">
              {t('directives.task.add')}
            </Button>
          </Group>
        )}
      </Paper>
      <YearlyObligations instrument={d.instrument} />
      {d.tasks.length === 0 && <Text c="dimmed">{t('directives.task.noTasks')}</Text>}
      {d.tasks.map((task) => (
        <TaskCard key={task.id} directiveId={d.id} task={task} canManage={d.can.manage} onEdit={() => setTaskForm({ task })} />
      ))}
      {reading && d.sourceText && (
        <Modal opened onClose={() => setReading(false)} title={`${d.number} — ${d.issuer}`} size="xl">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="directive-source-text">
            {d.sourceText}
          </Text>
        </Modal>
      )}
      {editing && <DirectiveForm directive={d} onClose={() => setEditing(false)} />}
      {taskForm && <TaskForm directiveId={d.id} task={taskForm.task} onClose={() => setTaskForm(null)} />}
    </Stack>
  );
}

function TaskCard({ directiveId, task, canManage, onEdit }: { directiveId: number; task: Task; canManage: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => data(client.PATCH('/api/tasks/{id}', { params: { path: { id: task.id } }, body: { active: !task.active } })),
    onSuccess: (d) => {
      qc.setQueryData(['directive', directiveId], d);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: notifyError,
  });
  const overdue = task.assignments.filter((a) => a.overdue).length;
  const completed = task.assignments.filter((a) => a.status === 'completed').length;
  return (
    <Paper withBorder p="md" data-testid={`task-${task.id}`} opacity={task.active ? 1 : 0.6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={500}>
            {task.code ? `${task.code}. ` : ''}
            {task.text}
          </Text>
          <Text size="sm" c="dimmed">
            {[
              task.legalClause,
              task.assigneesText && `${t('directives.task.addressed')}: ${task.assigneesText}`,
              task.deadlineText,
              task.expectedEvidence && `${t('directives.task.evidence')}: ${task.expectedEvidence}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {!task.active && <Badge color="gray">{t('directives.task.withdrawn')}</Badge>}
          <Badge variant="light">
            {completed}/{task.assignments.length}
          </Badge>
          {overdue > 0 && (
            <Badge color="red">
              {t('directives.overdue')}: {overdue}
            </Badge>
          )}
          {canManage && (
            <Button size="xs" variant="subtle" onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
          {canManage && task.active && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="gray"
              loading={withdraw.isPending}
              title={t('directives.task.withdrawConfirm', { count: task.assignments.length })}
              message={t('directives.task.withdrawEffect')}
              confirmLabel={t('directives.task.withdraw')}
              onConfirm={() => withdraw.mutate()}
              testid={`task-withdraw-${task.id}`}
            >
              {t('directives.task.withdraw')}
            </ConfirmButton>
          )}
          {canManage && !task.active && (
            <Button size="xs" variant="subtle" color="gray" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('common.active')}
            </Button>
          )}
        </Group>
      </Group>
      {task.assignments.length > 0 && (
        <Table mt="sm" striped data-testid="task-assignments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('directives.task.agency')}</Table.Th>
              <Table.Th>{t('directives.task.due')}</Table.Th>
              <Table.Th>{t('directives.task.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {task.assignments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/tasks/assignments/${a.id}`} size="sm">
                    {a.agencyName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <DueDate dueOn={a.dueOn} overdue={a.overdue} status={a.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <StatusBadge status={a.status} />
                    {a.completedOccurrences > 0 && a.status !== 'completed' && (
                      <Text size="xs" c="dimmed">
                        {t('directives.task.done', { count: a.completedOccurrences })}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The text's yearly reporting clauses (Vĩnh Phúc 2.l; Thanh Hóa 1.d, 2.c) are carried by the yearly report screen, not by tasks. */
function YearlyObligations({ instrument }: { instrument: string | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const carried = YEARLY_REPORT_OBLIGATIONS.filter((o) => o.citation.instrument === instrument);
  if (!carried.length) return null;
  return (
    <Alert color="blue" variant="light" data-testid="directive-yearly">
      <Text size="sm">{t('yearly.directiveNote')}</Text>
      <Stack gap={2} my="xs">
        {carried.map((o) => (
          <Text key={`${o.citation.clause}${o.citation.point}`} size="sm">
            <b>{formatCitation(o.citation, en ? 'en' : 'vi')}</b>: {en ? o.en : o.vi}
          </Text>
        ))}
      </Stack>
      <Anchor component={Link} to="/yearly-report" size="sm" data-testid="directive-yearly-link">
        {t('yearly.directiveLink')}
      </Anchor>
    </Alert>
  );
}
