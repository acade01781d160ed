import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';

/** One type for both drivers: PGlite's and node-postgres' drizzle databases share the query API. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: services accept either. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Where lost connections are reported (the app's logger once it exists); the pool replaces them by itself. */
  onConnectionError(log: (err: Error) => void): void;
  /** PGlite only: the data folder as a gzipped tarball, which `openDatabase({ pgliteLoad })` opens again. */
  dumpDataDir?(): Promise<Blob>;
  /** PostgreSQL only: the pool's connections now (for /metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
};

/** Planner settings of every connection the app opens (the benchmark's floor uses the same). */
export const PG_SESSION_OPTIONS = '-c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0';

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** The migrations this build carries, and how many the database has applied (drizzle's own record of them). */
export async function migrationState(db: Db) {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const applied = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { expected: journal.entries.length, applied: Number(applied.rows[0]!.n) };
}

/**
 * Opens PostgreSQL: a server when `url` is given, otherwise embedded PGlite in `pgliteDir`
 * (in memory when that is undefined). Migrations are applied before it is returned.
 */
export async function openDatabase(opts: { url?: string; pgliteDir?: string; pgliteLoad?: Blob; poolSize?: number }): Promise<Database> {
  if (opts.url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // JIT compiles plans for seconds-long analytics; for this app's short queries it only adds latency, as do parallel
    // workers when many requests run at once (the cores are already busy). The working set lives in memory (or on
    // SSD), where an index probe costs about a sequential read: tell the planner so.
    const pool = new Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options: PG_SESSION_OPTIONS, connectionTimeoutMillis: 10_000 });
    // A restart, a failover, an idle timeout or a DBA ends connections: node-postgres then emits 'error' on the pool
    // (idle clients) or on the client (checked out, e.g. in a transaction). Unheard, that event ends the process;
    // heard, the broken client is dropped, its query fails (503 to the caller) and the next checkout connects anew.
    let report = (err: Error) => console.error('database connection lost:', err.message);
    pool.on('error', (err) => report(err));
    pool.on('connect', (client) => client.on('error', (err) => report(err)));
    const db = drizzle({ client: pool, schema, casing: 'snake_case' });
    // Several app nodes may start together: one migrates, the others wait on the lock.
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(727274)');
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
      lock.release();
    }
    return {
      db,
      kind: 'postgres',
      close: () => pool.end(),
      onConnectionError: (log) => {
        report = log;
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (opts.pgliteDir) mkdirSync(opts.pgliteDir, { recursive: true });
  const client = new PGlite({ dataDir: opts.pgliteDir, loadDataDir: opts.pgliteLoad });
  const db = drizzle({ client, schema, casing: 'snake_case' });
  await migrate(db, { migrationsFolder });
  // An embedded database has no connection to lose.
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    close: () => client.close(),
    onConnectionError: () => {},
    dumpDataDir: () => client.dumpDataDir('gzip'),
  };
}
