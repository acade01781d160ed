/** Warnings from the authorities: record, edit, re-match, list and read with the province's progress. */
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency, readsEverything } from '../../auth/scope.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { remediationItems, warningProducts, warnings } from './schema.ts';
import { openItemsFor, type InventoryNames } from './matching.ts';
import { exploitedEntries, exploitedOf } from './known-exploited.ts';
import { itemProgressColumns, listItemsOfWarning } from './items.ts';
import { outer } from '../../db/sql.ts';
import { mayRecordWarnings, warningListCan } from './access.ts';
import { receivedOn, remediationDue } from '../../../shared/warnings/remediation.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import type { Severity } from '../../../shared/scans/findings.ts';
import type { WarningInput, WarningPatch } from '../../../shared/warnings/schemas.ts';
import type { FeedFormat } from '../../../shared/warnings/feeds.ts';
import type { z } from 'zod';
import type { WarningListQuery } from '../../../shared/warnings/schemas.ts';

type WarningRow = typeof warnings.$inferSelect;

/** Province-wide roles see every warning; others see those with an item in their scope. */
function visibleWarning(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  return sql`exists (select 1 from remediation_items vi where vi.warning_id = ${outer('warnings')} and ${readableAgency(actor, sql`vi.agency_id`)})`;
}

async function findWarning(db: Queryable, actor: Actor, id: number): Promise<WarningRow> {
  const [row] = await db
    .select()
    .from(warnings)
    .where(and(eq(warnings.id, id), visibleWarning(actor)));
  if (!row) throw notFound('Warning');
  return row;
}

const dueOf = (w: WarningRow) =>
  remediationDue({ issuedOn: w.issuedOn, severity: w.severity as Severity, deadline: w.deadline, receivedOn: receivedOn(w.fetchedAt) });

function presentSummary(w: WarningRow, p: { total: number; answered: number; overdue: number }, knownExploited: string[]) {
  return {
    id: w.id,
    source: w.source,
    number: w.number,
    issuedOn: w.issuedOn,
    title: w.title,
    severity: w.severity as Severity,
    cveIds: w.cveIds,
    deadline: w.deadline,
    dueOn: dueOf(w),
    createdAt: w.createdAt.toISOString(),
    knownExploited,
    provenance: w.feed && w.feedId && w.fetchedAt ? { feed: w.feed as FeedFormat, feedId: w.feedId, fetchedAt: w.fetchedAt.toISOString() } : null,
    progress: {
      total: p.total,
      answered: p.answered,
      open: p.total - p.answered,
      overdue: p.overdue,
      answeredPercent: percent({ applicable: p.total, met: p.answered }),
    },
  };
}

export async function listWarnings(db: Queryable, actor: Actor, q: z.infer<typeof WarningListQuery>) {
  const where: SQL[] = [visibleWarning(actor)];
  if (q.severity) where.push(eq(warnings.severity, q.severity));
  if (q.q) where.push(or(ilike(warnings.title, `%${q.q}%`), ilike(warnings.number, `%${q.q}%`), sql`${q.q.toUpperCase()} = any(${warnings.cveIds})`)!);
  if (q.knownExploited === 'true') where.push(sql`exists (select 1 from known_exploited_cves k where k.cve_id = any(${warnings.cveIds}))`);
  // Progress counts only the items the actor may see.
  const rows = await db
    .select({ warning: warnings, ...itemProgressColumns, exploited: exploitedOf(warnings.cveIds) })
    .from(warnings)
    .leftJoin(remediationItems, and(eq(remediationItems.warningId, warnings.id), readableAgency(actor, remediationItems.agencyId)))
    .where(and(...where))
    .groupBy(warnings.id)
    .orderBy(desc(warnings.issuedOn), desc(warnings.id))
    .limit(q.limit)
    .offset(q.offset);
  const [total] = await db
    .select({ n: count() })
    .from(warnings)
    .where(and(...where));
  return { total: total!.n, items: rows.map((r) => presentSummary(r.warning, r, r.exploited)), can: warningListCan(actor) };
}

export async function getWarning(db: Queryable, actor: Actor, id: number) {
  const w = await findWarning(db, actor, id);
  const products = await db
    .select({
      id: warningProducts.id,
      vendor: warningProducts.vendor,
      product: warningProducts.product,
      versionRange: warningProducts.versionRange,
      cpe: warningProducts.cpe,
    })
    .from(warningProducts)
    .where(eq(warningProducts.warningId, id))
    .orderBy(asc(warningProducts.id));
  const byAgency = await db
    .select({ agencyId: agencies.id, agencyName: agencies.name, ...itemProgressColumns })
    .from(remediationItems)
    .innerJoin(agencies, eq(agencies.id, remediationItems.agencyId))
    .where(and(eq(remediationItems.warningId, id), readableAgency(actor, remediationItems.agencyId)))
    .groupBy(agencies.id, agencies.name)
    .orderBy(asc(agencies.name));
  const items = await listItemsOfWarning(db, actor, id);
  const exploited = await exploitedEntries(db, w.cveIds);
  const totals = byAgency.reduce((a, r) => ({ total: a.total + r.total, answered: a.answered + r.answered, overdue: a.overdue + r.overdue }), {
    total: 0,
    answered: 0,
    overdue: 0,
  });
  return {
    ...presentSummary(
      w,
      totals,
      exploited.map((e) => e.cveId),
    ),
    description: w.description,
    recommendedAction: w.recommendedAction,
    matchedAt: w.matchedAt?.toISOString() ?? null,
    products,
    exploited,
    byAgency: byAgency.map((r) => ({
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      total: r.total,
      answered: r.answered,
      open: r.total - r.answered,
      overdue: r.overdue,
      answeredPercent: percent({ applicable: r.total, met: r.answered }),
    })),
    items,
    can: { edit: mayRecordWarnings(actor) },
  };
}

async function assertNumberFree(tx: Queryable, source: string, number: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: warnings.id })
    .from(warnings)
    .where(and(eq(warnings.source, source), eq(warnings.number, number)));
  if (clash && clash.id !== exceptId)
    throw conflict('number', 'This warning is already recorded (same source and number)', 'Cảnh báo này đã được ghi nhận (trùng nguồn và số hiệu)');
}

export type Provenance = { feed: FeedFormat; feedId: string; fetchedAt: Date };

async function insertProducts(tx: Tx, warningId: number, products: WarningInput['products']) {
  for (let i = 0; i < products.length; i += 1000) await tx.insert(warningProducts).values(products.slice(i, i + 1000).map((p) => ({ ...p, warningId })));
}

/**
 * Inserts a warning with its products and opens its items, inside the caller's transaction. No audit: the caller
 * records it. An import gives the warning's provenance and the inventory names it read once.
 */
export async function insertWarning(tx: Tx, createdBy: number | null, input: WarningInput, from?: { provenance: Provenance; names: InventoryNames }) {
  const { products, ...fields } = input;
  const [row] = await tx
    .insert(warnings)
    .values({ ...fields, deadline: fields.deadline ?? null, createdBy, matchedAt: new Date(), ...from?.provenance })
    .returning();
  await insertProducts(tx, row!.id, products);
  const items = await openItemsFor(tx, row!, products, from?.names);
  return { warning: row!, items };
}

export async function createWarning(db: Db, actor: Actor, input: WarningInput) {
  assert(mayRecordWarnings(actor));
  return db.transaction(async (tx) => {
    await assertNumberFree(tx, input.source, input.number);
    const { warning, items } = await insertWarning(tx, actor.userId, input);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'warning',
      entityId: warning.id,
      after: { ...warning, products: input.products, items: items.map((i) => ({ id: i.id, systemId: i.systemId, agencyId: i.agencyId })) },
    });
    return getWarning(tx, actor, warning.id);
  });
}

/**
 * Edits a warning. New products or ranges add items for newly affected systems; existing items stay (their owners
 * answer "not affected" if the correction clears them). A new deadline, date or severity moves the open items' deadline.
 */
export async function updateWarning(db: Db, actor: Actor, id: number, patch: WarningPatch) {
  return db.transaction(async (tx) => {
    await findWarning(tx, actor, id);
    assert(mayRecordWarnings(actor));
    const [before] = await tx.select().from(warnings).where(eq(warnings.id, id)).for('update');
    const { products, ...fields } = patch;
    if (fields.source !== undefined || fields.number !== undefined)
      await assertNumberFree(tx, fields.source ?? before!.source, fields.number ?? before!.number, id);
    const [after] = await tx
      .update(warnings)
      .set({ ...fields, updatedAt: new Date(), ...(products ? { matchedAt: new Date() } : {}) })
      .where(eq(warnings.id, id))
      .returning();
    let beforeProducts: unknown;
    let created: { id: number; systemId: number; agencyId: number }[] = [];
    if (products) {
      beforeProducts = await tx.delete(warningProducts).where(eq(warningProducts.warningId, id)).returning();
      await insertProducts(tx, id, products);
      created = await openItemsFor(tx, after!, products);
    }
    if (dueOf(after!) !== dueOf(before!)) {
      await tx
        .update(remediationItems)
        .set({ dueOn: dueOf(after!), updatedAt: new Date() })
        .where(and(eq(remediationItems.warningId, id), eq(remediationItems.status, 'open')));
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'warning',
      entityId: id,
      before: { ...before, ...(products ? { products: beforeProducts } : {}) },
      after: { ...after, ...(products ? { products, newItems: created } : {}) },
    });
    return getWarning(tx, actor, id);
  });
}

/** Matches the warning again, e.g. after agencies completed their inventories: items for newly affected systems only. */
export async function rematchWarning(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    await findWarning(tx, actor, id);
    assert(mayRecordWarnings(actor));
    const [w] = await tx.select().from(warnings).where(eq(warnings.id, id)).for('update');
    const products = await tx.select().from(warningProducts).where(eq(warningProducts.warningId, id));
    const created = await openItemsFor(tx, w!, products);
    await tx.update(warnings).set({ matchedAt: new Date() }).where(eq(warnings.id, id));
    await recordAudit(tx, actor, { action: 'rematch', entity: 'warning', entityId: id, after: { newItems: created } });
    return { warning: await getWarning(tx, actor, id), created: created.length };
  });
}
