/**
 * Builds a reproducible national-scale dataset in PostgreSQL (database BENCH_DB, default khien_bench):
 * 63 provinces, ~12,000 agencies, 100,000 systems with levels, dossiers and requirement statuses,
 * 2,000,000 endpoints, indicators and budgets, and — through the modules' own generators — incidents,
 * warning items, findings and directive tasks. Uses COPY; prints its timings.
 *
 *   npx tsx bench/generate.ts
 */
import pg from 'pg';
import { hashPassword } from '../src/server/auth/password.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { ensureReferenceData } from '../src/server/seed/reference.ts';
import { classifySystem, EMPTY_ANSWERS, type SystemAnswers } from '../src/shared/systems/levels.ts';
import { seededRandom, vietnameseName } from '../src/server/seed/random.ts';
import { copyRows, type Cell } from './lib/copy.ts';
import { admin, benchUrl, BENCH_DB, BENCH_PASSWORD, step, withExplicitIds } from './lib/db.ts';
import { extraGenerators, type National } from './lib/national-extras.ts';
import './lib/national-modules.ts';

const PROVINCES = 63;
/** Agencies of one province by kind, and the systems each has: ~190 agencies and ~1,590 systems per province. */
const SHAPE = {
  department: [20, 20],
  police: [1, 10],
  military: [1, 5],
  public_unit: [8, 6],
  commune_committee: [100, 8],
  school: [40, 4],
  hospital: [19, 8],
} as const;
const ROOT_SYSTEMS = 20;
const ENDPOINTS = 2_000_000;
const PERIODS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];

const r = seededRandom(85_2016);
const timings: [string, number, number][] = [];

export type AgencyRow = { id: number; parentId: number | null; path: string; kind: string; province: number };

async function main() {
  const started = performance.now();
  console.log(`Generating the national dataset in database "${BENCH_DB}"`);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DB}`);
  });
  const database = await step(timings, 'migrate + reference data', async () => {
    const d = await openDatabase({ url: benchUrl(), poolSize: 2 });
    await ensureReferenceData(d.db);
    return d;
  });
  await database.close();

  const pool = new pg.Pool({ connectionString: benchUrl(), max: 2 });
  const client = await pool.connect();
  await client.query('SET synchronous_commit = off');
  try {
    const agencies = await step(timings, 'agencies', () => generateAgencies(client));
    await step(timings, 'users', () => generateUsers(client, agencies));
    const catalog = (await client.query<{ id: string; levels: number[] }>('SELECT id, levels FROM requirements ORDER BY sort')).rows;
    const systems = await step(timings, 'systems + software', () => generateSystems(client, agencies));
    await step(timings, 'dossiers', () => generateDossiers(client, systems));
    await step(timings, 'requirement statuses', () => generateRequirementStatuses(client, systems, catalog));
    await step(timings, 'indicators + budgets', () => generateIndicators(client, agencies));
    await step(timings, 'endpoints', () => generateEndpoints(client, agencies));
    const national: National = { client, r, agencies: agencies.list, systems: systems.list, step: (name, fn) => step(timings, name, fn) };
    for (const extra of extraGenerators) await extra(national);
    await step(timings, 'vacuum analyze', async () => {
      await client.query('VACUUM ANALYZE');
      return 0;
    });
  } finally {
    client.release();
    await pool.end();
  }
  const total = (performance.now() - started) / 1000;
  console.log(`\n${'step'.padEnd(34)} ${'rows'.padStart(10)}  ${'seconds'.padStart(8)}`);
  for (const [name, rows, ms] of timings) console.log(`${name.padEnd(34)} ${String(rows).padStart(10)}  ${(ms / 1000).toFixed(1).padStart(8)}`);
  console.log(`${'total'.padEnd(34)} ${''.padStart(10)}  ${total.toFixed(1).padStart(8)}`);
  console.log(`\nUsers (password "${BENCH_PASSWORD}"): bench.admin (platform_admin), bench.p1 (viewer of province 1), bench.p1.attt (dept_security)`);
}

async function generateAgencies(client: pg.PoolClient) {
  const list: AgencyRow[] = [];
  const rows: Cell[][] = [];
  let id = 0;
  const add = (parent: AgencyRow | null, kind: string, name: string, province: number) => {
    id++;
    const path = `${parent?.path ?? '/'}${id}/`;
    const a = { id, parentId: parent?.id ?? null, path, kind, province };
    list.push(a);
    const contact = r.chance(0.85);
    rows.push([id, a.parentId, path, name, null, kind, contact ? vietnameseName(r) : null, contact && r.chance(0.7)]);
    return a;
  };
  for (let p = 1; p <= PROVINCES; p++) {
    const root = add(null, 'province_committee', `Ủy ban nhân dân tỉnh ${p}`, p);
    const departments: AgencyRow[] = [];
    for (const [kind, [count]] of Object.entries(SHAPE)) {
      for (let i = 1; i <= count; i++) {
        // Schools under the education department, hospitals under the health department.
        const parent = kind === 'school' ? departments[0]! : kind === 'hospital' ? departments[1]! : root;
        const a = add(parent, kind, `${kindName(kind)} ${i} tỉnh ${p}`, p);
        if (kind === 'department') departments.push(a);
      }
    }
  }
  for (const [i, kind] of ['telecom', 'telecom', 'security_firm', 'security_firm', 'assessor', 'assessor'].entries())
    add(null, kind, `Tổ chức ${kind} ${i + 1}`, 0);
  await withExplicitIds(client, 'agencies', () =>
    copyRows(client, 'agencies', ['id', 'parent_id', 'path', 'name', 'short_name', 'kind', 'contact_name', 'contact_published'], rows),
  );
  const byProvince = new Map<number, AgencyRow[]>();
  for (const a of list) byProvince.set(a.province, [...(byProvince.get(a.province) ?? []), a]);
  return Object.assign(rows.length, { list, byProvince });
}

const kindName = (kind: string) =>
  ({
    department: 'Sở',
    police: 'Công an',
    military: 'Bộ Chỉ huy quân sự',
    public_unit: 'Trung tâm',
    commune_committee: 'UBND xã',
    school: 'Trường THPT',
    hospital: 'Bệnh viện',
  })[kind] ?? kind;

async function generateUsers(client: pg.PoolClient, agencies: Awaited<ReturnType<typeof generateAgencies>>) {
  const hash = await hashPassword(BENCH_PASSWORD);
  const rows: Cell[][] = [['bench.admin', 'Quản trị quốc gia', 1, ['platform_admin']]];
  for (const [p, list] of agencies.byProvince) {
    if (!p) continue;
    rows.push([`bench.p${p}`, `Lãnh đạo tỉnh ${p}`, list[0]!.id, ['viewer']]);
    rows.push([`bench.p${p}.attt`, `Cán bộ ATTT tỉnh ${p}`, list[1]!.id, ['dept_security']]);
    for (const a of list.filter((x) => x.kind === 'department')) rows.push([`bench.a${a.id}`, `Quản trị cơ quan ${a.id}`, a.id, ['agency_admin']]);
  }
  return copyRows(
    client,
    'users',
    ['username', 'full_name', 'agency_id', 'roles', 'password_hash'],
    rows.map((u) => [...u, hash]),
  );
}

const SOFTWARE: [string, string, string[]][] = [
  ['Apache', 'HTTP Server', ['2.4.54', '2.4.57', '2.4.58']],
  ['nginx', 'nginx', ['1.22.1', '1.24.0', '1.25.3']],
  ['Microsoft', 'Windows Server', ['2012 R2', '2016', '2019']],
  ['Oracle', 'MySQL', ['5.7.44', '8.0.35']],
  ['PostgreSQL', 'PostgreSQL', ['12.17', '13.12', '14.9']],
  ['Apache', 'Tomcat', ['8.5.93', '9.0.80']],
  ['WordPress', 'WordPress', ['6.2.2', '6.4.3']],
  ['Microsoft', 'SQL Server', ['2017', '2019']],
  ['VMware', 'ESXi', ['7.0.3', '8.0.1']],
  ['Fortinet', 'FortiOS', ['7.0.12', '7.2.5']],
];

async function generateSystems(client: pg.PoolClient, agencies: Awaited<ReturnType<typeof generateAgencies>>) {
  const list: { id: number; agencyId: number; level: number | null; approved: boolean; answers: SystemAnswers }[] = [];
  const rows: Cell[][] = [];
  const software: Cell[][] = [];
  let id = 0;
  for (const a of agencies.list) {
    if (!a.province) continue;
    const count = a.kind === 'province_committee' ? ROOT_SYSTEMS : SHAPE[a.kind as keyof typeof SHAPE][1];
    for (let i = 0; i < count; i++) {
      id++;
      const online = r.pick(['none', 'none', 'up_to_2', '3_or_above'] as const);
      const infrastructure = r.chance(0.05);
      const answers: SystemAnswers = {
        ...EMPTY_ANSWERS,
        information: [r.pick(['public', 'private', 'personal'] as const)],
        functions: [online === 'none' ? 'internal' : 'citizens_businesses', ...(infrastructure ? ['infrastructure' as const] : [])],
        onlinePublicServiceLevel: online,
        infrastructureScope: infrastructure ? 'sector_or_provinces' : 'none',
      };
      const dataKinds = answers.information.map((i) => (i === 'private' ? 'internal' : i));
      const classified = r.chance(0.92);
      const level = classified ? classifySystem(answers).level : null;
      const approved = classified && r.chance(0.65);
      const status = r.chance(0.9) ? 'in_operation' : r.pick(['planned', 'in_development', 'retired']);
      list.push({ id, agencyId: a.id, level, approved, answers });
      rows.push([
        id,
        a.id,
        `HT-${id}`,
        `Hệ thống ${id}`,
        status,
        `20${r.int(15, 25)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
        dataKinds,
        classified ? JSON.stringify(answers) : null,
        level,
        level,
        approved ? level : null,
        approved ? '2025-06-30' : null,
        approved ? `${id}/QĐ` : null,
      ]);
      for (let k = r.int(1, 4); k > 0; k--) {
        const [vendor, product, versions] = r.pick(SOFTWARE);
        software.push([id, vendor, product, r.pick(versions)]);
      }
    }
  }
  await withExplicitIds(client, 'systems', () =>
    copyRows(
      client,
      'systems',
      [
        'id',
        'agency_id',
        'code',
        'name',
        'status',
        'go_live_on',
        'data_kinds',
        'classification',
        'computed_level',
        'proposed_level',
        'approved_level',
        'approved_on',
        'approval_decision',
      ],
      rows,
    ),
  );
  await copyRows(client, 'system_software', ['system_id', 'vendor', 'product', 'version'], software);
  return Object.assign(rows.length, { list });
}

async function generateDossiers(client: pg.PoolClient, systems: Awaited<ReturnType<typeof generateSystems>>) {
  const rows: Cell[][] = [];
  for (const s of systems.list) {
    if (!s.level) continue;
    const state = s.approved ? 'approved' : r.pick(['draft', 'submitted', 'under_appraisal', 'appraised', 'returned']);
    rows.push([
      s.id,
      s.agencyId,
      state,
      s.level,
      s.level,
      JSON.stringify(s.answers),
      s.approved ? `${s.id}/QĐ` : null,
      s.approved ? '2025-06-30' : null,
      state === 'draft' ? 0 : 1,
    ]);
  }
  return copyRows(
    client,
    'dossiers',
    ['system_id', 'agency_id', 'state', 'computed_level', 'proposed_level', 'classification', 'decision_number', 'decision_date', 'submissions'],
    rows,
  );
}

async function generateRequirementStatuses(
  client: pg.PoolClient,
  systems: Awaited<ReturnType<typeof generateSystems>>,
  catalog: { id: string; levels: number[] }[],
) {
  const rows = function* () {
    for (const s of systems.list) {
      if (!s.level) continue;
      const progress = s.approved ? 0.5 + r.next() * 0.5 : r.next() * 0.5;
      const all = s.approved && r.chance(0.3);
      for (const c of catalog) {
        if (!c.levels.includes(s.level)) continue;
        const x = r.next();
        yield [s.id, c.id, all || x < progress ? 'met' : x < progress + 0.15 ? 'in_progress' : 'not_started'] as Cell[];
      }
    }
  };
  // Row-by-row tally triggers would dominate a bulk load: load, then tally every system in one statement.
  await client.query('ALTER TABLE system_requirements DISABLE TRIGGER USER');
  const n = await copyRows(client, 'system_requirements', ['system_id', 'requirement_id', 'status'], rows());
  await client.query('SELECT refresh_system_tally(ARRAY(SELECT id FROM systems))');
  await client.query('ALTER TABLE system_requirements ENABLE TRIGGER USER');
  return n;
}

async function generateIndicators(client: pg.PoolClient, agencies: Awaited<ReturnType<typeof generateAgencies>>) {
  const state = agencies.list.filter((a) => a.province);
  const reports: Cell[][] = [];
  for (const a of state) {
    const total = r.int(10, 400);
    let coverage = 0.5 + r.next() * 0.3;
    for (const period of PERIODS) {
      coverage = Math.min(1, coverage + r.next() * 0.1);
      reports.push([
        a.id,
        period,
        Math.round(total * 0.05),
        total - Math.round(total * 0.05),
        Math.round(total * coverage),
        total,
        Math.round(total * coverage * 0.9),
        r.chance(0.9),
        r.chance(0.6),
        r.chance(0.5),
        r.chance(0.4),
        r.chance(0.7),
        r.chance(0.6),
      ]);
    }
  }
  const n = await copyRows(
    client,
    'agency_indicators',
    [
      'agency_id',
      'period',
      'servers',
      'workstations',
      'protected_endpoints',
      'staff_total',
      'staff_trained',
      'layer_onsite',
      'layer_monitoring',
      'layer_assessor',
      'layer_national',
      'clean_cyberspace',
      'pdp_self_assessment',
    ],
    reports,
  );
  const budgets = state.map((a) => {
    const total = r.int(5, 500) * 10_000_000;
    return [a.id, 2026, 'Kế hoạch ứng dụng CNTT năm 2026', 'plan', total, Math.round(total * (0.04 + r.next() * 0.12))] as Cell[];
  });
  await copyRows(client, 'it_budgets', ['agency_id', 'year', 'name', 'kind', 'total_amount', 'security_amount'], budgets);
  return n + budgets.length;
}

async function generateEndpoints(client: pg.PoolClient, agencies: Awaited<ReturnType<typeof generateAgencies>>) {
  const state = agencies.list.filter((a) => a.province);
  const per = Math.ceil(ENDPOINTS / state.length);
  const now = Date.now();
  const rows = function* () {
    let n = 0;
    for (const a of state) {
      for (let i = 0; i < per && n < ENDPOINTS; i++, n++) {
        yield [
          a.id,
          `pc-${a.id}-${i}`,
          r.pick(['Windows 10', 'Windows 11', 'Ubuntu 22.04', 'Windows Server 2019']),
          '12.3.0',
          new Date(now - r.int(0, 60) * 86_400_000),
        ] as Cell[];
      }
    }
  };
  return copyRows(client, 'endpoints', ['agency_id', 'hostname', 'os', 'agent_version', 'last_seen_at'], rows());
}

await main();
