import { and, arrayOverlaps, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { users } from '../users/index.ts';
import { moveAttachments } from '../files/index.ts';
import { incidentLinks, incidentResponders, incidents } from './schema.ts';
import { addEvent, assertNotEnded, assertWorks, findIncident, TEAM_ROLES } from './access.ts';
import { changeCase } from './case-change.ts';
import { stateAgency } from './reporting.ts';
import { isFinal, nextStatus, transitionProblem, type IncidentAction } from '../../../shared/incidents/workflow.ts';
import { closingReportRequired } from '../../../shared/incidents/deadlines.ts';
import type { HandlingCapacity, IncidentSource, IncidentStatus } from '../../../shared/incidents/vocabulary.ts';
import type { AssignmentBody, IncidentTransitionBody } from '../../../shared/incidents/schemas.ts';

/** When each status was reached, kept on the case for the dashboard's response times. */
const STAMP: Partial<Record<IncidentAction, 'triagedAt' | 'containedAt' | 'recoveredAt' | 'closedAt'>> = {
  accept: 'triagedAt',
  reject: 'triagedAt',
  merge: 'triagedAt',
  contain: 'containedAt',
  recover: 'recoveredAt',
  close: 'closedAt',
};

/** Moves a case along the flow: triage (accept, merge a duplicate, reject with a reason), response, containment, recovery, closing. */
export async function transition(db: Db, actor: Actor, id: number, input: z.infer<typeof IncidentTransitionBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    const from = incident.status as IncidentStatus;
    const to = nextStatus(from, input.action);
    if (!to) {
      throw new AppError(
        409,
        'invalid_transition',
        `A case that is ${from} cannot be moved by ${input.action}`,
        `Không thể thực hiện thao tác này với sự cố ở trạng thái hiện tại (${from})`,
        'action',
      );
    }
    const response = {
      damage: incident.responseDamage,
      rootCause: incident.responseRootCause,
      origin: incident.responseOrigin,
      actions: incident.responseActions,
      lessonsLearned: incident.responseLessons,
    };
    const closingRequired = closingReportRequired({
      source: incident.source as IncidentSource,
      serious: incident.serious,
      capacity: incident.capacity as HandlingCapacity,
    });
    const problem = transitionProblem(input.action, input, { id, response, closingRequired, closingFiled: incident.closingFiledAt !== null });
    if (problem) throw invalid(problem.field, problem.en, problem.vi);

    const now = new Date();
    const set: Partial<typeof incidents.$inferInsert> = { status: to, updatedAt: now };
    const stamp = STAMP[input.action];
    if (stamp) set[stamp] = now;
    if (['accept', 'reject', 'merge'].includes(input.action) && from === 'received') set.triagedBy = actor.userId;
    if (input.action === 'reject') set.rejectReason = input.reason!.trim();
    if (input.action === 'accept' && input.agencyId && input.agencyId !== incident.agencyId) {
      if (incident.source !== 'hotline')
        throw invalid('agencyId', 'Only a hotline report can be given an agency at triage', 'Chỉ gán cơ quan cho báo cáo qua đường dây nóng');
      const agency = await stateAgency(tx, actor, input.agencyId);
      Object.assign(set, { agencyId: agency.id, managingAgencyId: agency.parentId });
      // The evidence follows the case to its agency, so the agency can read it.
      await moveAttachments(tx, 'incident', String(id), agency.id);
    }
    let target: { id: number; title: string } | undefined;
    if (input.action === 'merge') {
      const found = await findIncident(tx, actor, input.mergeIntoId!).catch(() => {
        throw invalid('mergeIntoId', 'The case to merge into does not exist', 'Sự cố cần gộp vào không tồn tại');
      });
      if (isFinal(found.incident.status as IncidentStatus)) {
        throw invalid('mergeIntoId', 'The case to merge into has ended', 'Sự cố cần gộp vào đã kết thúc');
      }
      target = found.incident;
      set.mergedIntoId = target.id;
      await tx.insert(incidentLinks).values({ incidentId: id, relatedId: target.id }).onConflictDoNothing();
      await addEvent(tx, target.id, actor, 'duplicate_merged', { detail: { incidentId: id, title: incident.title } });
    }
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    return {
      event: {
        kind: 'status',
        message: input.reason?.trim() || null,
        detail: { action: input.action, from, to, ...(target ? { mergeIntoId: target.id, mergeIntoTitle: target.title } : {}) },
      },
      action: `incident_${input.action}`,
      agencyId: set.agencyId ?? incident.agencyId,
      before: { status: from },
      after: { status: to, reason: input.reason ?? null, mergeIntoId: target?.id ?? null, agencyId: set.agencyId ?? incident.agencyId },
    };
  });
}

/** Active users holding a team role; refuses the list if one is not. */
async function teamUsers(db: Queryable, ids: number[], field: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(inArray(users.id, unique), eq(users.active, true), arrayOverlaps(users.roles, TEAM_ROLES)));
  if (rows.length !== unique.length) throw invalid(field, 'Choose members of the response team', 'Hãy chọn thành viên đội ứng cứu sự cố');
  return rows;
}

/** The lead and the responders working the case. */
export async function assign(db: Db, actor: Actor, id: number, body: z.infer<typeof AssignmentBody>) {
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    assertNotEnded(incident);
    const [lead] = body.leadUserId ? await teamUsers(tx, [body.leadUserId], 'leadUserId') : [];
    const responders = await teamUsers(
      tx,
      body.responderIds.filter((r) => r !== body.leadUserId),
      'responderIds',
    );
    const before = {
      leadUserId: incident.leadUserId,
      responderIds: (await tx.delete(incidentResponders).where(eq(incidentResponders.incidentId, id)).returning()).map((r) => r.userId),
    };
    if (responders.length) await tx.insert(incidentResponders).values(responders.map((u) => ({ incidentId: id, userId: u.id })));
    await tx
      .update(incidents)
      .set({ leadUserId: lead?.id ?? null })
      .where(eq(incidents.id, id));
    return {
      event: { kind: 'assigned', detail: { lead: lead?.fullName ?? null, responders: responders.map((r) => r.fullName) } },
      action: 'assign',
      before,
      after: { leadUserId: lead?.id ?? null, responderIds: responders.map((r) => r.id) },
    };
  });
}
