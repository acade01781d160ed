/** Who receives an agency's reminders. */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from './schema.ts';
import { agencies } from '../agencies/index.ts';

/** Users of given roles in given agencies (active accounts only): the usual recipients of an agency's reminders. */
export async function usersOf(db: Db, opts: { agencyIds?: number[]; roles: string[] }): Promise<{ id: number; agencyId: number }[]> {
  if (opts.agencyIds && !opts.agencyIds.length) return [];
  return db
    .select({ id: users.id, agencyId: users.agencyId })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        sql`${users.roles} && ${sql`array[${sql.join(
          opts.roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`}`,
        opts.agencyIds ? inArray(users.agencyId, opts.agencyIds) : undefined,
      ),
    );
}

/** Users of given roles in the agency at `path` and below (active accounts only): a unit's staff. */
export async function usersUnder(db: Db, path: string, roles: string[]): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(users.active, true),
        like(agencies.path, `${path}%`),
        sql`${users.roles} && ${sql`array[${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`}`,
      ),
    );
  return rows.map((r) => r.id);
}
