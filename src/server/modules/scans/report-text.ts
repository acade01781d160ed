/** Reading uploaded text files (scanner reports, warning feeds): UTF-8 only, refused with a clear 400 otherwise. */
import { parse } from 'csv-parse/sync';

import { badFile } from './parsers/text.ts';

export { badFile };

const notUtf8 = () => badFile('The file must be UTF-8 encoded text', 'Tệp phải là văn bản mã hóa UTF-8');

/**
 * The file's text. UTF-16 (a byte-order mark, or NUL bytes), invalid UTF-8 sequences (e.g. a Windows-1258 or
 * Latin-1 export) and binary files are refused rather than read as garbage.
 */
export function decodeUtf8(data: Buffer): string {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) throw notUtf8();
  if (data.subarray(0, 4096).includes(0)) throw notUtf8();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw notUtf8();
  }
}

/** Header text → lookup key: no diacritics, no spaces or punctuation; "Tên (title)" → "title". */
function headerKey(h: string): string {
  const inParens = /\(([^)]+)\)\s*$/.exec(h)?.[1];
  return (inParens ?? h).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Rows of a CSV (comma, semicolon or tab separated) as records keyed by the canonical column names in `aliases`;
 * unknown columns are dropped. More than `maxRows` rows are refused without parsing the rest; a broken file (unclosed
 * quote, ragged rows) is a 400 naming the line.
 */
export function readCsv<K extends string>(text: string, aliases: Record<K, readonly string[]>, maxRows: number) {
  const lookup = new Map<string, K>();
  for (const [key, names] of Object.entries(aliases) as [K, readonly string[]][]) for (const n of [key, ...names]) lookup.set(headerKey(n), key);
  let records: string[][];
  try {
    // `to` stops the parser one row past the cap (header included), whatever the file's length.
    records = parse(text, { delimiter: [',', ';', '\t'], bom: true, skip_empty_lines: true, trim: true, relax_quotes: false, to: maxRows + 2 });
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw badFile(`The CSV file cannot be read (line ${e.lines ?? '?'}): ${e.message}`, `Không đọc được tệp CSV (dòng ${e.lines ?? '?'}): tệp sai định dạng`);
  }
  const [header, ...body] = records;
  if (!header) throw badFile('The file is empty', 'Tệp không có dữ liệu');
  if (body.length > maxRows) throw badFile(`At most ${maxRows} rows per file`, `Tối đa ${maxRows} dòng mỗi tệp`);
  const columns = header.map((h) => lookup.get(headerKey(h)) ?? null);
  const rows = body.map((cells, i) => {
    const rec = {} as Partial<Record<K, string>>;
    columns.forEach((k, j) => { if (k && cells[j]) rec[k] = cells[j]; });
    return { row: i + 2, rec };
  });
  return { columns: new Set(columns.filter((c): c is K => c !== null)), rows };
}

/** dd/MM/yyyy (as Vietnamese users write it) or ISO yyyy-MM-dd; null when blank; undefined when unreadable. */
export function readDate(v: string | undefined): string | null | undefined {
  const t = (v ?? '').trim();
  if (!t) return null;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null;
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
