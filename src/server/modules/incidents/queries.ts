import { and, asc, desc, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { agencies, designations } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';
import { systems } from '../systems/schema.ts';
import { files } from '../files/schema.ts';
import {
  incidentAgencies, incidentEvents, incidentObservables, incidentResponders, incidents, incidentSystems, incidentTasks,
} from './schema.ts';
import { findIncident, incidentCan, incidentListCan, readableIncident, readableIncidentKeys, taskCan, worksIncidents, type IncidentRow } from './access.ts';
import { lateSql, loadPolicy } from './policy.ts';
import { agencySubtreeOf } from './readiness.ts';
import { idFromCode, incidentCode, type IncidentKind, type IncidentSeverity, type IncidentSource, type IncidentStatus, type ObservableType, type Tlp } from '../../../shared/incidents/vocabulary.ts';
import { allowedActions, closingReportGaps } from '../../../shared/incidents/workflow.ts';
import { reportTimeliness } from '../../../shared/incidents/deadlines.ts';
import type { IncidentDetail, IncidentListQuery } from '../../../shared/incidents/schemas.ts';

const leads = alias(users, 'leads');
const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const FINAL_STATUSES = ['closed', 'rejected', 'merged'];

/** SQL: the case belongs to the agency with this id or one below it (404 if the actor cannot see that agency). */
export const agencySubtree = (db: Queryable, actor: Actor, agencyId: number) => agencySubtreeOf(db, actor, agencyId, incidents.agencyId);

/** SQL: detection falls within [from, to], calendar days in Vietnam. */
export function detectedBetween(from?: string, to?: string): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(sql`${incidents.detectedAt} >= ${`${from}T00:00:00+07:00`}::timestamptz`);
  if (to) out.push(sql`${incidents.detectedAt} < ${`${to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  return out;
}

export async function listIncidents(db: Queryable, actor: Actor, q: z.infer<typeof IncidentListQuery>) {
  const late = lateSql(await loadPolicy(db));
  const where: SQL[] = detectedBetween(q.from, q.to);
  if (q.agencyId) where.push(await agencySubtree(db, actor, q.agencyId));
  if (q.status) where.push(eq(incidents.status, q.status));
  if (q.open === 'true') where.push(notInArray(incidents.status, FINAL_STATUSES));
  if (q.open === 'false') where.push(inArray(incidents.status, FINAL_STATUSES));
  if (q.severity) where.push(eq(incidents.severity, q.severity));
  if (q.kind) where.push(eq(incidents.kind, q.kind));
  if (q.source) where.push(eq(incidents.source, q.source));
  if (q.serious) where.push(eq(incidents.serious, q.serious === 'true'));
  if (q.late === 'true') where.push(late);
  if (q.late === 'false') where.push(sql`not ${late}`);
  if (q.mine === 'true') {
    where.push(or(eq(incidents.leadUserId, actor.userId), eq(incidents.reporterUserId, actor.userId),
      sql`exists (select 1 from incident_responders r where r.incident_id = ${incidents.id} and r.user_id = ${actor.userId})`,
      sql`exists (select 1 from incident_tasks t where t.incident_id = ${incidents.id} and t.assignee_user_id = ${actor.userId} and t.status = 'open')`)!);
  }
  if (q.systemId) where.push(sql`exists (select 1 from incident_systems s where s.incident_id = ${incidents.id} and s.system_id = ${q.systemId})`);
  if (q.q) {
    const id = idFromCode(q.q);
    where.push(id ? eq(incidents.id, id)
      : or(ilike(incidents.title, `%${q.q}%`), ilike(incidents.description, `%${q.q}%`), ilike(incidents.hotlineOrganization, `%${q.q}%`))!);
  }
  const keys = readableIncidentKeys(actor, and(...where));
  const { rows: [total] } = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${keys}) k`);
  const page = sql`select k.id from (${keys}) k order by k.reported_at desc, k.id desc limit ${q.limit} offset ${q.offset}`;
  const rows = await db.select({ incident: incidents, agencyName: agencies.name, leadName: leads.fullName, late: sql<boolean>`${late}` })
    .from(incidents).leftJoin(agencies, eq(agencies.id, incidents.agencyId)).leftJoin(leads, eq(leads.id, incidents.leadUserId))
    .where(sql`${incidents.id} in (${page})`).orderBy(desc(incidents.reportedAt), desc(incidents.id));
  return { total: total!.n, items: rows.map((r) => summaryOf(r.incident, r.agencyName, r.leadName, r.late)), can: incidentListCan(actor) };
}

function summaryOf(i: IncidentRow, agencyName: string | null, leadName: string | null, late: boolean) {
  return {
    id: i.id, code: incidentCode(i.id, i.reportedAt), title: i.title, kind: i.kind as IncidentKind, severity: i.severity as IncidentSeverity,
    serious: i.serious, status: i.status as IncidentStatus, source: i.source as IncidentSource, agencyId: i.agencyId, agencyName,
    hotlineOrganization: i.hotlineOrganization, detectedAt: i.detectedAt.toISOString(), reportedAt: i.reportedAt.toISOString(),
    late, leadName, updatedAt: i.updatedAt.toISOString(),
  };
}

const caseRef = (i: { id: number; reportedAt: Date; title: string; status: string }) =>
  ({ id: i.id, code: incidentCode(i.id, i.reportedAt), title: i.title, status: i.status as IncidentStatus });

async function designated(db: Queryable, code: string) {
  const [row] = await db.select({ title: designations.titleVi, name: agencies.name }).from(designations)
    .leftJoin(agencies, eq(agencies.id, designations.agencyId)).where(eq(designations.code, code));
  return row;
}

/** Who the report is filed with (Circular 20/2017): the managing body, the provincial response team, the national coordinator. */
async function recipientsOf(db: Queryable, i: IncidentRow, managingAgencyName: string | null) {
  const out: string[] = [];
  if (managingAgencyName) out.push(managingAgencyName);
  const team = await designated(db, 'response_team');
  if (team) out.push(team.name ? `${team.title} (${team.name})` : team.title);
  if (i.forNationalCoordinator) {
    const national = await designated(db, 'national_coordinator');
    if (national) out.push(national.name ? `${national.title} (${national.name})` : national.title);
  }
  return out;
}

async function agencyName(db: Queryable, id: number | null) {
  if (id === null) return null;
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id));
  return row?.name ?? null;
}

async function userName(db: Queryable, id: number | null) {
  if (id === null) return null;
  const [row] = await db.select({ name: users.fullName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

/** The full case as the actor may see it. Queries run one after another: `db` may be a transaction. */
export async function getIncident(db: Queryable, actor: Actor, id: number): Promise<IncidentDetail> {
  const { incident: i, agencyPath } = await findIncident(db, actor, id);
  const policy = await loadPolicy(db);
  const ownerName = await agencyName(db, i.agencyId);
  const managingAgencyName = await agencyName(db, i.managingAgencyId);
  const leadName = await userName(db, i.leadUserId);
  const responders = await db.select({ id: users.id, fullName: users.fullName }).from(incidentResponders)
    .innerJoin(users, eq(users.id, incidentResponders.userId)).where(eq(incidentResponders.incidentId, id)).orderBy(asc(users.fullName));
  const affectedSystems = await db.select({ id: systems.id, code: systems.code, name: systems.name, agencyName: agencies.name,
    level: sql<number | null>`coalesce(${systems.approvedLevel}, ${systems.proposedLevel})` })
    .from(incidentSystems).innerJoin(systems, eq(systems.id, incidentSystems.systemId)).innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(eq(incidentSystems.incidentId, id)).orderBy(asc(systems.name));
  const affectedAgencies = await db.select({ id: agencies.id, name: agencies.name }).from(incidentAgencies)
    .innerJoin(agencies, eq(agencies.id, incidentAgencies.agencyId)).where(eq(incidentAgencies.incidentId, id)).orderBy(asc(agencies.name));
  const caseColumns = { id: incidents.id, reportedAt: incidents.reportedAt, title: incidents.title, status: incidents.status };
  // Related cases the actor cannot see stay hidden.
  const related = await db.select(caseColumns).from(incidents).where(and(readableIncident(actor), or(
    sql`${incidents.id} in (select related_id from incident_links where incident_id = ${id})`,
    sql`${incidents.id} in (select incident_id from incident_links where related_id = ${id})`,
  ))).orderBy(asc(incidents.id));
  const [mergedInto] = i.mergedIntoId
    ? await db.select(caseColumns).from(incidents).where(and(eq(incidents.id, i.mergedIntoId), readableIncident(actor))) : [];
  const duplicates = await db.select(caseColumns).from(incidents)
    .where(and(eq(incidents.mergedIntoId, id), readableIncident(actor))).orderBy(asc(incidents.id));
  const tasks = await db.select({ task: incidentTasks, assigneeName: users.fullName }).from(incidentTasks)
    .leftJoin(users, eq(users.id, incidentTasks.assigneeUserId)).where(eq(incidentTasks.incidentId, id)).orderBy(asc(incidentTasks.id));
  const observables = await db.select().from(incidentObservables).where(eq(incidentObservables.incidentId, id)).orderBy(asc(incidentObservables.id));
  const evidence = await db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, uploadedAt: files.uploadedAt })
    .from(files).where(and(eq(files.entity, 'incident'), eq(files.entityId, String(id)))).orderBy(asc(files.id));
  const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id)).orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  const decidedBy = await userName(db, i.commsDecidedBy);
  const recipients = await recipientsOf(db, i, managingAgencyName);

  const timeliness = reportTimeliness({ ...i, severity: i.severity as IncidentSeverity, source: i.source as IncidentSource }, policy);
  const status = i.status as IncidentStatus;
  const works = worksIncidents(actor);
  const closing = { damage: i.closingDamage, rootCause: i.closingRootCause, origin: i.closingOrigin, actions: i.closingActions, lessonsLearned: i.closingLessons };
  const now = Date.now();
  return {
    ...summaryOf(i, ownerName, leadName, timeliness.late),
    tlp: i.tlp as Tlp,
    description: i.description, currentImpact: i.currentImpact, actionsTaken: i.actionsTaken, supportRequested: i.supportRequested,
    reporter: { userId: i.reporterUserId, name: i.reporterName, position: i.reporterPosition, phone: i.reporterPhone, email: i.reporterEmail },
    managingAgencyName, recipients,
    forNationalCoordinator: i.forNationalCoordinator, nationalSharedAt: iso(i.nationalSharedAt),
    timeliness,
    lead: i.leadUserId && leadName ? { id: i.leadUserId, fullName: leadName } : null,
    responders,
    systems: affectedSystems,
    agencies: affectedAgencies,
    related: related.map(caseRef), mergedInto: mergedInto ? caseRef(mergedInto) : null, duplicates: duplicates.map(caseRef),
    triagedAt: iso(i.triagedAt), rejectReason: i.rejectReason,
    containedAt: iso(i.containedAt), recoveredAt: iso(i.recoveredAt), closedAt: iso(i.closedAt),
    communication: i.commsSpokesperson && i.commsDecision && i.commsDecidedAt
      ? { spokesperson: i.commsSpokesperson, decision: i.commsDecision, decidedAt: i.commsDecidedAt.toISOString(), decidedBy } : null,
    closingReport: { ...closing, updatedAt: iso(i.closingReportAt) },
    closingReportGaps: closingReportGaps(closing),
    tasks: tasks.map(({ task: t, assigneeName }) => ({
      id: t.id, title: t.title, assigneeUserId: t.assigneeUserId, assigneeName, dueAt: iso(t.dueAt), status: t.status as 'open' | 'done',
      doneAt: iso(t.doneAt), overdue: t.status === 'open' && t.dueAt !== null && t.dueAt.getTime() < now, createdAt: t.createdAt.toISOString(),
      can: taskCan(actor, i, t),
    })),
    observables: observables.map((o) => ({ id: o.id, type: o.type as ObservableType, form: o.form, value: o.value, tlp: o.tlp as Tlp,
      description: o.description, createdAt: o.createdAt.toISOString() })),
    evidence: evidence.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, message: e.message, detail: e.detail, actorName: e.actorName, at: e.at.toISOString() })),
    allowedActions: allowedActions(status, works),
    can: incidentCan(actor, i, agencyPath),
    stixId: i.stixId,
  };
}
