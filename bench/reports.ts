/**
 * Document benchmark: the quarterly security report of one province (generate + DOCX), the national admin's
 * dashboard XLSX (the whole country) and the cost of building a province dashboard without the cache, each timed over several runs through the HTTP API of Khiên in production mode.
 *
 *   npx tsx bench/reports.ts      (after bench/generate.ts)
 */
import pg from 'pg';
import { startKhien, signIn } from './lib/app.ts';
import { benchUrl, BENCH_PASSWORD } from './lib/db.ts';
import { fmt, table } from './lib/load.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const db = new pg.Client({ connectionString: benchUrl() });
await db.connect();
const province = (await db.query(`select id from agencies where parent_id is null and kind = 'province_committee' order by id limit 1`)).rows[0].id as number;
await db.end();

const khien = await startKhien(3904);
const cookie = await signIn(khien.url, 'bench.admin', BENCH_PASSWORD);
const { token } = (await (await fetch(`${khien.url}/api/auth/csrf`, { headers: { cookie } })).json()) as { token: string };

async function timed(fn: () => Promise<number>) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, bytes };
}

async function ok(res: Response) {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

const quarterly = await timed(async () => {
  const created = await ok(
    await fetch(`${khien.url}/api/reports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ kind: 'quarterly_security', agencyId: province, year: 2026, quarter: 4 }),
    }),
  );
  const { id } = (await created.json()) as { id: number };
  const docx = await ok(await fetch(`${khien.url}/api/reports/${id}/docx`, { headers: { cookie } }));
  return (await docx.arrayBuffer()).byteLength;
});
const xlsx = await timed(async () => (await (await ok(await fetch(`${khien.url}/api/dashboard/export`, { headers: { cookie } }))).arrayBuffer()).byteLength);
const rss = khien.peakRssMb();
await khien.stop();
// What a dashboard costs to build, as after any change (the HTTP benchmark serves it from the cache).
const uncached = await startKhien(3905, { DASHBOARD_CACHE_MB: '0' });
const uncachedCookie = await signIn(uncached.url, 'bench.p1', BENCH_PASSWORD);
const built = await timed(
  async () => (await (await ok(await fetch(`${uncached.url}/api/dashboard`, { headers: { cookie: uncachedCookie } }))).arrayBuffer()).byteLength,
);
await uncached.stop();

console.log(`\nDocuments, ${RUNS} runs each (ms)`);
table(
  ['document', 'median', 'max', 'KB', 'target', 'result'],
  [
    [
      'quarterly report of a province (generate + DOCX)',
      fmt(quarterly.median, 0),
      fmt(quarterly.max, 0),
      fmt(quarterly.bytes / 1024, 0),
      '< 2000',
      quarterly.max < 2000 ? 'met' : 'MISSED',
    ],
    [
      'national dashboard XLSX (whole country)',
      fmt(xlsx.median, 0),
      fmt(xlsx.max, 0),
      fmt(xlsx.bytes / 1024, 0),
      '< 10000',
      xlsx.max < 10_000 ? 'met' : 'MISSED',
    ],
    ['province dashboard JSON, built (cache off)', fmt(built.median, 0), fmt(built.max, 0), fmt(built.bytes / 1024, 0), '—', ''],
  ],
);
console.log(`\nKhiên peak RSS: ${fmt(rss, 0)} MB`);
