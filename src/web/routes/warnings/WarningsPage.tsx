import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Pagination, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data, multipart } from '../../api/client.ts';
import { useRemediationItems, useWarningsStats } from '../../api/warnings.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { fmtDate, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, Loading, notifySaved } from '../../components/ui.tsx';
import { ImportModal } from '../../components/ImportModal.tsx';
import { WarningListQuery } from '../../../shared/warnings/schemas.ts';
import { WarningForm } from './WarningForm.tsx';
import { ItemsTable } from './ItemsPage.tsx';
import { KnownExploitedBadge, SeverityBadge } from './ui.tsx';

const PAGE = 30;

export function WarningsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { filters, page, value, set } = useUrlFilters(WarningListQuery.pick({ q: true, knownExploited: true }));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const query = { ...filters, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['warnings', query], queryFn: () => data(client.GET('/api/warnings', { params: { query } })) });
  const overdue = useRemediationItems({ overdue: 'true', limit: 10 });
  return (
    <Stack>
      <StatsCards />
      <Group justify="space-between">
        <Group>
          <TextInput
            placeholder={t('common.search')}
            defaultValue={value('q') ?? ''}
            w={320}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set('q', e.currentTarget.value);
            }}
          />
          <Checkbox
            label={t('warnings.list.exploitedOnly')}
            checked={filters.knownExploited === 'true'}
            onChange={(e) => set('knownExploited', e.currentTarget.checked ? 'true' : null)}
            data-testid="warnings-exploited-only"
          />
        </Group>
        {list.data?.can.record && (
          <Group>
            <Anchor component={Link} to="/warnings/feeds" size="sm" data-testid="feed-sources-link">
              {t('warnings.sources.link')}
            </Anchor>
            <Button variant="light" onClick={() => setImporting(true)} data-testid="warning-import">
              {t('warnings.list.import')}
            </Button>
            <Button onClick={() => setCreating(true)} data-testid="warning-add">
              {t('warnings.list.add')}
            </Button>
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="warnings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.field.issuedOn')}</Table.Th>
                <Table.Th>{t('warnings.field.number')}</Table.Th>
                <Table.Th>{t('warnings.field.title')}</Table.Th>
                <Table.Th>{t('warnings.field.severity')}</Table.Th>
                <Table.Th w={220}>{t('warnings.list.progress')}</Table.Th>
                <Table.Th>{t('warnings.field.dueOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{fmtDate(w.issuedOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{w.number}</Text>
                    <Text size="xs" c="dimmed">
                      {w.source}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/warnings/${w.id}`}>
                      {w.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <SeverityBadge severity={w.severity} />
                      {w.knownExploited.length > 0 && <KnownExploitedBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Progress value={w.progress.answeredPercent ?? 0} color={w.progress.overdue ? 'orange' : 'green'} />
                    <Text size="xs">
                      {w.progress.answered}/{w.progress.total} {t('warnings.detail.answered').toLowerCase()}
                      {w.progress.overdue ? ` · ${w.progress.overdue} ${t('warnings.detail.overdue').toLowerCase()}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{fmtDate(w.dueOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!list.data.items.length && (
            <Text p="md" c="dimmed">
              {t('warnings.list.empty')}
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          {t('warnings.list.overdueItems')}
        </Title>
        {overdue.data &&
          (overdue.data.items.length ? (
            <ItemsTable items={overdue.data.items} testid="overdue-items" />
          ) : (
            <Text c="dimmed" size="sm">
              {t('warnings.list.noOverdue')}
            </Text>
          ))}
        {overdue.data && overdue.data.total > overdue.data.items.length && (
          <Anchor component={Link} to="/warnings/items?overdue=true" size="sm">
            {t('common.total')}: {overdue.data.total} →
          </Anchor>
        )}
      </Paper>
      {creating && <WarningForm onClose={() => setCreating(false)} />}
      {importing && (
        <ImportModal
          title={t('warnings.list.import')}
          hint={t('warnings.list.importHint')}
          accept=".csv,.json,.txt"
          testid="warning-import-file"
          onClose={() => setImporting(false)}
          upload={(file) => data(client.POST('/api/warnings/import', { body: multipart(file) }))}
          onDone={async (r) => {
            await qc.invalidateQueries({ queryKey: ['warnings'] });
            notifySaved(t('warnings.list.importDone', { ...r, format: t(`warnings.feed.formats.${r.format}`) }));
          }}
        />
      )}
    </Stack>
  );
}

/** The scope's figures at a glance: remediation, scans in 6 months, assessments on schedule, open findings. */
export function StatsCards({ agencyId }: { agencyId?: number }) {
  const { t } = useTranslation();
  const stats = useWarningsStats(agencyId);
  if (!stats.data) return null;
  const s = stats.data;
  const card = (label: string, value: string, sub: string, testid: string, color?: string) => (
    <Paper withBorder p="sm" data-testid={testid}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {sub}
      </Text>
    </Paper>
  );
  const f = s.openFindings;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
      {card(
        t('warnings.list.progress'),
        fmtPercent(s.items.answeredPercent),
        `${s.items.answered}/${s.items.total} · ${s.items.overdue} ${t('warnings.detail.overdue').toLowerCase()}`,
        'stat-items',
        s.items.overdue ? 'orange' : undefined,
      )}
      {card(
        t('warnings.facts.scannedShare'),
        fmtPercent(s.systems.scannedPercent),
        `${s.systems.scannedWithin6Months}/${s.systems.inOperation} · ${t('warnings.facts.scanRule')}`,
        'stat-scans',
      )}
      {card(
        t('warnings.facts.onSchedule'),
        fmtPercent(s.systems.assessmentOnSchedulePercent),
        `${s.systems.assessmentOverdue} ${t('warnings.detail.overdue').toLowerCase()} / ${s.systems.withAssessmentSchedule}`,
        'stat-assessments',
        s.systems.assessmentOverdue ? 'red' : undefined,
      )}
      {card(
        t('warnings.facts.openFindings'),
        String(f.critical + f.high + f.medium + f.low),
        `${t('warnings.severity.critical')} ${f.critical} · ${t('warnings.severity.high')} ${f.high} · ${t('warnings.severity.medium')} ${f.medium} · ${t('warnings.severity.low')} ${f.low}`,
        'stat-findings',
      )}
    </SimpleGrid>
  );
}
