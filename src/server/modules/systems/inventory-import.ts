/**
 * Importing an inventory file: a code already registered updates that system, a new code creates one, and a row of
 * a system the officer may see but not change (a sub-unit's, from their own export) is skipped and reported with the
 * reason. Every row is checked first; with any bad cell nothing is written, and every bad cell is reported with its
 * row number, its column and a message in Vietnamese and English. The writes are a few statements for the whole file, in one transaction
 * with their audit entries.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, canReadAgencyPath } from '../../auth/scope.ts';
import { AppError, invalid } from '../../http/errors.ts';
import type { Upload } from '../../http/upload.ts';
import { recordAudits, type AuditChange } from '../audit/index.ts';
import { agencies, listAgencies } from '../agencies/index.ts';
import { systems, systemSoftware } from './schema.ts';
import { vietnameseOf } from '../../../shared/systems/domestic.ts';
import { SoftwareList, SystemInput, SystemPatch } from '../../../shared/systems/schemas.ts';
import { column, COLUMNS, columnOfHeader, foldKey, valueLookup, type Column, type ColumnKey, type Label } from './inventory-columns.ts';
import { sheetRows } from './inventory-file.ts';
import { mayImport, systemCan } from './access.ts';

export const MAX_ROWS = 5000;
/** Rows above the header (titles, the agency, a date) among which the header row is looked for. */
const HEADER_SEARCH = 20;
/** Non-empty rows read at most: the systems, the rows above the header, and as many that hold only a row number or a note. */
const READ_ROWS = 2 * MAX_ROWS + HEADER_SEARCH;
/** Problems listed in an answer; the count covers them all. */
const MAX_DETAILS = 1000;
/** Rows of one INSERT or UPDATE: up to 17 parameters each, well below the 65,535 a statement may have. */
const CHUNK = 1000;
/** New systems after which the table's statistics are refreshed before the rows that point at them are written. */
const REPLAN_AFTER = 1000;

const REQUIRED = COLUMNS.filter((c) => c.required).map((c) => c.key);
const quoted = (labels: string[]) => labels.map((l) => `"${l}"`).join(', ');

const tooMany = () => invalid('file', `At most ${MAX_ROWS} rows per file`, `Tối đa ${MAX_ROWS} dòng mỗi tệp`);

/** Who may import at all (systems/access.ts `mayImport`): checked before the upload is read. */
export function assertMayImport(actor: Actor) {
  assert(mayImport(actor));
}

type Header = { number: number; col: Map<ColumnKey, number>; names: Map<ColumnKey, string>; ignored: string[] };

const headerKeys = (cells: string[]) => new Set(cells.map(columnOfHeader));
const looksLikeHeader = (cells: string[]) => {
  const keys = headerKeys(cells);
  return REQUIRED.every((k) => keys.has(k));
};

function readHeader(number: number, cells: string[]): Header {
  const col = new Map<ColumnKey, number>();
  const names = new Map<ColumnKey, string>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const key = columnOfHeader(cell);
    if (key === 'ignored' || !cell) return;
    if (!key || col.has(key)) ignored.push(cell);
    else {
      col.set(key, i);
      names.set(key, cell);
    }
  });
  return { number, col, names, ignored };
}

function noHeader(best: { number: number; cells: string[] } | null) {
  const all = REQUIRED.map((k) => column(k));
  const missing = best ? all.filter((c) => !headerKeys(best.cells).has(c.key)) : all;
  const near = best && missing.length < all.length;
  return invalid(
    'file',
    `No header row in the first ${HEADER_SEARCH} rows: the file needs the columns ${quoted(all.map((c) => c.en))}` +
      (near ? `; row ${best.number} lacks ${quoted(missing.map((c) => c.en))}` : ''),
    `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH} dòng đầu: tệp cần có các cột ${quoted(all.map((c) => c.vi))}` +
      (near ? `; dòng ${best.number} thiếu cột ${quoted(missing.map((c) => c.vi))}` : ''),
  );
}

type RowError = { row: number; field: ColumnKey; column: string; message: string; messageVi: string };
type Skipped = { row: number; code: string; message: string; messageVi: string };
type Software = { vendor: string | null; product: string; version: string | null };
type Agency = Awaited<ReturnType<typeof listAgencies>>[number];
type SystemRow = typeof systems.$inferSelect;
type Good = { row: number; code: string; current?: SystemRow; input: Record<string, unknown>; software?: Software[] };

const asWritten = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Agencies by name or short name as written, then without diacritics or case. */
function agencyFinder(visible: Agency[]) {
  const exact = new Map<string, Agency[]>();
  const folded = new Map<string, Agency[]>();
  const add = (map: Map<string, Agency[]>, key: string, a: Agency) => {
    const list = map.get(key) ?? [];
    if (!list.includes(a)) map.set(key, [...list, a]);
  };
  for (const a of visible) {
    for (const n of [a.name, a.shortName]) {
      if (!n) continue;
      add(exact, asWritten(n), a);
      add(folded, foldKey(n), a);
    }
  }
  return (text: string): Agency[] => exact.get(asWritten(text)) ?? folded.get(foldKey(text)) ?? [];
}

const LOOKUPS = new Map(COLUMNS.filter((c) => c.values).map((c) => [c.key, valueLookup(c.values as Record<string, Label>)]));
const labelsIn = (c: Column, lang: 'vi' | 'en') =>
  Object.values(c.values as Record<string, Label>)
    .map((l) => l[lang])
    .join(', ');

/** dd/MM/yyyy (also with - or .) or YYYY-MM-DD (a date cell), if that day exists. */
function dayOf(text: string): string | null {
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return null;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) return null;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** A whole number as people write it: 1200, 1.200, 1,200, 1 200, or a number cell's 1200.0. */
function countOf(text: string): string | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return t.replace(/[.,]/g, '');
  if (/^\d+([.,]0+)?$/.test(t)) return t.replace(/[.,]0+$/, '');
  return null;
}

function softwareOf(text: string): Software[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [vendor, product, version] = s.split('|').map((p) => p.trim());
      return product ? { vendor: vendor || null, product, version: version || null } : { vendor: null, product: vendor!, version: null };
    });
}

/** The schema's complaint about a value, said for the column it came from. */
function issueText(issue: z.core.$ZodIssue, c: Column): { message: string; messageVi: string } {
  const limit = (issue as { minimum?: unknown; maximum?: unknown }).minimum ?? (issue as { maximum?: unknown }).maximum;
  if (c.key === 'code' && issue.code === 'invalid_format') {
    return { message: `${c.en}: only unaccented letters, digits, ".", "-" and "_"`, messageVi: `${c.vi}: chỉ gồm chữ không dấu, chữ số, dấu ".", "-" và "_"` };
  }
  if (issue.code === 'too_small' && issue.origin === 'string')
    return { message: `${c.en}: at least ${limit} characters`, messageVi: `${c.vi}: tối thiểu ${limit} ký tự` };
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { message: `${c.en}: at most ${limit} characters`, messageVi: `${c.vi}: tối đa ${limit} ký tự` };
  if (issue.code === 'too_big' && issue.origin === 'array') return { message: `${c.en}: at most ${limit} items`, messageVi: `${c.vi}: tối đa ${limit} mục` };
  if (issue.code === 'too_big')
    return { message: `${c.en}: at most ${Number(limit).toLocaleString('en')}`, messageVi: `${c.vi}: tối đa ${Number(limit).toLocaleString('vi')}` };
  return { message: `${c.en}: the value is not valid`, messageVi: `${c.vi}: giá trị không hợp lệ` };
}

/** A registered system's row: the key columns and whichever others the file has. */
const UPDATE = SystemPatch.required({ agencyId: true, code: true, name: true });

const FIELD_COLUMN: Record<string, ColumnKey> = { agencyId: 'agency', operatorAgencyId: 'operator' };

/** The columns an import writes: every one the file may carry. */
const WRITTEN = [
  'agencyId',
  'operatorAgencyId',
  'name',
  'purpose',
  'status',
  'goLiveOn',
  'hosting',
  'cloudProvider',
  'servesInternal',
  'servesOtherAgencies',
  'servesPublic',
  'internalUsers',
  'publicUsers',
  'dataKinds',
  'onlinePublicService',
] as const;
type Written = (typeof WRITTEN)[number] | 'id' | 'code';
const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/**
 * Rows as a table for one INSERT … SELECT or UPDATE … FROM: each column one array parameter typed as its column, so
 * a statement's size does not grow with the rows (thousands of parameters cost more to build and parse than the
 * writes). An array column (data kinds: codes without commas) travels as its text form.
 */
function rowsTable(rows: Partial<Record<Written, unknown>>[], keys: readonly Written[]) {
  const type = (k: Written) => (k === 'id' ? 'integer' : systems[k].getSQLType());
  const arrays = keys.map((k) => {
    const values = rows.map((r) => (type(k) === 'text[]' ? `{${(r[k] as string[]).join(',')}}` : (r[k] ?? null)));
    return sql`${sql.param(values)}::${sql.raw(type(k) === 'text[]' ? 'text' : type(k))}[]`;
  });
  return {
    from: sql`unnest(${sql.join(arrays, sql`, `)}) with ordinality as v(${sql.raw(keys.map(snake).join(', '))}, n)`,
    value: (k: Written) => sql.raw(type(k) === 'text[]' ? `v.${snake(k)}::text[]` : `v.${snake(k)}`),
  };
}

async function insertRows(tx: Tx, rows: Record<string, unknown>[]) {
  const keys = ['code', ...WRITTEN] as const;
  const t = rowsTable(rows, keys);
  await tx.execute(sql`insert into systems (${sql.raw(keys.map(snake).join(', '))})
    select ${sql.join(keys.map(t.value), sql`, `)} from ${t.from} order by v.n`);
}

async function updateRows(tx: Tx, rows: SystemRow[]) {
  const t = rowsTable(rows, ['id', ...WRITTEN]);
  await tx.execute(sql`update systems set ${sql.join(
    WRITTEN.map((k) => sql`${sql.raw(snake(k))} = ${t.value(k)}`),
    sql`, `,
  )}, updated_at = now()
    from ${t.from} where systems.id = v.id`);
}

const sameSoftware = (a: Software[], b: Software[]) =>
  a.length === b.length && a.every((x, i) => x.vendor === b[i]!.vendor && x.product === b[i]!.product && x.version === b[i]!.version);

/**
 * Imports an inventory file: XLSX, ODS or CSV, header row anywhere in the first rows, columns in any order. A code
 * already registered (and visible) updates that system with the columns the file has; a new code creates one.
 * A row equal to what is stored changes nothing.
 */
export async function importInventory(db: Db, actor: Actor, upload: Upload) {
  assertMayImport(actor);
  let header: Header | undefined;
  let best: { number: number; cells: string[]; found: number } | null = null;
  let above = 0;
  const lines: { number: number; cells: string[] }[] = [];
  for await (const row of sheetRows(upload, { maxRows: READ_ROWS, tooMany, looksLikeHeader })) {
    if (header) {
      // A second header row right below the first (the export's hidden row of column codes) is no system.
      if (!lines.length && row.number === header.number + 1 && looksLikeHeader(row.cells)) continue;
      // A row with nothing in the columns read (only its number in "STT", or a note) is no system.
      if (![...header.col.values()].some((i) => row.cells[i])) continue;
      if (lines.length === MAX_ROWS) throw tooMany();
      lines.push(row);
    } else if (looksLikeHeader(row.cells)) header = readHeader(row.number, row.cells);
    else {
      const found = REQUIRED.filter((k) => headerKeys(row.cells).has(k)).length;
      if (!best || found > best.found) best = { ...row, found };
      if (++above === HEADER_SEARCH) break;
    }
  }
  if (!header) throw noHeader(best);
  if (!lines.length) throw invalid('file', 'The file has a header row but no system below it', 'Tệp có dòng tiêu đề nhưng không có hệ thống nào bên dưới');
  const { col, names } = header;
  const has = (k: ColumnKey) => col.has(k);

  return db.transaction(async (tx) => {
    const findAgency = agencyFinder(await listAgencies(tx, actor, {}));
    const codes = [...new Set(lines.map((l) => l.cells[col.get('code')!] ?? '').filter(Boolean))];
    const registered = new Map<string, { system: SystemRow; path: string; agencyName: string }>();
    if (codes.length) {
      const found = await tx
        .select({ system: systems, path: agencies.path, agencyName: agencies.name })
        .from(systems)
        .innerJoin(agencies, eq(agencies.id, systems.agencyId))
        .where(inArray(systems.code, codes))
        .for('update', { of: systems });
      for (const f of found) registered.set(f.system.code, f);
    }

    const errors: RowError[] = [];
    const skipped: Skipped[] = [];
    const good: Good[] = [];
    const firstRow = new Map<string, number>();
    for (const { number, cells } of lines) {
      const problems: RowError[] = [];
      const fail = (field: ColumnKey, message: string, messageVi: string) => {
        problems.push({ row: number, field, column: names.get(field) ?? column(field).vi, message, messageVi });
      };
      const get = (k: ColumnKey) => (has(k) ? (cells[col.get(k)!] ?? '') : '');
      const c = (k: ColumnKey) => column(k);
      const input: Record<string, unknown> = { code: get('code'), name: get('name') };

      const code = get('code');
      const existing = code ? registered.get(code) : undefined;
      if (!code) fail('code', `${c('code').en} is empty`, `${c('code').vi} bị trống`);
      else if (firstRow.has(code)) fail('code', `The code is also on row ${firstRow.get(code)}`, `Mã hệ thống trùng với dòng ${firstRow.get(code)}`);
      else firstRow.set(code, number);
      if (existing && !canReadAgencyPath(actor, existing.path)) {
        fail('code', 'Another agency already uses this code', 'Mã hệ thống đã được cơ quan khác sử dụng');
      } else if (existing && !problems.length && !systemCan(actor, { agencyId: existing.system.agencyId, agencyPath: existing.path }).edit) {
        // A system the officer only sees (a sub-unit's, in their own export): left as it is, and said so.
        skipped.push({
          row: number,
          code,
          message: `You may read this system but not change it (owner: ${existing.agencyName}); the row was left out`,
          messageVi: `Bạn chỉ được xem, không được sửa hệ thống này (chủ quản: ${existing.agencyName}); dòng này không được nhập`,
        });
        continue;
      }

      const agency = (k: 'agency' | 'operator') => {
        const text = get(k);
        const found = findAgency(text);
        if (found.length > 1)
          fail(k, `Several agencies are named "${text}": write its short name`, `Có nhiều cơ quan cùng tên "${text}": hãy ghi tên viết tắt`);
        else if (!found.length) {
          fail(
            k,
            `No ${k === 'agency' ? 'owner agency' : 'operating unit'} named "${text}" among those you may see`,
            `Không tìm thấy ${k === 'agency' ? 'cơ quan chủ quản' : 'đơn vị vận hành'} "${text}" trong các cơ quan bạn được xem`,
          );
        }
        return found.length === 1 ? found[0] : undefined;
      };
      if (!get('agency')) fail('agency', `${c('agency').en} is empty`, `${c('agency').vi} bị trống`);
      else {
        const owner = agency('agency');
        if (owner?.external) fail('agency', 'The owner must be a state agency', 'Chủ quản phải là cơ quan nhà nước');
        else if (owner && !owner.can.registerSystems)
          fail('agency', 'You cannot register systems for this agency', 'Bạn không được khai báo hệ thống cho cơ quan này');
        else if (owner) input.agencyId = owner.id;
      }
      if (has('operator')) input.operatorAgencyId = get('operator') ? agency('operator')?.id : null;

      for (const k of ['purpose', 'cloudProvider'] as const) if (has(k)) input[k] = get(k);
      for (const k of ['status', 'hosting', 'onlinePublicService', 'servesInternal', 'servesOtherAgencies', 'servesPublic'] as const) {
        if (!has(k)) continue;
        const text = get(k);
        const flag = k.startsWith('serves');
        // An empty choice keeps the stored value (or takes the default); an empty yes/no is no, as the export writes it.
        if (!text) {
          if (flag) input[k] = false;
          continue;
        }
        const value = LOOKUPS.get(k)!.get(foldKey(text));
        if (!value)
          fail(k, `${c(k).en}: "${text}" is not one of ${labelsIn(c(k), 'en')}`, `${c(k).vi}: "${text}" không thuộc các giá trị ${labelsIn(c(k), 'vi')}`);
        else input[k] = flag ? value === 'yes' : value;
      }
      if (has('goLiveOn')) {
        const text = get('goLiveOn');
        const day = text ? dayOf(text) : null;
        if (text && !day)
          fail(
            'goLiveOn',
            `${c('goLiveOn').en}: "${text}" is not a date; write dd/MM/yyyy`,
            `${c('goLiveOn').vi}: "${text}" không phải ngày; hãy ghi dạng dd/MM/yyyy`,
          );
        input.goLiveOn = day;
      }
      for (const k of ['internalUsers', 'publicUsers'] as const) {
        if (!has(k)) continue;
        const text = get(k);
        const count = text ? countOf(text) : null;
        if (text && count === null) fail(k, `${c(k).en}: "${text}" is not a whole number`, `${c(k).vi}: "${text}" không phải số nguyên`);
        input[k] = count;
      }
      if (has('dataKinds')) {
        const kinds = new Set<string>();
        for (const text of get('dataKinds')
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const kind = LOOKUPS.get('dataKinds')!.get(foldKey(text));
          if (kind) kinds.add(kind);
          else
            fail(
              'dataKinds',
              `${c('dataKinds').en}: "${text}" is not one of ${labelsIn(c('dataKinds'), 'en')}`,
              `${c('dataKinds').vi}: "${text}" không thuộc các giá trị ${labelsIn(c('dataKinds'), 'vi')}`,
            );
        }
        input.dataKinds = [...kinds];
      }
      let software: Software[] | undefined;
      if (has('software')) {
        const list = SoftwareList.safeParse(softwareOf(get('software')));
        if (list.success) software = list.data.map(({ vendor, product, version }) => ({ vendor: vendor ?? null, product, version: version ?? null }));
        else {
          const { message, messageVi } = issueText(list.error.issues[0]!, c('software'));
          fail('software', message, messageVi);
        }
      }

      const parsed = problems.length ? null : existing ? UPDATE.safeParse(input) : SystemInput.safeParse(input);
      for (const issue of parsed?.error?.issues ?? []) {
        const field = String(issue.path[0]);
        const k = FIELD_COLUMN[field] ?? (field as ColumnKey);
        const { message, messageVi } = issueText(issue, c(k));
        fail(k, message, messageVi);
      }
      // A row's problems in the order of its cells.
      errors.push(...problems.sort((a, b) => (col.get(a.field) ?? Infinity) - (col.get(b.field) ?? Infinity)));
      if (parsed?.success) good.push({ row: number, code, current: existing?.system, input: parsed.data, software });
    }
    if (errors.length) {
      const rows = new Set(errors.map((e) => e.row)).size;
      throw new AppError(
        422,
        'import_rows',
        `${rows} row(s) are invalid (${errors.length} problem(s)); nothing was imported`,
        `${rows} dòng không hợp lệ (${errors.length} lỗi); chưa nhập dòng nào`,
        'file',
        errors.slice(0, MAX_DETAILS),
      );
    }
    return { ...(await write(tx, actor, good, header.ignored)), skipped: skipped.length, skippedRows: skipped.slice(0, MAX_DETAILS) };
  });
}

/** In chunks of CHUNK, in order. */
async function chunked<T, R>(items: T[], run: (chunk: T[]) => Promise<R[] | unknown>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const r = await run(items.slice(i, i + CHUNK));
    if (Array.isArray(r)) out.push(...(r as R[]));
  }
  return out;
}

/** A registered system with what its row changes: the columns the file has, an empty choice keeping what is stored. */
const merged = (g: Good): SystemRow => ({
  ...g.current!,
  ...Object.fromEntries(WRITTEN.flatMap((k) => (g.input[k] === undefined ? [] : [[k, g.input[k]]]))),
});

/** Software rows in one statement, each column an array. */
async function insertSoftware(tx: Tx, rows: (Software & { systemId: number })[]) {
  if (!rows.length) return;
  const column = (k: keyof (typeof rows)[number]) => sql.param(rows.map((r) => r[k]));
  // A file does not say whether a product is Vietnamese: the vendor table decides (Thanh Hóa letter 1.d).
  const vietnamese = sql.param(rows.map((r) => vietnameseOf(r).vietnamese));
  await tx.execute(sql`insert into system_software (system_id, vendor, product, version, vietnamese)
    select * from unnest(${column('systemId')}::integer[], ${column('vendor')}::text[], ${column('product')}::text[], ${column('version')}::text[], ${vietnamese}::boolean[])`);
}

/** Writes the checked rows: inserts, whole-row updates of the changed systems, replaced software lists, their audit. */
async function write(tx: Tx, actor: Actor, good: Good[], ignoredColumns: string[]) {
  const creates = good.filter((g) => !g.current);
  const after = new Map(good.flatMap((g) => (g.current ? [[g, merged(g)] as const] : [])));
  const changed = good.filter((g) => g.current && WRITTEN.some((k) => JSON.stringify(after.get(g)![k]) !== JSON.stringify(g.current![k])));
  await insertRows(
    tx,
    creates.map((g) => g.input),
  );
  const created = new Map(
    (
      await chunked<string, SystemRow>(
        creates.map((g) => g.code),
        (codes) => tx.select().from(systems).where(inArray(systems.code, codes)),
      )
    ).map((r) => [r.code, r]),
  );
  // Foreign keys to systems (the software rows below) are checked by a plan PostgreSQL keeps per connection, made
  // when the table was small: a scan of the whole table, which thousands of new rows make seconds per thousand checks.
  // ANALYZE (counting this transaction's rows) makes it plan again, an index lookup; PGlite never analyzes by itself.
  if (creates.length >= REPLAN_AFTER) await tx.execute(sql`analyze systems`);
  await updateRows(
    tx,
    changed.map((g) => after.get(g)!),
  );
  const updated = new Map(
    (
      await chunked<number, SystemRow>(
        changed.map((g) => g.current!.id),
        (ids) => tx.select().from(systems).where(inArray(systems.id, ids)),
      )
    ).map((r) => [r.id, r]),
  );
  const stored = (g: Good) => (g.current ? (updated.get(g.current.id) ?? g.current) : created.get(g.code)!);

  // Software lists: replaced where the file's list differs from the stored one.
  const listed = good.filter((g) => g.software);
  const before = new Map<number, (typeof systemSoftware.$inferSelect)[]>();
  const listedIds = listed.flatMap((g) => (g.current ? [g.current.id] : []));
  for (const s of await chunked<number, typeof systemSoftware.$inferSelect>(listedIds, (ids) =>
    tx.select().from(systemSoftware).where(inArray(systemSoftware.systemId, ids)).orderBy(systemSoftware.id),
  )) {
    before.set(s.systemId, [...(before.get(s.systemId) ?? []), s]);
  }
  const replaced = new Map(listed.filter((g) => !sameSoftware(before.get(stored(g).id) ?? [], g.software!)).map((g) => [stored(g).id, g.software!]));
  await chunked(
    [...replaced.keys()].filter((id) => before.has(id)),
    (ids) => tx.delete(systemSoftware).where(inArray(systemSoftware.systemId, ids)),
  );
  await insertSoftware(
    tx,
    [...replaced].flatMap(([systemId, list]) => list.map((item) => ({ ...item, systemId }))),
  );

  // The audit trail in file order: each system's entry, then its software's.
  const changes: AuditChange[] = [];
  const isChanged = new Set(changed);
  for (const g of good) {
    const system = stored(g);
    const entry = { entity: 'system', entityId: system.id, agencyId: system.agencyId };
    if (!g.current) changes.push({ ...entry, action: 'create', after: system });
    else if (isChanged.has(g)) changes.push({ ...entry, action: 'update', before: g.current, after: system });
    const list = replaced.get(system.id);
    if (list) changes.push({ ...entry, entity: 'system_software', action: 'update', before: before.get(system.id) ?? [], after: list });
  }
  await recordAudits(tx, actor, changes);
  const updatedCount = good.filter((g) => g.current && (isChanged.has(g) || replaced.has(g.current.id))).length;
  return { created: creates.length, updated: updatedCount, unchanged: good.length - creates.length - updatedCount, ignoredColumns };
}
