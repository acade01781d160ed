/**
 * Importing warnings from a feed file: CSV (one warning a row) or JSON (an array, or { "warnings": [...] }).
 * Every row is checked first; with any bad row nothing is written and every bad row is reported (422).
 * Warnings already recorded (same source and number) are skipped, so a feed can be imported again.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { warnings } from './schema.ts';
import { insertWarning } from './service.ts';
import { mayRecordWarnings } from './access.ts';
import { badFile, decodeUtf8, readCsv, readDate } from '../scans/index.ts';
import { WarningInput, type WarningProductInput } from '../../../shared/warnings/schemas.ts';
import { cveIds, parseSeverity } from '../../../shared/scans/findings.ts';

const MAX_WARNINGS = 1000;

const COLUMNS = {
  source: ['nguồn', 'cơ quan cảnh báo', 'issuer'],
  number: ['số hiệu', 'số văn bản', 'số', 'no'],
  issuedOn: ['issued_on', 'date', 'ngày', 'ngày ban hành'],
  title: ['tiêu đề', 'tên cảnh báo', 'subject'],
  severity: ['mức độ', 'risk'],
  cveIds: ['cve', 'cves', 'mã cve'],
  products: ['sản phẩm', 'sản phẩm bị ảnh hưởng', 'affected', 'affected products'],
  recommendedAction: ['khuyến nghị', 'biện pháp', 'solution', 'recommendation'],
  deadline: ['hạn xử lý', 'thời hạn', 'due', 'due date'],
  description: ['mô tả', 'nội dung'],
} as const;

type RowError = { row: number; field: string; message: string; messageVi: string };

/**
 * The products cell: entries separated by ";" or new lines, each "vendor|product|range", "vendor|product" (every
 * version), "product", or "cpe:2.3:…" optionally followed by "|range". A single "|" separates; "||" stays in the range.
 */
function parseProductsCell(cell: string): WarningProductInput[] {
  return cell.split(/[;\n]/).map((s) => s.trim()).filter(Boolean).map((entry) => {
    const parts = entry.split(/(?<!\|)\|(?!\|)/).map((p) => p.trim());
    if (/^cpe:/i.test(parts[0]!)) {
      const name = parts[0]!.split(':');
      const v2 = /^cpe:2\.3:/i.test(parts[0]!);
      return { vendor: (v2 ? name[3] : name[2])?.replace(/_/g, ' ') || null, product: (v2 ? name[4] : name[3])?.replace(/_/g, ' ') || parts[0]!, cpe: parts[0]!, versionRange: parts[1] || null };
    }
    if (parts.length >= 3) return { vendor: parts[0] || null, product: parts[1]!, versionRange: parts.slice(2).join('|') || null };
    if (parts.length === 2) return { vendor: parts[0] || null, product: parts[1]!, versionRange: null };
    return { vendor: null, product: parts[0]!, versionRange: null };
  });
}

type Raw = Record<string, unknown>;

/** One feed entry (CSV row or JSON object) → the input shape, with dates and severities as people write them. */
function normalize(raw: Raw): Raw {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));
  const date = (v: unknown) => { const t = text(v); const d = readDate(t); return d === undefined ? t : d; };
  const sev = parseSeverity(text(raw.severity));
  return {
    ...raw,
    issuedOn: date(raw.issuedOn),
    deadline: date(raw.deadline),
    severity: sev && sev !== 'info' ? sev : raw.severity,
    cveIds: Array.isArray(raw.cveIds) ? raw.cveIds : cveIds(text(raw.cveIds)),
    products: typeof raw.products === 'string' ? parseProductsCell(raw.products) : raw.products,
  };
}

function readEntries(data: Buffer, name: string): { row: number; raw: Raw }[] {
  const text = decodeUtf8(data);
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(text);
  if (!json) {
    const { columns, rows } = readCsv(text, COLUMNS, MAX_WARNINGS);
    for (const required of ['source', 'number', 'title', 'products'] as const) {
      if (!columns.has(required)) throw badFile(`Missing column "${required}"`, `Thiếu cột "${required}"`);
    }
    return rows.map((r) => ({ row: r.row, raw: r.rec }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw badFile(`The JSON file cannot be read: ${(err as Error).message}`, 'Không đọc được tệp JSON: tệp sai cú pháp');
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { warnings?: unknown })?.warnings;
  if (!Array.isArray(list)) throw badFile('Expected an array of warnings, or { "warnings": [...] }', 'Tệp JSON phải là danh sách cảnh báo hoặc { "warnings": [...] }');
  if (list.length > MAX_WARNINGS) throw badFile(`At most ${MAX_WARNINGS} warnings per file`, `Tối đa ${MAX_WARNINGS} cảnh báo mỗi tệp`);
  return list.map((raw, i) => ({ row: i + 1, raw: (raw && typeof raw === 'object' ? raw : {}) as Raw }));
}

/** Feeds are imported by the specialized security unit (and platform admins); checked before the file is read. */
export function assertMayImportFeed(actor: Actor) {
  assert(mayRecordWarnings(actor));
}

export async function importFeed(db: Db, actor: Actor, data: Buffer, name: string) {
  assertMayImportFeed(actor);
  const entries = readEntries(data, name);
  const errors: RowError[] = [];
  const good: { row: number; input: WarningInput }[] = [];
  const seen = new Set<string>();
  for (const { row, raw } of entries) {
    const parsed = WarningInput.safeParse(normalize(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'row';
      errors.push({ row, field, message: `${field}: ${issue.message}`, messageVi: `${field}: giá trị không hợp lệ` });
      continue;
    }
    const key = `${parsed.data.source}\u0000${parsed.data.number}`;
    if (seen.has(key)) {
      errors.push({ row, field: 'number', message: 'The same warning appears twice in the file', messageVi: 'Cảnh báo bị lặp trong tệp' });
      continue;
    }
    seen.add(key);
    good.push({ row, input: parsed.data });
  }
  if (errors.length) {
    throw new AppError(422, 'import_rows', `${errors.length} row(s) are invalid; nothing was imported`,
      `${errors.length} dòng không hợp lệ; chưa nhập dòng nào`, 'file', errors);
  }
  if (!good.length) throw badFile('The file has no warnings', 'Tệp không có cảnh báo nào');
  return db.transaction(async (tx) => {
    const created: { id: number; source: string; number: string; items: number }[] = [];
    const skipped: { source: string; number: string }[] = [];
    for (const { input } of good) {
      const [exists] = await tx.select({ id: warnings.id }).from(warnings).where(and(eq(warnings.source, input.source), eq(warnings.number, input.number)));
      if (exists) {
        skipped.push({ source: input.source, number: input.number });
        continue;
      }
      const { warning, items } = await insertWarning(tx, actor.userId, input);
      created.push({ id: warning.id, source: warning.source, number: warning.number, items: items.length });
    }
    await recordAudit(tx, actor, { action: 'import', entity: 'warning', after: { file: name, created, skipped } });
    return { created: created.length, skipped: skipped.length, items: created.reduce((n, c) => n + c.items, 0) };
  });
}
