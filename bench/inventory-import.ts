/**
 * Inventory import benchmark: 5,000 systems through `POST /api/systems/import` over HTTP, as an agency officer of the
 * demo province, on embedded PGlite (the default) and on the PostgreSQL server of the other benchmarks when one
 * answers (database `khien_bench_import`, dropped and re-created). Each file is laid out as agencies write them: title
 * rows, the header on row 4 in capitals, Vietnamese labels, software lists, and (XLSX) 6,000 bordered empty rows below.
 *
 *   npx tsx bench/inventory-import.ts      (BENCH_ROWS changes the 5,000; BENCH_PG=0 skips PostgreSQL)
 */
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { buildApp } from '../src/server/app.ts';
import { ensureReferenceData } from '../src/server/seed/reference.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { odsPackage, ODS_HEAD, ODS_TAIL, odsRow, windows1258 } from '../tests/support/inventory.ts';
import { signIn } from './lib/app.ts';
import { admin } from './lib/db.ts';
import { fmt, table } from './lib/load.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const TARGET_MS = 5000;
const DB_NAME = 'khien_bench_import';
const TITLE = [['ỦY BAN NHÂN DÂN TỈNH DEMO'], ['DANH MỤC HỆ THỐNG THÔNG TIN CỦA SỞ Y TẾ'], ['(Cập nhật đến ngày 30/11/2026)']];
const HEADER = [
  'STT',
  'MÃ HỆ THỐNG',
  'TÊN HỆ THỐNG',
  'CƠ QUAN CHỦ QUẢN',
  'ĐƠN VỊ VẬN HÀNH',
  'MỤC ĐÍCH',
  'TRẠNG THÁI',
  'NGÀY ĐƯA VÀO VẬN HÀNH',
  'VỊ TRÍ ĐẶT HỆ THỐNG',
  'PHỤC VỤ NỘI BỘ',
  'PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP',
  'SỐ NGƯỜI DÙNG NỘI BỘ',
  'LOẠI DỮ LIỆU',
  'DỊCH VỤ CÔNG TRỰC TUYẾN',
  'PHẦN MỀM',
];
const STATUSES = ['Đang vận hành', 'Đang xây dựng', 'Đang lập kế hoạch'];
const HOSTINGS = ['Trung tâm dữ liệu tỉnh', 'Tại cơ quan', 'Điện toán đám mây'];

function systemRow(prefix: string, i: number, edition = 1): string[] {
  return [
    String(i),
    `${prefix}-${i}`,
    `Hệ thống quản lý hồ sơ số ${i}${edition > 1 ? ` (phiên bản ${edition})` : ''}`,
    'Sở Y tế',
    '',
    `Phục vụ người dân, doanh nghiệp tra cứu hồ sơ ${i}`,
    STATUSES[i % 3]!,
    `${(i % 28) + 1}/${(i % 12) + 1}/20${10 + (i % 15)}`,
    HOSTINGS[i % 3]!,
    'Có',
    i % 2 ? 'Có' : 'Không',
    String(10 + (i % 900)),
    i % 2 ? 'Dữ liệu cá nhân, Thông tin nội bộ' : 'Thông tin công cộng',
    i % 4 ? 'Một phần' : 'Toàn trình',
    `Apache|HTTP Server|2.4.${50 + edition}; Oracle|MySQL|8.0.${i % 40}`,
  ];
}

async function xlsx(prefix: string, edition = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  const rows = [...TITLE, HEADER, ...Array.from({ length: ROWS }, (_, i) => systemRow(prefix, i + 1, edition))];
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = r;
  });
  // Bordered empty rows below the table: what a sheet formatted ahead of time carries.
  const border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;
  for (let r = rows.length + 1; r <= rows.length + 6000; r++) for (let c = 1; c <= HEADER.length; c++) ws.getCell(r, c).border = border;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What Excel on Vietnamese-locale Windows writes as "CSV (Comma delimited)": `;` and code page 1258. */
function csv1258(prefix: string): Buffer {
  const quote = (c: string) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [
    ...TITLE.map((t) => [t[0]!, ...Array(HEADER.length - 1).fill('')]),
    HEADER,
    ...Array.from({ length: ROWS }, (_, i) => systemRow(prefix, i + 1)),
  ];
  return windows1258(`${lines.map((l) => l.map(quote).join(';')).join('\r\n')}\r\n`);
}

const ods = (prefix: string) =>
  odsPackage(
    ODS_HEAD +
      [...TITLE, HEADER, ...Array.from({ length: ROWS }, (_, i) => systemRow(prefix, i + 1))].map(odsRow).join('') +
      '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      ODS_TAIL,
  );

async function run(label: string, database: Database) {
  await ensureReferenceData(database.db);
  await seedDemo(database.db);
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'warn', LOGIN_MAX_PER_IP: '1000', SESSION_SECRET: 'bench-secret-bench-secret' }), database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const cookie = await signIn(url, 'syt.canbo', DEMO_PASSWORD);
  const { token } = (await (await fetch(`${url}/api/auth/csrf`, { headers: { cookie } })).json()) as { token: string };
  const results: (string | number)[][] = [];
  const step = async (name: string, file: Buffer, filename: string, expected: Record<string, number>) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), filename);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/systems/import`, { method: 'POST', headers: { cookie, 'x-csrf-token': token }, body: form });
    const ms = performance.now() - t0;
    const body = (await res.json()) as Record<string, number>;
    for (const [k, v] of Object.entries(expected)) if (body[k] !== v) throw new Error(`${name}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    results.push([label, name, fmt(file.length / 1024, 0), fmt(ms, 0), `< ${TARGET_MS}`, ms < TARGET_MS ? 'met' : 'MISSED']);
    console.log(`  ${label} ${name}: ${fmt(ms, 0)} ms`);
  };
  await step(`XLSX, ${ROWS} new`, await xlsx('BEN'), 'danh-muc.xlsx', { created: ROWS });
  await step(`XLSX again, ${ROWS} unchanged`, await xlsx('BEN'), 'danh-muc.xlsx', { unchanged: ROWS });
  await step(`XLSX, ${ROWS} updated`, await xlsx('BEN', 2), 'danh-muc.xlsx', { updated: ROWS });
  await step(`CSV ; Windows-1258, ${ROWS} new`, csv1258('CSV'), 'danh-muc.csv', { created: ROWS });
  await step(`ODS, ${ROWS} new`, ods('ODS'), 'danh-muc.ods', { created: ROWS });
  await app.close();
  return results;
}

const results: (string | number)[][] = [];
const pglite = await openDatabase({});
results.push(...(await run('PGlite', pglite)));
await pglite.close();

const pgAnswers =
  process.env.BENCH_PG !== '0' &&
  (await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
    return true;
  }).catch(() => false));
if (pgAnswers) {
  const url = new URL(process.env.BENCH_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ url: url.toString() });
  results.push(...(await run('PostgreSQL', database)));
  await database.close();
  await admin((c: pg.Client) => c.query(`drop database if exists ${DB_NAME} with (force)`));
} else console.log('PostgreSQL does not answer: PGlite only');

console.log(`\nInventory import over HTTP, ${ROWS} rows a file (ms)`);
table(['database', 'file', 'KB', 'ms', 'target', 'result'], results);
