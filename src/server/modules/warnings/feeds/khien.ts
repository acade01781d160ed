/**
 * The province's own warning list, as the security unit keeps it: CSV (one warning a row, Vietnamese or English
 * headers, "Nguồn (source)" read by the name in brackets) or JSON (an array, or { "warnings": [...] }), with dates
 * as people write them (dd/MM/yyyy or ISO) and severities in Vietnamese or English.
 */
import { cveIds, parseSeverity } from '../../../../shared/scans/findings.ts';
import type { WarningProductInput } from '../../../../shared/warnings/schemas.ts';
import { badFile } from '../../scans/index.ts';
import { headerKey } from '../../../../shared/core/header-key.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { capEntries, isObject, list } from './feed.ts';

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
type Column = keyof typeof COLUMNS;

const LOOKUP = new Map<string, Column>();
for (const [key, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) for (const n of [key, ...names]) LOOKUP.set(headerKey(n), key);

/** A header's key: the name in brackets when there is one ("Tên (title)" → "title"), `headerKey` otherwise. */
export const columnKey = (h: string) => headerKey(/\(([^)]+)\)\s*$/.exec(h)?.[1] ?? h);

/** Whether a CSV's headers look like the province list (two of its columns at least), so a missing one is named. */
export const isKhienCsv = (headers: readonly string[]) => headers.filter((h) => LOOKUP.has(h)).length >= 2;

/** dd/MM/yyyy (as Vietnamese users write it) or ISO yyyy-MM-dd; null when blank; the text itself when unreadable. */
function readDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t) return null;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null;
  if (!iso) return t;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? t : iso;
}

/**
 * The products cell: entries separated by ";" or new lines, each "vendor|product|range", "vendor|product" (every
 * version), "product", or "cpe:2.3:…" optionally followed by "|range". A single "|" separates; "||" stays in the range.
 */
function parseProductsCell(cell: string): WarningProductInput[] {
  return cell
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const parts = entry.split(/(?<!\|)\|(?!\|)/).map((p) => p.trim());
      if (/^cpe:/i.test(parts[0]!)) {
        const name = parts[0]!.split(':');
        const v2 = /^cpe:2\.3:/i.test(parts[0]!);
        return {
          vendor: (v2 ? name[3] : name[2])?.replace(/_/g, ' ') || null,
          product: (v2 ? name[4] : name[3])?.replace(/_/g, ' ') || parts[0]!,
          cpe: parts[0]!,
          versionRange: parts[1] || null,
        };
      }
      if (parts.length >= 3) return { vendor: parts[0] || null, product: parts[1]!, versionRange: parts.slice(2).join('|') || null };
      if (parts.length === 2) return { vendor: parts[0] || null, product: parts[1]!, versionRange: null };
      return { vendor: null, product: parts[0]!, versionRange: null };
    });
}

type Raw = Record<string, unknown>;

/** One row or object → the input shape, with dates and severities as people write them. */
function normalize(raw: Raw): Raw {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));
  const sev = parseSeverity(text(raw.severity));
  return {
    ...raw,
    issuedOn: readDate(raw.issuedOn),
    deadline: readDate(raw.deadline),
    severity: sev && sev !== 'info' ? sev : raw.severity,
    cveIds: Array.isArray(raw.cveIds) ? raw.cveIds : cveIds(text(raw.cveIds)),
    products: typeof raw.products === 'string' ? parseProductsCell(raw.products) : raw.products,
  };
}

const entry = (raw: Raw, row: number): FeedEntry => ({ row, id: typeof raw.number === 'string' ? raw.number : `#${row}`, input: normalize(raw) });

export function parseKhienCsv(headers: readonly string[], rows: { line: number; rec: Record<string, string> }[]): ParsedFeed {
  const columns = new Set(headers.map((h) => LOOKUP.get(h)));
  for (const required of ['source', 'number', 'title', 'products'] as const) {
    if (!columns.has(required)) throw badFile(`Missing column "${required}"`, `Thiếu cột "${required}"`);
  }
  capEntries(rows.length);
  return {
    format: 'khien_csv',
    ignored: 0,
    entries: rows.map(({ line, rec }) => {
      const raw: Raw = {};
      for (const [k, v] of Object.entries(rec)) {
        const c = LOOKUP.get(k);
        if (c && v && !(c in raw)) raw[c] = v;
      }
      return entry(raw, line);
    }),
  };
}

export const isKhienJson = (doc: unknown) => Array.isArray(doc) || (isObject(doc) && Array.isArray(doc.warnings));

export function parseKhienJson(doc: unknown): ParsedFeed {
  const rows = Array.isArray(doc) ? doc : list((doc as Raw).warnings);
  capEntries(rows.length);
  return { format: 'khien_json', ignored: 0, entries: rows.map((raw, i) => entry(isObject(raw) ? raw : {}, i + 1)) };
}
