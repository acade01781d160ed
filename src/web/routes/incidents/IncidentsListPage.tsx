import { Alert, Anchor, Button, Checkbox, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INCIDENT_KINDS, INCIDENT_SEVERITIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '../../../shared/incidents/vocabulary.ts';
import { IncidentListQuery } from '../../../shared/incidents/schemas.ts';
import { client, data } from '../../api/client.ts';
import { useIncidents } from '../../api/incidents.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { useMe } from '../../auth.ts';
import { fmtDateTime, fmtNumber } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { LateBadge, SeverityBadge, StatusBadge } from './badges.tsx';

const PAGE = 50;
const FILTERS = IncidentListQuery.pick({ q: true, status: true, severity: true, kind: true, source: true, open: true, late: true, serious: true, mine: true });

export function IncidentsListPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const { filters, page, value, set, setMany } = useUrlFilters(FILTERS);
  const list = useIncidents({ ...filters, limit: PAGE, offset: (page - 1) * PAGE });
  const stats = useQuery({ queryKey: ['incident-stats'], queryFn: () => data(client.GET('/api/incidents/stats')) });
  const check = (k: 'open' | 'serious' | 'late' | 'mine', label: string) => (
    <Checkbox
      label={label}
      checked={filters[k] === 'true'}
      onChange={(e) => set(k, e.currentTarget.checked ? 'true' : null)}
      mb={8}
      data-testid={`incidents-filter-${k}`}
    />
  );

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('incidents.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('incidents.legal')}
          </Text>
        </div>
        {list.data?.can.report && (
          <Button component={Link} to="/incidents/new" data-testid="incident-report">
            {t('incidents.list.report')}
          </Button>
        )}
      </Group>
      {stats.data && (
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          {(
            [
              ['total', stats.data.total],
              ['open', stats.data.open],
              ['openSerious', stats.data.openSerious],
              ['late', stats.data.lateReports],
              ['overdueTasks', stats.data.overdueTasks],
            ] as const
          ).map(([k, v]) => (
            <Paper key={k} withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t(`incidents.stats.${k}`)}
              </Text>
              <Text fw={700} size="xl" c={k !== 'total' && k !== 'open' && v > 0 ? 'red' : undefined} data-testid={`incident-stat-${k}`}>
                {fmtNumber(v)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {me.can['incidents.work'] && !!stats.data?.hotlineAwaitingTriage && (
        <Alert color="orange">
          <Anchor component="button" onClick={() => setMany({ source: 'hotline', status: 'received' })}>
            {t('incidents.list.hotlineQueue', { count: stats.data.hotlineAwaitingTriage })}
          </Anchor>
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <TextInput
            label={t('common.search')}
            placeholder={t('incidents.list.search')}
            defaultValue={value('q') ?? ''}
            w={240}
            onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value)}
            onBlur={(e) => set('q', e.currentTarget.value)}
          />
          <Select
            label={t('common.status')}
            clearable
            value={value('status')}
            onChange={(v) => set('status', v)}
            w={160}
            data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))}
          />
          <Select
            label={t('incidents.form.severity')}
            clearable
            value={value('severity')}
            onChange={(v) => set('severity', v)}
            w={140}
            data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
          />
          <Select
            label={t('incidents.form.kind')}
            clearable
            value={value('kind')}
            onChange={(v) => set('kind', v)}
            w={190}
            data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
          />
          <Select
            label={t('incidents.list.source')}
            clearable
            value={value('source')}
            onChange={(v) => set('source', v)}
            w={160}
            data={INCIDENT_SOURCES.map((s) => ({ value: s, label: t(`incidents.source.${s}`) }))}
          />
          {check('open', t('incidents.list.openOnly'))}
          {check('serious', t('incidents.list.seriousOnly'))}
          {check('late', t('incidents.list.lateOnly'))}
          {check('mine', t('incidents.list.mine'))}
        </Group>
      </Paper>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="incidents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.details')}</Table.Th>
                <Table.Th>{t('incidents.form.name')}</Table.Th>
                <Table.Th>{t('common.agency')}</Table.Th>
                <Table.Th>{t('incidents.form.severity')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('incidents.list.detected')}</Table.Th>
                <Table.Th>{t('incidents.list.reported')}</Table.Th>
                <Table.Th>{t('incidents.list.lead')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {i.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${i.id}`} size="sm">
                      {i.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`incidents.kind.${i.kind}`)}
                      {i.source === 'hotline' ? ` · ${t('incidents.source.hotline')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.agencyName ?? i.hotlineOrganization ?? '—'}</Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={i.severity} serious={i.serious} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmtDateTime(i.detectedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmtDateTime(i.reportedAt)}</Text>
                    {i.late && <LateBadge />}
                  </Table.Td>
                  <Table.Td>{i.leadName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!list.data.items.length && (
            <Text p="md" c="dimmed">
              {t('incidents.list.empty')}
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed" data-testid="incidents-total">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(list.data.total / PAGE))} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
