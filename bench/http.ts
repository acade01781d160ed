/**
 * HTTP benchmark: Khiên (production mode, own process) against the floor (bare Fastify + pg running
 * the same SQL), alternating, for each endpoint as a province-scoped and as a national-scope user.
 * Prints p50/p95/p99 latency and requests/s, the ratios to the floor, and Khiên's peak RSS.
 *
 *   BENCH_SECONDS=30 npx tsx bench/http.ts      (after bench/generate.ts)
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { startKhien, signIn } from './lib/app.ts';
import { captureQueries } from './lib/capture.ts';
import { benchUrl, BENCH_PASSWORD } from './lib/db.ts';
import { fmt, load, table, type LoadResult } from './lib/load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const KHIEN_PORT = 3901;
const FLOOR_PORT = 3902;

const db = new pg.Client({ connectionString: benchUrl() });
await db.connect();
const {
  rows: [sample],
} = await db.query(`select s.id from systems s join agencies a on a.id = s.agency_id
  where a.path like (select path || '%' from agencies where id = (select agency_id from users where username = 'bench.p1')) order by s.id limit 1 offset 10`);
const hasIncidents = (await db.query(`select to_regclass('incidents') is not null as ok`)).rows[0].ok as boolean;
await db.end();

const khien = await startKhien(KHIEN_PORT);
const users = { province: 'bench.p1', national: 'bench.admin' } as const;
const cookies = { province: await signIn(khien.url, users.province, BENCH_PASSWORD), national: await signIn(khien.url, users.national, BENCH_PASSWORD) };
const endpoints: [string, string][] = [
  ['dashboard', '/api/dashboard'],
  ['system-list', '/api/systems?level=3&status=in_operation&limit=50&offset=50'],
  ...(hasIncidents ? [['incident-list', '/api/incidents?limit=50'] as [string, string]] : []),
  ['system-detail', `/api/systems/${sample.id}`],
  ['overdue-list', '/api/systems?overdue=true&limit=50'],
];
const requests = endpoints.flatMap(([name, url]) =>
  (['province', 'national'] as const).map((scope) => ({ name: `${name}.${scope}`, url, cookie: cookies[scope] })),
);

mkdirSync('bench/results', { recursive: true });
console.log('Capturing the SQL of each request…');
const captured = await captureQueries(requests, 'bench/results/captured.json');
for (const c of captured) console.log(`  ${c.name.padEnd(26)} ${c.queries.length} statements`);

const floor = spawn(process.execPath, ['--import', 'tsx', 'bench/floor-server.ts', 'bench/results/captured.json', String(FLOOR_PORT)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => floor.stdout!.on('data', (b: Buffer) => b.toString().includes('floor ready') && resolve()));

const results: { name: string; khien: LoadResult; floor: LoadResult }[] = [];
for (const r of requests) {
  console.log(`Load ${r.name} (${SECONDS}s each, 50 connections)…`);
  const k = await load(`${khien.url}${r.url}`, { cookie: r.cookie }, SECONDS);
  const f = await load(`http://127.0.0.1:${FLOOR_PORT}/floor/${r.name}`, {}, SECONDS);
  results.push({ name: r.name, khien: k, floor: f });
}
floor.kill('SIGTERM');
const rss = khien.peakRssMb();
await khien.stop();

console.log(`\nHTTP, ${SECONDS}s per run, 50 connections; latency in ms`);
table(
  ['endpoint.scope', 'p50', 'p95', 'p99', 'req/s', 'errors', 'floor p95', 'floor req/s', 'floor errors', 'p95 ratio', 'req/s ratio', 'targets'],
  results.map(({ name, khien: k, floor: f }) => {
    const p95Ratio = k.p95 / f.p95;
    const rpsRatio = k.rps / f.rps;
    const ok = (name.endsWith('.province') ? k.p95 <= 50 : true) && p95Ratio <= 1.5 && rpsRatio >= 0.66;
    return [
      name,
      fmt(k.p50),
      fmt(k.p95),
      fmt(k.p99),
      fmt(k.rps, 0),
      k.errors,
      fmt(f.p95),
      fmt(f.rps, 0),
      f.errors,
      fmt(p95Ratio, 2),
      fmt(rpsRatio, 2),
      ok ? 'met' : 'MISSED',
    ];
  }),
);
console.log(`\nKhiên peak RSS during the runs: ${fmt(rss, 0)} MB (target < 512 MB)`);
