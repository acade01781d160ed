/**
 * Reading uploaded report files as text and tables: the encodings scanners and spreadsheets write (UTF-8 with or
 * without BOM, UTF-16, and the Windows code pages of Vietnamese and Western Excel), one detected CSV delimiter.
 */
import { parse } from 'csv-parse/sync';
import { headerKey } from '../../../../shared/core/header-key.ts';
import { AppError } from '../../../http/errors.ts';

export const badFile = (message: string, messageVi: string, details?: unknown[]) => new AppError(400, 'bad_file', message, messageVi, 'file', details);

/** Letters only Vietnamese text has, once decoded as Windows-1258 (ă â đ ê ô ơ ư and the combining tone marks). */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * The file's text, NFC. UTF-16 is read by its byte-order mark; bytes that are not UTF-8 are read as Windows-1258 when
 * that yields Vietnamese, else as Windows-1252. Binary content (NUL bytes without a UTF-16 mark) is refused.
 */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2)).normalize('NFC');
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2)).normalize('NFC');
  if (data.subarray(0, 4096).includes(0)) throw badFile('This is not a text file', 'Đây không phải tệp văn bản');
  try {
    return new TextDecoder('utf-8', { fatal: true })
      .decode(data)
      .replace(/^\uFEFF/, '')
      .normalize('NFC');
  } catch {
    const vn = new TextDecoder('windows-1258').decode(data);
    return (VIETNAMESE.test(vn) ? vn : new TextDecoder('windows-1252').decode(data)).normalize('NFC');
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter of a CSV: whichever of , ; tab occurs most outside quotes on its first line. */
function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as CsvDelimiter;
}

/**
 * The first `limit` rows of a CSV as cells, each with the line it ends on, and whether more follow (the rest is not
 * parsed). Quoted fields may hold the delimiter and line breaks; rows may be of any length. Rows whose every cell is
 * empty are left out: what a spreadsheet writes for formatted empty rows (";;;;"). `toLine` stops at that line.
 */
export function readCsvRows(text: string, opts: { limit: number; delimiter?: CsvDelimiter; toLine?: number }) {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: opts.delimiter ?? detectDelimiter(text),
      bom: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      info: true,
      to: opts.limit + 1,
      ...(opts.toLine ? { to_line: opts.toLine } : {}),
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw badFile(`The CSV file cannot be read (line ${e.lines ?? '?'}): ${e.message}`, `Không đọc được tệp CSV (dòng ${e.lines ?? '?'}): tệp sai định dạng`);
  }
  return { rows: records.slice(0, opts.limit).map(({ record, info }) => ({ line: info.lines, cells: record })), more: records.length > opts.limit };
}

/**
 * The rows of a CSV as records keyed by `keyOf` each header (`headerKey` unless given; the first header wins when two
 * normalise alike). Rows may be shorter than the header (missing trailing cells). More than `maxRows` rows are refused
 * without parsing the rest.
 */
export function readCsvRecords(
  text: string,
  maxRows: number,
  keyOf: (header: string) => string = headerKey,
): { headers: string[]; rows: { line: number; rec: Record<string, string> }[] } {
  const {
    rows: [header, ...body],
    more,
  } = readCsvRows(text, { limit: maxRows + 1 });
  if (!header) throw badFile('The file is empty', 'Tệp không có dữ liệu');
  if (more) throw badFile(`At most ${maxRows} rows per file`, `Tối đa ${maxRows} dòng mỗi tệp`);
  const keys = header.cells.map((h) => keyOf(h));
  const rows = body.map(({ line, cells }) => {
    const rec: Record<string, string> = {};
    keys.forEach((k, j) => {
      if (k && !(k in rec)) rec[k] = (cells[j] ?? '').trim();
    });
    return { line, rec };
  });
  return { headers: keys, rows };
}
