import { Anchor, Checkbox, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, data } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useWarningsStats } from '../../api/warnings.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { fmtDate } from '../../i18n/index.ts';
import { ScheduleRules } from '../../components/ScheduleRules.tsx';
import { ErrorAlert, LevelBadge, Loading } from '../../components/ui.tsx';
import { SystemFactsQuery } from '../../../shared/warnings/schemas.ts';
import { StatsCards } from './WarningsPage.tsx';
import { DueDate, NO_SHRINK, SeverityCounts } from './ui.tsx';

const PAGE = 50;
// One overdue box in the URL; it means scans or assessments by the page.
const FILTERS = SystemFactsQuery.pick({ agencyId: true, q: true }).extend({ overdue: SystemFactsQuery.shape.scanOverdue });

/** Every system in scope with its last scan and 6-month due date, or its assessment schedule by level. */
export function SecurityFactsPage({ focus }: { focus: 'scans' | 'assessments' }) {
  const { t } = useTranslation();
  const {
    filters: { overdue, ...filters },
    page,
    value,
    set,
  } = useUrlFilters(FILTERS);
  const { agencyId } = filters;
  const query = { ...filters, [focus === 'scans' ? 'scanOverdue' : 'assessmentOverdue']: overdue, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['system-facts', query], queryFn: () => data(client.GET('/api/warnings/system-facts', { params: { query } })) });
  const agencies = useAgencies();
  return (
    <Stack>
      <StatsCards agencyId={agencyId} />
      <ScheduleRules show={[focus === 'scans' ? 'scan' : 'assessment']} />
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <TextInput
            label={t('common.search')}
            defaultValue={value('q') ?? ''}
            onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value)}
            onBlur={(e) => set('q', e.currentTarget.value)}
          />
          <Select
            label={t('common.agency')}
            searchable
            clearable
            value={value('agencyId')}
            onChange={(v) => set('agencyId', v)}
            w={300}
            data={(agencies.data ?? []).filter((a) => !a.external).map((a) => ({ value: String(a.id), label: a.name }))}
          />
          <Checkbox
            label={t('warnings.facts.overdueOnly')}
            checked={overdue === 'true'}
            onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
            mb={8}
            data-testid="facts-overdue"
          />
        </Group>
      </Paper>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="facts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warnings.facts.system')}</Table.Th>
                <Table.Th>{t('common.agency')}</Table.Th>
                <Table.Th>{t('warnings.facts.level')}</Table.Th>
                {focus === 'scans' ? (
                  <>
                    <Table.Th>{t('warnings.facts.lastScan')}</Table.Th>
                    <Table.Th>{t('warnings.facts.nextScan')}</Table.Th>
                    <Table.Th>{t('warnings.facts.openFindings')}</Table.Th>
                    <Table.Th>{t('warnings.facts.openItems')}</Table.Th>
                  </>
                ) : (
                  <>
                    <Table.Th>{t('warnings.facts.lastAssessment')}</Table.Th>
                    <Table.Th>{t('warnings.facts.nextAssessment')}</Table.Th>
                    <Table.Th>{t('warnings.facts.monitoring')}</Table.Th>
                  </>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.systemId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/warnings/systems/${s.systemId}`} size="sm">
                      {s.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {s.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.agencyName}</Table.Td>
                  <Table.Td>
                    <div style={NO_SHRINK}>
                      <LevelBadge level={s.level} />
                    </div>
                  </Table.Td>
                  {focus === 'scans' ? (
                    <>
                      <Table.Td>
                        {s.lastScanOn ? (
                          fmtDate(s.lastScanOn)
                        ) : (
                          <Text size="sm" c={s.scanOverdue ? 'red' : 'dimmed'}>
                            {t('warnings.facts.never')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{s.nextScanDue ? <DueDate date={s.nextScanDue} owed={s.status === 'in_operation'} /> : '—'}</Table.Td>
                      <Table.Td>
                        <SeverityCounts counts={s.openFindings} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={s.overdueItems ? 'red' : undefined}>
                          {s.openItems}
                          {s.overdueItems ? ` (${s.overdueItems} ${t('warnings.detail.overdue').toLowerCase()})` : ''}
                        </Text>
                      </Table.Td>
                    </>
                  ) : (
                    <>
                      <Table.Td>{fmtDate(s.lastAssessedOn)}</Table.Td>
                      <Table.Td>
                        <DueDate date={s.nextAssessmentDue} owed={s.status === 'in_operation'} />
                      </Table.Td>
                      <Table.Td>{s.monitoringProviderName ?? '—'}</Table.Td>
                    </>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed" data-testid="facts-total">
              {t('common.total')}: {list.data.total}
            </Text>
            <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={(p) => set('page', String(p))} />
          </Group>
        </Paper>
      )}
      {focus === 'scans' && <FindingsByAgency agencyId={agencyId} />}
    </Stack>
  );
}

function FindingsByAgency({ agencyId }: { agencyId?: number }) {
  const { t } = useTranslation();
  const stats = useWarningsStats(agencyId);
  if (!stats.data?.openFindingsByAgency.length) return null;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('warnings.facts.byAgency')}
      </Title>
      <Table>
        <Table.Tbody>
          {stats.data.openFindingsByAgency.map((a) => (
            <Table.Tr key={a.agencyId}>
              <Table.Td>{a.agencyName}</Table.Td>
              <Table.Td>
                <SeverityCounts counts={a} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
