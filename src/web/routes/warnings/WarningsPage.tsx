import { useState } from 'react';
import { Anchor, Button, Checkbox, FileInput, Group, Modal, Pagination, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api, get, qs } from '../../api/client.ts';
import { hasRole, useMe } from '../../auth.ts';
import { fmtDate, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, Loading, notifySaved } from '../../components/ui.tsx';
import type { FeedImportResult, ItemSummary, WarningsStats, WarningSummary } from '../../../shared/warnings/schemas.ts';
import type { z } from 'zod';
import { WarningForm } from './WarningForm.tsx';
import { ItemsTable } from './ItemsPage.tsx';
import { KnownExploitedBadge, SeverityBadge } from './ui.tsx';

const PAGE = 30;

export function WarningsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const page = Number(params.get('page') ?? 1);
  const q = params.get('q') ?? '';
  const exploited = params.get('knownExploited') === 'true';
  const query = qs({ q, knownExploited: exploited ? 'true' : undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const filter = (next: { q?: string; exploited?: boolean; page?: number }) => setParams(qs({ q: next.q ?? q,
    knownExploited: (next.exploited ?? exploited) ? 'true' : undefined, page: next.page }).slice(1), { replace: true });
  const list = useQuery({ queryKey: ['warnings', query], queryFn: () => get<{ total: number; items: WarningSummary[] }>(`/api/warnings${query}`) });
  const overdue = useQuery({ queryKey: ['remediation-items', 'overdue'], queryFn: () => get<{ total: number; items: ItemSummary[] }>('/api/remediation-items?overdue=true&limit=10') });
  const canRecord = hasRole(me, 'platform_admin', 'dept_security');
  return (
    <Stack>
      <StatsCards />
      <Group justify="space-between">
        <Group>
          <TextInput placeholder={t('common.search')} defaultValue={q} w={320}
            onKeyDown={(e) => { if (e.key === 'Enter') filter({ q: e.currentTarget.value }); }} />
          <Checkbox label={t('warnings.list.exploitedOnly')} checked={exploited} onChange={(e) => filter({ exploited: e.currentTarget.checked })} data-testid="warnings-exploited-only" />
        </Group>
        {canRecord && (
          <Group>
            <Button variant="light" onClick={() => setImporting(true)} data-testid="warning-import">{t('warnings.list.import')}</Button>
            <Button onClick={() => setCreating(true)} data-testid="warning-add">{t('warnings.list.add')}</Button>
          </Group>
        )}
      </Group>
      {list.isPending ? <Loading /> : list.isError ? <ErrorAlert error={list.error} /> : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="warnings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.field.issuedOn')}</Table.Th><Table.Th>{t('warnings.field.number')}</Table.Th><Table.Th>{t('warnings.field.title')}</Table.Th>
                <Table.Th>{t('warnings.field.severity')}</Table.Th><Table.Th w={220}>{t('warnings.list.progress')}</Table.Th><Table.Th>{t('warnings.field.dueOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{fmtDate(w.issuedOn)}</Table.Td>
                  <Table.Td><Text size="sm">{w.number}</Text><Text size="xs" c="dimmed">{w.source}</Text></Table.Td>
                  <Table.Td><Anchor component={Link} to={`/warnings/${w.id}`}>{w.title}</Anchor></Table.Td>
                  <Table.Td><Group gap={4} wrap="nowrap"><SeverityBadge severity={w.severity} />{w.knownExploited.length > 0 && <KnownExploitedBadge />}</Group></Table.Td>
                  <Table.Td>
                    <Progress value={w.progress.answeredPercent ?? 0} color={w.progress.overdue ? 'orange' : 'green'} />
                    <Text size="xs">{w.progress.answered}/{w.progress.total} {t('warnings.detail.answered').toLowerCase()}{w.progress.overdue ? ` · ${w.progress.overdue} ${t('warnings.detail.overdue').toLowerCase()}` : ''}</Text>
                  </Table.Td>
                  <Table.Td>{fmtDate(w.dueOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!list.data.items.length && <Text p="md" c="dimmed">{t('warnings.list.empty')}</Text>}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">{t('common.total')}: {list.data.total}</Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => filter({ page: p })} />
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={5} mb="xs">{t('warnings.list.overdueItems')}</Title>
        {overdue.data && (overdue.data.items.length ? <ItemsTable items={overdue.data.items} testid="overdue-items" /> : <Text c="dimmed" size="sm">{t('warnings.list.noOverdue')}</Text>)}
        {overdue.data && overdue.data.total > overdue.data.items.length && <Anchor component={Link} to="/warnings/items?overdue=true" size="sm">{t('common.total')}: {overdue.data.total} →</Anchor>}
      </Paper>
      {creating && <WarningForm onClose={() => setCreating(false)} />}
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </Stack>
  );
}

/** The scope's figures at a glance: remediation, scans in 6 months, assessments on schedule, open findings. */
export function StatsCards({ agencyId }: { agencyId?: number }) {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['warnings-stats', agencyId ?? null], queryFn: () => get<WarningsStats>(`/api/warnings/stats${qs({ agencyId })}`) });
  if (!stats.data) return null;
  const s = stats.data;
  const card = (label: string, value: string, sub: string, testid: string, color?: string) => (
    <Paper withBorder p="sm" data-testid={testid}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} c={color}>{value}</Text>
      <Text size="xs" c="dimmed">{sub}</Text>
    </Paper>
  );
  const f = s.openFindings;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
      {card(t('warnings.list.progress'), fmtPercent(s.items.answeredPercent), `${s.items.answered}/${s.items.total} · ${s.items.overdue} ${t('warnings.detail.overdue').toLowerCase()}`, 'stat-items', s.items.overdue ? 'orange' : undefined)}
      {card(t('warnings.facts.scannedShare'), fmtPercent(s.systems.scannedPercent), `${s.systems.scannedWithin6Months}/${s.systems.inOperation} · ${t('warnings.facts.scanRule')}`, 'stat-scans')}
      {card(t('warnings.facts.onSchedule'), fmtPercent(s.systems.assessmentOnSchedulePercent), `${s.systems.assessmentOverdue} ${t('warnings.detail.overdue').toLowerCase()} / ${s.systems.withAssessmentSchedule}`, 'stat-assessments', s.systems.assessmentOverdue ? 'red' : undefined)}
      {card(t('warnings.facts.openFindings'), String(f.critical + f.high + f.medium + f.low), `${t('warnings.severity.critical')} ${f.critical} · ${t('warnings.severity.high')} ${f.high} · ${t('warnings.severity.medium')} ${f.medium} · ${t('warnings.severity.low')} ${f.low}`, 'stat-findings')}
    </SimpleGrid>
  );
}

type RowError = { row: number; field?: string; message?: string; messageVi?: string };

function ImportModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: () => { const form = new FormData(); form.append('file', file!); return api<z.infer<typeof FeedImportResult>>('POST', '/api/warnings/import', form); },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['warnings'] });
      notifySaved(t('warnings.list.importDone', { ...r, format: t(`warnings.feed.formats.${r.format}`) }));
      onClose();
    },
  });
  const rows = run.error instanceof ApiError ? (run.error.details as RowError[] | undefined) : undefined;
  return (
    <Modal opened onClose={onClose} title={t('warnings.list.import')} size="lg">
      <Stack>
        <Text size="sm">{t('warnings.list.importHint')}</Text>
        <FileInput label={t('common.file')} accept=".csv,.json,.txt" value={file} onChange={setFile} data-testid="warning-import-file" />
        {run.isError && <ErrorAlert error={run.error} />}
        {rows && (
          <Table>
            <Table.Tbody>
              {/* biome-ignore lint/suspicious/noArrayIndexKey: read-only rows, never reordered */}
              {rows.slice(0, 100).map((r, i) => <Table.Tr key={i}><Table.Td>{r.row}</Table.Td><Table.Td>{r.field ? `${r.field}: ` : ''}{i18n.language === 'vi' ? r.messageVi ?? r.message : r.message}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.close')}</Button>
          <Button disabled={!file} loading={run.isPending} onClick={() => run.mutate()} data-testid="warning-import-send">{t('common.upload')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
