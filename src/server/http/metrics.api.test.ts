import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';

/** Readiness for the proxy and Prometheus metrics for the operators, over real HTTP. */

const TOKEN = 'metrics-token-of-the-province';
let t: TestApp;
let base: string;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN: TOKEN });
  const http = await listen(t.app);
  base = http.base;
  admin = await http.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const scrape = async (token = TOKEN) => fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
/** The value of one series of the exposition text, or undefined. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /api/ready', () => {
  it('answers ready with every migration of the build applied, and 503 naming the gap when one is missing', async () => {
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({ ready: true, database: t.database.label });
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThan(30);

    // As if this build were deployed on a database one migration behind.
    const [last] = (await t.database.db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id desc limit 1`)).rows as {
      id: number;
      hash: string;
      created_at: string;
    }[];
    await t.database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
    try {
      const behind = await fetch(`${base}/api/ready`);
      expect(behind.status).toBe(503);
      const { error } = await behind.json();
      expect(error).toMatchObject({ code: 'not_ready', message: expect.stringContaining(`${body.migrations.expected - 1} of ${body.migrations.expected}`) });
      expect(error.messageVi).toMatch(/bản cập nhật cấu trúc/);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      await t.database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`,
      );
    }
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('needs the configured bearer token', async () => {
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await none.json()).error.messageVi).toBeTruthy();
    expect((await scrape('metrics-token-of-another-place')).status).toBe(401);
    // A session is not a metrics token.
    expect((await admin.get('/metrics')).status).toBe(401);
  });

  it('counts requests and their latency by route pattern, and shows the process, the dashboard cache and reminders', async () => {
    const systems = (await admin.get('/api/systems?limit=1')).json.items as { id: number }[];
    for (let i = 0; i < 3; i++) expect((await admin.get(`/api/systems/${systems[0]!.id}`)).status).toBe(200);
    expect((await admin.get('/api/systems/999999')).status).toBe(404);
    expect((await admin.get('/api/dashboard')).status).toBe(200);
    expect((await admin.get('/api/dashboard')).status).toBe(200);
    expect((await admin.post('/api/reminders/run')).status).toBe(200);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Ids never make series: the pattern does.
    expect(sample(text, 'khien_http_requests_total{method="GET",route="/api/systems/:id",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'khien_http_requests_total{method="GET",route="/api/systems/:id",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`/api/systems/${systems[0]!.id}`);
    expect(sample(text, 'khien_http_request_duration_seconds_count{method="GET",route="/api/systems/:id"}')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'khien_dashboard_cache_lookups_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'khien_process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(sample(text, 'khien_reminders_total{outcome="delivered"}')).toBeGreaterThan(0);
    if (t.database.label === 'postgres') expect(sample(text, 'khien_db_pool_connections')).toBeGreaterThan(0);
  });
});

describe('without a metrics token', () => {
  it('answers /metrics with 404, not the web app, when no token is set', async () => {
    const other = await startTestApp();
    try {
      const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      // Not the web app's page either (dist/web is built when the suite runs).
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('metrics_off');
    } finally {
      await other.close();
    }
  });
});
