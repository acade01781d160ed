import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.ts';

/**
 * The process's Prometheus metrics, served at `/metrics` to a scraper holding METRICS_TOKEN. One registry per
 * process (test files build several apps in one): requests and their latency per route, the database pool, the
 * dashboard cache, reminders delivered and rows imported, beside Node's own (heap, event loop lag, GC).
 */
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'khien_' });

const httpRequests = new Counter({
  name: 'khien_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
const httpDuration = new Histogram({
  name: 'khien_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by method and route pattern',
  labelNames: ['method', 'route'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const dashboardCacheLookups = new Counter({
  name: 'khien_dashboard_cache_lookups_total',
  help: 'Dashboard cache lookups: hit (served as built) or miss (built, or joined a build in progress)',
  labelNames: ['result'] as const,
  registers: [registry],
});
export const remindersDelivered = new Counter({
  name: 'khien_reminders_total',
  help: 'Reminders handled by the scheduler or a manual run, by outcome (delivered, emailed, failed …)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const rowsImported = new Counter({
  name: 'khien_import_rows_total',
  help: 'Rows taken in by the endpoint push and the inventory import, by kind (endpoints, inventory)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

const pools = new Set<NonNullable<Database['poolStats']>>();
for (const [name, help, pick] of [
  ['khien_db_pool_connections', 'Connections the pool holds', (s: PoolStats) => s.total],
  ['khien_db_pool_idle', 'Idle connections in the pool', (s: PoolStats) => s.idle],
  ['khien_db_pool_waiting', 'Queries waiting for a connection', (s: PoolStats) => s.waiting],
] as const) {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set([...pools].reduce((sum, stats) => sum + pick(stats()), 0));
    },
  });
}
type PoolStats = { total: number; idle: number; waiting: number };

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Counts every answer of the app, and serves `/metrics` when a token is configured (without one it answers 404). */
export function registerMetrics(app: FastifyInstance, database: Database, token: string | undefined) {
  if (database.poolStats) {
    const stats = database.poolStats;
    pools.add(stats);
    app.addHook('onClose', async () => void pools.delete(stats));
  }
  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern, never the raw path: ids in paths would make a series per record.
    const route = req.routeOptions.url ?? 'unmatched';
    httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    // Answered here even when off, so that a scraper pointed at a node without a token is told so, not sent the web app.
    if (!token) {
      return reply.code(404).send({
        error: {
          code: 'metrics_off',
          message: 'Metrics are not served: METRICS_TOKEN is not set',
          messageVi: 'Máy chủ không cung cấp số liệu giám sát (chưa đặt METRICS_TOKEN)',
        },
      });
    }
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({
          error: { code: 'unauthorized', message: 'A valid metrics token is required', messageVi: 'Cần mã truy cập số liệu giám sát hợp lệ' },
        });
    }
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
}
