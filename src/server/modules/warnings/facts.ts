/**
 * Per-system security facts (last scan, scan due, next assessment due, open findings and items) and the
 * aggregate statistics the warning pages and the province dashboard read.
 *
 * The SQL expressions in `securityFacts` follow the pure rules of shared/warnings-schedule.ts (6-month scans;
 * assessments every 24/12/6 months by level from the last assessment, else from go-live), so other modules can put
 * them in their own queries over `systems`.
 */
import { and, asc, count, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { findSystem } from '../systems/service.ts';
import { findings, inspectionTasks, remediationItems } from './schema.ts';
import { outer, subtreeOf, todaySql } from './shared.ts';
import { mayRecordSecurity } from './access.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import type { z } from 'zod';
import type { SystemFactsQuery } from '../../../shared/warnings/schemas.ts';

/** The system's professional monitoring provider: a column this module added to `systems` (migration 0005). */
export const monitoringProviderId = sql<number | null>`${outer('systems', 'monitoring_provider_agency_id')}`;

const systemId = outer('systems');
const level = sql<number | null>`coalesce(${outer('systems', 'approved_level')}, ${outer('systems', 'proposed_level')})`;
const lastScanOn = sql<string | null>`(select max(sc.scanned_on)::text from scans sc where sc.system_id = ${systemId})`;
const lastAssessedOn = sql<string | null>`(select max(sa.assessed_on)::text from assessments sa where sa.system_id = ${systemId})`;
const nextScanDue = sql<string | null>`((${lastScanOn})::date + interval '6 months')::date::text`;
const scannedWithin6Months = sql<boolean>`coalesce(((${lastScanOn})::date + interval '6 months')::date >= ${todaySql}, false)`;
const nextAssessmentDue = sql<string | null>`(case when ${level} is null then null else
  (coalesce((${lastAssessedOn})::date, ${outer('systems', 'go_live_on')}) + make_interval(months => case when ${level} >= 5 then 6 when ${level} >= 3 then 12 else 24 end))::date::text end)`;
const operating = sql<boolean>`(${outer('systems', 'status')} = 'in_operation')`;

/** SQL over `systems` (one row per system), for any query that joins it. */
export const securityFacts = {
  level,
  lastScanOn,
  nextScanDue,
  scannedWithin6Months,
  scanOverdue: sql<boolean>`(${operating} and not ${scannedWithin6Months})`,
  lastAssessedOn,
  nextAssessmentDue,
  assessmentOverdue: sql<boolean>`(${operating} and coalesce((${nextAssessmentDue})::date < ${todaySql}, false))`,
  openFindings: (severity: string) =>
    sql<number>`(select count(*)::int from findings sf where sf.system_id = ${systemId} and sf.status = 'open' and sf.severity = ${severity})`,
  openItems: sql<number>`(select count(*)::int from remediation_items ri where ri.system_id = ${systemId} and ri.status = 'open')`,
  overdueItems: sql<number>`(select count(*)::int from remediation_items ri where ri.system_id = ${systemId} and ri.status = 'open' and ri.due_on < ${todaySql})`,
};

const providers = alias(agencies, 'providers');

const factColumns = {
  systemId: systems.id, code: systems.code, name: systems.name, agencyId: systems.agencyId, agencyName: agencies.name, agencyPath: agencies.path,
  status: systems.status, level, lastScanOn, nextScanDue, scannedWithin6Months, scanOverdue: securityFacts.scanOverdue, lastAssessedOn,
  nextAssessmentDue, assessmentOverdue: securityFacts.assessmentOverdue, monitoringProviderAgencyId: monitoringProviderId,
  monitoringProviderName: providers.name, critical: securityFacts.openFindings('critical'), high: securityFacts.openFindings('high'),
  medium: securityFacts.openFindings('medium'), low: securityFacts.openFindings('low'), openItems: securityFacts.openItems,
  overdueItems: securityFacts.overdueItems,
};

const factsFrom = (db: Queryable) => db.select(factColumns).from(systems)
  .innerJoin(agencies, eq(agencies.id, systems.agencyId))
  .leftJoin(providers, sql`${providers.id} = ${monitoringProviderId}`);

type FactRow = Awaited<ReturnType<typeof factsFrom>>[number];

function present({ agencyPath: _p, critical, high, medium, low, ...r }: FactRow) {
  return { ...r, scannedWithin6Months: !!r.scannedWithin6Months, scanOverdue: !!r.scanOverdue, assessmentOverdue: !!r.assessmentOverdue,
    openFindings: { critical, high, medium, low } };
}

/** Systems in the actor's scope (not retired) with their scan and assessment facts. */
export async function listSystemFacts(db: Queryable, actor: Actor, q: z.infer<typeof SystemFactsQuery>) {
  const where: SQL[] = [readableAgency(actor, systems.agencyId), await subtreeOf(db, actor, q.agencyId), ne(systems.status, 'retired')];
  if (q.scanOverdue === 'true') where.push(securityFacts.scanOverdue);
  if (q.scanOverdue === 'false') where.push(sql`not ${securityFacts.scanOverdue}`);
  if (q.assessmentOverdue === 'true') where.push(securityFacts.assessmentOverdue);
  if (q.assessmentOverdue === 'false') where.push(sql`not ${securityFacts.assessmentOverdue}`);
  if (q.q) where.push(or(ilike(systems.name, `%${q.q}%`), ilike(systems.code, `%${q.q}%`))!);
  const rows = await factsFrom(db).where(and(...where)).orderBy(asc(agencies.name), asc(systems.name)).limit(q.limit).offset(q.offset);
  const [total] = await db.select({ n: count() }).from(systems).innerJoin(agencies, eq(agencies.id, systems.agencyId)).where(and(...where));
  return { total: total!.n, items: rows.map(present) };
}

export async function systemSecurity(db: Queryable, actor: Actor, systemId: number) {
  const s = await findSystem(db, actor, systemId);
  const [row] = await factsFrom(db).where(eq(systems.id, systemId));
  return { ...present(row!), can: { record: mayRecordSecurity(actor, s) } };
}

const percentOf = (part: number, whole: number) => percent({ applicable: whole, met: part });

/**
 * Figures for an agency and its subtree (or the actor's whole scope): warnings and their items, systems scanned in
 * 6 months and with assessments on schedule, open findings by severity and by agency, open inspection tasks.
 */
export async function warningsStats(db: Queryable, actor: Actor, agencyId?: number) {
  const scope = and(readableAgency(actor, agencies.id), await subtreeOf(db, actor, agencyId));
  const [items] = await db.select({
    warnings: sql<number>`count(distinct ${remediationItems.warningId})::int`,
    withOpenItems: sql<number>`(count(distinct ${remediationItems.warningId}) filter (where ${remediationItems.status} = 'open'))::int`,
    total: sql<number>`count(*)::int`,
    answered: sql<number>`(count(*) filter (where ${remediationItems.status} <> 'open'))::int`,
    overdue: sql<number>`(count(*) filter (where ${remediationItems.status} = 'open' and ${remediationItems.dueOn} < ${todaySql}))::int`,
  }).from(remediationItems).innerJoin(agencies, eq(agencies.id, remediationItems.agencyId)).where(scope);
  const [sys] = await db.select({
    inOperation: sql<number>`(count(*) filter (where ${operating}))::int`,
    scanned: sql<number>`(count(*) filter (where ${operating} and ${scannedWithin6Months}))::int`,
    withSchedule: sql<number>`(count(*) filter (where ${operating} and ${nextAssessmentDue} is not null))::int`,
    assessmentOverdue: sql<number>`(count(*) filter (where ${securityFacts.assessmentOverdue}))::int`,
  }).from(systems).innerJoin(agencies, eq(agencies.id, systems.agencyId)).where(and(scope, ne(systems.status, 'retired')));
  const bySeverity = await db.select({ agencyId: agencies.id, agencyName: agencies.name, severity: findings.severity, n: sql<number>`count(*)::int` })
    .from(findings).innerJoin(agencies, eq(agencies.id, findings.agencyId))
    .where(and(scope, eq(findings.status, 'open'))).groupBy(agencies.id, agencies.name, findings.severity).orderBy(asc(agencies.name));
  const [tasks] = await db.select({
    open: sql<number>`(count(*) filter (where ${inspectionTasks.status} = 'open'))::int`,
    overdue: sql<number>`(count(*) filter (where ${inspectionTasks.status} = 'open' and ${inspectionTasks.dueOn} < ${todaySql}))::int`,
  }).from(inspectionTasks).innerJoin(agencies, eq(agencies.id, inspectionTasks.agencyId)).where(scope);

  const empty = () => ({ critical: 0, high: 0, medium: 0, low: 0 });
  const openFindings = empty();
  const byAgency = new Map<number, ReturnType<typeof empty> & { agencyId: number; agencyName: string }>();
  for (const r of bySeverity) {
    const key = r.severity as keyof ReturnType<typeof empty>;
    openFindings[key] += r.n;
    const a = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agencyName: r.agencyName, ...empty() };
    a[key] += r.n;
    byAgency.set(r.agencyId, a);
  }
  const it = items!;
  return {
    agencyId: agencyId ?? null,
    warnings: { total: it.warnings, withOpenItems: it.withOpenItems },
    items: { total: it.total, answered: it.answered, open: it.total - it.answered, overdue: it.overdue, answeredPercent: percentOf(it.answered, it.total) },
    systems: {
      inOperation: sys!.inOperation, scannedWithin6Months: sys!.scanned, scannedPercent: percentOf(sys!.scanned, sys!.inOperation),
      scanOverdue: sys!.inOperation - sys!.scanned, withAssessmentSchedule: sys!.withSchedule, assessmentOverdue: sys!.assessmentOverdue,
      assessmentOnSchedulePercent: percentOf(sys!.withSchedule - sys!.assessmentOverdue, sys!.withSchedule),
    },
    openFindings,
    openFindingsByAgency: [...byAgency.values()],
    inspectionTasks: { open: tasks!.open, overdue: tasks!.overdue },
  };
}
