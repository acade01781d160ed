import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency, readableAgencyPrepared, readsEverything, subtreeOf } from '../../auth/scope.ts';
import { preparedFor } from '../../db/prepared.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { auditLog, recordAudit } from '../audit/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { systemLinks, systems, systemSoftware } from './schema.ts';
import { vietnameseOf, vietnameseVendor } from '../../../shared/systems/domestic.ts';
import { effectiveLevel } from './sql.ts';
import { mayRegisterFor, systemCan, systemListCan } from './access.ts';
import { ensureRequirementRows } from '../requirements/index.ts';
import { classificationProblem, classifySystem, type ClassificationAnswers } from '../../../shared/systems/levels.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import type { SystemInput } from '../../../shared/systems/schemas.ts';
import type { z } from 'zod';
import type { SoftwareList, LinkList, SystemListQuery } from '../../../shared/systems/schemas.ts';

const operators = alias(agencies, 'operators');

/** State of the system's newest dossier. */
/**
 * Behind schedule: in operation without an approved level (the level must be approved before go-live),
 * or a tracked requirement past its due date and not met.
 */
const overdue = sql`((${systems.status} = 'in_operation' and ${systems.approvedLevel} is null) or exists (
  select 1 from system_requirements sr where sr.system_id = ${systems.id} and sr.due_on < (now() at time zone 'Asia/Ho_Chi_Minh')::date
    and sr.status not in ('met', 'not_applicable')))`;

const dossierState = sql<string | null>`(select d.state from dossiers d where d.system_id = ${systems.id} order by d.id desc limit 1)`;

/** (applicable, met) of the system's level requirements: kept current by triggers (migration 0008). */
const tally = { applicable: systems.reqApplicable, met: systems.reqMet };

const summaryColumns = {
  id: systems.id,
  code: systems.code,
  name: systems.name,
  agencyId: systems.agencyId,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  status: systems.status,
  proposedLevel: systems.proposedLevel,
  approvedLevel: systems.approvedLevel,
  dossierState,
  applicable: tally.applicable,
  met: tally.met,
};

type SummaryRow = { applicable: number; met: number; approvedLevel: number | null; agencyPath: string };

/** Plan fully deployed: the level is approved and every applicable requirement of it is met. */
const planDeployed = (r: SummaryRow) => r.approvedLevel !== null && r.applicable > 0 && r.met === r.applicable;

function presentSummary<T extends SummaryRow>({ agencyPath: _p, ...r }: T) {
  return { ...r, compliancePercent: percent(r), planDeployed: planDeployed({ ...r, agencyPath: _p }) };
}

/** Systems of an agency and its subtree, if the actor may see that agency. */
async function subtreeFilter(db: Queryable, actor: Actor, agencyId: number): Promise<SQL> {
  const agency = await findVisible(db, actor, agencyId);
  return sql`${agencies.path} like ${`${agency.path}%`}`;
}

export async function listSystems(db: Queryable, actor: Actor, q: z.infer<typeof SystemListQuery>) {
  const where: SQL[] = [readableAgency(actor, systems.agencyId)];
  if (q.agencyId) where.push(await subtreeFilter(db, actor, q.agencyId));
  if (q.level) where.push(sql`${effectiveLevel} = ${q.level}`);
  if (q.status) where.push(eq(systems.status, q.status));
  if (q.dossierState) where.push(q.dossierState === 'none' ? sql`${dossierState} is null` : sql`${dossierState} = ${q.dossierState}`);
  // Retired systems no longer count towards the directive's "100% approved".
  if (q.unapproved === 'true') where.push(isNull(systems.approvedLevel), sql`${systems.status} <> 'retired'`);
  if (q.overdue === 'true') where.push(overdue);
  if (q.q) where.push(or(ilike(systems.name, `%${q.q}%`), ilike(systems.code, `%${q.q}%`))!);
  const order = [asc(agencies.name), asc(systems.name), asc(systems.id)];
  // The page's ids come from systems_list_idx alone (for the usual filters); only those rows are then read in full.
  const page = db
    .select({ id: systems.id })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset);
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(systems)
      .innerJoin(agencies, eq(agencies.id, systems.agencyId))
      .where(inArray(systems.id, page))
      .orderBy(...order),
    db
      .select({ n: count() })
      .from(systems)
      .innerJoin(agencies, eq(agencies.id, systems.agencyId))
      .where(and(...where)),
  ]);
  return {
    total: total!.n,
    items: rows.map((r) => presentSummary({ ...r, dossierState: r.dossierState as never, status: r.status as never })),
    can: systemListCan(actor),
  };
}

/** The system row if the actor may see it; 404 otherwise. */
export async function findSystem(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ system: systems, agencyName: agencies.name, agencyPath: agencies.path, operatorAgencyName: operators.name, dossierState, ...tally })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .leftJoin(operators, eq(operators.id, systems.operatorAgencyId))
    .where(and(eq(systems.id, id), readableAgency(actor, systems.agencyId)));
  if (!row) throw notFound('System');
  return {
    ...row.system,
    agencyName: row.agencyName,
    agencyPath: row.agencyPath,
    operatorAgencyName: row.operatorAgencyName,
    dossierState: row.dossierState,
    applicable: row.applicable,
    met: row.met,
  };
}

/** One system with its software and links in one round trip; a named statement per scope shape (whole country or a subtree). */
const detailQuery = (scoped: boolean) =>
  preparedFor((db) =>
    db
      .select({
        system: systems,
        agencyName: agencies.name,
        agencyPath: agencies.path,
        operatorAgencyName: operators.name,
        dossierState,
        ...tally,
        software: sql<
          {
            id: number;
            vendor: string | null;
            product: string;
            version: string | null;
            cpe: string | null;
            vietnamese: boolean;
            vietnameseBasis: string | null;
          }[]
        >`(select coalesce(json_agg(json_build_object(
      'id', sw.id, 'vendor', sw.vendor, 'product', sw.product, 'version', sw.version, 'cpe', sw.cpe,
      'vietnamese', sw.vietnamese, 'vietnameseBasis', sw.vietnamese_basis) order by sw.id), '[]') from system_software sw where sw.system_id = ${systems.id})`,
        links: sql<
          { id: number; targetSystemId: number | null; targetName: string | null; targetSystemName: string | null; description: string | null }[]
        >`(select coalesce(json_agg(json_build_object(
      'id', l.id, 'targetSystemId', l.target_system_id, 'targetName', l.target_name, 'targetSystemName', t.name, 'description', l.description) order by l.id), '[]')
      from system_links l left join systems t on t.id = l.target_system_id where l.system_id = ${systems.id})`,
      })
      .from(systems)
      .innerJoin(agencies, eq(agencies.id, systems.agencyId))
      .leftJoin(operators, eq(operators.id, systems.operatorAgencyId))
      .where(and(eq(systems.id, sql.placeholder('id')), scoped ? readableAgencyPrepared(systems.agencyId) : undefined))
      .prepare(scoped ? 'system_detail_subtree' : 'system_detail'),
  );
const detailAll = detailQuery(false);
const detailSubtree = detailQuery(true);

export async function getSystem(db: Queryable, actor: Actor, id: number) {
  const [s] = readsEverything(actor) ? await detailAll(db).execute({ id }) : await detailSubtree(db).execute({ id, subtree: subtreeOf(actor) });
  if (!s) throw notFound('System');
  const { system } = s;
  return {
    ...system,
    agencyName: s.agencyName,
    operatorAgencyName: s.operatorAgencyName,
    dossierState: s.dossierState as never,
    applicable: s.applicable,
    met: s.met,
    status: system.status as never,
    hosting: system.hosting as never,
    onlinePublicService: system.onlinePublicService as never,
    environment: system.environment as never,
    dataKinds: system.dataKinds as never,
    compliancePercent: percent(s),
    planDeployed: planDeployed({ ...s, approvedLevel: system.approvedLevel }),
    software: s.software.map((sw) => ({ ...sw, vietnameseVendor: vietnameseVendor(sw.vendor) })),
    links: s.links,
    can: systemCan(actor, { agencyId: system.agencyId, agencyPath: s.agencyPath }),
    createdAt: system.createdAt.toISOString(),
    updatedAt: system.updatedAt.toISOString(),
  };
}

/** The owner must be an agency the actor may edit; the operator any agency they may see (often an outside firm). */
async function checkAgencies(tx: Queryable, actor: Actor, input: { agencyId?: number; operatorAgencyId?: number | null }) {
  if (input.agencyId !== undefined) {
    const owner = await findVisible(tx, actor, input.agencyId).catch(() => {
      throw invalid('agencyId', 'The owner agency does not exist', 'Cơ quan chủ quản không tồn tại');
    });
    if (owner.external) throw invalid('agencyId', 'The owner must be a state agency', 'Chủ quản phải là cơ quan nhà nước');
    assert(mayRegisterFor(actor, owner));
  }
  if (input.operatorAgencyId) {
    await findVisible(tx, actor, input.operatorAgencyId).catch(() => {
      throw invalid('operatorAgencyId', 'The operating unit does not exist', 'Đơn vị vận hành không tồn tại');
    });
  }
}

async function assertCodeFree(tx: Queryable, code: string, exceptId?: number) {
  const [clash] = await tx.select({ id: systems.id }).from(systems).where(eq(systems.code, code));
  if (clash && clash.id !== exceptId) throw invalid('code', 'Another system already has this code', 'Mã hệ thống đã được sử dụng');
}

async function insertSystem(tx: Tx, actor: Actor, input: SystemInput) {
  await checkAgencies(tx, actor, input);
  await assertCodeFree(tx, input.code);
  const [row] = await tx.insert(systems).values(input).returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'system', entityId: row!.id, agencyId: row!.agencyId, after: row });
  return row!;
}

export async function createSystem(db: Db, actor: Actor, input: SystemInput) {
  return db.transaction(async (tx) => getSystem(tx, actor, (await insertSystem(tx, actor, input)).id));
}

export async function updateSystem(db: Queryable, actor: Actor, id: number, patch: Partial<SystemInput>) {
  return db.transaction(async (tx) => {
    const current = await findSystem(tx, actor, id);
    assert(systemCan(actor, current).edit);
    await checkAgencies(tx, actor, { agencyId: patch.agencyId !== current.agencyId ? patch.agencyId : undefined, operatorAgencyId: patch.operatorAgencyId });
    if (patch.code) await assertCodeFree(tx, patch.code, id);
    const [before] = await tx.select().from(systems).where(eq(systems.id, id)).for('update');
    const [after] = await tx
      .update(systems)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(systems.id, id))
      .returning();
    // A test system that now holds personal data takes on the requirements of its condition (Vĩnh Phúc directive 1.g).
    const level = after!.approvedLevel ?? after!.proposedLevel;
    if (level) await ensureRequirementRows(tx, id, level);
    await recordAudit(tx, actor, { action: 'update', entity: 'system', entityId: id, agencyId: after!.agencyId, before, after });
    return getSystem(tx, actor, id);
  });
}

async function editable(tx: Queryable, actor: Actor, id: number) {
  const current = await findSystem(tx, actor, id);
  assert(systemCan(actor, current).edit);
  return current;
}

/** Replaces a system's software inventory inside the caller's transaction. */
async function writeSoftware(tx: Tx, actor: Actor, system: { id: number; agencyId: number }, list: z.infer<typeof SoftwareList>) {
  const rows = list.map((s, i) => {
    const { problem, ...domestic } = vietnameseOf(s);
    if (problem)
      throw invalid(
        `${i}.${problem}`,
        'Say on what basis the product is made or mastered by a Vietnamese enterprise',
        'Cần nêu căn cứ xác định sản phẩm do doanh nghiệp Việt Nam sản xuất hoặc làm chủ công nghệ',
      );
    return { ...s, ...domestic, systemId: system.id };
  });
  const before = await tx.delete(systemSoftware).where(eq(systemSoftware.systemId, system.id)).returning();
  if (rows.length) await tx.insert(systemSoftware).values(rows);
  await recordAudit(tx, actor, { action: 'update', entity: 'system_software', entityId: system.id, agencyId: system.agencyId, before, after: list });
}

export async function replaceSoftware(db: Db, actor: Actor, id: number, list: z.infer<typeof SoftwareList>) {
  return db.transaction(async (tx) => {
    await writeSoftware(tx, actor, await editable(tx, actor, id), list);
    return getSystem(tx, actor, id);
  });
}

export async function replaceLinks(db: Db, actor: Actor, id: number, list: z.infer<typeof LinkList>) {
  return db.transaction(async (tx) => {
    const current = await editable(tx, actor, id);
    const targetIds = list.flatMap((l) => (l.targetSystemId ? [l.targetSystemId] : []));
    if (targetIds.includes(id)) throw invalid('targetSystemId', 'A system cannot link to itself', 'Hệ thống không thể kết nối với chính nó');
    if (targetIds.length) {
      const visible = await tx
        .select({ id: systems.id })
        .from(systems)
        .where(and(inArray(systems.id, targetIds), readableAgency(actor, systems.agencyId)));
      if (visible.length !== new Set(targetIds).size) throw invalid('targetSystemId', 'Unknown linked system', 'Hệ thống kết nối không tồn tại');
    }
    const before = await tx.delete(systemLinks).where(eq(systemLinks.systemId, id)).returning();
    if (list.length) await tx.insert(systemLinks).values(list.map((l) => ({ ...l, systemId: id })));
    await recordAudit(tx, actor, { action: 'update', entity: 'system_links', entityId: id, agencyId: current.agencyId, before, after: list });
    return getSystem(tx, actor, id);
  });
}

/** The level and reasons the Decree 85/2016 criteria give; answers that contradict each other are refused with the field. */
export function classifyAnswers(answers: ClassificationAnswers, field = '') {
  const problem = classificationProblem(answers);
  if (problem) throw invalid(field + problem.field, problem.en, problem.vi);
  return classifySystem(answers);
}

/** Records the guided classification; a level other than the computed one needs a written justification. */
export async function classify(
  db: Db,
  actor: Actor,
  id: number,
  body: { answers: ClassificationAnswers; proposedLevel: number; justification?: string | null },
) {
  const { level, reasons } = classifyAnswers(body.answers, 'answers.');
  if (body.proposedLevel !== level && (body.justification?.trim().length ?? 0) < 20) {
    throw invalid(
      'justification',
      `Proposing level ${body.proposedLevel} instead of ${level} needs a written justification (20+ characters)`,
      `Đề xuất cấp độ ${body.proposedLevel} khác cấp độ ${level} theo tiêu chí cần có thuyết minh (tối thiểu 20 ký tự)`,
    );
  }
  return db.transaction(async (tx) => {
    await editable(tx, actor, id);
    const [before] = await tx.select().from(systems).where(eq(systems.id, id)).for('update');
    const [after] = await tx
      .update(systems)
      .set({
        classification: body.answers,
        computedLevel: level,
        proposedLevel: body.proposedLevel,
        levelJustification: body.proposedLevel === level ? null : body.justification,
        updatedAt: new Date(),
      })
      .where(eq(systems.id, id))
      .returning();
    await ensureRequirementRows(tx, id, after!.approvedLevel ?? body.proposedLevel);
    await recordAudit(tx, actor, {
      action: 'classify',
      entity: 'system',
      entityId: id,
      agencyId: after!.agencyId,
      before: { classification: before!.classification, proposedLevel: before!.proposedLevel },
      after: { classification: body.answers, computedLevel: level, proposedLevel: body.proposedLevel, reasons },
    });
    return { system: await getSystem(tx, actor, id), computedLevel: level, reasons };
  });
}

/** Counts for an agency page and indicators: systems of the agency's subtree by level, approval and deployment. */
export async function systemsStats(db: Queryable, actor: Actor, agencyId: number) {
  const where = and(readableAgency(actor, systems.agencyId), await subtreeFilter(db, actor, agencyId), sql`${systems.status} <> 'retired'`);
  const rows = await db
    .select({ level: effectiveLevel, approvedLevel: systems.approvedLevel, ...tally })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(where);
  const byLevel: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let approved = 0,
    deployed = 0,
    applicable = 0,
    met = 0,
    unclassified = 0;
  for (const r of rows) {
    if (r.level) byLevel[r.level]!++;
    else unclassified++;
    if (r.approvedLevel) approved++;
    if (planDeployed({ ...r, agencyPath: '' })) deployed++;
    applicable += r.applicable;
    met += r.met;
  }
  const total = rows.length;
  return {
    software: await softwareShares(db, where, agencyId),
    total,
    byLevel,
    unclassified,
    approved,
    approvedPercent: percent({ applicable: total, met: approved }),
    planDeployed: deployed,
    planDeployedPercent: percent({ applicable: total, met: deployed }),
    applicable,
    met,
    compliancePercent: percent({ applicable, met }),
  };
}

/**
 * Inventory entries of the systems in `where`, and those made or mastered by a Vietnamese enterprise (Thanh Hóa
 * letter 1.d): in all, and for each agency directly under `agencyId` with its subtree.
 */
async function softwareShares(db: Queryable, where: SQL | undefined, agencyId: number) {
  const children = alias(agencies, 'child');
  const rows = await db
    .select({
      agencyId: children.id,
      agencyName: children.name,
      total: sql<number>`count(${systemSoftware.id})::int`,
      vietnamese: sql<number>`count(${systemSoftware.id}) filter (where ${systemSoftware.vietnamese})::int`,
    })
    .from(systemSoftware)
    .innerJoin(systems, eq(systems.id, systemSoftware.systemId))
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .leftJoin(children, sql`${children.parentId} = ${agencyId} and ${agencies.path} like ${children.path} || '%'`)
    .where(where)
    .groupBy(children.id, children.name);
  const share = <T extends { total: number; vietnamese: number }>(r: T) => ({ ...r, vietnamesePercent: percent({ applicable: r.total, met: r.vietnamese }) });
  const sum = rows.reduce((a, r) => ({ total: a.total + r.total, vietnamese: a.vietnamese + r.vietnamese }), { total: 0, vietnamese: 0 });
  const byAgency = rows
    .flatMap((r) => (r.agencyId === null ? [] : [share({ agencyId: r.agencyId, agencyName: r.agencyName!, total: r.total, vietnamese: r.vietnamese })]))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
  return { ...share(sum), byAgency };
}

/** The audit trail of a system: its own changes, software, links, requirements and dossiers, newest first. */
export async function systemHistory(db: Queryable, actor: Actor, id: number) {
  await findSystem(db, actor, id);
  const key = String(id);
  return db
    .select()
    .from(auditLog)
    .where(
      or(
        and(inArray(auditLog.entity, ['system', 'system_software', 'system_links']), eq(auditLog.entityId, key)),
        and(eq(auditLog.entity, 'system_requirement'), sql`${auditLog.entityId} like ${`${key}:%`}`),
        and(eq(auditLog.entity, 'dossier'), sql`${auditLog.entityId} in (select id::text from dossiers where system_id = ${id})`),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(500)
    .then((rows) => rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })));
}

/** Records the level a dossier's decision approved, inside the dossier's transaction (which audits it), and tracks that level's requirements. */
export async function recordApprovedLevel(tx: Tx, systemId: number, approval: { level: number; on: string; decision: string }) {
  await tx
    .update(systems)
    .set({ approvedLevel: approval.level, approvedOn: approval.on, approvalDecision: approval.decision, updatedAt: new Date() })
    .where(eq(systems.id, systemId));
  await ensureRequirementRows(tx, systemId, approval.level);
}

/** Names the firm that monitors the system (or none), inside the caller's transaction (which audits it); returns the previous one. */
export async function writeMonitoringProvider(tx: Tx, systemId: number, providerId: number | null) {
  const [before] = await tx.select({ providerId: systems.monitoringProviderAgencyId }).from(systems).where(eq(systems.id, systemId)).for('update');
  await tx.update(systems).set({ monitoringProviderAgencyId: providerId, updatedAt: sql`now()` }).where(eq(systems.id, systemId));
  return before!.providerId;
}
