import type { Queryable } from './client.ts';

/**
 * A query built once per database handle and sent as a named statement, which PostgreSQL parses and plans once
 * per connection. For the few statements that run on (nearly) every request; the rest are built as they come.
 */
export function preparedFor<T>(build: (db: Queryable) => T): (db: Queryable) => T {
  const byDb = new WeakMap<Queryable, T>();
  return (db) => {
    let query = byDb.get(db);
    if (!query) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}
