import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { mayApproveNotApplicable, mayTrack } from './access.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { requirements, systemRequirements } from './schema.ts';
import { files } from '../files/index.ts';
import { users } from '../users/index.ts';
import { readData } from '../../seed/reference.ts';
import { findSystem, systems } from '../systems/index.ts';
import { percent, tally, type RequirementStatus } from '../../../shared/requirements/compliance.ts';
import { alias } from 'drizzle-orm/pg-core';
import { formatCitation, type Citation } from '../../../shared/legal/citation.ts';
import type { RequirementCondition } from '../../../shared/requirements/compliance.ts';

type CatalogEntry = {
  id: string;
  group: string;
  area: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  levels: number[];
  condition?: RequirementCondition;
  citation: Citation;
  /** The law or directive that makes it a minimum requirement. */
  basis?: Citation[];
};

const sameLevels = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((l, i) => l === b[i]);

/**
 * Loads data/requirements.json; an updated catalog replaces the texts, levels and basis of existing entries. The stored
 * reference is the citation's official wording. Where an entry's levels or minimum flag changed (or it is new), the
 * systems of those levels get its tracking row and their tallies are counted again.
 */
export async function loadRequirementCatalog(db: Queryable) {
  const catalog = readData<CatalogEntry[]>('requirements.json');
  const before = new Map(
    (await db.select({ id: requirements.id, levels: requirements.levels, minimum: requirements.minimum }).from(requirements)).map((r) => [r.id, r]),
  );
  const rows = catalog.map(({ citation, basis, condition, ...r }, sort) => ({
    ...r,
    condition: condition ?? null,
    reference: formatCitation(citation),
    basis: basis ? basis.map((c) => formatCitation(c)).join('; ') : null,
    minimum: !!basis,
    sort,
  }));
  await db
    .insert(requirements)
    .values(rows)
    .onConflictDoUpdate({
      target: requirements.id,
      set: {
        group: sql`excluded.group`,
        area: sql`excluded.area`,
        titleVi: sql`excluded.title_vi`,
        titleEn: sql`excluded.title_en`,
        descriptionVi: sql`excluded.description_vi`,
        levels: sql`excluded.levels`,
        condition: sql`excluded.condition`,
        reference: sql`excluded.reference`,
        basis: sql`excluded.basis`,
        minimum: sql`excluded.minimum`,
        sort: sql`excluded.sort`,
      },
    });
  const changed = rows.filter((r) => {
    const old = before.get(r.id);
    return !old || !sameLevels(old.levels, r.levels) || old.minimum !== r.minimum;
  });
  if (!changed.length) return;
  const ids = sql.join(
    changed.map((r) => sql`${r.id}`),
    sql`, `,
  );
  await db.execute(sql`insert into system_requirements (system_id, requirement_id)
    select s.id, r.id from systems s join requirements r on coalesce(s.approved_level, s.proposed_level) = any(r.levels)
      and requirement_condition_holds(r.condition, s.environment, s.data_kinds)
    where r.id in (${ids}) on conflict do nothing`);
  await db.execute(sql`select refresh_system_tally(array(select distinct system_id from system_requirements where requirement_id in (${ids})))`);
}

export const listCatalog = (db: Queryable) => db.select().from(requirements).orderBy(asc(requirements.sort));

/**
 * Creates the tracking rows for every requirement that applies to the system at `level` and it does not track yet.
 * Whether a requirement's condition holds is the SQL function requirement_condition_holds (migration 0022), which the
 * systems' requirement tally uses too.
 */
export async function ensureRequirementRows(tx: Tx, systemId: number, level: number) {
  await tx.execute(sql`insert into system_requirements (system_id, requirement_id)
    select s.id, r.id from requirements r, systems s
    where s.id = ${systemId} and ${level} = any(r.levels) and requirement_condition_holds(r.condition, s.environment, s.data_kinds)
    on conflict do nothing`);
}

const approvers = alias(users, 'approvers');

export async function listSystemRequirements(db: Queryable, actor: Actor, systemId: number) {
  const system = await findSystem(db, actor, systemId);
  const level = system.approvedLevel ?? system.proposedLevel;
  const can = { track: mayTrack(actor, system), approveNotApplicable: mayApproveNotApplicable(actor, system) };
  if (!level) return { level: null, applicable: 0, met: 0, compliancePercent: null, can, items: [] };
  const rows = await db
    .select({
      requirementId: requirements.id,
      group: requirements.group,
      area: requirements.area,
      titleVi: requirements.titleVi,
      titleEn: requirements.titleEn,
      descriptionVi: requirements.descriptionVi,
      reference: requirements.reference,
      basis: requirements.basis,
      minimum: requirements.minimum,
      condition: requirements.condition,
      status: systemRequirements.status,
      reason: systemRequirements.reason,
      notApplicableApprovedAt: systemRequirements.notApplicableApprovedAt,
      notApplicableApprovedByName: approvers.fullName,
      ownerUserId: systemRequirements.ownerUserId,
      ownerName: users.fullName,
      dueOn: systemRequirements.dueOn,
      lastVerifiedOn: systemRequirements.lastVerifiedOn,
      note: systemRequirements.note,
      evidenceCount: sql<number>`(select count(*)::int from files f where f.entity = 'system_requirement'
        and f.entity_id = ${systemRequirements.systemId}::text || ':' || ${systemRequirements.requirementId})`,
    })
    .from(systemRequirements)
    .innerJoin(requirements, eq(requirements.id, systemRequirements.requirementId))
    .innerJoin(systems, eq(systems.id, systemRequirements.systemId))
    .leftJoin(users, eq(users.id, systemRequirements.ownerUserId))
    .leftJoin(approvers, eq(approvers.id, systemRequirements.notApplicableApprovedBy))
    .where(
      and(
        eq(systemRequirements.systemId, systemId),
        sql`${level} = any(${requirements.levels})`,
        sql`requirement_condition_holds(${requirements.condition}, ${systems.environment}, ${systems.dataKinds})`,
      ),
    )
    .orderBy(asc(requirements.sort));
  const items = rows.map(({ notApplicableApprovedAt, ...r }) => ({
    ...r,
    status: r.status as RequirementStatus,
    notApplicableApprovedAt: notApplicableApprovedAt?.toISOString() ?? null,
  }));
  const t = tally(items.map((r) => ({ status: r.status, minimum: r.minimum, notApplicableApproved: r.notApplicableApprovedAt !== null })));
  return { level, ...t, compliancePercent: percent(t), can, items };
}

export async function updateSystemRequirement(
  db: Db,
  actor: Actor,
  systemId: number,
  requirementId: string,
  patch: {
    status?: string;
    reason?: string | null;
    ownerUserId?: number | null;
    dueOn?: string | null;
    lastVerifiedOn?: string | null;
    note?: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const system = await findSystem(tx, actor, systemId);
    assert(mayTrack(actor, system));
    const [before] = await tx
      .select()
      .from(systemRequirements)
      .where(and(eq(systemRequirements.systemId, systemId), eq(systemRequirements.requirementId, requirementId)))
      .for('update');
    if (!before) throw notFound('Requirement');
    const next = { ...before, ...patch };
    if (next.status === 'not_applicable' && !next.reason?.trim()) {
      throw invalid('reason', 'Say why the requirement does not apply', 'Cần nêu lý do yêu cầu không áp dụng');
    }
    if (next.status !== 'not_applicable') next.reason = null;
    // A new or changed "not applicable" awaits approval again; leaving it drops the approval.
    const approvalStands = before.status === 'not_applicable' && next.status === 'not_applicable' && next.reason === before.reason;
    if (!approvalStands) Object.assign(next, { notApplicableApprovedBy: null, notApplicableApprovedAt: null });
    if (patch.ownerUserId) {
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, patch.ownerUserId), readableAgency(actor, users.agencyId)));
      if (!owner) throw invalid('ownerUserId', 'Unknown user', 'Người dùng không tồn tại');
    }
    const [after] = await tx
      .update(systemRequirements)
      .set({
        status: next.status,
        reason: next.reason,
        ownerUserId: next.ownerUserId,
        dueOn: next.dueOn,
        lastVerifiedOn: next.lastVerifiedOn,
        note: next.note,
        notApplicableApprovedBy: next.notApplicableApprovedBy,
        notApplicableApprovedAt: next.notApplicableApprovedAt,
        updatedAt: new Date(),
      })
      .where(and(eq(systemRequirements.systemId, systemId), eq(systemRequirements.requirementId, requirementId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'system_requirement',
      entityId: `${systemId}:${requirementId}`,
      agencyId: system.agencyId,
      before,
      after,
    });
    return after!;
  });
}

/**
 * The approver's decision on a "not applicable": approved, it is recorded with who and when (and, unless the
 * requirement is a minimum one, leaves the tally); rejected, the requirement is back to not started.
 */
export async function decideNotApplicable(db: Db, actor: Actor, systemId: number, requirementId: string, decision: { approve: boolean; note?: string | null }) {
  return db.transaction(async (tx) => {
    const system = await findSystem(tx, actor, systemId);
    assert(mayApproveNotApplicable(actor, system));
    const [before] = await tx
      .select()
      .from(systemRequirements)
      .where(and(eq(systemRequirements.systemId, systemId), eq(systemRequirements.requirementId, requirementId)))
      .for('update');
    if (!before) throw notFound('Requirement');
    if (before.status !== 'not_applicable' || before.notApplicableApprovedAt) {
      throw conflict('status', 'Only a "not applicable" awaiting approval can be decided', 'Chỉ quyết định được yêu cầu "không áp dụng" đang chờ phê duyệt');
    }
    if (!decision.approve && !decision.note?.trim()) throw invalid('note', 'Say why the reason is not accepted', 'Cần nêu lý do không chấp thuận');
    const set = decision.approve
      ? { notApplicableApprovedBy: actor.userId, notApplicableApprovedAt: new Date() }
      : { status: 'not_started', reason: null, note: decision.note!.trim() };
    const [after] = await tx
      .update(systemRequirements)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(systemRequirements.systemId, systemId), eq(systemRequirements.requirementId, requirementId)))
      .returning();
    await recordAudit(tx, actor, {
      action: decision.approve ? 'approve_not_applicable' : 'reject_not_applicable',
      entity: 'system_requirement',
      entityId: `${systemId}:${requirementId}`,
      agencyId: system.agencyId,
      before,
      after,
    });
    return after!;
  });
}

export async function listEvidence(db: Queryable, systemId: number, requirementId: string) {
  return db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.entity, 'system_requirement'), eq(files.entityId, `${systemId}:${requirementId}`)));
}

export async function requireTracked(db: Queryable, systemId: number, requirementId: string) {
  const [row] = await db
    .select({ s: systemRequirements.status })
    .from(systemRequirements)
    .where(and(eq(systemRequirements.systemId, systemId), eq(systemRequirements.requirementId, requirementId)));
  if (!row) throw notFound('Requirement');
}
