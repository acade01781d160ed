/** Runs a warning against every system's software inventory and opens one remediation item per newly affected system. */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { systems, systemSoftware } from '../systems/index.ts';
import { remediationItems } from './schema.ts';
import { findAffectedSystems, productMatches, type WarningProduct } from '../../../shared/warnings/matching.ts';
import { receivedOn, remediationDue } from '../../../shared/warnings/remediation.ts';
import type { Severity } from '../../../shared/scans/findings.ts';

type WarningRow = { id: number; issuedOn: string; severity: string; deadline: string | null; fetchedAt: Date | null };

/** The distinct names in the inventories: an import of many warnings reads them once. */
export const inventoryNames = (tx: Tx) =>
  tx.selectDistinct({ vendor: systemSoftware.vendor, product: systemSoftware.product, cpe: systemSoftware.cpe }).from(systemSoftware);

export type InventoryNames = Awaited<ReturnType<typeof inventoryNames>>;

/**
 * Two steps, so a national inventory is never loaded whole: the distinct product names are matched first, then only
 * the entries bearing a matching name are loaded and their versions compared. Retired systems are left out, and so
 * are systems that already have an item for this warning. Returns the items created (inside the caller's transaction).
 */
export async function openItemsFor(tx: Tx, warning: WarningRow, products: readonly WarningProduct[], known?: InventoryNames) {
  const names = known ?? (await inventoryNames(tx));
  const candidates = names.filter((n) => products.some((p) => productMatches(p, n)));
  if (!candidates.length) return [];
  const pairs = [...new Map(candidates.map((c) => [`${c.vendor ?? ''}\u0000${c.product}`, c])).values()];
  const tuples = sql.join(
    pairs.map((c) => sql`(${c.vendor ?? ''}, ${c.product})`),
    sql`, `,
  );
  const inventory = await tx
    .select({
      systemId: systemSoftware.systemId,
      vendor: systemSoftware.vendor,
      product: systemSoftware.product,
      version: systemSoftware.version,
      cpe: systemSoftware.cpe,
      agencyId: systems.agencyId,
    })
    .from(systemSoftware)
    .innerJoin(systems, eq(systems.id, systemSoftware.systemId))
    .where(and(ne(systems.status, 'retired'), sql`(coalesce(${systemSoftware.vendor}, ''), ${systemSoftware.product}) in (${tuples})`))
    .orderBy(systemSoftware.systemId, systemSoftware.id);
  const affected = findAffectedSystems(products, inventory);
  if (!affected.size) return [];
  const existing = new Set(
    (
      await tx
        .select({ systemId: remediationItems.systemId })
        .from(remediationItems)
        .where(and(eq(remediationItems.warningId, warning.id), inArray(remediationItems.systemId, [...affected.keys()])))
    ).map((r) => r.systemId),
  );
  const owner = new Map(inventory.map((s) => [s.systemId, s.agencyId]));
  const dueOn = remediationDue({
    issuedOn: warning.issuedOn,
    severity: warning.severity as Severity,
    deadline: warning.deadline,
    receivedOn: receivedOn(warning.fetchedAt),
  });
  const now = new Date();
  const rows = [...affected]
    .filter(([systemId]) => !existing.has(systemId))
    .map(([systemId, software]) => ({
      warningId: warning.id,
      systemId,
      agencyId: owner.get(systemId)!,
      matchedSoftware: software,
      dueOn,
      notifiedAt: now,
    }));
  if (!rows.length) return [];
  return tx
    .insert(remediationItems)
    .values(rows)
    .returning({ id: remediationItems.id, systemId: remediationItems.systemId, agencyId: remediationItems.agencyId });
}
