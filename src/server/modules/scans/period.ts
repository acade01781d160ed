/** Scans done and findings open over a period, for an agency subtree: the vulnerability figures of the quarterly report. */
import { and, count, countDistinct, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { findings, scans } from './schema.ts';
import { unresolved } from './facts.ts';
import { EXCEPTION_STATUSES } from '../../../shared/scans/workflow.ts';
import { SEVERITIES, type Severity } from '../../../shared/scans/findings.ts';

const inSubtree = (column: typeof scans.agencyId | typeof findings.agencyId, path: string) =>
  sql`${column} in (select id from agencies where path like ${`${path}%`})`;

/**
 * Scans of the period [from, to] and the findings open at the end of `asOf` (the period's last day, or today while
 * it runs). Open then: first seen by that day and still owed, or fixed after it, or made an exception after it. The
 * findings keep no history of their states: one fixed or excepted before the day and reopened after it counts open.
 */
export async function scanPeriodFigures(db: Queryable, actor: Actor, q: { path: string; from: string; to: string; asOf: string }) {
  const [done] = await db
    .select({ scans: count(), systems: countDistinct(scans.systemId) })
    .from(scans)
    .where(and(readableAgency(actor, scans.agencyId), inSubtree(scans.agencyId, q.path), sql`${scans.scannedOn} between ${q.from} and ${q.to}`));
  const exceptions = sql.raw(EXCEPTION_STATUSES.map((s) => `'${s}'`).join(', '));
  const openThen = sql`(${unresolved(findings.status)}
    or (${findings.status} = 'fixed' and ${findings.closedOn} > ${q.asOf})
    or (${findings.status} in (${exceptions}) and ${findings.statusChangedAt} >= ${`${q.asOf}T00:00:00+07:00`}::timestamptz + interval '1 day'))`;
  const rows = await db
    .select({ severity: findings.severity, n: count() })
    .from(findings)
    .where(and(readableAgency(actor, findings.agencyId), inSubtree(findings.agencyId, q.path), sql`${findings.firstSeenOn} <= ${q.asOf}`, openThen))
    .groupBy(findings.severity);
  const [systems] = await db
    .select({ n: countDistinct(findings.systemId) })
    .from(findings)
    .where(and(readableAgency(actor, findings.agencyId), inSubtree(findings.agencyId, q.path), sql`${findings.firstSeenOn} <= ${q.asOf}`, openThen));
  const open = Object.fromEntries(SEVERITIES.map((s) => [s, rows.find((r) => r.severity === s)?.n ?? 0])) as Record<Severity, number>;
  return { scans: done!.scans, systemsScanned: done!.systems, open, systemsWithOpen: systems!.n };
}
