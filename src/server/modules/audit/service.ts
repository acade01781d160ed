import { and, asc, desc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency, assert } from '../../auth/scope.ts';
import { auditLog } from './schema.ts';
import { entryHash, GENESIS } from './hash.ts';
import { mayReadAudit, readsWholeAudit } from './access.ts';
import type { z } from 'zod';
import type { AuditQuery } from '../../../shared/audit/schemas.ts';

export type AuditChange = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  agencyId?: number | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEYS = new Set(['passwordHash', 'password', 'token']);

/** What jsonb will give back: plain JSON, with secrets removed. */
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (k, v) => (SECRET_KEYS.has(k) ? undefined : v)));
}

/** Serializes writers on the chain's tail, across connections and app nodes. */
const CHAIN_LOCK = 727275;

/** Appends one entry, inside the caller's transaction so the change and its record commit together. */
export async function recordAudit(tx: Tx, actor: Pick<Actor, 'userId' | 'fullName' | 'ip' | 'tokenId'> | null, change: AuditChange) {
  await recordAudits(tx, actor, [change]);
}

/**
 * Appends entries in order, chained one to the next, with one lock, one read of the chain's tail and one INSERT (an
 * import's thousands of entries): the per-entry columns travel as arrays, so the statement's size does not grow with
 * the count, and the rows take their ids in the order of the chain (`with ordinality … order by`).
 */
export async function recordAudits(tx: Tx, actor: Pick<Actor, 'userId' | 'fullName' | 'ip' | 'tokenId'> | null, changes: AuditChange[]) {
  if (!changes.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const who = { actorUserId: actor?.userId ?? null, actorName: actor?.fullName ?? null, actorTokenId: actor?.tokenId ?? null, ip: actor?.ip ?? null };
  const rows = changes.map((change) => {
    const fields = {
      at,
      ...who,
      agencyId: change.agencyId ?? null,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId == null ? null : String(change.entityId),
      before: toJson(change.before),
      after: toJson(change.after),
    };
    const row = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  const column = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
  const json = (k: 'before' | 'after') => sql.param(rows.map((r) => (r[k] === null ? null : JSON.stringify(r[k]))));
  await tx.execute(sql`insert into audit_log (at, actor_user_id, actor_name, actor_token_id, ip, agency_id, action, entity, entity_id, before, after, prev_hash, hash)
    select ${at}::timestamptz, ${who.actorUserId}::integer, ${who.actorName}::text, ${who.actorTokenId}::integer, ${who.ip}::text,
      e.agency_id, e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash, e.hash
    from unnest(${column('agencyId')}::integer[], ${column('action')}::text[], ${column('entity')}::text[], ${column('entityId')}::text[],
      ${json('before')}::jsonb[], ${json('after')}::jsonb[], ${column('prevHash')}::text[], ${column('hash')}::text[])
      with ordinality as e(agency_id, action, entity, entity_id, before, after, prev_hash, hash, n)
    order by e.n`);
}

export async function listAudit(db: Queryable, actor: Actor, q: z.infer<typeof AuditQuery>) {
  assert(mayReadAudit(actor));
  const where: SQL[] = [];
  // Agency admins read the entries about their subtree; the security unit and platform admins read all.
  if (!readsWholeAudit(actor)) where.push(readableAgency(actor, auditLog.agencyId));
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actorUserId) where.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.from) where.push(gte(auditLog.at, `${q.from}T00:00:00+07:00`));
  if (q.to) where.push(lt(auditLog.at, sql`(${q.to}::date + 1)::text || 'T00:00:00+07:00'`));
  if (q.beforeId) where.push(lt(auditLog.id, q.beforeId));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** Walks the whole chain in id order and reports the first entry whose hash does not follow. */
export async function verifyAuditChain(db: Db) {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(5000);
    if (batch.length === 0) return { ok: true, checked, brokenAtId: null, reason: null };
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtId: row.id, reason: 'previous hash does not match' };
      const expected = entryHash(prevHash, row);
      if (expected !== row.hash) return { ok: false, checked, brokenAtId: row.id, reason: 'content does not match its hash' };
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
