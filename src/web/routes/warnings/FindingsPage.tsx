import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Modal, NativeSelect, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { useUsers } from '../../api/users.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { ErrorAlert, Loading, notifyError, notifySaved } from '../../components/ui.tsx';
import { SEVERITIES } from '../../../shared/scans/findings.ts';
import { DUE_DAYS, FINDING_STATUSES } from '../../../shared/scans/workflow.ts';
import { FindingListQuery, type Finding } from '../../../shared/warnings/schemas.ts';
import { ExceptionForm, FindingModal } from './FindingModal.tsx';
import { DueDate, FindingStatusBadge, KnownExploitedBadge, SeverityBadge } from './ui.tsx';

const PAGE = 50;
const FILTERS = FindingListQuery.pick({
  status: true,
  agencyId: true,
  systemId: true,
  severity: true,
  assigneeUserId: true,
  unassigned: true,
  overdue: true,
  knownExploited: true,
  q: true,
});

/** Findings in the caller's scope, filtered, with one action for the selected rows. */
export function FindingsPage() {
  const { t } = useTranslation();
  const { filters, page, value, set } = useUrlFilters(FILTERS);
  const query = { ...filters, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['findings-list', query], queryFn: () => data(client.GET('/api/findings', { params: { query } })) });
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const filter = (key: Parameters<typeof set>[0], v: string | null) => {
    setSelected([]);
    set(key, v);
  };
  const check = (key: 'overdue' | 'knownExploited' | 'unassigned', label: string) => (
    <Checkbox
      label={label}
      checked={filters[key] === 'true'}
      onChange={(e) => filter(key, e.currentTarget.checked ? 'true' : null)}
      mb={8}
      data-testid={`filter-${key}`}
    />
  );
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('common.status')}
          value={value('status') ?? 'unresolved'}
          onChange={(e) => filter('status', e.currentTarget.value === 'unresolved' ? null : e.currentTarget.value)}
          w={200}
          data-testid="filter-status"
          data={[
            { value: 'unresolved', label: t('warnings.findings.unresolved') },
            { value: 'all', label: t('common.all') },
            ...FINDING_STATUSES.map((s) => ({ value: s, label: t(`warnings.scans.findingStatus.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('warnings.field.severity')}
          value={value('severity') ?? ''}
          onChange={(e) => filter('severity', e.currentTarget.value || null)}
          w={160}
          data-testid="filter-severity"
          data={[{ value: '', label: t('common.all') }, ...SEVERITIES.map((s) => ({ value: s, label: t(`warnings.severity.${s}`) }))]}
        />
        <TextInput
          label={t('common.search')}
          defaultValue={value('q') ?? ''}
          onKeyDown={(e) => e.key === 'Enter' && filter('q', e.currentTarget.value.trim() || null)}
          onBlur={(e) => filter('q', e.currentTarget.value.trim() || null)}
          w={240}
          data-testid="filter-q"
        />
        {check('overdue', t('warnings.findings.overdueOnly'))}
        {check('knownExploited', t('warnings.findings.kevOnly'))}
        {check('unassigned', t('warnings.findings.unassignedOnly'))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('warnings.findings.duePolicy', DUE_DAYS)}
      </Text>
      {list.data?.can.work && selected.length > 0 && <BulkBar selected={items.filter((f) => selected.includes(f.id))} onDone={() => setSelected([])} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          {items.length ? (
            <Table striped highlightOnHover data-testid="findings-list">
              <Table.Thead>
                <Table.Tr>
                  {list.data.can.work && (
                    <Table.Th>
                      <Checkbox
                        aria-label={t('warnings.findings.selectAll')}
                        checked={selected.length === items.length}
                        indeterminate={selected.length > 0 && selected.length < items.length}
                        onChange={(e) => setSelected(e.currentTarget.checked ? items.map((f) => f.id) : [])}
                        data-testid="select-all"
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('warnings.field.severity')}</Table.Th>
                  <Table.Th>{t('warnings.field.title')}</Table.Th>
                  <Table.Th>{t('warnings.facts.system')}</Table.Th>
                  <Table.Th>{t('warnings.findings.dueOn')}</Table.Th>
                  <Table.Th>{t('warnings.findings.assignee')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f) => (
                  <Table.Tr key={f.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(f.id)} data-testid={`finding-row-${f.id}`}>
                    {list.data.can.work && (
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        <Checkbox
                          aria-label={t('warnings.findings.select')}
                          checked={selected.includes(f.id)}
                          disabled={!f.can.work}
                          onChange={(e) => setSelected(e.currentTarget.checked ? [...selected, f.id] : selected.filter((id) => id !== f.id))}
                          data-testid={`select-${f.id}`}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Stack gap={4}>
                        <SeverityBadge severity={f.severity} />
                        {f.knownExploited && <KnownExploitedBadge />}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.title}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {f.host}:{f.port} {f.cveIds.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/warnings/systems/${f.systemId}`} size="sm" onClick={(e) => e.stopPropagation()}>
                        {f.systemName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {f.agencyName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DueDate date={f.dueOn} owed={f.overdue} />
                    </Table.Td>
                    <Table.Td data-testid="finding-assignee">{f.assignee?.fullName ?? '—'}</Table.Td>
                    <Table.Td>
                      <FindingStatusBadge status={f.status} overdue={f.overdue} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text p="md" c="dimmed">
              {t('warnings.findings.empty')}
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination
              total={Math.ceil(list.data.total / PAGE)}
              value={page}
              onChange={(p) => {
                setSelected([]);
                set('page', String(p));
              }}
            />
          </Group>
        </Paper>
      )}
      {open !== null && <FindingModal id={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

type BulkAction = 'assign' | 'confirm' | 'start_remediation' | 'mark_false_positive' | 'accept_risk';

/** One action for the selected findings: the server applies it to all of them or to none. */
function BulkBar({ selected, onDone }: { selected: Finding[]; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const agencies = [...new Set(selected.map((f) => f.agencyId))];
  const agencyId = agencies.length === 1 ? agencies[0] : undefined;
  const people = useUsers({ agencyId }, { enabled: agencyId !== undefined });
  const [assignee, setAssignee] = useState<string | null>(null);
  const [exception, setException] = useState(false);
  const run = useMutation({
    mutationFn: (body: { action: BulkAction; assigneeUserId?: number | null; reason?: string; approverUserId?: number | null; expiresOn?: string }) =>
      data(client.POST('/api/findings/bulk', { body: { ids: selected.map((f) => f.id), ...body } })),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['findings-list'] });
      await qc.invalidateQueries({ queryKey: ['finding'] });
      notifySaved(t('warnings.findings.selected', { count: r.changed }));
      setException(false);
      onDone();
    },
    onError: notifyError,
  });
  return (
    <Paper withBorder p="sm" data-testid="bulk-bar">
      <Group align="flex-end">
        <Text size="sm" fw={600}>
          {t('warnings.findings.selected', { count: selected.length })}
        </Text>
        <Select
          label={t('warnings.findings.assign')}
          description={agencyId === undefined ? t('warnings.findings.assignHint') : undefined}
          disabled={agencyId === undefined}
          data={[{ value: '0', label: t('warnings.findings.nobody') }, ...(people.data ?? []).map((u) => ({ value: String(u.id), label: u.fullName }))]}
          value={assignee}
          onChange={setAssignee}
          searchable
          w={240}
          data-testid="bulk-assignee"
        />
        <Button
          variant="light"
          disabled={assignee === null}
          loading={run.isPending}
          onClick={() => run.mutate({ action: 'assign', assigneeUserId: Number(assignee) || null })}
          data-testid="bulk-assign"
        >
          {t('warnings.findings.assign')}
        </Button>
        <Button variant="light" loading={run.isPending} onClick={() => run.mutate({ action: 'confirm' })} data-testid="bulk-confirm">
          {t('warnings.findings.actions.confirm')}
        </Button>
        <Button variant="light" loading={run.isPending} onClick={() => run.mutate({ action: 'start_remediation' })} data-testid="bulk-start_remediation">
          {t('warnings.findings.actions.start_remediation')}
        </Button>
        <Button variant="light" color="grape" onClick={() => setException(true)} data-testid="bulk-exception">
          {t('warnings.findings.actions.accept_risk')} / {t('warnings.findings.actions.mark_false_positive')}
        </Button>
      </Group>
      {exception && (
        <Modal opened onClose={() => setException(false)} title={t('warnings.findings.selected', { count: selected.length })}>
          <ExceptionForm saving={run.isPending} error={run.error} onSave={(v) => run.mutate(v)} onCancel={() => setException(false)} />
        </Modal>
      )}
    </Paper>
  );
}
