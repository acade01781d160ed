/** Who receives an agency's reminders. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from './schema.ts';

/** Users of given roles in given agencies (active accounts only): the usual recipients of an agency's reminders. */
export async function usersOf(db: Db, opts: { agencyIds?: number[]; roles: string[] }): Promise<{ id: number; agencyId: number }[]> {
  if (opts.agencyIds && !opts.agencyIds.length) return [];
  return db.select({ id: users.id, agencyId: users.agencyId }).from(users).where(and(
    eq(users.active, true),
    sql`${users.roles} && ${sql`array[${sql.join(opts.roles.map((r) => sql`${r}`), sql`, `)}]::text[]`}`,
    opts.agencyIds ? inArray(users.agencyId, opts.agencyIds) : undefined,
  ));
}
