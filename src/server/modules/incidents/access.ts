import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { hasRole } from '../../auth/actor.ts';
import { assert, canEditAgencyPath, readableAgency, readsEverything } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { agencies } from '../agencies/index.ts';
import { incidentEvents, incidents } from './schema.ts';
import { isFinal, reporterMayEdit } from '../../../shared/incidents/workflow.ts';
import type { IncidentStatus } from '../../../shared/incidents/vocabulary.ts';

export type IncidentRow = typeof incidents.$inferSelect;

/**
 * Who sees and works incidents. The response team (responders), the specialized security unit and platform
 * admins see every case and work them; everybody else sees the cases of their agency subtree, either as the
 * reporting agency or as an agency named as affected. Hotline reports not yet tied to an agency stay with the team.
 */
export const worksIncidents = (actor: Actor) => hasRole(actor, 'platform_admin', 'dept_security', 'responder');

export function readableIncident(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  // One id set from two indexed lookups: an OR with a correlated EXISTS would scan every incident.
  return sql`${incidents.id} in (select i.id from incidents i where ${readableAgency(actor, sql`i.agency_id`)}
    union all select ia.incident_id from incident_agencies ia where ${readableAgency(actor, sql`ia.agency_id`)})`;
}

/**
 * (id, reported_at) of the cases the actor may see among those matching `filter`, for paging newest first. A case
 * of the actor's subtree comes from the (agency_id, reported_at, id) index alone; cases naming one of its agencies
 * as affected are added. The page then reads only its own rows.
 */
export function readableIncidentKeys(actor: Actor, filter: SQL | undefined): SQL {
  const where = filter ?? sql`true`;
  const keys = sql`select ${incidents.id} as id, ${incidents.reportedAt} as reported_at from ${incidents}`;
  if (readsEverything(actor)) return sql`${keys} where ${where}`;
  return sql`${keys} where ${readableAgency(actor, incidents.agencyId)} and ${where}
    union ${keys} join incident_agencies ia on ia.incident_id = ${incidents.id} where ${readableAgency(actor, sql`ia.agency_id`)} and ${where}`;
}

/** The case if the actor may see it (404 otherwise), with its owner agency's path. */
export async function findIncident(db: Queryable, actor: Actor, id: number, opts: { lock?: boolean } = {}) {
  if (opts.lock) await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).for('update');
  const [row] = await db.select({ incident: incidents, agencyPath: agencies.path })
    .from(incidents).leftJoin(agencies, eq(agencies.id, incidents.agencyId))
    .where(and(eq(incidents.id, id), readableIncident(actor)));
  if (!row) throw notFound('Incident');
  return { incident: row.incident, agencyPath: row.agencyPath };
}

const status = (i: IncidentRow) => i.status as IncidentStatus;

/** An editor of the reporting agency (officer of the agency, or admin above it). */
const isReportingAgencyEditor = (actor: Actor, i: IncidentRow, path: string | null) =>
  i.agencyId !== null && path !== null && canEditAgencyPath(actor, i.agencyId, path);

/** Correcting the report itself: the team any time before the case ends; the agency until triage. */
export const canEditReport = (actor: Actor, i: IncidentRow, path: string | null) =>
  !isFinal(status(i)) && (worksIncidents(actor) || (reporterMayEdit(status(i)) && isReportingAgencyEditor(actor, i, path)));

/** Messages, evidence and observables: the team and the reporting agency, until the case ends. */
export const canContribute = (actor: Actor, i: IncidentRow, path: string | null) =>
  !isFinal(status(i)) && (worksIncidents(actor) || isReportingAgencyEditor(actor, i, path));

export function assertWorks(actor: Actor) {
  assert(worksIncidents(actor));
}

const caseEnded = () =>
  new AppError(409, 'case_ended', 'The case has ended; it can no longer be changed', 'Sự cố đã kết thúc xử lý, không thể thay đổi thêm', 'status');

export function assertNotEnded(i: IncidentRow) {
  if (isFinal(status(i))) throw caseEnded();
}

/** One entry of the case timeline, written in the transaction of the change it describes. */
export async function addEvent(tx: Tx, incidentId: number, actor: Pick<Actor, 'userId' | 'fullName'> | null,
  kind: string, opts: { message?: string | null; detail?: unknown; actorName?: string; at?: Date } = {}) {
  await tx.insert(incidentEvents).values({
    incidentId, kind, message: opts.message ?? null, detail: opts.detail ?? null,
    actorUserId: actor?.userId ?? null, actorName: opts.actorName ?? actor?.fullName ?? null, ...(opts.at ? { at: opts.at } : {}),
  });
  await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
}
