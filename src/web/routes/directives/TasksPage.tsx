import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Pagination, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { TaskListQuery } from '../../../shared/directives/schemas.ts';
import { ASSIGNMENT_STATUSES, issuedDateText } from '../../../shared/directives/tasks.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useDirectives, useTasks } from '../../api/directives.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { useMe } from '../../auth.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { DueDate, StatusBadge } from './badges.tsx';
import { DirectiveForm } from './DirectiveForm.tsx';

const PAGE = 50;
const FILTERS = TaskListQuery.pick({ q: true, status: true, overdue: true, directiveId: true, agencyId: true });

export function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'tasks';
  return (
    <Stack>
      <Title order={2}>{t('directives.title')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v === 'tasks' ? {} : { tab: v ?? 'tasks' }, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="tasks" data-testid="tab-tasks">
            {t('directives.tabs.tasks')}
          </Tabs.Tab>
          <Tabs.Tab value="directives" data-testid="tab-directives">
            {t('directives.tabs.directives')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'directives' ? <DirectiveList /> : <TaskList />}
    </Stack>
  );
}

function TaskList() {
  const { t } = useTranslation();
  const { filters, page, value, set } = useUrlFilters(FILTERS);
  const list = useTasks({ ...filters, limit: PAGE, offset: (page - 1) * PAGE });
  const directives = useDirectives();
  const agencies = useAgencies();
  return (
    <>
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <TextInput
            label={t('common.search')}
            defaultValue={value('q') ?? ''}
            onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value)}
            onBlur={(e) => set('q', e.currentTarget.value)}
          />
          <Select
            label={t('directives.list.directive')}
            searchable
            clearable
            w={260}
            value={value('directiveId')}
            onChange={(v) => set('directiveId', v)}
            data={(directives.data ?? []).map((d) => ({ value: String(d.id), label: `${d.number} — ${d.title}` }))}
          />
          <Select
            label={t('common.agency')}
            searchable
            clearable
            w={240}
            value={value('agencyId')}
            onChange={(v) => set('agencyId', v)}
            data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          />
          <Select
            label={t('directives.list.status')}
            clearable
            w={170}
            value={value('status')}
            onChange={(v) => set('status', v)}
            data={ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: t(`directives.status.${s}`) }))}
          />
          <Checkbox
            mb={8}
            label={t('directives.overdueOnly')}
            checked={filters.overdue === 'true'}
            onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
            data-testid="tasks-overdue-only"
          />
        </Group>
      </Paper>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="tasks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directives.list.task')}</Table.Th>
                <Table.Th>{t('directives.list.directive')}</Table.Th>
                <Table.Th>{t('directives.list.agency')}</Table.Th>
                <Table.Th>{t('directives.list.due')}</Table.Th>
                <Table.Th>{t('directives.list.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id} bg={a.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                  <Table.Td maw={460}>
                    <Anchor component={Link} to={`/tasks/assignments/${a.id}`} size="sm" lineClamp={2}>
                      {a.taskText}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {a.deadlineText}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/tasks/directives/${a.directiveId}`} size="sm">
                      {a.directiveNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <DueDate dueOn={a.dueOn} overdue={a.overdue} status={a.status} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
              {!list.data.items.length && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" size="sm">
                      {t('directives.list.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed" data-testid="tasks-total">
              {t('directives.list.total', { total: list.data.total, overdue: list.data.overdue })}
            </Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
    </>
  );
}

function DirectiveList() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);
  const list = useDirectives();
  const manage = me.can['directives.manage'];
  return (
    <>
      {manage && (
        <Group justify="flex-end">
          <Button onClick={() => setCreating(true)} data-testid="directive-add">
            {t('directives.directive.add')}
          </Button>
        </Group>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="directives-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directives.directive.number')}</Table.Th>
                <Table.Th>{t('directives.directive.title')}</Table.Th>
                <Table.Th>{t('directives.directive.issuer')}</Table.Th>
                <Table.Th>{t('directives.directive.issuedOn')}</Table.Th>
                <Table.Th>{t('directives.directive.tasks')}</Table.Th>
                <Table.Th>{t('directives.directive.completed')}</Table.Th>
                <Table.Th>{t('directives.directive.overdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Badge variant="outline" mr={6}>
                      {t(`directives.directive.kinds.${d.kind}`)}
                    </Badge>
                    <Text span size="sm">
                      {d.number}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Anchor component={Link} to={`/tasks/directives/${d.id}`} size="sm">
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.issuer}</Text>
                    {d.modelOf && (
                      <Badge size="xs" color="gray" variant="light">
                        {t('directives.directive.model')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{issuedDateText(d.issuedOn, d.issuedPrecision, i18n.language === 'en' ? 'en' : 'vi')}</Table.Td>
                  <Table.Td>{d.taskCount}</Table.Td>
                  <Table.Td>
                    {d.completedCount}/{d.assignmentCount}
                  </Table.Td>
                  <Table.Td>{d.overdueCount ? <Badge color="red">{d.overdueCount}</Badge> : 0}</Table.Td>
                </Table.Tr>
              ))}
              {!list.data.length && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" size="sm">
                      {t('directives.directive.none')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {creating && <DirectiveForm onClose={() => setCreating(false)} />}
    </>
  );
}
