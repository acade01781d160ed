/** The files attached to a record, as other modules list and count them. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { outer } from '../../db/sql.ts';
import { files } from './schema.ts';

/** Files attached to a record, oldest first, in the API's shape. */
export async function attachmentsOf(db: Queryable, entity: string, entityId: number) {
  const rows = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.entity, entity), eq(files.entityId, String(entityId))))
    .orderBy(asc(files.id));
  return rows.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() }));
}

/** Number of files attached to each record of an entity, as a correlated subquery. */
export const attachmentCount = (entity: string, table: string) =>
  sql<number>`(select count(*)::int from files fx where fx.entity = ${entity} and fx.entity_id = ${outer(table)}::text)`;
