import { sql } from 'drizzle-orm';

/** Today's date in Vietnam, in SQL: deadlines are calendar dates in Asia/Ho_Chi_Minh. */
export const todaySql = sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`;

/**
 * A column named with its table, for correlated subqueries: drizzle leaves columns of a single-table select
 * unqualified, where "id" inside a subquery would bind to the subquery's own table.
 */
export const outer = (table: string, column = 'id') => sql.raw(`"${table}"."${column}"`);
