import { and, count, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { incidents, incidentTasks } from './schema.ts';
import { readableIncident } from './access.ts';
import { lateSql, loadPolicy } from './policy.ts';
import { agencySubtree, detectedBetween, FINAL_STATUSES } from './queries.ts';
import { INCIDENT_KINDS, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from '../../../shared/incidents/vocabulary.ts';
import type { StatsQuery } from '../../../shared/incidents/schemas.ts';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Incident counts in the actor's scope, optionally narrowed to an agency subtree and a detection period:
 * the figures the dashboard shows. Serious = flagged sự cố nghiêm trọng; late = reported after the policy's late mark.
 */
export async function incidentStats(db: Queryable, actor: Actor, q: z.infer<typeof StatsQuery>) {
  const where: SQL[] = [readableIncident(actor), ...detectedBetween(q.from, q.to)];
  if (q.agencyId) where.push(await agencySubtree(db, actor, q.agencyId));
  const scope = and(...where);
  const late = lateSql(await loadPolicy(db));
  const open = notInArray(incidents.status, FINAL_STATUSES);

  const grouped = async (column: typeof incidents.status | typeof incidents.severity | typeof incidents.kind) =>
    db.select({ key: column, n: count() }).from(incidents).where(scope).groupBy(column);
  const byStatus = zeros(INCIDENT_STATUSES);
  for (const r of await grouped(incidents.status)) byStatus[r.key as keyof typeof byStatus] = r.n;
  const bySeverity = zeros(INCIDENT_SEVERITIES);
  for (const r of await grouped(incidents.severity)) bySeverity[r.key as keyof typeof bySeverity] = r.n;
  const byKind = zeros(INCIDENT_KINDS);
  for (const r of await grouped(incidents.kind)) byKind[r.key as keyof typeof byKind] = r.n;

  const [totals] = await db
    .select({
      total: count(),
      open: sql<number>`count(*) filter (where ${open})::int`,
      serious: sql<number>`count(*) filter (where ${incidents.serious})::int`,
      openSerious: sql<number>`count(*) filter (where ${incidents.serious} and ${open})::int`,
      lateReports: sql<number>`count(*) filter (where ${late})::int`,
      hotlineAwaitingTriage: sql<number>`count(*) filter (where ${incidents.source} = 'hotline' and ${incidents.status} = 'received')::int`,
    })
    .from(incidents)
    .where(scope);
  const [tasks] = await db
    .select({ n: count() })
    .from(incidentTasks)
    .innerJoin(incidents, eq(incidents.id, incidentTasks.incidentId))
    .where(and(scope, open, eq(incidentTasks.status, 'open'), sql`${incidentTasks.dueAt} < now()`));
  const month = sql<string>`to_char(${incidents.detectedAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const byMonth = await db.select({ month, count: count() }).from(incidents).where(scope).groupBy(month).orderBy(month);
  return { ...totals!, byStatus, bySeverity, byKind, overdueTasks: tasks!.n, byMonth };
}
