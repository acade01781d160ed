/**
 * Each agency's link to the province's security operations centre (Thanh Hóa 1.d): the day it was connected, what it
 * carries, the day it stopped, and the evidence files. The province lists every state agency in reach with its link.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies, agencyKinds, findVisible } from '../agencies/index.ts';
import { attachmentCount, attachmentsOf, saveFile } from '../files/index.ts';
import { socConnections } from './schema.ts';
import { mayRecordSocConnection } from './access.ts';
import { SOC_LINK_CITATIONS, socConnected } from '../../../shared/indicators/rules.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { SocConnectionInput } from '../../../shared/indicators/schemas.ts';

const ENTITY = 'soc_connection';

/** A state agency the actor may read (external organizations have no link to record: 404). */
async function stateAgency(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await findVisible(db, actor, agencyId);
  if (agency.external) throw notFound('Agency');
  return agency;
}

async function linkOf(db: Queryable, agencyId: number) {
  const [row] = await db.select().from(socConnections).where(eq(socConnections.agencyId, agencyId));
  if (!row) return null;
  const { updatedBy: _u, ...rest } = row;
  return { ...rest, updatedAt: row.updatedAt.toISOString(), evidence: await attachmentsOf(db, ENTITY, row.id) };
}

/** The agency's link, or none yet, with whether the actor may record it. */
export async function getSocConnection(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await stateAgency(db, actor, agencyId);
  return { agencyId, connection: await linkOf(db, agencyId), can: { record: mayRecordSocConnection(actor, agency) } };
}

/** Records (or replaces) the agency's link; one audited change. */
export async function saveSocConnection(db: Db, actor: Actor, agencyId: number, input: z.infer<typeof SocConnectionInput>) {
  return change(db, actor, {
    find: async (tx) => {
      const agency = await stateAgency(tx, actor, agencyId);
      assert(mayRecordSocConnection(actor, agency));
      const [before] = await tx.select().from(socConnections).where(eq(socConnections.agencyId, agencyId)).for('update');
      return before;
    },
    apply: async (tx, before) => {
      const values = {
        agencyId,
        connectedOn: input.connectedOn,
        scope: input.scope,
        disconnectedOn: input.disconnectedOn ?? null,
        note: input.note ?? null,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      };
      const [after] = await tx.insert(socConnections).values(values).onConflictDoUpdate({ target: socConnections.agencyId, set: values }).returning();
      return { action: before ? 'update' : 'create', entity: ENTITY, entityId: after!.id, agencyId, before, after };
    },
    answer: (tx) => getSocConnection(tx, actor, agencyId),
  });
}

/** May the actor attach evidence to the agency's link (404 out of scope or no link yet, 403 read-only)? Before the upload is read. */
export async function assertSocEvidenceAllowed(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await stateAgency(db, actor, agencyId);
  const [link] = await db.select({ id: socConnections.id }).from(socConnections).where(eq(socConnections.agencyId, agencyId));
  if (!link) throw notFound('SOC connection');
  assert(mayRecordSocConnection(actor, agency));
  return link;
}

/** An evidence file of the link (the connection record, a screenshot of the centre's console); the upload is the recorded change. */
export async function attachSocEvidence(db: Db, actor: Actor, dir: string, agencyId: number, upload: { name: string; data: Buffer }) {
  return db.transaction(async (tx: Tx) => {
    const link = await assertSocEvidenceAllowed(tx, actor, agencyId);
    await saveFile(tx, actor, dir, { agencyId, entity: ENTITY, entityId: String(link.id), ...upload });
    return getSocConnection(tx, actor, agencyId);
  });
}

/** Every active state agency in the actor's reach (or under `underAgencyId`) with its link, connected first counted. */
export async function listSocConnections(db: Queryable, actor: Actor, q: { agencyId?: number }) {
  const under = q.agencyId ? await stateAgency(db, actor, q.agencyId) : null;
  const rows = await db
    .select({
      agency: { id: agencies.id, name: agencies.name, kind: agencies.kind, parentId: agencies.parentId },
      connectedOn: socConnections.connectedOn,
      disconnectedOn: socConnections.disconnectedOn,
      evidenceCount: sql<number>`coalesce(${attachmentCount(ENTITY, 'soc_connections')}, 0)`,
    })
    .from(agencies)
    .innerJoin(agencyKinds, and(eq(agencyKinds.code, agencies.kind), eq(agencyKinds.external, false)))
    .leftJoin(socConnections, eq(socConnections.agencyId, agencies.id))
    .where(and(eq(agencies.active, true), readableAgency(actor, agencies.id), under ? sql`${agencies.path} like ${`${under.path}%`}` : undefined))
    .orderBy(asc(agencyKinds.sort), asc(agencies.name));
  const today = todayVn();
  const items = rows.map((r) => ({
    ...r,
    connected: socConnected(r.connectedOn ? { connectedOn: r.connectedOn, disconnectedOn: r.disconnectedOn } : null, today),
  }));
  return {
    items,
    connected: items.filter((i) => i.connected).length,
    total: items.length,
    citations: SOC_LINK_CITATIONS.map((c) => ({ vi: formatCitation(c), en: formatCitation(c, 'en') })),
  };
}
