import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { systems, findSystem } from '../systems/index.ts';
import { files, saveFile } from '../files/index.ts';
import { responsePlans } from './schema.ts';
import { mayEditReadiness } from './access.ts';
import { agencySubtreeOf } from './readiness.ts';
import { reviewOverdue } from '../../../shared/incidents/readiness.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { PlanInput, PlanListQuery, PlanPatch } from '../../../shared/incidents/readiness-schemas.ts';
import type { PlanKind } from '../../../shared/incidents/vocabulary.ts';

/**
 * Incident response plans and playbooks of each system (phương án, kịch bản ứng cứu sự cố; Directive 18/CT-TTg):
 * documents with a version, an issue date and a next review date. The system's owner keeps them; the team may too.
 */
const columns = {
  plan: responsePlans,
  systemCode: systems.code,
  systemName: systems.name,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  fileName: files.name,
  fileSha256: files.sha256,
};

type Row = {
  plan: typeof responsePlans.$inferSelect;
  systemCode: string;
  systemName: string;
  agencyName: string;
  agencyPath: string;
  fileName: string | null;
  fileSha256: string | null;
};

const canEdit = (actor: Actor, agencyId: number, agencyPath: string) => mayEditReadiness(actor, 'responsePlans.edit', { agencyId, agencyPath });

function present(actor: Actor, r: Row, today = todayVn()) {
  const p = r.plan;
  return {
    id: p.id,
    systemId: p.systemId,
    systemCode: r.systemCode,
    systemName: r.systemName,
    agencyId: p.agencyId,
    agencyName: r.agencyName,
    kind: p.kind as PlanKind,
    title: p.title,
    scenario: p.scenario,
    version: p.version,
    issuedOn: p.issuedOn,
    nextReviewOn: p.nextReviewOn,
    reviewOverdue: reviewOverdue(p.nextReviewOn, today),
    file: p.fileId && r.fileName && r.fileSha256 ? { id: p.fileId, name: r.fileName, sha256: r.fileSha256 } : null,
    note: p.note,
    updatedAt: p.updatedAt.toISOString(),
    can: { edit: canEdit(actor, p.agencyId, r.agencyPath) },
  };
}

const base = (db: Queryable) =>
  db
    .select(columns)
    .from(responsePlans)
    .innerJoin(systems, eq(systems.id, responsePlans.systemId))
    .innerJoin(agencies, eq(agencies.id, responsePlans.agencyId))
    .leftJoin(files, eq(files.id, responsePlans.fileId));

export async function listPlans(db: Queryable, actor: Actor, q: z.infer<typeof PlanListQuery>) {
  const where: SQL[] = [readableAgency(actor, responsePlans.agencyId)];
  if (q.agencyId) where.push(await agencySubtreeOf(db, actor, q.agencyId, responsePlans.agencyId));
  if (q.systemId) where.push(eq(responsePlans.systemId, q.systemId));
  if (q.overdue === 'true') where.push(sql`${responsePlans.nextReviewOn} < ${todayVn()}::date`);
  const rows = await base(db)
    .where(and(...where))
    .orderBy(asc(agencies.name), asc(systems.name), desc(responsePlans.issuedOn));
  return rows.map((r) => present(actor, r));
}

async function findPlan(db: Queryable, actor: Actor, id: number) {
  const [row] = await base(db).where(and(eq(responsePlans.id, id), readableAgency(actor, responsePlans.agencyId)));
  if (!row) throw notFound('Plan');
  return row;
}

export const getPlan = async (db: Queryable, actor: Actor, id: number) => present(actor, await findPlan(db, actor, id));

function checkDates(issuedOn: string | undefined, nextReviewOn: string | null | undefined) {
  if (issuedOn && nextReviewOn && nextReviewOn <= issuedOn) {
    throw invalid('nextReviewOn', 'The next review comes after the issue date', 'Ngày rà soát tiếp theo phải sau ngày ban hành');
  }
}

export async function createPlan(db: Db, actor: Actor, body: z.infer<typeof PlanInput>) {
  checkDates(body.issuedOn, body.nextReviewOn);
  return db.transaction(async (tx) => {
    const system = await findSystem(tx, actor, body.systemId).catch(() => {
      throw invalid('systemId', 'The system does not exist', 'Hệ thống không tồn tại');
    });
    assert(canEdit(actor, system.agencyId, system.agencyPath));
    const [row] = await tx
      .insert(responsePlans)
      .values({ ...body, agencyId: system.agencyId, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'response_plan', entityId: row!.id, agencyId: system.agencyId, after: row });
    return getPlan(tx, actor, row!.id);
  });
}

export async function updatePlan(db: Db, actor: Actor, id: number, patch: z.infer<typeof PlanPatch>) {
  return db.transaction(async (tx) => {
    const current = await findPlan(tx, actor, id);
    assert(canEdit(actor, current.plan.agencyId, current.agencyPath));
    checkDates(patch.issuedOn ?? current.plan.issuedOn, patch.nextReviewOn === undefined ? current.plan.nextReviewOn : patch.nextReviewOn);
    const [after] = await tx
      .update(responsePlans)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(responsePlans.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'response_plan', entityId: id, agencyId: current.plan.agencyId, before: current.plan, after });
    return getPlan(tx, actor, id);
  });
}

/** May the actor attach the plan's document (404 out of scope, 403 read-only)? Checked before the upload is read. */
export async function assertPlanEditable(db: Queryable, actor: Actor, id: number) {
  const current = await findPlan(db, actor, id);
  assert(canEdit(actor, current.plan.agencyId, current.agencyPath));
  return current;
}

/** The signed plan document (PDF or DOCX); the upload is the recorded change. */
export async function attachPlanFile(db: Db, actor: Actor, dir: string, id: number, upload: { name: string; data: Buffer }) {
  return db.transaction(async (tx) => {
    const current = await assertPlanEditable(tx, actor, id);
    const saved = await saveFile(tx, actor, dir, { agencyId: current.plan.agencyId, entity: 'response_plan', entityId: String(id), ...upload });
    await tx.update(responsePlans).set({ fileId: saved.id, updatedAt: new Date() }).where(eq(responsePlans.id, id));
    return getPlan(tx, actor, id);
  });
}
