/** Small helpers the warnings, scans, assessments and inspections services share. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { agencies } from '../agencies/schema.ts';
import { findVisible } from '../agencies/service.ts';
import { files } from '../files/schema.ts';

/** Today's date in Vietnam, in SQL: deadlines are calendar dates in Asia/Ho_Chi_Minh. */
export const todaySql = sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`;

/**
 * Rows of an agency's subtree, when the caller asks for one: the agency must be visible to the actor (404 otherwise).
 * `pathColumn` is the joined agencies.path.
 */
export async function subtreeOf(db: Queryable, actor: Actor, agencyId: number | undefined, pathColumn: SQL | typeof agencies.path = agencies.path): Promise<SQL> {
  if (!agencyId) return sql`true`;
  const agency = await findVisible(db, actor, agencyId);
  return sql`${pathColumn} like ${`${agency.path}%`}`;
}

/** Files attached to a record, oldest first, in the API's shape. */
export async function attachmentsOf(db: Queryable, entity: string, entityId: number) {
  const rows = await db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files).where(and(eq(files.entity, entity), eq(files.entityId, String(entityId)))).orderBy(asc(files.id));
  return rows.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() }));
}

/**
 * A column named with its table, for correlated subqueries: drizzle leaves columns of a single-table select
 * unqualified, where "id" inside a subquery would bind to the subquery's own table.
 */
export const outer = (table: string, column = 'id') => sql.raw(`"${table}"."${column}"`);

/** Number of files attached to each record of an entity, as a correlated subquery. */
export const attachmentCount = (entity: string, table: string) =>
  sql<number>`(select count(*)::int from files fx where fx.entity = ${entity} and fx.entity_id = ${outer(table)}::text)`;

export const isoOrNull = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
