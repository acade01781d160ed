import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';

/**
 * The newest audit entry's id: a version of everything the application has changed. Each change commits with its
 * audit row, and rows are appended one transaction at a time under the chain lock, so ids commit in order: while
 * this number stays the same, no change has committed.
 */
export async function auditHead(db: Queryable): Promise<number> {
  const { rows } = await db.execute(sql`select coalesce(max(id), 0)::int8 as id from audit_log`);
  return Number((rows[0] as { id: string | number }).id);
}
