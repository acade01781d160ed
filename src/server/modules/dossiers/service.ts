import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { agencies, designations } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { findSystem } from '../systems/service.ts';
import { ensureRequirementRows } from '../requirements/service.ts';
import { files } from '../files/schema.ts';
import { approvalRules, dossierEvents, dossiers } from './schema.ts';
import { allowedActions, isEditable, isPending, stepOf, type DossierAction, type Party } from '../../../shared/dossiers/workflow.ts';
import { dossierCan, mayEditApprovalMatrix, mayOwn, partiesOf } from './access.ts';
import type { DossierState } from '../../../shared/dossiers/workflow.ts';

type DossierRow = typeof dossiers.$inferSelect;
type Rule = typeof approvalRules.$inferSelect;

export const listApprovalRules = (db: Queryable) => db.select().from(approvalRules).orderBy(asc(approvalRules.level));

async function ruleFor(db: Queryable, level: number): Promise<Rule> {
  const [rule] = await db.select().from(approvalRules).where(eq(approvalRules.level, level));
  if (!rule) throw new AppError(500, 'no_rule', `No approval rule for level ${level}`, `Chưa cấu hình thẩm quyền cho cấp độ ${level}`);
  return rule;
}

/** The agency holding a designation (e.g. the specialized security unit), if one does. */
async function designatedAgency(db: Queryable, code: string | null) {
  if (!code) return null;
  const [row] = await db.select({ agencyId: agencies.id, agencyPath: agencies.path }).from(designations)
    .innerJoin(agencies, eq(agencies.id, designations.agencyId)).where(eq(designations.code, code));
  return row ?? null;
}

/** The parts the actor plays for this dossier under the approval matrix (access.ts `partiesOf`). */
async function partiesFor(db: Queryable, actor: Actor, d: { agencyId: number; proposedLevel: number }, ownerPath: string): Promise<Set<Party>> {
  const rule = await ruleFor(db, d.proposedLevel);
  const unit = rule.appraiserKind === 'internal' ? await designatedAgency(db, rule.appraiserDesignation) : null;
  return partiesOf(actor, rule, { agencyId: d.agencyId, agencyPath: ownerPath }, unit);
}

async function findDossier(db: Queryable, actor: Actor, id: number) {
  const [row] = await db.select({ dossier: dossiers, ownerPath: agencies.path })
    .from(dossiers).innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(and(eq(dossiers.id, id), readableAgency(actor, dossiers.agencyId)));
  if (!row) throw notFound('Dossier');
  return row;
}

async function present(db: Queryable, actor: Actor, d: DossierRow, ownerPath: string) {
  // One after another: `db` may be a transaction, whose single connection runs one query at a time.
  const events = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id)).orderBy(asc(dossierEvents.id));
  const attachments = await db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files).where(and(eq(files.entity, 'dossier'), eq(files.entityId, String(d.id)))).orderBy(asc(files.id));
  const rule = await ruleFor(db, d.proposedLevel);
  const [system] = await db.select({ name: systems.name, code: systems.code }).from(systems).where(eq(systems.id, d.systemId));
  const parties = await partiesFor(db, actor, d, ownerPath);
  return {
    ...d,
    state: d.state as DossierState,
    systemName: system!.name,
    systemCode: system!.code,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    rule,
    ...dossierCan(d.state as DossierState, parties),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    attachments: attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
  };
}

export async function getDossier(db: Queryable, actor: Actor, id: number) {
  const { dossier, ownerPath } = await findDossier(db, actor, id);
  return present(db, actor, dossier, ownerPath);
}

export async function listSystemDossiers(db: Queryable, actor: Actor, systemId: number) {
  await findSystem(db, actor, systemId);
  const rows = await db.select().from(dossiers).where(eq(dossiers.systemId, systemId)).orderBy(desc(dossiers.id));
  return rows.map((d) => ({ id: d.id, state: d.state as DossierState, proposedLevel: d.proposedLevel, decisionNumber: d.decisionNumber,
    decisionDate: d.decisionDate, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() }));
}

/** Opens a dossier from the system's current classification; one open dossier per system at a time. */
export async function createDossier(db: Db, actor: Actor, systemId: number) {
  return db.transaction(async (tx) => {
    const system = await findSystem(tx, actor, systemId);
    assert(mayOwn(actor, system));
    if (!system.proposedLevel || !system.classification) {
      throw invalid('classification', 'Classify the system before opening its dossier', 'Cần xác định cấp độ trước khi lập hồ sơ');
    }
    const open = await tx.select({ id: dossiers.id }).from(dossiers)
      .where(and(eq(dossiers.systemId, systemId), inArray(dossiers.state, ['draft', 'submitted', 'under_appraisal', 'appraised', 'returned'])));
    if (open.length) throw conflict('systemId', 'The system already has an open dossier', 'Hệ thống đang có hồ sơ chưa hoàn tất');
    const [row] = await tx.insert(dossiers).values({
      systemId, agencyId: system.agencyId, computedLevel: system.computedLevel!, proposedLevel: system.proposedLevel,
      justification: system.levelJustification, classification: system.classification, description: system.purpose,
    }).returning();
    await tx.insert(dossierEvents).values({ dossierId: row!.id, action: 'create', toState: 'draft', actorUserId: actor.userId, actorName: actor.fullName });
    await recordAudit(tx, actor, { action: 'create', entity: 'dossier', entityId: row!.id, agencyId: system.agencyId, after: row });
    return present(tx, actor, row!, system.agencyPath);
  });
}

export async function updateDossier(db: Db, actor: Actor, id: number, patch: { description?: string | null; securityPlan?: string | null }) {
  return db.transaction(async (tx) => {
    const { dossier, ownerPath } = await findDossier(tx, actor, id);
    assert(mayOwn(actor, { agencyId: dossier.agencyId, agencyPath: ownerPath }));
    if (!isEditable(dossier.state as DossierState)) {
      throw conflict('state', 'The dossier can only be edited while it is a draft or returned', 'Chỉ sửa được hồ sơ ở trạng thái dự thảo hoặc bị trả lại');
    }
    const [after] = await tx.update(dossiers).set({ ...patch, updatedAt: new Date() }).where(eq(dossiers.id, id)).returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'dossier', entityId: id, agencyId: dossier.agencyId, before: dossier, after });
    return present(tx, actor, after!, ownerPath);
  });
}

export type TransitionInput = {
  action: DossierAction;
  comment?: string | null;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  decisionAuthority?: string | null;
  decisionFileId?: number | null;
};

export async function transition(db: Db, actor: Actor, id: number, input: TransitionInput) {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
    const { dossier, ownerPath } = await findDossier(tx, actor, id);
    const state = (locked ?? dossier).state as DossierState;
    const step = stepOf(state, input.action);
    if (!step) {
      throw new AppError(409, 'invalid_transition', `A dossier that is ${state} cannot be ${input.action}`,
        `Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại (${state})`, 'action');
    }
    const parties = await partiesFor(tx, actor, dossier, ownerPath);
    assert(parties.has(step.by));
    const comment = input.comment?.trim() || null;
    const set: Partial<DossierRow> = { state: step.to, updatedAt: new Date() };
    if (input.action === 'return' && (!comment || comment.length < 5)) {
      throw invalid('comment', 'Give the reasons for returning the dossier', 'Cần nêu lý do trả lại hồ sơ');
    }
    if (input.action === 'appraise') {
      if (!comment || comment.length < 5) throw invalid('comment', 'Write the appraisal opinion', 'Cần ghi ý kiến thẩm định');
      set.appraisalOpinion = comment;
    }
    if (input.action === 'submit') set.submissions = dossier.submissions + 1;
    if (input.action === 'approve') {
      if (!input.decisionNumber?.trim()) throw invalid('decisionNumber', 'Enter the approval decision number', 'Cần nhập số quyết định phê duyệt');
      if (!input.decisionDate) throw invalid('decisionDate', 'Enter the approval decision date', 'Cần nhập ngày quyết định phê duyệt');
      if (input.decisionFileId) {
        const [file] = await tx.select({ id: files.id }).from(files)
          .where(and(eq(files.id, input.decisionFileId), eq(files.entity, 'dossier'), eq(files.entityId, String(id))));
        if (!file) throw invalid('decisionFileId', 'Attach the signed decision to this dossier first', 'Hãy đính kèm quyết định đã ký vào hồ sơ trước');
      }
      const rule = await ruleFor(tx, dossier.proposedLevel);
      Object.assign(set, {
        decisionNumber: input.decisionNumber.trim(), decisionDate: input.decisionDate, decisionFileId: input.decisionFileId ?? null,
        decisionAuthority: input.decisionAuthority?.trim() || rule.approverNameVi,
      });
      await tx.update(systems).set({ approvedLevel: dossier.proposedLevel, approvedOn: input.decisionDate,
        approvalDecision: input.decisionNumber.trim(), updatedAt: new Date() }).where(eq(systems.id, dossier.systemId));
      await ensureRequirementRows(tx, dossier.systemId, dossier.proposedLevel);
    }
    const [after] = await tx.update(dossiers).set(set).where(eq(dossiers.id, id)).returning();
    await tx.insert(dossierEvents).values({ dossierId: id, action: input.action, fromState: state, toState: step.to,
      actorUserId: actor.userId, actorName: actor.fullName, comment });
    await recordAudit(tx, actor, { action: `dossier_${input.action}`, entity: 'dossier', entityId: id, agencyId: dossier.agencyId,
      before: { state }, after: { state: step.to, comment, decisionNumber: after!.decisionNumber, decisionDate: after!.decisionDate } });
    return present(tx, actor, after!, ownerPath);
  });
}

/** Dossiers waiting for something the actor may do: the appraisers' and approvers' queue. */
export async function approvalQueue(db: Queryable, actor: Actor) {
  const rows = await db.select({ dossier: dossiers, ownerPath: agencies.path, agencyName: agencies.name, systemName: systems.name, systemCode: systems.code })
    .from(dossiers).innerJoin(agencies, eq(agencies.id, dossiers.agencyId)).innerJoin(systems, eq(systems.id, dossiers.systemId))
    .where(and(readableAgency(actor, dossiers.agencyId), inArray(dossiers.state, ['submitted', 'under_appraisal', 'appraised'])))
    .orderBy(asc(dossiers.updatedAt));
  const queue = [];
  for (const r of rows) {
    const state = r.dossier.state as DossierState;
    const actions = allowedActions(state, await partiesFor(db, actor, r.dossier, r.ownerPath));
    if (isPending(state) && actions.length) {
      queue.push({ id: r.dossier.id, systemId: r.dossier.systemId, systemName: r.systemName, systemCode: r.systemCode, agencyName: r.agencyName,
        state, proposedLevel: r.dossier.proposedLevel, computedLevel: r.dossier.computedLevel, submissions: r.dossier.submissions,
        updatedAt: r.dossier.updatedAt.toISOString(), allowedActions: actions });
    }
  }
  return queue;
}

/** Where a dossier attachment belongs and who may add one: any party to the dossier. */
export async function attachmentTarget(db: Queryable, actor: Actor, id: number) {
  const { dossier, ownerPath } = await findDossier(db, actor, id);
  assert(dossierCan(dossier.state as DossierState, await partiesFor(db, actor, dossier, ownerPath)).can.attach);
  return { agencyId: dossier.agencyId, entity: 'dossier', entityId: String(id) };
}

export async function updateApprovalRule(db: Db, actor: Actor, level: number, patch: Omit<Rule, 'level'>) {
  assert(mayEditApprovalMatrix(actor));
  return db.transaction(async (tx) => {
    const before = await ruleFor(tx, level);
    if (patch.appraiserKind === 'internal' && !patch.appraiserDesignation) {
      throw invalid('appraiserDesignation', 'An appraiser inside Khiên is named by a designation', 'Đơn vị thẩm định trong hệ thống phải gắn với một chức năng được phân công');
    }
    const [after] = await tx.update(approvalRules).set(patch).where(eq(approvalRules.level, level)).returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'approval_rule', entityId: level, before, after });
    return after!;
  });
}
