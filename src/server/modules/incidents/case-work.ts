import { and, eq, inArray, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { agencies, agencyKinds } from '../agencies/index.ts';
import { users } from '../users/index.ts';
import { incidentAgencies, incidentLinks, incidentObservables, incidents, incidentSystems, incidentTasks } from './schema.ts';
import {
  assertNotEnded,
  assertWorks,
  canContribute,
  canEditReport,
  isTeamMember,
  mayUpdateTask,
  readableIncident,
  worksIncidents,
  type IncidentRow,
} from './access.ts';
import { changeCase } from './case-change.ts';
import { refreshSerious, visibleSystems } from './reporting.ts';
import { normalizeObservable } from '../../../shared/incidents/observables.ts';
import { closingReportGaps, isActiveCase } from '../../../shared/incidents/workflow.ts';
import type { IncidentStatus } from '../../../shared/incidents/vocabulary.ts';
import type { Role } from '../../../shared/core/roles.ts';
import type {
  AffectedBody,
  ClosingReportBody,
  CommunicationBody,
  MessageBody,
  NationalShareBody,
  ObservableBody,
  RelatedBody,
  ResponseReportBody,
  TaskBody,
  TaskPatch,
} from '../../../shared/incidents/schemas.ts';

function assertActiveCase(i: IncidentRow) {
  if (!isActiveCase(i.status as IncidentStatus)) {
    throw new AppError(
      409,
      'not_active',
      'Accept the report first; this is done while the case is worked',
      'Cần tiếp nhận báo cáo trước; thao tác này thực hiện khi sự cố đang được xử lý',
      'status',
    );
  }
}

/** A message on the timeline: the team and the reporting agency talk on the case. */
export async function postMessage(db: Db, actor: Actor, id: number, body: z.infer<typeof MessageBody>) {
  return changeCase(db, actor, { id }, async (_tx, { incident, agencyPath }) => {
    assertNotEnded(incident);
    assert(canContribute(actor, incident, agencyPath));
    return { event: { kind: 'message', message: body.message }, action: 'message', after: { message: body.message } };
  });
}

/** A task may go to a team member or to a user of the reporting agency's subtree (e.g. its IT officer). */
async function checkAssignee(db: Queryable, incident: IncidentRow, agencyPath: string | null, userId: number | null | undefined) {
  if (!userId) return null;
  const [user] = await db
    .select({ id: users.id, fullName: users.fullName, roles: users.roles, path: agencies.path })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  const team = user && isTeamMember({ roles: user.roles as Role[] });
  const ofAgency = user && agencyPath !== null && incident.agencyId !== null && user.path.startsWith(agencyPath);
  if (!user || !(team || ofAgency)) {
    throw invalid(
      'assigneeUserId',
      'Assign the task to a team member or a user of the reporting agency',
      'Hãy giao cho thành viên đội ứng cứu hoặc cán bộ của cơ quan báo cáo',
    );
  }
  return user;
}

export async function addTask(db: Db, actor: Actor, id: number, body: z.infer<typeof TaskBody>) {
  return changeCase(db, actor, { id }, async (tx, { incident, agencyPath }) => {
    assertWorks(actor);
    assertNotEnded(incident);
    const assignee = await checkAssignee(tx, incident, agencyPath, body.assigneeUserId);
    const [task] = await tx
      .insert(incidentTasks)
      .values({
        incidentId: id,
        title: body.title,
        assigneeUserId: assignee?.id ?? null,
        dueAt: body.dueAt ? new Date(body.dueAt) : null,
        createdBy: actor.userId,
      })
      .returning();
    return {
      event: { kind: 'task_added', detail: { title: body.title, assignee: assignee?.fullName ?? null, dueAt: body.dueAt ?? null } },
      action: 'add_task',
      after: task,
    };
  });
}

/** The team edits tasks; an assignee may mark their own task done or open again. */
export async function updateTask(db: Db, actor: Actor, id: number, taskId: number, patch: z.infer<typeof TaskPatch>) {
  return changeCase(db, actor, { id }, async (tx, { incident, agencyPath }) => {
    const [task] = await tx
      .select()
      .from(incidentTasks)
      .where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, id)))
      .for('update');
    if (!task) throw notFound('Task');
    const onlyStatus = Object.keys(patch).every((k) => k === 'status');
    assert(mayUpdateTask(actor, task, onlyStatus));
    assertNotEnded(incident);
    const set: Partial<typeof incidentTasks.$inferInsert> = { updatedAt: new Date() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.assigneeUserId !== undefined) set.assigneeUserId = (await checkAssignee(tx, incident, agencyPath, patch.assigneeUserId))?.id ?? null;
    if (patch.dueAt !== undefined) set.dueAt = patch.dueAt ? new Date(patch.dueAt) : null;
    if (patch.status && patch.status !== task.status) {
      set.status = patch.status;
      set.doneAt = patch.status === 'done' ? new Date() : null;
    }
    const [after] = await tx.update(incidentTasks).set(set).where(eq(incidentTasks.id, taskId)).returning();
    return {
      event: { kind: set.status === 'done' ? 'task_done' : set.status === 'open' ? 'task_reopened' : 'task_updated', detail: { title: after!.title } },
      action: 'update_task',
      before: task,
      after,
    };
  });
}

/** An indicator of the case, checked and written canonically, with its TLP marking. */
export async function addObservable(db: Db, actor: Actor, id: number, body: z.infer<typeof ObservableBody>) {
  const normalized = normalizeObservable(body.type, body.value);
  if (!normalized) throw invalid('value', `Not a valid ${body.type}`, 'Giá trị không hợp lệ với loại dấu hiệu đã chọn');
  return changeCase(db, actor, { id }, async (tx, { incident, agencyPath }) => {
    assertNotEnded(incident);
    assert(canContribute(actor, incident, agencyPath));
    const [row] = await tx
      .insert(incidentObservables)
      .values({
        incidentId: id,
        type: body.type,
        form: normalized.form,
        value: normalized.value,
        tlp: body.tlp,
        description: body.description ?? null,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('value', 'The case already has this observable', 'Dấu hiệu này đã có trong sự cố');
    return { event: { kind: 'observable_added', detail: { type: body.type, value: normalized.value, tlp: body.tlp } }, action: 'add_observable', after: row };
  });
}

export async function removeObservable(db: Db, actor: Actor, id: number, observableId: number) {
  return changeCase(db, actor, { id }, async (tx, { incident }) => {
    const [row] = await tx
      .select()
      .from(incidentObservables)
      .where(and(eq(incidentObservables.id, observableId), eq(incidentObservables.incidentId, id)));
    if (!row) throw notFound('Observable');
    assertWorks(actor);
    assertNotEnded(incident);
    await tx.delete(incidentObservables).where(eq(incidentObservables.id, observableId));
    return { event: { kind: 'observable_removed', detail: { type: row.type, value: row.value } }, action: 'remove_observable', before: row };
  });
}

/** Affected systems and other affected agencies; the agency reporter only with its own systems and before triage. */
export async function setAffected(db: Db, actor: Actor, id: number, body: z.infer<typeof AffectedBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident, agencyPath }) => {
    assertNotEnded(incident);
    assert(canEditReport(actor, incident, agencyPath));
    const team = worksIncidents(actor);
    const chosen = await visibleSystems(tx, actor, body.systemIds, team ? undefined : (incident.agencyId ?? undefined));
    const agencyIds = [...new Set(body.agencyIds)].filter((a) => a !== incident.agencyId);
    if (agencyIds.length) {
      const found = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
        .where(and(inArray(agencies.id, agencyIds), readableAgency(actor, agencies.id), eq(agencyKinds.external, false)));
      if (found.length !== agencyIds.length) throw invalid('agencyIds', 'Unknown agency', 'Cơ quan không tồn tại');
    }
    const beforeSystems = (await tx.delete(incidentSystems).where(eq(incidentSystems.incidentId, id)).returning()).map((r) => r.systemId);
    const beforeAgencies = (await tx.delete(incidentAgencies).where(eq(incidentAgencies.incidentId, id)).returning()).map((r) => r.agencyId);
    if (chosen.length) await tx.insert(incidentSystems).values(chosen.map((s) => ({ incidentId: id, systemId: s.id })));
    if (agencyIds.length) await tx.insert(incidentAgencies).values(agencyIds.map((a) => ({ incidentId: id, agencyId: a })));
    await refreshSerious(tx, id);
    return {
      event: { kind: 'affected_updated', detail: { systems: chosen.map((s) => s.name), agencies: agencyIds.length } },
      action: 'set_affected',
      before: { systemIds: beforeSystems, agencyIds: beforeAgencies },
      after: { systemIds: chosen.map((s) => s.id), agencyIds },
    };
  });
}

/** Links to related cases (read both ways). */
export async function setRelated(db: Db, actor: Actor, id: number, body: z.infer<typeof RelatedBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    assertNotEnded(incident);
    const wanted = [...new Set(body.incidentIds)];
    if (wanted.includes(id)) throw invalid('incidentIds', 'A case cannot be related to itself', 'Sự cố không thể liên quan tới chính nó');
    if (wanted.length) {
      const found = await tx
        .select({ id: incidents.id })
        .from(incidents)
        .where(and(inArray(incidents.id, wanted), readableIncident(actor)));
      if (found.length !== wanted.length) throw invalid('incidentIds', 'Unknown case', 'Sự cố không tồn tại');
    }
    const removed = await tx
      .delete(incidentLinks)
      .where(or(eq(incidentLinks.incidentId, id), eq(incidentLinks.relatedId, id)))
      .returning();
    if (wanted.length) await tx.insert(incidentLinks).values(wanted.map((r) => ({ incidentId: id, relatedId: r })));
    return {
      event: { kind: 'related_updated', detail: { incidentIds: wanted } },
      action: 'set_related',
      before: removed.map((l) => (l.incidentId === id ? l.relatedId : l.incidentId)),
      after: wanted,
    };
  });
}

/** Who speaks publicly about the incident, and what was decided (Circular 20/2017: information is released in a controlled way). */
export async function recordCommunication(db: Db, actor: Actor, id: number, body: z.infer<typeof CommunicationBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    assertNotEnded(incident);
    const set = {
      commsSpokesperson: body.spokesperson,
      commsDecision: body.decision,
      commsDecidedAt: new Date(),
      commsDecidedBy: actor.userId,
      updatedAt: new Date(),
    };
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    return {
      event: { kind: 'communication', message: body.decision, detail: { spokesperson: body.spokesperson } },
      action: 'record_communication',
      before: { spokesperson: incident.commsSpokesperson, decision: incident.commsDecision },
      after: body,
    };
  });
}

/** The response team's report: damage, root cause, origin traced, actions, lessons learned. Needed before the case closes. */
export async function writeResponseReport(db: Db, actor: Actor, id: number, body: z.infer<typeof ResponseReportBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    assertNotEnded(incident);
    assertActiveCase(incident);
    const set = {
      responseDamage: body.damage ?? null,
      responseRootCause: body.rootCause ?? null,
      responseOrigin: body.origin ?? null,
      responseActions: body.actions ?? null,
      responseLessons: body.lessonsLearned ?? null,
      responseReportAt: new Date(),
      updatedAt: new Date(),
    };
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    return { event: { kind: 'response_report' }, action: 'write_response_report', after: body };
  });
}

/**
 * The operator's closing report to the owner and the national coordinator (Circular 20/2017 Art. 9(2)(b)): written by
 * the reporting agency, or the team on its behalf, while the case is worked. It counts as filed, against its deadline,
 * the first time it is saved with every part written.
 */
export async function writeClosingReport(db: Db, actor: Actor, id: number, body: z.infer<typeof ClosingReportBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident, agencyPath }) => {
    assertNotEnded(incident);
    assert(canContribute(actor, incident, agencyPath));
    assertActiveCase(incident);
    const now = new Date();
    const parts = {
      closingDamage: body.damage ?? null,
      closingCause: body.cause ?? null,
      closingActions: body.actions ?? null,
      closingSupportingOrganizations: body.supportingOrganizations,
      closingRecommendations: body.recommendations ?? null,
      closingLessons: body.lessonsLearned ?? null,
    };
    const complete =
      closingReportGaps({
        damage: parts.closingDamage,
        cause: parts.closingCause,
        actions: parts.closingActions,
        recommendations: parts.closingRecommendations,
        lessonsLearned: parts.closingLessons,
      }).length === 0;
    const filedAt = incident.closingFiledAt ?? (complete ? now : null);
    await tx
      .update(incidents)
      .set({ ...parts, closingReportAt: now, closingFiledAt: filedAt, updatedAt: now })
      .where(eq(incidents.id, id));
    return {
      event: { kind: 'closing_report', detail: { filed: filedAt !== null } },
      action: 'write_closing_report',
      before: { filedAt: incident.closingFiledAt },
      after: { ...body, filedAt },
    };
  });
}

/** Records that the case was shared with the national coordinating agency (e.g. its STIX bundle sent). */
export async function shareNationally(db: Db, actor: Actor, id: number, body: z.infer<typeof NationalShareBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    if (['received', 'rejected', 'merged'].includes(incident.status)) {
      throw new AppError(409, 'not_active', 'Only an accepted case is shared', 'Chỉ chia sẻ sự cố đã được tiếp nhận', 'status');
    }
    const at = new Date();
    await tx.update(incidents).set({ nationalSharedAt: at, updatedAt: at }).where(eq(incidents.id, id));
    return {
      event: { kind: 'shared_national', message: body.note ?? null },
      action: 'share_national',
      after: { at: at.toISOString(), note: body.note ?? null },
    };
  });
}
