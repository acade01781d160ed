/** Small helpers the warnings and inspections services share. */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { agencies, findVisible } from '../agencies/index.ts';

/**
 * Rows of an agency's subtree, when the caller asks for one: the agency must be visible to the actor (404 otherwise).
 * `pathColumn` is the joined agencies.path.
 */
export async function subtreeOf(
  db: Queryable,
  actor: Actor,
  agencyId: number | undefined,
  pathColumn: SQL | typeof agencies.path = agencies.path,
): Promise<SQL> {
  if (!agencyId) return sql`true`;
  const agency = await findVisible(db, actor, agencyId);
  return sql`${pathColumn} like ${`${agency.path}%`}`;
}

export const isoOrNull = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
