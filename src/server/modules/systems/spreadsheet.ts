import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { inArray } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, invalid } from '../../http/errors.ts';
import type { Upload } from '../../http/upload.ts';
import { xlsxRows } from '../../http/xlsx-rows.ts';
import { agencies, listAgencies } from '../agencies/index.ts';
import { systems, systemSoftware } from './schema.ts';
import { insertSystem, listSystems, updateSystem, writeSoftware } from './service.ts';
import { mayImport } from './access.ts';
import { SystemInput, SystemPatch } from '../../../shared/systems/schemas.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { safeCsvRow } from '../../documents/csv.ts';

/** The inventory columns, in file order. Headers read "Vietnamese (key)" so a file round-trips. */
const COLUMNS = [
  ['code', 'Mã hệ thống'], ['name', 'Tên hệ thống'], ['agency', 'Cơ quan chủ quản'], ['operator', 'Đơn vị vận hành'],
  ['purpose', 'Mục đích'], ['status', 'Trạng thái'], ['goLiveOn', 'Ngày vận hành'], ['hosting', 'Nơi đặt'],
  ['cloudProvider', 'Nhà cung cấp điện toán đám mây'], ['servesInternal', 'Phục vụ nội bộ'], ['servesOtherAgencies', 'Phục vụ cơ quan khác'],
  ['servesPublic', 'Phục vụ người dân, doanh nghiệp'], ['internalUsers', 'Số người dùng nội bộ'], ['publicUsers', 'Số người dùng bên ngoài'],
  ['dataKinds', 'Loại dữ liệu'], ['onlinePublicService', 'Dịch vụ công trực tuyến'], ['software', 'Phần mềm (hãng|sản phẩm|phiên bản; ...)'],
] as const;
type Key = (typeof COLUMNS)[number][0];

const MAX_ROWS = 5000;

const yes = (v: string) => ['x', 'có', 'co', 'yes', 'true', '1'].includes(v.trim().toLowerCase());

/** dd/MM/yyyy (as Vietnamese users write it) or ISO. */
function isoDate(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : t.slice(0, 10);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((p) => p.text).join('');
  return String(v);
}

export async function exportInventory(db: Queryable, actor: Actor, format: 'xlsx' | 'csv', agencyId?: number): Promise<Buffer> {
  const { items } = await listSystems(db, actor, { agencyId, limit: 100_000, offset: 0 } as never);
  const ids = items.map((s) => s.id);
  const full = ids.length ? await db.select().from(systems).where(inArray(systems.id, ids)) : [];
  const software = ids.length ? await db.select().from(systemSoftware).where(inArray(systemSoftware.systemId, ids)) : [];
  const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('HTTT');
  ws.addRow(COLUMNS.map(([key, label]) => `${label} (${key})`)).font = { bold: true };
  for (const s of full.sort((a, b) => a.code.localeCompare(b.code))) {
    const sw = software.filter((x) => x.systemId === s.id).map((x) => [x.vendor ?? '', x.product, x.version ?? ''].join('|')).join('; ');
    const row: Record<Key, string | number> = {
      code: s.code, name: s.name, agency: names.get(s.agencyId) ?? '', operator: s.operatorAgencyId ? names.get(s.operatorAgencyId) ?? '' : '',
      purpose: s.purpose ?? '', status: s.status, goLiveOn: s.goLiveOn ? s.goLiveOn.split('-').reverse().join('/') : '', hosting: s.hosting,
      cloudProvider: s.cloudProvider ?? '', servesInternal: s.servesInternal ? 'x' : '', servesOtherAgencies: s.servesOtherAgencies ? 'x' : '',
      servesPublic: s.servesPublic ? 'x' : '', internalUsers: s.internalUsers ?? '', publicUsers: s.publicUsers ?? '',
      dataKinds: s.dataKinds.join(', '), onlinePublicService: s.onlinePublicService, software: sw,
    };
    const cells = COLUMNS.map(([key]) => row[key]);
    ws.addRow(format === 'csv' ? safeCsvRow(cells) : cells);
  }
  ws.columns.forEach((c) => { c.width = 22; });
  if (format === 'csv') return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer())]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const unreadable = () => new AppError(400, 'bad_file', 'The file cannot be read as a spreadsheet', 'Không đọc được tệp bảng tính', 'file');

/**
 * The file's rows as cell text, header first, read as they are needed: the caller stops at its row cap before the rest
 * of the file is parsed.
 */
async function* inventoryRows(upload: Upload, format: 'xlsx' | 'csv'): AsyncGenerator<{ number: number; cells: string[] }> {
  if (format === 'csv') {
    const text = upload.data.toString('utf8');
    if (text.includes('\uFFFD')) throw new AppError(400, 'bad_file', 'The CSV file must be UTF-8 encoded', 'Tệp CSV phải dùng bảng mã UTF-8', 'file');
    let records: string[][];
    try {
      // `to` makes the parser stop one row past the cap, whatever the file's length.
      records = parse(text, { bom: true, relax_column_count: true, to: MAX_ROWS + 2 });
    } catch {
      throw unreadable();
    }
    for (const [i, cells] of records.entries()) yield { number: i + 1, cells };
    return;
  }
  if (!upload.parts) throw unreadable();
  try {
    for await (const row of xlsxRows(upload.data, upload.parts)) {
      yield { number: row.number, cells: Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText) };
    }
  } catch (err) {
    throw err instanceof AppError ? err : unreadable();
  }
}

/** Header cell → column: "Vietnamese (key)" or the Vietnamese label alone; the key columns must be there. */
function columnsOf(header: string[]) {
  const col = new Map<Key, number>();
  header.forEach((h, i) => {
    const key = /\(([A-Za-z]+)\)\s*$/.exec(h)?.[1] ?? COLUMNS.find(([, label]) => label === h.trim())?.[0];
    if (key && COLUMNS.some(([k]) => k === key)) col.set(key as Key, i);
  });
  for (const required of ['code', 'name', 'agency'] as const) {
    if (!col.has(required)) throw invalid('file', `Missing column "${required}"`, `Thiếu cột "${COLUMNS.find(([k]) => k === required)![1]}"`);
  }
  return col;
}

/** Who may import at all (systems/access.ts `mayImport`): checked before the upload is read. */
export function assertMayImport(actor: Actor) {
  assert(mayImport(actor));
}

type RowError = { row: number; field: string; message: string; messageVi: string };

/**
 * Imports an inventory file: a code already registered updates that system, a new code creates one.
 * Every row is checked first; with any bad row nothing is written, and all bad rows are reported.
 */
export async function importInventory(db: Db, actor: Actor, upload: Upload, format: 'xlsx' | 'csv') {
  assertMayImport(actor);
  const visible = await listAgencies(db, actor, {});
  const byName = new Map(visible.map((a) => [a.name.toLowerCase(), a]));
  const existing = new Map((await db.select({ id: systems.id, code: systems.code }).from(systems)
    .where(readableAgency(actor, systems.agencyId))).map((s) => [s.code, s.id]));

  const taken = new Set((await db.select({ code: systems.code }).from(systems)).map((s) => s.code));
  const errors: RowError[] = [];
  type Sw = { vendor: string | null; product: string; version: string | null };
  const good: { rowNumber: number; id?: number; input: Partial<SystemInput> & { agencyId: number; code: string; name: string }; software?: Sw[] }[] = [];
  const seen = new Set<string>();
  const checkRow = (rowNumber: number, col: Map<Key, number>, cells: string[]) => {
    const get = (k: Key) => (col.has(k) ? (cells[col.get(k)!] ?? '').trim() : '');
    if (COLUMNS.every(([k]) => !get(k))) return;
    const fail = (field: string, message: string, messageVi: string) => errors.push({ row: rowNumber, field, message, messageVi });
    const owner = byName.get(get('agency').toLowerCase());
    if (!owner || owner.external) return void fail('agency', `Unknown owner agency "${get('agency')}"`, `Không tìm thấy cơ quan chủ quản "${get('agency')}"`);
    if (!owner.can.registerSystems) return void fail('agency', 'You cannot register systems for this agency', 'Bạn không được khai báo hệ thống cho cơ quan này');
    const operator = get('operator') ? byName.get(get('operator').toLowerCase()) : undefined;
    if (get('operator') && !operator) return void fail('operator', `Unknown operating unit "${get('operator')}"`, `Không tìm thấy đơn vị vận hành "${get('operator')}"`);
    // Only the columns the file has: updating a system must not reset what the file does not carry.
    const has = (k: Key) => col.has(k);
    const raw = {
      agencyId: owner.id, code: get('code'), name: get('name'),
      operatorAgencyId: has('operator') ? operator?.id ?? null : undefined,
      purpose: has('purpose') ? get('purpose') : undefined,
      status: get('status') || undefined,
      goLiveOn: has('goLiveOn') ? isoDate(get('goLiveOn')) : undefined,
      hosting: get('hosting') || undefined,
      cloudProvider: has('cloudProvider') ? get('cloudProvider') : undefined,
      servesInternal: has('servesInternal') ? yes(get('servesInternal')) : undefined,
      servesOtherAgencies: has('servesOtherAgencies') ? yes(get('servesOtherAgencies')) : undefined,
      servesPublic: has('servesPublic') ? yes(get('servesPublic')) : undefined,
      internalUsers: has('internalUsers') ? get('internalUsers') : undefined,
      publicUsers: has('publicUsers') ? get('publicUsers') : undefined,
      dataKinds: has('dataKinds') ? get('dataKinds').split(/[,;]/).map((s) => s.trim()).filter(Boolean) : undefined,
      onlinePublicService: get('onlinePublicService') || undefined,
    };
    const id = existing.get(raw.code);
    if (!id && taken.has(raw.code)) return void fail('code', 'Another agency already uses this code', 'Mã hệ thống đã được cơ quan khác sử dụng');
    const parsed = id ? SystemPatch.required({ agencyId: true, code: true, name: true }).safeParse(raw) : SystemInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? 'row');
      return void fail(field, `${field}: ${issue.message}`, `${field}: giá trị không hợp lệ`);
    }
    if (seen.has(parsed.data.code)) return void fail('code', 'The code appears twice in the file', 'Mã hệ thống bị trùng trong tệp');
    seen.add(parsed.data.code);
    const software = get('software').split(';').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [vendor, product, version] = s.split('|').map((p) => p.trim());
      return product ? { vendor: vendor || null, product, version: version || null } : { vendor: null, product: vendor!, version: null };
    });
    good.push({ rowNumber, id, input: parsed.data, software: has('software') ? software : undefined });
  };
  let col: Map<Key, number> | undefined;
  let count = 0;
  for await (const { number, cells } of inventoryRows(upload, format)) {
    if (!col) col = columnsOf(cells);
    else if (++count > MAX_ROWS) throw invalid('file', `At most ${MAX_ROWS} rows per file`, `Tối đa ${MAX_ROWS} dòng mỗi tệp`);
    else checkRow(number, col, cells);
  }
  if (!col) columnsOf([]);
  if (errors.length) {
    throw new AppError(422, 'import_rows', `${errors.length} row(s) are invalid; nothing was imported`,
      `${errors.length} dòng không hợp lệ; chưa nhập dòng nào`, 'file', errors);
  }

  let created = 0, updated = 0;
  await db.transaction(async (tx) => {
    for (const g of good) {
      let id = g.id;
      if (id) {
        await updateSystem(tx, actor, id, g.input);
        updated++;
      } else {
        id = (await insertSystem(tx, actor, g.input as SystemInput)).id;
        created++;
      }
      if (g.software) await writeSoftware(tx, actor, { id, agencyId: g.input.agencyId }, g.software);
    }
  });
  return { created, updated };
}
