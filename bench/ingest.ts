/**
 * Ingest benchmark: 1,000,000 endpoint rows pushed through POST /api/ingest/endpoints (JSON batches, one API
 * token per agency, two consoles pushing at once) against COPY of the same rows into a bare table with the same
 * columns and primary key (no foreign keys, triggers or audit). Prints rows/s and the ratio.
 *
 *   npx tsx bench/ingest.ts      (after bench/generate.ts)
 */
import pg from 'pg';
import { startKhien, signIn } from './lib/app.ts';
import { benchUrl, BENCH_PASSWORD } from './lib/db.ts';
import { copyRows, type Cell } from './lib/copy.ts';
import { fmt, table } from './lib/load.ts';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const AGENCIES = 100;
const BATCH = 5_000;
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 2);

const db = new pg.Client({ connectionString: benchUrl() });
await db.connect();
const agencyIds = (await db.query<{ id: number }>(`select id from agencies where kind = 'commune_committee' order by id limit ${AGENCIES}`)).rows.map(
  (r) => r.id,
);
await db.query(`delete from endpoints where hostname like 'ingest-%'`);

const khien = await startKhien(3903);
const cookie = await signIn(khien.url, 'bench.admin', BENCH_PASSWORD);
const csrf = (await (await fetch(`${khien.url}/api/auth/csrf`, { headers: { cookie } })).json()) as { token: string };
const tokens: string[] = [];
for (const id of agencyIds) {
  const res = await fetch(`${khien.url}/api/agencies/${id}/api-tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf.token },
    body: JSON.stringify({ name: 'bench console' }),
  });
  tokens.push(((await res.json()) as { token: string }).token);
}

const perAgency = Math.ceil(ROWS / AGENCIES);
const now = new Date().toISOString();
const row = (agency: number, i: number) => ({ hostname: `ingest-${agency}-${i}`, os: 'Windows 11', agentVersion: '12.3.0', lastSeen: now });
const jobs: { token: string; body: string }[] = [];
agencyIds.forEach((id, a) => {
  for (let start = 0; start < perAgency; start += BATCH) {
    const endpoints = Array.from({ length: Math.min(BATCH, perAgency - start) }, (_, k) => row(id, start + k));
    jobs.push({ token: tokens[a]!, body: JSON.stringify({ endpoints }) });
  }
});

console.log(`Pushing ${ROWS} rows in ${jobs.length} batches of ${BATCH} through the API (${CONSOLES} consoles at once)…`);
const t0 = performance.now();
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: CONSOLES }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const res = await fetch(`${khien.url}/api/ingest/endpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
        body: job.body,
      });
      if (!res.ok) failed++;
      await res.arrayBuffer();
    }
  }),
);
const apiSeconds = (performance.now() - t0) / 1000;
const rss = khien.peakRssMb();
await khien.stop();
const stored = Number((await db.query(`select count(*) from endpoints where hostname like 'ingest-%'`)).rows[0].count);

// The same rows by COPY into bare tables: with the same primary key, and without any index.
const copyInto = async (ddl: string) => {
  await db.query('drop table if exists bare_endpoints');
  await db.query(ddl);
  const pool = new pg.Pool({ connectionString: benchUrl(), max: 1 });
  const client = await pool.connect();
  const rows = function* () {
    for (const id of agencyIds) for (let i = 0; i < perAgency; i++) yield [id, `ingest-${id}-${i}`, 'Windows 11', '12.3.0', now] as Cell[];
  };
  const t = performance.now();
  await copyRows(client, 'bare_endpoints', ['agency_id', 'hostname', 'os', 'agent_version', 'last_seen_at'], rows());
  const seconds = (performance.now() - t) / 1000;
  client.release();
  await pool.end();
  return seconds;
};
const columns = 'agency_id integer not null, hostname text not null, os text, agent_version text, last_seen_at timestamptz not null';
const copyPk = await copyInto(`create table bare_endpoints (${columns}, primary key (agency_id, hostname))`);
const copyPlain = await copyInto(`create table bare_endpoints (${columns})`);
await db.query('drop table if exists bare_endpoints');
await db.end();

console.log(`\nIngest of ${ROWS} endpoint rows (stored: ${stored}, failed batches: ${failed})`);
table(
  ['path', 'seconds', 'rows/s', 'API ÷ this'],
  [
    ['Khiên ingest API (JSON, upsert, audit)', fmt(apiSeconds), fmt(ROWS / apiSeconds, 0), '1.00'],
    ['COPY, same primary key', fmt(copyPk), fmt(ROWS / copyPk, 0), fmt(copyPk / apiSeconds, 2)],
    ['COPY, no index', fmt(copyPlain), fmt(ROWS / copyPlain, 0), fmt(copyPlain / apiSeconds, 2)],
  ],
);
console.log(`\nTarget: API ≥ 0.5 × COPY rows/s (against the same-key table): ${copyPk / apiSeconds >= 0.5 ? 'met' : 'MISSED'}`);
console.log(`Khiên peak RSS during the ingest: ${fmt(rss, 0)} MB`);
