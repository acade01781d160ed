import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency, readsEverything } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { agencies } from '../agencies/index.ts';
import { incidentEvents, incidents } from './schema.ts';
import { isActiveCase, isFinal, reporterMayEdit } from '../../../shared/incidents/workflow.ts';
import type { IncidentStatus } from '../../../shared/incidents/vocabulary.ts';
import { can, canSomewhere, rolesWith, type Subject } from '../../../shared/core/capabilities.ts';

export type IncidentRow = typeof incidents.$inferSelect;

/**
 * Who sees and works incidents (src/shared/core/capabilities.ts, `incidents.*`). The response team (responders), the
 * specialized security unit and platform admins see every case and work them; everybody else sees the cases of their
 * agency subtree, either as the reporting agency or as an agency named as affected. Hotline reports not yet tied to an
 * agency stay with the team.
 */
export const worksIncidents = (actor: Actor) => can(actor, 'incidents.work');

/** The roles of the people the team may put on a case: those who work incidents. */
export const TEAM_ROLES = rolesWith('incidents.work');
export const isTeamMember = (user: Pick<Subject, 'roles'>) => canSomewhere(user, 'incidents.work');

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
  const [row] = await db
    .select({ incident: incidents, agencyPath: agencies.path })
    .from(incidents)
    .leftJoin(agencies, eq(agencies.id, incidents.agencyId))
    .where(and(eq(incidents.id, id), readableIncident(actor)));
  if (!row) throw notFound('Incident');
  return { incident: row.incident, agencyPath: row.agencyPath };
}

const status = (i: IncidentRow) => i.status as IncidentStatus;

/** The reporting agency's part, for an editor of it (officer of the agency, or admin above it); hotline reports have none. */
const asReportingAgency = (actor: Actor, capability: 'incidents.correctReport' | 'incidents.contribute', i: IncidentRow, path: string | null) =>
  i.agencyId !== null && path !== null && can(actor, capability, { agencyId: i.agencyId, agencyPath: path });

/** Correcting the report itself: the team any time before the case ends; the agency until triage. */
export const canEditReport = (actor: Actor, i: IncidentRow, path: string | null) =>
  !isFinal(status(i)) && (worksIncidents(actor) || (reporterMayEdit(status(i)) && asReportingAgency(actor, 'incidents.correctReport', i, path)));

/** Messages, evidence and observables: the team and the reporting agency, until the case ends. */
export const canContribute = (actor: Actor, i: IncidentRow, path: string | null) =>
  !isFinal(status(i)) && (worksIncidents(actor) || asReportingAgency(actor, 'incidents.contribute', i, path));

/** The operator's closing report: the reporting agency, or the team on its behalf, while the case is worked. */
const canWriteClosingReport = (actor: Actor, i: IncidentRow, path: string | null) => canContribute(actor, i, path) && isActiveCase(status(i));

/** Shared with the national coordinator: the team, once the case was accepted (also after it closed). */
const canShare = (actor: Actor, i: IncidentRow) => worksIncidents(actor) && !['received', 'rejected', 'merged'].includes(i.status);

/** A case task: the team edits it; its assignee may mark it done or open again (`onlyStatus`). */
export const mayUpdateTask = (actor: Actor, task: { assigneeUserId: number | null }, onlyStatus: boolean) =>
  onlyStatus ? can(actor, 'incidents.completeTask', task) : worksIncidents(actor);

/** A task's `can`: mark it done or open again, until the case ends. */
export const taskCan = (actor: Actor, i: IncidentRow, task: { assigneeUserId: number | null }) => ({
  update: !isFinal(status(i)) && mayUpdateTask(actor, task, true),
});

/** The case's `can`: work it (team), correct the report, contribute messages/evidence/observables, the closing report, share nationally. */
export const incidentCan = (actor: Actor, i: IncidentRow, path: string | null) => ({
  work: worksIncidents(actor) && !isFinal(status(i)),
  editReport: canEditReport(actor, i, path),
  contribute: canContribute(actor, i, path),
  writeClosingReport: canWriteClosingReport(actor, i, path),
  share: canShare(actor, i),
});

/** May the actor report an incident for this agency (its editors, or the team on its behalf)? */
export const mayReportFor = (actor: Actor, agency: { id: number; path: string }) =>
  can(actor, 'incidents.report', { agencyId: agency.id, agencyPath: agency.path });

/** The list's `can`: report an incident (for some agency). */
export const incidentListCan = (actor: Actor) => ({ report: canSomewhere(actor, 'incidents.report') });

/** Response plans and exercises of an agency's systems: its editors and the team. */
export const mayEditReadiness = (actor: Actor, capability: 'responsePlans.edit' | 'exercises.edit', owner: { agencyId: number; agencyPath: string }) =>
  can(actor, capability, owner);

/** The team roster is kept by the security unit; reporting deadlines by the platform admin. */
export const mayEditRoster = (actor: Actor) => can(actor, 'responseTeam.edit');
export const mayEditPolicy = (actor: Actor) => can(actor, 'incidentPolicy.edit');

export function assertWorks(actor: Actor) {
  assert(worksIncidents(actor));
}

const caseEnded = () =>
  new AppError(409, 'case_ended', 'The case has ended; it can no longer be changed', 'Sự cố đã kết thúc xử lý, không thể thay đổi thêm', 'status');

export function assertNotEnded(i: IncidentRow) {
  if (isFinal(status(i))) throw caseEnded();
}

/** One entry of the case timeline, written in the transaction of the change it describes. */
export async function addEvent(
  tx: Tx,
  incidentId: number,
  actor: Pick<Actor, 'userId' | 'fullName'> | null,
  kind: string,
  opts: { message?: string | null; detail?: unknown; actorName?: string; at?: Date } = {},
) {
  await tx.insert(incidentEvents).values({
    incidentId,
    kind,
    message: opts.message ?? null,
    detail: opts.detail ?? null,
    actorUserId: actor?.userId ?? null,
    actorName: opts.actorName ?? actor?.fullName ?? null,
    ...(opts.at ? { at: opts.at } : {}),
  });
  await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
}
