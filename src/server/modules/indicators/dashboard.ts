import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readsEverything } from '../../auth/scope.ts';
import { findVisible } from '../agencies/index.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import {
  agencyIndicators,
  combineIndicators,
  compositeScore,
  periodOf,
  previousPeriods,
  tierOf,
  TIERS,
  TREND_IDS,
  worstRag,
  yearOf,
  type IndicatorId,
  type IndicatorValue,
  type Tier,
} from '../../../shared/indicators/rules.ts';
import { budgetTotals, figuresOf, indicatorRows, subtreeAgencies, systemFacts, type AgencyNode } from './figures.ts';
import { parametersAt } from '../parameters/index.ts';
import { inspectionsInYear } from '../assessments/index.ts';

const TREND_PERIODS = 8;
/** One collator for the ranking: localeCompare with a locale builds one per call, seconds over a country's agencies. */
const byName = new Intl.Collator('vi');

type Row = { agency: AgencyNode; values: IndicatorValue[]; reported: boolean };

type Root = Pick<AgencyNode, 'id' | 'path' | 'name' | 'shortName' | 'kind'>;

/** The whole country, above the provinces, when several share one platform: id 0, and a path prefix of every agency. */
const NATIONAL: Root = { id: 0, path: '', name: 'Toàn quốc', shortName: null, kind: 'national' };

/**
 * The agency a dashboard starts from: the one asked for if visible, else the caller's. Province-wide roles start
 * from the province, or from the whole country when the platform holds several provinces.
 */
async function rootOf(db: Queryable, actor: Actor, agencyId?: number): Promise<Root> {
  if (agencyId) return findVisible(db, actor, agencyId);
  if (readsEverything(actor)) {
    const { rows } = await db.execute(sql`select id from agencies where parent_id is null and active
      and kind in (select code from agency_kinds where not external) order by id limit 2`);
    if (rows.length > 1) return NATIONAL;
    if (rows[0]) return findVisible(db, actor, (rows[0] as { id: number }).id);
  }
  return findVisible(db, actor, actor.agencyId);
}

/** Which dashboard the actor asks for: a visible agency (404 otherwise), a quarter, as of today. */
export async function dashboardTarget(db: Queryable, actor: Actor, q: { agencyId?: number; period?: string }) {
  const today = todayVn();
  return { root: await rootOf(db, actor, q.agencyId), period: q.period ?? periodOf(today), today };
}

export async function buildDashboard(db: Queryable, actor: Actor, q: { agencyId?: number; period?: string }) {
  return dashboardOf(db, await dashboardTarget(db, actor, q));
}

/** Every figure of the dashboard for the subtree of one agency and one quarter; the same for whoever may see it. */
export async function dashboardOf(db: Queryable, { root, period, today }: Awaited<ReturnType<typeof dashboardTarget>>) {
  const periods = previousPeriods(period, TREND_PERIODS);
  const agencies = await subtreeAgencies(db, root.path);
  const reports = await indicatorRows(db, root.path, periods);
  const facts = await systemFacts(db, root.path, today);
  // The province's targets and deadlines in effect today: the same day the figures are as of.
  const params = await parametersAt(db, today);
  const budgets = new Map<number, Awaited<ReturnType<typeof budgetTotals>>>();
  for (const y of new Set(periods.map(yearOf))) budgets.set(y, await budgetTotals(db, root.path, y));

  const rowsFor = (p: string): Row[] =>
    agencies.map((a) => {
      const report = reports.get(p)!.get(a.id);
      return { agency: a, reported: !!report, values: agencyIndicators(figuresOf(a, report, budgets.get(yearOf(p))!.get(a.id), facts.get(a.id)), params) };
    });
  const rows = rowsFor(period);
  const within = (path: string) => rows.filter((r) => r.agency.path.startsWith(path));
  const summary = (members: Row[]) => {
    const values = combineIndicators(
      members.map((m) => m.values),
      params,
    );
    return { values, score: compositeScore(values), rag: worstRag(values.map((v) => v.rag)), agencies: members.length };
  };

  const own = rows.find((r) => r.agency.id === root.id);
  const children = rows
    .filter((r) => (r.agency.parentId ?? NATIONAL.id) === root.id)
    .map((r) => ({ agency: pick(r.agency), ...summary(within(r.agency.path)) }));
  const tiers = (Object.keys(TIERS) as Tier[])
    .map((tier) => ({ tier, vi: TIERS[tier].vi, en: TIERS[tier].en, ...summary(rows.filter((r) => tierOf(r.agency.kind) === tier)) }))
    .filter((t) => t.agencies > 0);
  const ranking = rows
    .map((r) => ({ agency: pick(r.agency), score: compositeScore(r.values), rag: worstRag(r.values.map((v) => v.rag)), reported: r.reported }))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || byName.compare(a.agency.name, b.agency.name))
    .map((r, i) => ({ rank: i + 1, ...r }));
  // Only agencies that had reported by then: a quarter before anyone used Khiên is "no data", not 0%.
  const trend = periods.map((p) => {
    const values = combineIndicators(
      rowsFor(p)
        .filter((r) => r.reported)
        .map((r) => r.values),
      params,
    );
    return { period: p, ...Object.fromEntries(TREND_IDS.map((id) => [id, values.find((v) => v.id === id)!.percent])) };
  });

  return {
    period,
    today,
    agency: pick(root),
    ...summary(rows),
    ownValues: own?.values ?? null,
    ownScore: own ? compositeScore(own.values) : null,
    children,
    tiers,
    ranking,
    trend,
    inspections: await inspectionFigures(db, root.path, yearOf(period), params),
    overdue: await overdueLists(db, root.path, rows, yearOf(period), params.number('budget.securitySharePercent')),
  };
}

/** Rows of the ranking and items of each overdue list sent to the page; the XLSX export has them all. */
export const SHOWN = { ranking: 300, overdue: 100 };

type Dashboard = Awaited<ReturnType<typeof dashboardOf>>;

/**
 * The dashboard as the page draws it: the first rows of the ranking and of each list, with the full counts. A
 * country's ranking alone is 12,000 rows (1.7 MB), more than anyone reads on a screen.
 */
export function forScreen(d: Dashboard) {
  const lists = Object.entries(d.overdue) as [keyof Dashboard['overdue'], unknown[]][];
  return {
    ...d,
    ranking: d.ranking.slice(0, SHOWN.ranking),
    rankingTotal: d.ranking.length,
    overdue: Object.fromEntries(lists.map(([k, l]) => [k, l.slice(0, SHOWN.overdue)])) as Dashboard['overdue'],
    overdueTotals: Object.fromEntries(lists.map(([k, l]) => [k, l.length])) as Record<keyof Dashboard['overdue'], number>,
  };
}

const pick = (a: Pick<AgencyNode, 'id' | 'name' | 'shortName' | 'kind'>) => ({ id: a.id, name: a.name, shortName: a.shortName ?? null, kind: a.kind });

/**
 * The year's compliance inspection rounds against the province's minimum (`inspections.perYear`: Vĩnh Phúc 2.b ≥2,
 * Thanh Hóa 2.b ≥1): rounds of the year that inspect an agency of the subtree, not cancelled.
 */
async function inspectionFigures(db: Queryable, path: string, year: number, params: Awaited<ReturnType<typeof parametersAt>>) {
  const rounds = await inspectionsInYear(db, path, year);
  return {
    year,
    ...rounds,
    target: params.number('inspections.perYear'),
    reference: formatCitation(params.citation('inspections.perYear')),
  };
}

/** What is late or missing, each item pointing at the record behind it. */
async function overdueLists(db: Queryable, path: string, rows: Row[], year: number, budgetShare: number) {
  const value = (r: Row, id: IndicatorId) => r.values.find((v) => v.id === id)!;
  const { rows: budgets } = await db.execute(sql`
    select b.id, b.agency_id as "agencyId", a.name as "agencyName", b.name, b.total_amount::float8 as "totalAmount", b.security_amount::float8 as "securityAmount"
    from it_budgets b join agencies a on a.id = b.agency_id
    where a.path like ${`${path}%`} and b.year = ${year} and b.security_amount * 100 < b.total_amount * ${budgetShare} order by a.name, b.name limit 500`);
  const { rows: unapproved } = await db.execute(sql`
    select s.id, s.code, s.name, s.agency_id as "agencyId", a.name as "agencyName", s.go_live_on as "goLiveOn"
    from systems s join agencies a on a.id = s.agency_id
    where a.path like ${`${path}%`} and s.status = 'in_operation' and s.approved_level is null order by a.name, s.name limit 500`);
  return {
    antimalwareLate: rows
      .filter((r) => value(r, 'antimalware').rag === 'red')
      .map((r) => ({ agency: pick(r.agency), percent: value(r, 'antimalware').percent })),
    notReported: rows.filter((r) => !r.reported).map((r) => pick(r.agency)),
    contactMissing: rows
      .filter((r) => !r.agency.contactName || !r.agency.contactPublished)
      .map((r) => ({ agency: pick(r.agency), designated: !!r.agency.contactName, published: r.agency.contactPublished })),
    budgetsUnder10: budgets as { id: number; agencyId: number; agencyName: string; name: string; totalAmount: number; securityAmount: number }[],
    systemsUnapproved: unapproved as { id: number; code: string; name: string; agencyId: number; agencyName: string; goLiveOn: string | null }[],
  };
}
