/**
 * Per-system security facts (last scan, scan due, next assessment due, open findings and items) and the
 * aggregate statistics the warning pages and the province dashboard read.
 *
 * `securityFacts` gathers the SQL expressions over `systems` of the systems, scans and assessments modules (the level,
 * the schedules, open findings) and this module's remediation items, for the lists here and the reminders.
 */
import { and, asc, count, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { outer, todaySql } from '../../db/sql.ts';
import { agencies } from '../agencies/index.ts';
import { effectiveLevel, findSystem, inOperation, systems } from '../systems/index.ts';
import { findings, scanFacts, unresolved } from '../scans/index.ts';
import { assessmentFacts, inspectionTasks } from '../assessments/index.ts';
import { remediationItems } from './schema.ts';
import { subtreeOf } from './shared.ts';
import { mayRecordSecurity } from './access.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import type { z } from 'zod';
import type { SystemFactsQuery } from '../../../shared/warnings/schemas.ts';

const systemId = outer('systems');
const { lastScanOn, nextScanDue, scannedWithin6Months } = scanFacts;
const { lastAssessedOn, nextAssessmentDue } = assessmentFacts;

/** SQL over `systems` (one row per system), for any query that joins it. */
export const securityFacts = {
  level: effectiveLevel,
  ...scanFacts,
  ...assessmentFacts,
  openItems: sql<number>`(select count(*)::int from remediation_items ri where ri.system_id = ${systemId} and ri.status = 'open')`,
  overdueItems: sql<number>`(select count(*)::int from remediation_items ri where ri.system_id = ${systemId} and ri.status = 'open' and ri.due_on < ${todaySql})`,
};

const providers = alias(agencies, 'providers');

const factColumns = {
  systemId: systems.id,
  code: systems.code,
  name: systems.name,
  agencyId: systems.agencyId,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  status: systems.status,
  level: effectiveLevel,
  lastScanOn,
  nextScanDue,
  scannedWithin6Months,
  scanOverdue: securityFacts.scanOverdue,
  lastAssessedOn,
  nextAssessmentDue,
  assessmentOverdue: securityFacts.assessmentOverdue,
  monitoringProviderAgencyId: systems.monitoringProviderAgencyId,
  monitoringProviderName: providers.name,
  critical: securityFacts.openFindings('critical'),
  high: securityFacts.openFindings('high'),
  medium: securityFacts.openFindings('medium'),
  low: securityFacts.openFindings('low'),
  openItems: securityFacts.openItems,
  overdueItems: securityFacts.overdueItems,
};

const factsFrom = (db: Queryable) =>
  db
    .select(factColumns)
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .leftJoin(providers, eq(providers.id, systems.monitoringProviderAgencyId));

type FactRow = Awaited<ReturnType<typeof factsFrom>>[number];

function present({ agencyPath: _p, critical, high, medium, low, ...r }: FactRow) {
  return {
    ...r,
    scannedWithin6Months: !!r.scannedWithin6Months,
    scanOverdue: !!r.scanOverdue,
    assessmentOverdue: !!r.assessmentOverdue,
    openFindings: { critical, high, medium, low },
  };
}

/** Systems in the actor's scope (not retired) with their scan and assessment facts. */
export async function listSystemFacts(db: Queryable, actor: Actor, q: z.infer<typeof SystemFactsQuery>) {
  const where: SQL[] = [readableAgency(actor, systems.agencyId), await subtreeOf(db, actor, q.agencyId), ne(systems.status, 'retired')];
  if (q.scanOverdue === 'true') where.push(securityFacts.scanOverdue);
  if (q.scanOverdue === 'false') where.push(sql`not ${securityFacts.scanOverdue}`);
  if (q.assessmentOverdue === 'true') where.push(securityFacts.assessmentOverdue);
  if (q.assessmentOverdue === 'false') where.push(sql`not ${securityFacts.assessmentOverdue}`);
  if (q.q) where.push(or(ilike(systems.name, `%${q.q}%`), ilike(systems.code, `%${q.q}%`))!);
  const rows = await factsFrom(db)
    .where(and(...where))
    .orderBy(asc(agencies.name), asc(systems.name))
    .limit(q.limit)
    .offset(q.offset);
  const [total] = await db
    .select({ n: count() })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(and(...where));
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
  const [items] = await db
    .select({
      warnings: sql<number>`count(distinct ${remediationItems.warningId})::int`,
      withOpenItems: sql<number>`(count(distinct ${remediationItems.warningId}) filter (where ${remediationItems.status} = 'open'))::int`,
      total: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${remediationItems.status} <> 'open'))::int`,
      overdue: sql<number>`(count(*) filter (where ${remediationItems.status} = 'open' and ${remediationItems.dueOn} < ${todaySql}))::int`,
    })
    .from(remediationItems)
    .innerJoin(agencies, eq(agencies.id, remediationItems.agencyId))
    .where(scope);
  const [sys] = await db
    .select({
      inOperation: sql<number>`(count(*) filter (where ${inOperation}))::int`,
      scanned: sql<number>`(count(*) filter (where ${inOperation} and ${scannedWithin6Months}))::int`,
      withSchedule: sql<number>`(count(*) filter (where ${inOperation} and ${nextAssessmentDue} is not null))::int`,
      assessmentOverdue: sql<number>`(count(*) filter (where ${securityFacts.assessmentOverdue}))::int`,
    })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(and(scope, ne(systems.status, 'retired')));
  const bySeverity = await db
    .select({ agencyId: agencies.id, agencyName: agencies.name, severity: findings.severity, n: sql<number>`count(*)::int` })
    .from(findings)
    .innerJoin(agencies, eq(agencies.id, findings.agencyId))
    .where(and(scope, unresolved(findings.status)))
    .groupBy(agencies.id, agencies.name, findings.severity)
    .orderBy(asc(agencies.name));
  const [tasks] = await db
    .select({
      open: sql<number>`(count(*) filter (where ${inspectionTasks.status} = 'open'))::int`,
      overdue: sql<number>`(count(*) filter (where ${inspectionTasks.status} = 'open' and ${inspectionTasks.dueOn} < ${todaySql}))::int`,
    })
    .from(inspectionTasks)
    .innerJoin(agencies, eq(agencies.id, inspectionTasks.agencyId))
    .where(scope);

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
      inOperation: sys!.inOperation,
      scannedWithin6Months: sys!.scanned,
      scannedPercent: percentOf(sys!.scanned, sys!.inOperation),
      scanOverdue: sys!.inOperation - sys!.scanned,
      withAssessmentSchedule: sys!.withSchedule,
      assessmentOverdue: sys!.assessmentOverdue,
      assessmentOnSchedulePercent: percentOf(sys!.withSchedule - sys!.assessmentOverdue, sys!.withSchedule),
    },
    openFindings,
    openFindingsByAgency: [...byAgency.values()],
    inspectionTasks: { open: tasks!.open, overdue: tasks!.overdue },
  };
}
