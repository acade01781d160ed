import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';

/**
 * What a PostgreSQL restart, a failover or a DBA does to the app: every backend of its database is terminated while
 * requests are in flight. The process must live on, the requests caught in it fail with the error shape, and the
 * next requests succeed on new connections. PGlite is embedded and has no connection to lose.
 */
const onPostgres = process.env.KHIEN_TEST_DB === 'postgres';

describe.skipIf(!onPostgres)('database outage', () => {
  let t: TestApp;
  let leader: HttpClient;
  let officer: HttpClient;
  let dbName: string;

  beforeAll(async () => {
    t = await startTestApp();
    const http = await listen(t.app);
    [leader, officer] = await Promise.all([http.login('lanhdao'), http.login('syt.canbo')]);
    dbName = ((await t.database.db.execute(sql`select current_database() as name`)).rows[0] as { name: string }).name;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function terminateBackends() {
    // Another connection than the app's: the test database's pool is the one being cut.
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: process.env.KHIEN_TEST_PG_ADMIN_URL });
    await admin.connect();
    const res = await admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
      dbName,
    ]);
    await admin.end();
    return res.rows[0].n as number;
  }

  it('keeps serving: in-flight requests fail cleanly, the next ones succeed', async () => {
    const inFlight = Array.from({ length: 40 }, (_, i) => (i % 2 ? leader.get('/api/systems?limit=50') : officer.get('/api/auth/me')).then((r) => r));
    const terminated = await terminateBackends();
    expect(terminated).toBeGreaterThan(0);
    const results = await Promise.all(inFlight);
    for (const r of results) {
      expect([200, 503]).toContain(r.status);
      if (r.status === 503) {
        expect(r.json.error.code).toBe('database_unavailable');
        expect(r.json.error.messageVi).toMatch(/Cơ sở dữ liệu/);
        expect(r.headers.get('retry-after')).toBe('5');
      }
    }
    // The pool replaced its connections: reads and a write go through again, and sessions survived.
    expect((await officer.get('/api/auth/me')).status).toBe(200);
    const list = await leader.get('/api/systems?limit=5');
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    const write = await officer.request('PUT', '/api/auth/locale', { body: { locale: 'en' } });
    expect(write.status, write.text).toBeLessThan(300);
  });

  it('survives connections cut while they sit idle in the pool, and while a transaction holds one', async () => {
    expect((await officer.get('/api/auth/me')).status).toBe(200);
    // A transaction keeps its connection checked out: the cut reaches the client, not the pool.
    const held = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await terminateBackends();
      await tx.execute(sql`select pg_sleep(0.2)`);
    });
    await expect(held).rejects.toThrow();
    await terminateBackends();
    expect((await officer.get('/api/auth/me')).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).json()).toMatchObject({ ready: true, database: 'postgres' });
  });
});
