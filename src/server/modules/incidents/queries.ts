import { and, asc, desc, eq, ilike, inArray, notInArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { agencies, designations } from '../agencies/index.ts';
import { users } from '../users/index.ts';
import { effectiveLevel, systems } from '../systems/index.ts';
import { files } from '../files/index.ts';
import {
  incidentAgencies,
  incidentEvents,
  incidentObservables,
  incidentResponders,
  incidents,
  incidentShares,
  incidentSystems,
  incidentTasks,
} from './schema.ts';
import { findIncident, incidentCan, incidentListCan, readableIncident, readableIncidentKeys, taskCan, worksIncidents, type IncidentRow } from './access.ts';
import { lateSql, loadPolicy } from './policy.ts';
import { agencySubtreeOf } from './readiness.ts';
import {
  idFromCode,
  incidentCode,
  type IncidentKind,
  type IncidentSeverity,
  type IncidentSource,
  type IncidentStatus,
  type ObservableType,
  type Tlp,
} from '../../../shared/incidents/vocabulary.ts';
import { allowedActions, closingReportGaps, responseReportGaps } from '../../../shared/incidents/workflow.ts';
import { CLOSING_REPORT_SOURCE, closingReportTimeliness, reportTimeliness } from '../../../shared/incidents/deadlines.ts';
import { RECIPIENT_DESIGNATIONS, RECIPIENT_SOURCES, REPORT_RECIPIENTS, type ReportRecipient } from '../../../shared/incidents/recipients.ts';
import { seriousness } from '../../../shared/incidents/seriousness.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import type { HandlingCapacity, IncidentEffect } from '../../../shared/incidents/vocabulary.ts';
import type { IncidentDetail, IncidentListQuery, ShareChannel } from '../../../shared/incidents/schemas.ts';

const leads = alias(users, 'leads');
const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const FINAL_STATUSES = ['closed', 'rejected', 'merged'];

/** SQL: the case belongs to the agency with this id or one below it (404 if the actor cannot see that agency). */
export const agencySubtree = (db: Queryable, actor: Actor, agencyId: number) => agencySubtreeOf(db, actor, agencyId, incidents.agencyId);

/** SQL: the instant falls within [from, to], calendar days in Vietnam. */
export function onDaysBetween(column: AnyColumn, from?: string, to?: string): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(sql`${column} >= ${`${from}T00:00:00+07:00`}::timestamptz`);
  if (to) out.push(sql`${column} < ${`${to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  return out;
}

/** SQL: detection falls within [from, to], calendar days in Vietnam. */
export const detectedBetween = (from?: string, to?: string) => onDaysBetween(incidents.detectedAt, from, to);

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
    where.push(
      or(
        eq(incidents.leadUserId, actor.userId),
        eq(incidents.reporterUserId, actor.userId),
        sql`exists (select 1 from incident_responders r where r.incident_id = ${incidents.id} and r.user_id = ${actor.userId})`,
        sql`exists (select 1 from incident_tasks t where t.incident_id = ${incidents.id} and t.assignee_user_id = ${actor.userId} and t.status = 'open')`,
      )!,
    );
  }
  if (q.systemId) where.push(sql`exists (select 1 from incident_systems s where s.incident_id = ${incidents.id} and s.system_id = ${q.systemId})`);
  if (q.q) {
    const id = idFromCode(q.q);
    where.push(
      id
        ? eq(incidents.id, id)
        : or(ilike(incidents.title, `%${q.q}%`), ilike(incidents.description, `%${q.q}%`), ilike(incidents.hotlineOrganization, `%${q.q}%`))!,
    );
  }
  const keys = readableIncidentKeys(actor, and(...where));
  const {
    rows: [total],
  } = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${keys}) k`);
  const page = sql`select k.id from (${keys}) k order by k.reported_at desc, k.id desc limit ${q.limit} offset ${q.offset}`;
  const rows = await db
    .select({ incident: incidents, agencyName: agencies.name, leadName: leads.fullName, late: sql<boolean>`${late}` })
    .from(incidents)
    .leftJoin(agencies, eq(agencies.id, incidents.agencyId))
    .leftJoin(leads, eq(leads.id, incidents.leadUserId))
    .where(sql`${incidents.id} in (${page})`)
    .orderBy(desc(incidents.reportedAt), desc(incidents.id));
  return { total: total!.n, items: rows.map((r) => summaryOf(r.incident, r.agencyName, r.leadName, r.late)), can: incidentListCan(actor) };
}

function summaryOf(i: IncidentRow, agencyName: string | null, leadName: string | null, late: boolean) {
  return {
    id: i.id,
    code: incidentCode(i.id, i.reportedAt),
    title: i.title,
    kind: i.kind as IncidentKind,
    severity: i.severity as IncidentSeverity,
    serious: i.serious,
    status: i.status as IncidentStatus,
    source: i.source as IncidentSource,
    agencyId: i.agencyId,
    agencyName,
    hotlineOrganization: i.hotlineOrganization,
    detectedAt: i.detectedAt.toISOString(),
    reportedAt: i.reportedAt.toISOString(),
    late,
    leadName,
    updatedAt: i.updatedAt.toISOString(),
  };
}

const caseRef = (i: { id: number; reportedAt: Date; title: string; status: string }) => ({
  id: i.id,
  code: incidentCode(i.id, i.reportedAt),
  title: i.title,
  status: i.status as IncidentStatus,
});

async function designated(db: Queryable, code: string) {
  const [row] = await db
    .select({ title: designations.titleVi, name: agencies.name })
    .from(designations)
    .leftJoin(agencies, eq(agencies.id, designations.agencyId))
    .where(eq(designations.code, code));
  return row;
}

type Recipient = { role: ReportRecipient; name: string; sources: string[] };

/**
 * Who the report is filed with: every recipient of shared/incidents/recipients.ts, always. The owner is the managing
 * body (the reporting agency itself when it has none above it); the others are named by their designations.
 */
async function recipientsOf(db: Queryable, owner: string | null): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const role of REPORT_RECIPIENTS) {
    const sources = RECIPIENT_SOURCES[role].map((c) => formatCitation(c));
    if (role === 'owner') {
      if (owner) out.push({ role, name: owner, sources });
      continue;
    }
    const d = await designated(db, RECIPIENT_DESIGNATIONS[role]);
    if (d) out.push({ role, name: d.name ? `${d.title} (${d.name})` : d.title, sources });
  }
  return out;
}

/** A stored list of supporting organisations (jsonb) as the API gives it. */
const organizations = (v: unknown) => (v as { name: string; result?: string | null }[]).map((o) => ({ name: o.name, result: o.result ?? null }));

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
  const responders = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(incidentResponders)
    .innerJoin(users, eq(users.id, incidentResponders.userId))
    .where(eq(incidentResponders.incidentId, id))
    .orderBy(asc(users.fullName));
  const affectedSystems = await db
    .select({
      id: systems.id,
      code: systems.code,
      name: systems.name,
      agencyName: agencies.name,
      level: effectiveLevel,
      nationalImportantList: sql<boolean>`coalesce((${systems.classification}->>'primeMinisterDesignated')::boolean, false)`,
    })
    .from(incidentSystems)
    .innerJoin(systems, eq(systems.id, incidentSystems.systemId))
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(eq(incidentSystems.incidentId, id))
    .orderBy(asc(systems.name));
  const affectedAgencies = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(incidentAgencies)
    .innerJoin(agencies, eq(agencies.id, incidentAgencies.agencyId))
    .where(eq(incidentAgencies.incidentId, id))
    .orderBy(asc(agencies.name));
  const caseColumns = { id: incidents.id, reportedAt: incidents.reportedAt, title: incidents.title, status: incidents.status };
  // Related cases the actor cannot see stay hidden.
  const related = await db
    .select(caseColumns)
    .from(incidents)
    .where(
      and(
        readableIncident(actor),
        or(
          sql`${incidents.id} in (select related_id from incident_links where incident_id = ${id})`,
          sql`${incidents.id} in (select incident_id from incident_links where related_id = ${id})`,
        ),
      ),
    )
    .orderBy(asc(incidents.id));
  const [mergedInto] = i.mergedIntoId
    ? await db
        .select(caseColumns)
        .from(incidents)
        .where(and(eq(incidents.id, i.mergedIntoId), readableIncident(actor)))
    : [];
  const duplicates = await db
    .select(caseColumns)
    .from(incidents)
    .where(and(eq(incidents.mergedIntoId, id), readableIncident(actor)))
    .orderBy(asc(incidents.id));
  const tasks = await db
    .select({ task: incidentTasks, assigneeName: users.fullName })
    .from(incidentTasks)
    .leftJoin(users, eq(users.id, incidentTasks.assigneeUserId))
    .where(eq(incidentTasks.incidentId, id))
    .orderBy(asc(incidentTasks.id));
  const observables = await db.select().from(incidentObservables).where(eq(incidentObservables.incidentId, id)).orderBy(asc(incidentObservables.id));
  const evidence = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.entity, 'incident'), eq(files.entityId, String(id))))
    .orderBy(asc(files.id));
  const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id)).orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  const decidedBy = await userName(db, i.commsDecidedBy);
  const recipients = await recipientsOf(db, managingAgencyName ?? ownerName);

  const classified = { ...i, severity: i.severity as IncidentSeverity, source: i.source as IncidentSource, capacity: i.capacity as HandlingCapacity };
  const timeliness = reportTimeliness(classified, policy);
  const status = i.status as IncidentStatus;
  const works = worksIncidents(actor);
  const response = {
    damage: i.responseDamage,
    rootCause: i.responseRootCause,
    origin: i.responseOrigin,
    actions: i.responseActions,
    lessonsLearned: i.responseLessons,
  };
  const closing = {
    damage: i.closingDamage,
    cause: i.closingCause,
    actions: i.closingActions,
    recommendations: i.closingRecommendations,
    lessonsLearned: i.closingLessons,
  };
  const criteria = seriousness({ systems: affectedSystems, effects: i.effects as IncidentEffect[], capacity: classified.capacity });
  const now = Date.now();
  return {
    ...summaryOf(i, ownerName, leadName, timeliness.late),
    tlp: i.tlp as Tlp,
    description: i.description,
    currentImpact: i.currentImpact,
    spread: i.spread,
    actionsTaken: i.actionsTaken,
    initialResult: i.initialResult,
    supportRequested: i.supportRequested,
    supportingOrganizations: organizations(i.supportingOrganizations),
    reporter: { userId: i.reporterUserId, name: i.reporterName, position: i.reporterPosition, phone: i.reporterPhone, email: i.reporterEmail },
    operator: { name: i.operatorName, address: i.operatorAddress },
    managingAgencyName,
    infrastructureProvider: i.infrastructureProvider,
    affectedAddresses: i.affectedAddresses,
    effects: criteria.effects,
    capacity: classified.capacity,
    seriousness: {
      systemCriterion: criteria.systemCriterion,
      capacityCriterion: criteria.capacityCriterion,
      grounds: criteria.grounds.map((c) => formatCitation(c)),
    },
    recipients,
    nationalSharedAt: iso(i.nationalSharedAt),
    shares: await sharesOf(db, id),
    timeliness,
    lead: i.leadUserId && leadName ? { id: i.leadUserId, fullName: leadName } : null,
    responders,
    systems: affectedSystems.map(({ nationalImportantList: _n, ...s }) => s),
    agencies: affectedAgencies,
    related: related.map(caseRef),
    mergedInto: mergedInto ? caseRef(mergedInto) : null,
    duplicates: duplicates.map(caseRef),
    triagedAt: iso(i.triagedAt),
    rejectReason: i.rejectReason,
    containedAt: iso(i.containedAt),
    recoveredAt: iso(i.recoveredAt),
    closedAt: iso(i.closedAt),
    communication:
      i.commsSpokesperson && i.commsDecision && i.commsDecidedAt
        ? { spokesperson: i.commsSpokesperson, decision: i.commsDecision, decidedAt: i.commsDecidedAt.toISOString(), decidedBy }
        : null,
    responseReport: { ...response, updatedAt: iso(i.responseReportAt) },
    responseReportGaps: responseReportGaps(response),
    closingReport: { ...closing, supportingOrganizations: organizations(i.closingSupportingOrganizations), updatedAt: iso(i.closingReportAt) },
    closingReportGaps: closingReportGaps(closing),
    closingTimeliness: { ...closingReportTimeliness(classified, new Date(now)), source: formatCitation(CLOSING_REPORT_SOURCE) },
    tasks: tasks.map(({ task: t, assigneeName }) => ({
      id: t.id,
      title: t.title,
      assigneeUserId: t.assigneeUserId,
      assigneeName,
      dueAt: iso(t.dueAt),
      status: t.status as 'open' | 'done',
      doneAt: iso(t.doneAt),
      overdue: t.status === 'open' && t.dueAt !== null && t.dueAt.getTime() < now,
      createdAt: t.createdAt.toISOString(),
      can: taskCan(actor, i, t),
    })),
    observables: observables.map((o) => ({
      id: o.id,
      type: o.type as ObservableType,
      form: o.form,
      value: o.value,
      tlp: o.tlp as Tlp,
      description: o.description,
      createdAt: o.createdAt.toISOString(),
    })),
    evidence: evidence.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, message: e.message, detail: e.detail, actorName: e.actorName, at: e.at.toISOString() })),
    allowedActions: allowedActions(status, works),
    can: incidentCan(actor, i, agencyPath),
    stixId: i.stixId,
  };
}

/** A case's shares, oldest first, for its detail. */
async function sharesOf(db: Queryable, incidentId: number) {
  const rows = await db
    .select({ share: incidentShares, sharedBy: users.fullName })
    .from(incidentShares)
    .leftJoin(users, eq(users.id, incidentShares.sharedBy))
    .where(eq(incidentShares.incidentId, incidentId))
    .orderBy(asc(incidentShares.sharedAt), asc(incidentShares.id));
  return rows.map(({ share: s, sharedBy }) => ({
    id: s.id,
    channel: s.channel as ShareChannel,
    objectIds: s.objectIds,
    digest: s.digest,
    sharedBy,
    sharedAt: s.sharedAt.toISOString(),
  }));
}
