import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, designations } from '../agencies/index.ts';
import { findSystem, recordApprovedLevel, systems } from '../systems/index.ts';
import { files } from '../files/index.ts';
import { approvalRules, dossierDocuments, dossierEvents, dossiers } from './schema.ts';
import { loadMatrix, partiesOf, type Matrix, type Rule } from './parties.ts';
import { dossierCan, mayEditApprovalMatrix, mayOwn } from './access.ts';
import { afterAppraisal, isEditable, OPEN_STATES, PENDING_STATES, stepOf, type DossierAction, type DossierState } from '../../../shared/dossiers/workflow.ts';
import {
  ATTACHABLE_PARTS,
  dossierContents,
  missingParts,
  type AttachablePart,
  type ContentsInput,
  type DossierPart,
} from '../../../shared/dossiers/contents.ts';
import { dossierDeadlines, type Deadline } from '../../../shared/dossiers/deadlines.ts';
import { VN_CALENDAR } from '../../../shared/core/working-days.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';

type DossierRow = typeof dossiers.$inferSelect;
type EventRow = typeof dossierEvents.$inferSelect;

export const listApprovalRules = async (db: Queryable) => (await db.select().from(approvalRules).orderBy(asc(approvalRules.level))) as Rule[];

const PART_VI: Record<DossierPart, string> = {
  overview: 'tài liệu mô tả tổng quan hệ thống',
  design: 'tài liệu thiết kế',
  justification: 'thuyết minh đề xuất cấp độ',
  security_plan: 'phương án bảo đảm an toàn thông tin',
  opinion: 'ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin',
};

/** The deadline as sent: its source in the official wording, in both languages. */
const deadlineWire = (d: Deadline) => ({
  stage: d.stage,
  days: d.limit.days,
  unit: d.limit.unit,
  reference: formatCitation(d.limit.citation),
  referenceEn: formatCitation(d.limit.citation, 'en'),
  startedOn: d.startedOn,
  dueOn: d.dueOn,
  doneOn: d.doneOn,
  status: d.status,
  provisional: d.provisional,
});

/** The deadlines of a dossier from its events (in order). */
export const deadlinesOf = (m: Matrix, d: { proposedLevel: number }, events: Pick<EventRow, 'toState' | 'at'>[], today = todayVn()) =>
  dossierDeadlines(
    d.proposedLevel,
    m.flow(d.proposedLevel),
    events.map((e) => ({ toState: e.toState as DossierState, on: todayVn(e.at) })),
    VN_CALENDAR,
    today,
  );

async function contentsInput(db: Queryable, d: DossierRow, rule: Rule): Promise<ContentsInput> {
  const [system] = await db.select({ status: systems.status }).from(systems).where(eq(systems.id, d.systemId));
  const tagged = await db.select({ part: dossierDocuments.part }).from(dossierDocuments).where(eq(dossierDocuments.dossierId, d.id));
  return {
    description: d.description,
    securityPlan: d.securityPlan,
    classified: d.classification !== null,
    opinion: d.opinion,
    attachedParts: new Set(tagged.map((t) => t.part as AttachablePart)),
    opinionRequired: rule.opinionRequired,
    project: system!.status === 'planned' || system!.status === 'in_development',
  };
}

async function findDossier(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ dossier: dossiers, ownerPath: agencies.path })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(and(eq(dossiers.id, id), readableAgency(actor, dossiers.agencyId)));
  if (!row) throw notFound('Dossier');
  return row;
}

async function present(db: Queryable, actor: Actor, d: DossierRow, ownerPath: string) {
  // One after another: `db` may be a transaction, whose single connection runs one query at a time.
  const m = await loadMatrix(db);
  const events = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id)).orderBy(asc(dossierEvents.id));
  const attachments = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt, part: dossierDocuments.part })
    .from(files)
    .leftJoin(dossierDocuments, eq(dossierDocuments.fileId, files.id))
    .where(and(eq(files.entity, 'dossier'), eq(files.entityId, String(d.id))))
    .orderBy(asc(files.id));
  const rule = m.rule(d.proposedLevel);
  const [system] = await db.select({ name: systems.name, code: systems.code }).from(systems).where(eq(systems.id, d.systemId));
  const parties = partiesOf(m, actor, d, ownerPath);
  const contents = dossierContents(await contentsInput(db, d, rule));
  return {
    ...d,
    state: d.state as DossierState,
    systemName: system!.name,
    systemCode: system!.code,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    rule,
    contents: contents.map(({ citation, ...p }) => ({ ...p, reference: formatCitation(citation), referenceEn: formatCitation(citation, 'en') })),
    deadlines: deadlinesOf(m, d, events).map(deadlineWire),
    ...dossierCan(d.state as DossierState, parties, m.flow(d.proposedLevel)),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    attachments: attachments.map((a) => ({ ...a, part: a.part as AttachablePart | null, uploadedAt: a.uploadedAt.toISOString() })),
  };
}

export async function getDossier(db: Queryable, actor: Actor, id: number) {
  const { dossier, ownerPath } = await findDossier(db, actor, id);
  return present(db, actor, dossier, ownerPath);
}

export async function listSystemDossiers(db: Queryable, actor: Actor, systemId: number) {
  await findSystem(db, actor, systemId);
  const rows = await db.select().from(dossiers).where(eq(dossiers.systemId, systemId)).orderBy(desc(dossiers.id));
  return rows.map((d) => ({
    id: d.id,
    state: d.state as DossierState,
    proposedLevel: d.proposedLevel,
    decisionNumber: d.decisionNumber,
    decisionDate: d.decisionDate,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  }));
}

/** Opens a dossier from the system's current classification; one open dossier per system at a time. */
export async function createDossier(db: Db, actor: Actor, systemId: number) {
  return db.transaction(async (tx) => {
    const system = await findSystem(tx, actor, systemId);
    assert(mayOwn(actor, system));
    if (!system.proposedLevel || !system.classification) {
      throw invalid('classification', 'Classify the system before opening its dossier', 'Cần xác định cấp độ trước khi lập hồ sơ');
    }
    const open = await tx
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.systemId, systemId), inArray(dossiers.state, OPEN_STATES)));
    if (open.length) throw conflict('systemId', 'The system already has an open dossier', 'Hệ thống đang có hồ sơ chưa hoàn tất');
    const [row] = await tx
      .insert(dossiers)
      .values({
        systemId,
        agencyId: system.agencyId,
        computedLevel: system.computedLevel!,
        proposedLevel: system.proposedLevel,
        justification: system.levelJustification,
        classification: system.classification,
        description: system.purpose,
      })
      .returning();
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
    const [after] = await tx
      .update(dossiers)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(dossiers.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'dossier', entityId: id, agencyId: dossier.agencyId, before: dossier, after });
    return present(tx, actor, after!, ownerPath);
  });
}

export type TransitionInput = {
  action: DossierAction;
  comment?: string | null;
  agreed?: boolean;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  decisionAuthority?: string | null;
  decisionFileId?: number | null;
};

/** A file the move refers to must already be attached to this dossier. */
async function attachedFile(db: Queryable, dossierId: number, fileId: number | null | undefined) {
  if (!fileId) return null;
  const [file] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.entity, 'dossier'), eq(files.entityId, String(dossierId))));
  if (!file) throw invalid('decisionFileId', 'Attach the signed document to this dossier first', 'Hãy đính kèm văn bản đã ký vào hồ sơ trước');
  return file.id;
}

/** The number and date of the document a move records (appraisal, list, approval). */
function documentOf(input: TransitionInput, what: { en: string; vi: string }) {
  const number = input.decisionNumber?.trim();
  if (!number) throw invalid('decisionNumber', `Enter the number of the ${what.en}`, `Cần nhập số ${what.vi}`);
  if (!input.decisionDate) throw invalid('decisionDate', `Enter the date of the ${what.en}`, `Cần nhập ngày ${what.vi}`);
  return { number, date: input.decisionDate };
}

/** Refuses a dossier that lacks a part of Art. 15, naming the first missing part (and all of them in `details`). */
function assertComplete(missing: DossierPart[]) {
  if (!missing.length) return;
  throw new AppError(
    422,
    'dossier_incomplete',
    `The dossier lacks: ${missing.join(', ')} (Decree 85/2016 Art. 15)`,
    `Hồ sơ còn thiếu: ${missing.map((p) => PART_VI[p]).join('; ')} (Điều 15 Nghị định số 85/2016/NĐ-CP)`,
    missing[0],
    missing,
  );
}

export async function transition(db: Db, actor: Actor, id: number, input: TransitionInput) {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
    const { dossier, ownerPath } = await findDossier(tx, actor, id);
    const state = (locked ?? dossier).state as DossierState;
    const m = await loadMatrix(tx);
    const rule = m.rule(dossier.proposedLevel);
    const step = stepOf(state, input.action, m.flow(dossier.proposedLevel));
    if (!step) {
      throw new AppError(
        409,
        'invalid_transition',
        `A dossier that is ${state} cannot be ${input.action}`,
        `Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại (${state})`,
        'action',
      );
    }
    assert(partiesOf(m, actor, dossier, ownerPath).has(step.by));
    const comment = input.comment?.trim() || null;
    const reasons = (en: string, vi: string) => {
      if (!comment || comment.length < 5) throw invalid('comment', en, vi);
      return comment;
    };
    let to = step.to;
    const set: Partial<DossierRow> = { updatedAt: new Date() };
    switch (input.action) {
      case 'return':
        reasons('Give the reasons for returning the dossier', 'Cần nêu lý do trả lại hồ sơ');
        break;
      case 'request_opinion': {
        // The unit gives its opinion on the proposed level and the plan: everything else must be there.
        assertComplete(missingParts({ ...(await contentsInput(tx, dossier, rule)), opinionRequired: false }));
        break;
      }
      case 'give_opinion':
        set.opinion = reasons('Write the professional opinion', 'Cần ghi ý kiến chuyên môn');
        set.opinionFileId = await attachedFile(tx, id, input.decisionFileId);
        break;
      case 'submit':
        assertComplete(missingParts(await contentsInput(tx, dossier, rule)));
        // A new receipt: the previous appraisal and list no longer stand.
        Object.assign(set, {
          submissions: dossier.submissions + 1,
          appraisalAgreed: null,
          appraisalOpinion: null,
          appraisalNumber: null,
          appraisalDate: null,
          appraisalFileId: null,
          listDecisionNumber: null,
          listDecisionDate: null,
          listDecisionFileId: null,
        });
        break;
      case 'appraise': {
        if (typeof input.agreed !== 'boolean')
          throw invalid(
            'agreed',
            'Say whether the appraisal agrees with the proposed level',
            'Cần nêu kết quả thẩm định có thống nhất cấp độ đề xuất hay không',
          );
        const text = reasons('Write the appraisal opinion and its reasons', 'Cần ghi ý kiến thẩm định và lý do');
        const doc = documentOf(input, { en: 'appraisal document', vi: 'văn bản thẩm định' });
        Object.assign(set, {
          appraisalAgreed: input.agreed,
          appraisalOpinion: text,
          appraisalNumber: doc.number,
          appraisalDate: doc.date,
          appraisalFileId: await attachedFile(tx, id, input.decisionFileId),
        });
        to = afterAppraisal(input.agreed);
        break;
      }
      case 'record_list': {
        const doc = documentOf(input, { en: 'decision approving the list', vi: 'quyết định phê duyệt danh mục' });
        Object.assign(set, {
          listDecisionNumber: doc.number,
          listDecisionDate: doc.date,
          listDecisionFileId: await attachedFile(tx, id, input.decisionFileId),
        });
        break;
      }
      case 'approve': {
        const doc = documentOf(input, { en: 'approval decision', vi: 'quyết định phê duyệt' });
        Object.assign(set, {
          decisionNumber: doc.number,
          decisionDate: doc.date,
          decisionFileId: await attachedFile(tx, id, input.decisionFileId),
          decisionAuthority: input.decisionAuthority?.trim() || rule.approverNameVi,
        });
        await recordApprovedLevel(tx, dossier.systemId, { level: dossier.proposedLevel, on: doc.date, decision: doc.number });
        break;
      }
      case 'start_appraisal':
        break;
    }
    set.state = to;
    const [after] = await tx.update(dossiers).set(set).where(eq(dossiers.id, id)).returning();
    await tx
      .insert(dossierEvents)
      .values({ dossierId: id, action: input.action, fromState: state, toState: to, actorUserId: actor.userId, actorName: actor.fullName, comment });
    await recordAudit(tx, actor, {
      action: `dossier_${input.action}`,
      entity: 'dossier',
      entityId: id,
      agencyId: dossier.agencyId,
      before: { state },
      after: {
        state: to,
        comment,
        agreed: after!.appraisalAgreed,
        appraisalNumber: after!.appraisalNumber,
        listDecisionNumber: after!.listDecisionNumber,
        decisionNumber: after!.decisionNumber,
        decisionDate: after!.decisionDate,
      },
    });
    return present(tx, actor, after!, ownerPath);
  });
}

/** Dossiers waiting for something the actor may do: the specialized unit's, appraisers' and approvers' queue. */
export async function approvalQueue(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ dossier: dossiers, ownerPath: agencies.path, agencyName: agencies.name, systemName: systems.name, systemCode: systems.code })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .innerJoin(systems, eq(systems.id, dossiers.systemId))
    .where(and(readableAgency(actor, dossiers.agencyId), inArray(dossiers.state, PENDING_STATES)))
    .orderBy(asc(dossiers.updatedAt));
  const m = await loadMatrix(db);
  const mine = rows
    .map((r) => ({ ...r, ...dossierCan(r.dossier.state as DossierState, partiesOf(m, actor, r.dossier, r.ownerPath), m.flow(r.dossier.proposedLevel)) }))
    .filter((r) => r.allowedActions.length);
  const events = mine.length
    ? await db
        .select({ dossierId: dossierEvents.dossierId, toState: dossierEvents.toState, at: dossierEvents.at })
        .from(dossierEvents)
        .where(
          inArray(
            dossierEvents.dossierId,
            mine.map((r) => r.dossier.id),
          ),
        )
        .orderBy(asc(dossierEvents.id))
    : [];
  const today = todayVn();
  return mine.map(({ dossier: d, agencyName, systemName, systemCode, allowedActions }) => {
    const current = deadlinesOf(
      m,
      d,
      events.filter((e) => e.dossierId === d.id),
      today,
    ).find((x) => !x.doneOn);
    return {
      id: d.id,
      systemId: d.systemId,
      systemName,
      systemCode,
      agencyName,
      state: d.state as DossierState,
      proposedLevel: d.proposedLevel,
      computedLevel: d.computedLevel,
      submissions: d.submissions,
      updatedAt: d.updatedAt.toISOString(),
      allowedActions,
      deadline: current ? deadlineWire(current) : null,
    };
  });
}

/** Where a dossier attachment belongs and who may add one: any party to the dossier. */
export async function attachmentTarget(db: Queryable, actor: Actor, id: number) {
  const { dossier, ownerPath } = await findDossier(db, actor, id);
  const m = await loadMatrix(db);
  assert(dossierCan(dossier.state as DossierState, partiesOf(m, actor, dossier, ownerPath), m.flow(dossier.proposedLevel)).can.attach);
  return { agencyId: dossier.agencyId, entity: 'dossier', entityId: String(id) };
}

/** Marks a dossier attachment, in the upload's transaction, as one of the parts of Art. 15. */
export async function markAttachment(tx: Queryable, dossierId: number, fileId: number, part: AttachablePart) {
  if (!ATTACHABLE_PARTS.includes(part)) throw invalid('part', 'Unknown dossier part', 'Thành phần hồ sơ không hợp lệ');
  await tx.insert(dossierDocuments).values({ fileId, dossierId, part });
}

export async function updateApprovalRule(db: Db, actor: Actor, level: number, patch: Omit<Rule, 'level'>) {
  assert(mayEditApprovalMatrix(actor));
  return db.transaction(async (tx) => {
    const before = (await loadMatrix(tx)).rule(level);
    const [known] = await tx.select({ code: designations.code }).from(designations).where(eq(designations.code, patch.appraiserDesignation));
    if (!known) {
      throw invalid(
        'appraiserDesignation',
        'The acting unit is named by one of the designations',
        'Đơn vị chuyên trách phải là một chức năng đã được phân công',
      );
    }
    if (!patch.listApproverNameVi !== !patch.listApproverNameEn) {
      throw invalid(
        patch.listApproverNameVi ? 'listApproverNameEn' : 'listApproverNameVi',
        'Name the list approver in both languages, or in neither',
        'Cần ghi cấp phê duyệt danh mục bằng cả hai ngôn ngữ, hoặc để trống cả hai',
      );
    }
    const [after] = await tx
      .update(approvalRules)
      .set({ ...patch, listApproverNameVi: patch.listApproverNameVi || null, listApproverNameEn: patch.listApproverNameEn || null })
      .where(eq(approvalRules.level, level))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'approval_rule', entityId: level, before, after });
    return after as Rule;
  });
}
