import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, agencyKinds, designations } from './schema.ts';
import { agencyCan, mayAddExternal, mayEditDesignations } from './access.ts';
import type { AgencyInput, AgencyPatch } from '../../../shared/agencies/schemas.ts';
import { defaultGoverningBody } from '../../../shared/documents/header.ts';

type AgencyRow = typeof agencies.$inferSelect;

/** Agencies the actor may see: their scope in the tree, plus the external organizations everyone deals with. */
function visibleAgency(actor: Actor): SQL {
  return or(readableAgency(actor, agencies.id), and(sql`${agencies.parentId} is null`, eq(agencyKinds.external, true)))!;
}

const columns = {
  id: agencies.id,
  parentId: agencies.parentId,
  path: agencies.path,
  name: agencies.name,
  shortName: agencies.shortName,
  kind: agencies.kind,
  kindNameVi: agencyKinds.nameVi,
  kindNameEn: agencyKinds.nameEn,
  external: agencyKinds.external,
  address: agencies.address,
  phone: agencies.phone,
  email: agencies.email,
  portalUrl: agencies.portalUrl,
  active: agencies.active,
  contactName: agencies.contactName,
  contactPosition: agencies.contactPosition,
  contactPhone: agencies.contactPhone,
  contactEmail: agencies.contactEmail,
  contactDesignatedOn: agencies.contactDesignatedOn,
  contactPublished: agencies.contactPublished,
  contactPublishedUrl: agencies.contactPublishedUrl,
  childCount: sql<number>`(select count(*)::int from agencies c where c.parent_id = ${agencies.id} and c.active)`,
};

function present<T extends { id: number; path: string; external: boolean }>(actor: Actor, row: T) {
  const { path: _p, ...rest } = row;
  return { ...rest, can: agencyCan(actor, row) };
}

export async function listKinds(db: Queryable) {
  return db
    .select({ code: agencyKinds.code, nameVi: agencyKinds.nameVi, nameEn: agencyKinds.nameEn, external: agencyKinds.external })
    .from(agencyKinds)
    .orderBy(asc(agencyKinds.sort));
}

export async function listAgencies(db: Queryable, actor: Actor, q: { q?: string; kind?: string; parentId?: number; includeInactive?: string }) {
  const where: (SQL | undefined)[] = [visibleAgency(actor)];
  if (q.includeInactive !== 'true') where.push(eq(agencies.active, true));
  if (q.kind) where.push(eq(agencies.kind, q.kind));
  if (q.parentId) where.push(eq(agencies.parentId, q.parentId));
  if (q.q) where.push(or(ilike(agencies.name, `%${q.q}%`), ilike(agencies.shortName, `%${q.q}%`)));
  const rows = await db
    .select(columns)
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(...where))
    .orderBy(asc(agencyKinds.sort), asc(agencies.name));
  return rows.map((r) => present(actor, r));
}

/** The agency row if the actor may see it; otherwise 404, the same answer as for a missing one. */
export async function findVisible(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select(columns)
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(eq(agencies.id, id), visibleAgency(actor)));
  if (!row) throw notFound('Agency');
  return row;
}

export async function getAgency(db: Queryable, actor: Actor, id: number) {
  return present(actor, await findVisible(db, actor, id));
}

async function kindOf(db: Queryable, code: string) {
  const [kind] = await db.select().from(agencyKinds).where(eq(agencyKinds.code, code));
  if (!kind) throw invalid('kind', 'Unknown agency kind', 'Loại cơ quan không tồn tại');
  return kind;
}

/** Where a new or moved agency may hang: external organizations stand alone, others need a parent in the actor's reach. */
async function placement(db: Queryable, actor: Actor, kindCode: string, parentId: number | null | undefined) {
  const kind = await kindOf(db, kindCode);
  if (kind.external) {
    if (parentId) throw invalid('parentId', 'External organizations stand outside the tree', 'Tổ chức bên ngoài không thuộc cây cơ quan');
    assert(mayAddExternal(actor));
    return null;
  }
  if (!parentId) {
    // Only one root (the province) exists; a second tree would escape every scope.
    throw invalid('parentId', 'Choose the parent agency', 'Hãy chọn cơ quan cấp trên');
  }
  const parent = await findVisible(db, actor, parentId).catch(() => {
    throw invalid('parentId', 'The parent agency does not exist', 'Cơ quan cấp trên không tồn tại');
  });
  if (parent.external || !parent.active)
    throw invalid('parentId', 'The parent must be an active agency of the tree', 'Cơ quan cấp trên phải là cơ quan đang hoạt động trong cây');
  assert(agencyCan(actor, parent).addChild);
  return parent;
}

export async function createAgency(db: Db, actor: Actor, input: AgencyInput) {
  return db.transaction(async (tx) => {
    const parent = await placement(tx, actor, input.kind, input.parentId);
    const [row] = await tx
      .insert(agencies)
      .values({ ...input, parentId: parent?.id ?? null, docGoverningBody: defaultGoverningBody(input.kind, parent?.name ?? null) })
      .returning();
    const path = `${parent?.path ?? '/'}${row!.id}/`;
    const [created] = await tx.update(agencies).set({ path }).where(eq(agencies.id, row!.id)).returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'agency', entityId: row!.id, agencyId: row!.id, after: created });
    return getAgency(tx, actor, row!.id);
  });
}

const STRUCTURAL: (keyof AgencyPatch)[] = ['parentId', 'kind', 'active'];

export async function updateAgency(db: Db, actor: Actor, id: number, patch: AgencyPatch) {
  return db.transaction(async (tx) => {
    const current = await findVisible(tx, actor, id);
    const [before] = await tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
    const may = agencyCan(actor, current);
    assert(may.edit);
    const structural = STRUCTURAL.some((k) => patch[k] !== undefined && patch[k] !== (before as Record<string, unknown>)[k]);
    if (structural) assert(may.restructure);

    const set: Partial<AgencyRow> = { ...patch, updatedAt: new Date() } as Partial<AgencyRow>;
    const newParentId = patch.parentId === undefined ? before!.parentId : patch.parentId;
    const newKind = patch.kind ?? before!.kind;
    if (newParentId !== before!.parentId || newKind !== before!.kind) {
      const parent = await placement(tx, actor, newKind, newParentId);
      if (parent?.path.startsWith(before!.path)) {
        throw invalid(
          'parentId',
          'An agency cannot move under itself or its own sub-agency',
          'Không thể chuyển cơ quan vào chính nó hoặc đơn vị cấp dưới của nó',
        );
      }
      const newPath = `${parent?.path ?? '/'}${id}/`;
      set.parentId = parent?.id ?? null;
      // Re-root the whole subtree in one statement.
      await tx.execute(sql`update agencies set path = ${newPath} || substr(path, ${before!.path.length + 1})
        where path like ${`${before!.path}%`}`);
      set.path = newPath;
    }
    if (patch.active === false) {
      const [{ n }] = (await tx.execute(sql`select count(*)::int as n from agencies where parent_id = ${id} and active`)).rows as [{ n: number }];
      if (n > 0) throw invalid('active', 'Move or deactivate its sub-agencies first', 'Hãy chuyển hoặc ngừng hoạt động các đơn vị trực thuộc trước');
      if (id === actor.agencyId) throw invalid('active', 'You cannot deactivate your own agency', 'Không thể ngừng hoạt động cơ quan của chính mình');
    }
    const [after] = await tx.update(agencies).set(set).where(eq(agencies.id, id)).returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'agency', entityId: id, agencyId: id, before, after });
    return getAgency(tx, actor, id);
  });
}

export async function listDesignations(db: Queryable) {
  return db
    .select({
      code: designations.code,
      agencyId: designations.agencyId,
      agencyName: agencies.name,
      titleVi: designations.titleVi,
      titleEn: designations.titleEn,
    })
    .from(designations)
    .leftJoin(agencies, eq(agencies.id, designations.agencyId))
    .orderBy(asc(designations.code));
}

export async function setDesignation(db: Db, actor: Actor, code: string, input: { agencyId: number | null; titleVi: string; titleEn: string }) {
  assert(mayEditDesignations(actor));
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(designations).where(eq(designations.code, code)).for('update');
    if (!before) throw notFound('Designation');
    if (input.agencyId) await findVisible(tx, actor, input.agencyId);
    const [after] = await tx
      .update(designations)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(designations.code, code))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'designation', entityId: code, before, after });
    return (await listDesignations(tx)).find((d) => d.code === code)!;
  });
}
