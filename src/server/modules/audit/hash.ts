import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const GENESIS = '0'.repeat(64);

export type HashedFields = {
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  actorTokenId?: number | null;
  agencyId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/**
 * The chain link: SHA-256 over the previous hash and the entry's fields in a canonical form
 * (sorted keys), so the value PostgreSQL's jsonb gives back hashes the same as what was written.
 */
export function entryHash(prevHash: string, f: HashedFields): string {
  // Only the hashed fields: a stored row also carries id and hash, which must not enter its own hash.
  const { actorUserId, actorName, actorTokenId, agencyId, action, entity, entityId, before, after, ip } = f;
  // The token enters the hash only when there is one, so the entries written before tokens existed hash as they did.
  const token = actorTokenId == null ? {} : { actorTokenId };
  const canonical = stringify({
    actorUserId,
    actorName,
    ...token,
    agencyId,
    action,
    entity,
    entityId,
    before,
    after,
    ip,
    at: new Date(f.at).toISOString(),
    prevHash,
  });
  return createHash('sha256').update(canonical!).digest('hex');
}
