import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { AgencyFigures } from '../../../shared/indicators/rules.ts';
import { assessmentFacts } from '../assessments/index.ts';
import { parameterSql } from '../parameters/index.ts';

export type AgencyNode = {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  shortName: string | null;
  kind: string;
  contactName: string | null;
  contactPublished: boolean;
};

export type IndicatorRow = {
  agencyId: number;
  period: string;
  servers: number;
  workstations: number;
  protectedEndpoints: number;
  staffTotal: number;
  staffTrained: number;
  layerOnsite: boolean;
  layerMonitoring: boolean;
  layerAssessor: boolean;
  layerNational: boolean;
  cleanCyberspace: boolean;
  pdpSelfAssessment: boolean;
};

type SystemFacts = AgencyFigures['systems'];
const NO_SYSTEMS: SystemFacts = { total: 0, approved: 0, planDeployed: 0, responsePlan: 0, scanned: 0, assessmentOnTime: 0 };

const rowsOf = async <T>(db: Queryable, query: ReturnType<typeof sql>) => (await db.execute(query)).rows as T[];

/** Active state agencies of the subtree at `path` (external organizations have no indicators). */
export const subtreeAgencies = (db: Queryable, path: string) =>
  rowsOf<AgencyNode>(
    db,
    sql`
  select id, parent_id as "parentId", path, name, short_name as "shortName", kind, contact_name as "contactName", contact_published as "contactPublished"
  from agencies a where path like ${`${path}%`} and active and not exists (select 1 from agency_kinds k where k.code = a.kind and k.external)
  order by path`,
  );

/** Each agency's latest report at or before `period`, for every period in `periods` (carried forward). */
export async function indicatorRows(db: Queryable, path: string, periods: string[]): Promise<Map<string, Map<number, IndicatorRow>>> {
  const last = periods[periods.length - 1]!;
  const rows = await rowsOf<IndicatorRow>(
    db,
    sql`
    select i.agency_id as "agencyId", i.period, i.servers, i.workstations, i.protected_endpoints as "protectedEndpoints",
      i.staff_total as "staffTotal", i.staff_trained as "staffTrained", i.layer_onsite as "layerOnsite", i.layer_monitoring as "layerMonitoring",
      i.layer_assessor as "layerAssessor", i.layer_national as "layerNational", i.clean_cyberspace as "cleanCyberspace", i.pdp_self_assessment as "pdpSelfAssessment"
    from agency_indicators i join agencies a on a.id = i.agency_id
    where a.path like ${`${path}%`} and i.period <= ${last}
    order by i.agency_id, i.period`,
  );
  const byPeriod = new Map<string, Map<number, IndicatorRow>>();
  for (const p of periods) {
    const current = new Map<number, IndicatorRow>();
    for (const r of rows) if (r.period <= p) current.set(r.agencyId, r);
    // Campaign participation and training are yearly: a report from an earlier year does not count.
    for (const [id, r] of current) {
      if (r.period.slice(0, 4) !== p.slice(0, 4)) current.set(id, { ...r, cleanCyberspace: false, pdpSelfAssessment: false, staffTrained: 0 });
    }
    byPeriod.set(p, current);
  }
  return byPeriod;
}

/** IT budget totals and security amounts of a year per agency. */
export async function budgetTotals(db: Queryable, path: string, year: number) {
  const rows = await rowsOf<{ agencyId: number; total: string; security: string }>(
    db,
    sql`
    select b.agency_id as "agencyId", sum(b.total_amount)::text as total, sum(b.security_amount)::text as security
    from it_budgets b join agencies a on a.id = b.agency_id where a.path like ${`${path}%`} and b.year = ${year} group by b.agency_id`,
  );
  return new Map(rows.map((r) => [r.agencyId, { total: Number(r.total), security: Number(r.security) }]));
}

/**
 * What each agency's systems (not retired) show today. A fact from another module is one SQL
 * expression over `systems` (the system row); `today` is the Vietnamese calendar date.
 */
function systemFactExpressions(today: string) {
  const day = sql`${today}::date`;
  return {
    approved: sql`systems.approved_level is not null`,
    // The same rule as the system list: approved, and every applicable requirement of its level met.
    planDeployed: sql`systems.approved_level is not null and systems.req_applicable > 0 and systems.req_met = systems.req_applicable`,
    // An incident response plan on record (Directive 18/CT-TTg); playbooks come with it.
    // Scalar subqueries with LIMIT: an index probe per system, where EXISTS would hash the whole national table.
    responsePlan: sql`coalesce((select true from response_plans p where p.system_id = systems.id and p.kind = 'plan' limit 1), false)`,
    scanned: sql`coalesce((select true from scans sc where sc.system_id = systems.id
      and sc.scanned_on > ${day} - make_interval(months => (${parameterSql('scan.intervalMonths', day)})::int) limit 1), false)`,
    // The assessments module's schedule (the province's interval by level); no level, no due date, not on time.
    assessmentOnTime: sql`coalesce((${assessmentFacts.nextAssessmentDue})::date >= ${day}, false)`,
  };
}

export async function systemFacts(db: Queryable, path: string, today: string): Promise<Map<number, SystemFacts>> {
  const f = systemFactExpressions(today);
  const rows = await rowsOf<{ agencyId: number } & SystemFacts>(
    db,
    sql`
    select systems.agency_id as "agencyId", count(*)::int as total,
      count(*) filter (where ${f.approved})::int as approved,
      count(*) filter (where ${f.planDeployed})::int as "planDeployed",
      count(*) filter (where ${f.responsePlan})::int as "responsePlan",
      count(*) filter (where ${f.scanned})::int as scanned,
      count(*) filter (where ${f.assessmentOnTime})::int as "assessmentOnTime"
    from systems join agencies a on a.id = systems.agency_id
    where a.path like ${`${path}%`} and systems.status <> 'retired'
    group by systems.agency_id`,
  );
  return new Map(rows.map(({ agencyId, ...facts }) => [agencyId, facts]));
}

/** Assembles the figures of one agency from its report, budgets, contact point and systems. */
export function figuresOf(
  a: AgencyNode,
  report: IndicatorRow | undefined,
  budget: { total: number; security: number } | undefined,
  systems: SystemFacts | undefined,
): AgencyFigures {
  return {
    kind: a.kind,
    servers: report?.servers ?? 0,
    workstations: report?.workstations ?? 0,
    protectedEndpoints: report?.protectedEndpoints ?? 0,
    staffTotal: report?.staffTotal ?? 0,
    staffTrained: report?.staffTrained ?? 0,
    budgetTotal: budget?.total ?? 0,
    budgetSecurity: budget?.security ?? 0,
    layers: [!!report?.layerOnsite, !!report?.layerMonitoring, !!report?.layerAssessor, !!report?.layerNational],
    contactDesignated: !!a.contactName,
    contactPublished: a.contactPublished,
    cleanCyberspace: !!report?.cleanCyberspace,
    pdpSelfAssessment: !!report?.pdpSelfAssessment,
    systems: systems ?? NO_SYSTEMS,
  };
}
