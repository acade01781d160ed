import { useMemo } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { client, data, qs, type Answer } from '../../api/client.ts';
import { useAgencies } from '../../api/agencies.ts';
import { useMe } from '../../auth.ts';
import { useUrlFilters } from '../../url-filters.ts';
import { fmtCitations, fmtDate, fmtNumber, fmtPercent } from '../../i18n/index.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { Chart } from '../../components/Chart.tsx';
import {
  INDICATORS,
  indicatorCitations,
  previousPeriods,
  periodOf,
  type IndicatorId,
  type IndicatorValue,
  type Rag,
} from '../../../shared/indicators/rules.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { idText } from '../../../shared/core/schemas.ts';
import { Period } from '../../../shared/indicators/schemas.ts';
import type { Agency } from '../../../shared/agencies/schemas.ts';

type Dashboard = Answer<'/api/dashboard'>;
type Ref = Dashboard['agency'];
type Group_ = Omit<Dashboard['children'][number], 'agency'>;

const FILTERS = z.object({ agencyId: idText().optional(), period: Period.optional() });

const RAG_COLOR: Record<Rag, string> = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' };

/** "Overdue" and "before the deadline" only where the province set a deadline for the target. */
function RagBadge({ rag, deadline = null }: { rag: Rag; deadline?: string | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={RAG_COLOR[rag]} variant="light">
      {deadline ? t(`indicators.ragWithDeadline.${rag}`, { deadline: fmtDate(deadline) }) : t(`indicators.rag.${rag}`)}
    </Badge>
  );
}

/** The whole country's dashboard (several provinces on one platform) has agency id 0. */
const NATIONAL_ID = 0;

/** Where the records behind an indicator of an agency (or of the whole country) are. */
function recordsOf(id: IndicatorId, agencyId: number): string {
  const national = agencyId === NATIONAL_ID;
  if (id === 'approvedLevel') return national ? '/systems?unapproved=true' : `/systems?agencyId=${agencyId}&unapproved=true`;
  if (['planDeployed', 'responsePlan', 'scanned', 'assessmentOnTime'].includes(id)) return national ? '/systems' : `/systems?agencyId=${agencyId}`;
  if (national) return '/agencies';
  if (id === 'contactPoint') return `/agencies/${agencyId}`;
  return `/indicators/${agencyId}`;
}

function IndicatorTable({ values, agencyId, today, testid }: { values: IndicatorValue[]; agencyId: number; today: string; testid: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped data-testid={testid}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('indicators.indicator')}</Table.Th>
          <Table.Th>{t('indicators.value')}</Table.Th>
          <Table.Th />
          <Table.Th>{t('indicators.target')}</Table.Th>
          <Table.Th>{t('indicators.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {values.map((v) => (
          <Table.Tr key={v.id} data-testid={`indicator-${v.id}`}>
            <Table.Td>
              {i18n.language === 'vi' ? INDICATORS[v.id].vi : INDICATORS[v.id].en}
              <Text size="xs" c="dimmed">
                {fmtCitations(indicatorCitations(v.id, today))}
              </Text>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={recordsOf(v.id, agencyId)} fw={600} data-testid="percent">
                {fmtPercent(v.percent)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" data-testid="count">
                {v.id === 'budget' ? `${fmtNumber(v.num / 1e6)}/${fmtNumber(v.den / 1e6)} tr.đ` : `${v.num}/${v.den}`}
              </Text>
            </Table.Td>
            <Table.Td>
              {v.id === 'budget' ? '≥ ' : ''}
              {v.target}%
            </Table.Td>
            <Table.Td>
              <RagBadge rag={v.rag} deadline={v.deadline} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The leaders' and the Sở TT&TT's view: indicators against targets, trend, drill-down, ranking, what is overdue. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  // Drilling down adds a history entry, so Back goes up again.
  const { filters, setMany: go } = useUrlFilters(FILTERS, { push: true });
  const query = { agencyId: filters.agencyId, period: filters.period ?? periodOf(todayVn()) };
  // The route declares no answer schema yet: the type is the screen's own.
  const dash = useQuery({ queryKey: ['dashboard', qs(query)], queryFn: () => data(client.GET('/api/dashboard', { params: { query } })) });
  const agencies = useAgencies();
  const me = useMe();
  const en = i18n.language === 'en';
  const label = (id: IndicatorId) => (en ? INDICATORS[id].en : INDICATORS[id].vi);

  // biome-ignore lint/correctness/useExhaustiveDependencies: label() reads the language, which is the dependency
  const trendOption = useMemo(
    () =>
      dash.data && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        legend: { bottom: 0, type: 'scroll' },
        grid: { left: 40, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: dash.data.trend.map((p) => p.period) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: (['antimalware', 'training', 'fourLayers', 'cleanCyberspace', 'pdp'] as const).map((id) => ({
          type: 'line',
          name: label(id),
          connectNulls: true,
          data: dash.data!.trend.map((p) => p[id] ?? null),
        })),
      },
    [dash.data, i18n.language],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: t() reads the language, which is the dependency
  const childOption = useMemo(
    () =>
      dash.data &&
      dash.data.children.length > 0 && {
        tooltip: { trigger: 'axis' },
        grid: { left: 200, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', max: 100 },
        yAxis: { type: 'category', data: dash.data.children.map((c) => c.agency.shortName ?? c.agency.name), axisLabel: { width: 190, overflow: 'truncate' } },
        series: [{ type: 'bar', name: t('indicators.score'), data: dash.data.children.map((c) => c.score ?? 0), itemStyle: { color: '#c92a2a' } }],
      },
    [dash.data, i18n.language],
  );

  if (dash.isPending) return <Loading />;
  if (dash.isError) return <ErrorAlert error={dash.error} />;
  const d = dash.data;
  const chain: Agency[] = [];
  const byId = new Map((agencies.data ?? []).map((a) => [a.id, a]));
  for (let a = byId.get(d.agency.id); a; a = a.parentId ? byId.get(a.parentId) : undefined) chain.unshift(a);
  const national = d.agency.id === NATIONAL_ID;
  // Several provinces on one platform: the way back up to the whole country.
  const provinces = (agencies.data ?? []).filter((a) => !a.parentId && !a.external).length;
  const periods = previousPeriods(periodOf(todayVn()), 12).reverse();

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Breadcrumbs separator="›" mb={4}>
            {provinces > 1 && !national && (
              <Anchor size="sm" onClick={() => go({ agencyId: undefined })} data-testid="crumb-national">
                {t('indicators.national')}
              </Anchor>
            )}
            {chain.map((a) => (
              <Anchor key={a.id} size="sm" onClick={() => go({ agencyId: String(a.id) })} data-testid={`crumb-${a.id}`}>
                {a.shortName ?? a.name}
              </Anchor>
            ))}
          </Breadcrumbs>
          <Title order={2} data-testid="dashboard-agency">
            {national ? t('indicators.national') : d.agency.name}
          </Title>
        </div>
        <Group>
          <Select
            label={t('indicators.period')}
            w={130}
            value={query.period}
            data={periods}
            onChange={(p) => go({ period: p ?? undefined })}
            data-testid="period"
          />
          <Button variant="default" component="a" href={`/api/dashboard/export${qs(query)}`}>
            {t('indicators.export')}
          </Button>
          {me.data?.can['findings.overview'] && (
            <Button variant="light" color="red" component={Link} to="/warnings/findings/overdue" data-testid="overdue-findings-link">
              {t('warnings.findings.overview.link')}
            </Button>
          )}
          {!national && me.data?.can['indicators.report'] && (
            <Button variant="light" component={Link} to={`/indicators/${d.agency.id}`} data-testid="indicators-enter">
              {t('indicators.enter')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Paper withBorder p="sm">
          <Tooltip label={t('indicators.scoreHelp')} multiline w={300}>
            <Group gap={4} wrap="nowrap" data-testid="dashboard-score-help">
              <Text size="xs" c="dimmed">
                {t('indicators.score')}
              </Text>
              {/* An icon, not the ⓘ character: the system fonts of many office PCs have no glyph for it. */}
              <IconInfoCircle size={14} color="var(--mantine-color-dimmed)" aria-hidden />
            </Group>
          </Tooltip>
          <Text fw={700} size="xl" data-testid="dashboard-score">
            {d.score === null ? '—' : fmtNumber(d.score, 1)}
          </Text>
        </Paper>
        {(['approvedLevel', 'antimalware', 'training'] as IndicatorId[]).map((id) => {
          const v = d.values.find((x) => x.id === id)!;
          return (
            <Paper withBorder p="sm" key={id}>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {label(id)}
              </Text>
              <Group gap="xs">
                <Anchor component={Link} to={recordsOf(id, d.agency.id)} fw={700} size="xl">
                  {fmtPercent(v.percent)}
                </Anchor>
                <RagBadge rag={v.rag} deadline={v.deadline} />
              </Group>
            </Paper>
          );
        })}
      </SimpleGrid>

      <Paper withBorder p="sm" data-testid="dashboard-inspections">
        <Text size="xs" c="dimmed">
          {t('indicators.inspections', { year: d.inspections.year })}
        </Text>
        <Group gap="xs">
          <Text fw={700}>{t('indicators.inspectionsValue', d.inspections)}</Text>
          <Badge color={d.inspections.done >= d.inspections.target ? 'green' : 'yellow'} variant="light">
            {t(d.inspections.done >= d.inspections.target ? 'indicators.rag.green' : 'indicators.rag.amber')}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {d.inspections.reference}
        </Text>
      </Paper>

      <Paper withBorder p="md">
        <IndicatorTable values={d.values} agencyId={d.agency.id} today={d.today} testid="dashboard-indicators" />
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: childOption ? 2 : 1 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('indicators.trend')}
          </Title>
          {trendOption && <Chart option={trendOption} testid="trend-chart" />}
        </Paper>
        {childOption && (
          <Paper withBorder p="md">
            <Title order={5} mb="xs">
              {t('indicators.byChild')}
            </Title>
            <Chart option={childOption} height={Math.max(280, d.children.length * 22)} />
          </Paper>
        )}
      </SimpleGrid>

      <Tabs defaultValue={d.children.length ? 'children' : 'ranking'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="children">
            {t('indicators.tabs.children')} ({d.children.length})
          </Tabs.Tab>
          <Tabs.Tab value="tiers">{t('indicators.tabs.tiers')}</Tabs.Tab>
          <Tabs.Tab value="ranking">{t('indicators.tabs.ranking')}</Tabs.Tab>
          <Tabs.Tab value="overdue" data-testid="tab-overdue">
            {t('indicators.tabs.overdue')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="children" pt="sm">
          <GroupTable rows={d.children.map((c) => ({ key: c.agency.id, label: c.agency.name, ...c, onClick: () => go({ agencyId: String(c.agency.id) }) }))} />
        </Tabs.Panel>
        <Tabs.Panel value="tiers" pt="sm">
          <GroupTable rows={d.tiers.map((tier) => ({ key: tier.tier, label: en ? tier.en : tier.vi, ...tier }))} />
        </Tabs.Panel>
        <Tabs.Panel value="ranking" pt="sm">
          <Table striped data-testid="ranking">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('indicators.rank')}</Table.Th>
                <Table.Th>{t('common.agency')}</Table.Th>
                <Table.Th>{t('indicators.score')}</Table.Th>
                <Table.Th>{t('indicators.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.ranking.map((r) => (
                <Table.Tr key={r.agency.id}>
                  <Table.Td>{r.rank}</Table.Td>
                  <Table.Td>
                    <Anchor onClick={() => go({ agencyId: String(r.agency.id) })}>{r.agency.name}</Anchor>
                    {!r.reported && (
                      <Badge ml={6} size="xs" color="gray">
                        {t('indicators.notReported')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.score === null ? '—' : fmtNumber(r.score, 1)}</Table.Td>
                  <Table.Td>
                    <RagBadge rag={r.rag} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {d.rankingTotal > d.ranking.length && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('indicators.rankingMore', { count: d.rankingTotal - d.ranking.length })}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="overdue" pt="sm">
          <Overdue d={d} />
        </Tabs.Panel>
      </Tabs>
      {d.ownValues && d.children.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t('indicators.own')}
          </Title>
          <IndicatorTable values={d.ownValues} agencyId={d.agency.id} today={d.today} testid="own-indicators" />
        </Paper>
      )}
    </Stack>
  );
}

function GroupTable({ rows }: { rows: (Group_ & { key: string | number; label: string; onClick?: () => void })[] }) {
  const { t, i18n } = useTranslation();
  const ids: IndicatorId[] = ['approvedLevel', 'planDeployed', 'antimalware', 'training', 'budget', 'fourLayers', 'contactPoint'];
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover data-testid="group-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.agency')}</Table.Th>
            <Table.Th>{t('indicators.agencies')}</Table.Th>
            <Table.Th>{t('indicators.score')}</Table.Th>
            {ids.map((id) => (
              <Table.Th key={id}>
                <Text size="xs" lineClamp={2}>
                  {i18n.language === 'vi' ? INDICATORS[id].vi : INDICATORS[id].en}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`group-${r.key}`}>
              <Table.Td>
                {r.onClick ? (
                  <Anchor onClick={r.onClick} data-testid={`drill-${r.key}`}>
                    {r.label}
                  </Anchor>
                ) : (
                  r.label
                )}
              </Table.Td>
              <Table.Td>{r.agencies}</Table.Td>
              <Table.Td fw={600}>{r.score === null ? '—' : fmtNumber(r.score, 1)}</Table.Td>
              {ids.map((id) => {
                const v = r.values.find((x) => x.id === id)!;
                return (
                  <Table.Td key={id}>
                    <Badge color={RAG_COLOR[v.rag]} variant="light">
                      {fmtPercent(v.percent)}
                    </Badge>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Overdue({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const section = (key: keyof Dashboard['overdue'], items: { key: string | number; node: React.ReactNode }[]) => (
    <Paper withBorder p="sm" key={key} data-testid={`overdue-${key}`}>
      <Group justify="space-between">
        <Text fw={600}>{t(`indicators.overdue.${key}`)}</Text>
        <Badge color={d.overdueTotals[key] ? 'red' : 'green'}>{d.overdueTotals[key]}</Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('indicators.overdue.none')}
        </Text>
      ) : (
        items.slice(0, 50).map((i) => (
          <Text size="sm" key={i.key}>
            {i.node}
          </Text>
        ))
      )}
    </Paper>
  );
  const agency = (a: Ref, to = `/indicators/${a.id}`) => (
    <Anchor component={Link} to={to} size="sm">
      {a.name}
    </Anchor>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {section(
        'systemsUnapproved',
        d.overdue.systemsUnapproved.map((s) => ({
          key: s.id,
          node: (
            <>
              <Anchor component={Link} to={`/systems/${s.id}`} size="sm">
                {s.name}
              </Anchor>{' '}
              — {s.agencyName}
            </>
          ),
        })),
      )}
      {section(
        'antimalwareLate',
        d.overdue.antimalwareLate.map((a) => ({
          key: a.agency.id,
          node: (
            <>
              {agency(a.agency)} — {fmtPercent(a.percent)}
            </>
          ),
        })),
      )}
      {section(
        'budgetsUnder10',
        d.overdue.budgetsUnder10.map((b) => ({
          key: b.id,
          node: (
            <>
              <Anchor component={Link} to={`/indicators/${b.agencyId}`} size="sm">
                {b.name}
              </Anchor>{' '}
              — {b.agencyName} ({fmtPercent(Math.round((b.securityAmount / b.totalAmount) * 1000) / 10)})
            </>
          ),
        })),
      )}
      {section(
        'contactMissing',
        d.overdue.contactMissing.map((c) => ({ key: c.agency.id, node: agency(c.agency, `/agencies/${c.agency.id}`) })),
      )}
      {section(
        'notReported',
        d.overdue.notReported.map((a) => ({ key: a.id, node: agency(a) })),
      )}
    </SimpleGrid>
  );
}
