/**
 * Spreadsheets for people: every XLSX and CSV export is written here from typed columns, so each one prints, reads
 * and re-imports the same way. An XLSX sheet has a title row, a row with the scope and the time it was made
 * (Vietnamese time), the header in the user's language, then a hidden row of the columns' machine codes (for programs
 * and the importers), then the data. Cells carry their type: counts are integers, shares are numbers shown as
 * percentages, days are date cells shown dd/MM/yyyy, choices are their labels, nothing is an empty string. Pages are
 * A4, landscape when the columns are wide, one page wide, with the header repeated on every page.
 * A CSV holds the header and the data alone, the same labels, formula signs neutralised (csv.ts), with a UTF-8 BOM
 * so Excel reads it as UTF-8.
 */
import ExcelJS from 'exceljs';
import { formatDateTimeVi, formatDateVi } from '../../shared/core/dates.ts';
import { neutralizeFormula } from './csv.ts';

export type Locale = 'vi' | 'en';
export type Words = { vi: string; en: string };

/**
 * - `text`; `integer` (a count); `decimal` (one decimal place); `percent` (the value in percent, 61.5 for 61.5%);
 * - `date` (an ISO day, "2026-11-24"); `datetime` (an instant, shown in Vietnamese time);
 * - `enum` (a code, or a list of codes, written as their labels).
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime' | 'enum';
type CellValue = string | number | Date | readonly string[] | null | undefined;

export type Column<R> = {
  /** The machine code of the column, in the hidden header row. */
  key: string;
  header: Words;
  type: ColumnType;
  /** The type of one row's cell, where a column holds values of several kinds (a report's figures). */
  typeOf?(row: R): ColumnType;
  /** A cell's own number format in the workbook (a minimum: `"≥ "0.0%`), where the type's is not enough. */
  numFmtOf?(row: R): string | undefined;
  /** An `enum` column's labels by code. */
  labels?: Readonly<Record<string, Words>>;
  value(row: R, locale: Locale): CellValue;
};

export type Sheet<R> = {
  name: Words;
  title: Words;
  columns: readonly Column<R>[];
  rows: readonly R[];
  /** Lines of text below the table (a total, a note). */
  notes?: readonly Words[];
};

export type Workbook = {
  locale: Locale;
  /** The agency or subtree the figures cover, and the period where there is one. */
  scope: string;
  madeAt: Date;
  sheets: readonly Sheet<unknown>[];
};

const TITLE_ROW = 1;
const SCOPE_ROW = 2;
const HEADER_ROW = 3;
const KEY_ROW = 4;
/** Excel's limit on a sheet name, and the characters it refuses in one. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;
/** Columns wider than this in all (characters) print on a landscape page. */
const PORTRAIT_WIDTH = 95;
/** Rows looked at to size the columns; a column never wider than MAX_WIDTH characters, longer text wraps. */
const WIDTH_SAMPLE = 200;
const MAX_WIDTH = 50;

const NUMBER_FORMAT: Partial<Record<ColumnType, string>> = {
  integer: '#,##0',
  decimal: '#,##0.0',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): a date-time cell holds the wall-clock time there. */
const VN_OFFSET_MS = 7 * 3600_000;

const isoDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/** "01/12/2026" and "14:30", in Vietnamese time. */
function dayAndTime(v: string | Date) {
  const [time, , day] = formatDateTimeVi(v).split(' ');
  return { day: day!, time: time! };
}

const typeOf = <R>(c: Column<R>, row: R) => c.typeOf?.(row) ?? c.type;

/** Null for an empty cell: nothing is written, not even an empty string. */
function present(v: CellValue): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v) && !v.length) return null;
  return v;
}

const enumText = <R>(c: Column<R>, v: string | readonly string[], locale: Locale) =>
  (typeof v === 'string' ? [v] : v).map((code) => c.labels?.[code]?.[locale] ?? code).join(', ');

/** The value an XLSX cell holds. */
function xlsxValue<R>(c: Column<R>, row: R, locale: Locale): ExcelJS.CellValue {
  const v = present(c.value(row, locale));
  if (v === null || v === undefined) return null;
  switch (typeOf(c, row)) {
    case 'enum':
      return enumText(c, v as string | string[], locale);
    case 'percent':
      return Number(v) / 100;
    case 'integer':
    case 'decimal':
      return Number(v);
    case 'date':
      return typeof v === 'string' ? isoDay(v) : (v as Date);
    case 'datetime':
      return new Date(new Date(v as string | Date).getTime() + VN_OFFSET_MS);
    default:
      return String(v);
  }
}

/** The text a CSV cell holds: what the sheet shows. */
function csvValue<R>(c: Column<R>, row: R, locale: Locale): string {
  const v = present(c.value(row, locale));
  if (v === null || v === undefined) return '';
  switch (typeOf(c, row)) {
    case 'enum':
      return neutralizeFormula(enumText(c, v as string | string[], locale));
    case 'percent':
      return `${Number(v)}%`;
    case 'integer':
    case 'decimal':
      return String(Number(v));
    case 'date':
      return formatDateVi(v as string | Date);
    case 'datetime': {
      const { day, time } = dayAndTime(v as string | Date);
      return `${day} ${time}`;
    }
    default:
      return neutralizeFormula(String(v));
  }
}

/**
 * A sheet name Excel takes: at most 31 characters cut at a word, none of []:*?/\, not starting or ending with an
 * apostrophe, unique in the workbook (case aside: "Bảng 2" after a second "Bảng").
 */
export function sheetName(title: string, used: Set<string>): string {
  const clean =
    title
      .replace(SHEET_NAME_BAD, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  const cutAtWord = (text: string, max: number) => {
    if (text.length <= max) return text;
    const cut = text.slice(0, max + 1);
    const word = cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;.–-]+$/, '');
    return word || text.slice(0, max);
  };
  let name = cutAtWord(clean, SHEET_NAME_MAX);
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${cutAtWord(clean, SHEET_NAME_MAX - String(i).length - 1)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** Characters a cell needs, from the header and the first rows. */
function widthOf<R>(c: Column<R>, rows: readonly R[], locale: Locale): number {
  let width = Math.max(...c.header[locale].split(' ').map((w) => w.length), Math.min(c.header[locale].length, 16));
  for (const row of rows.slice(0, WIDTH_SAMPLE)) {
    const t = typeOf(c, row);
    const shown = t === 'date' ? 10 : t === 'datetime' ? 16 : csvValue(c, row, locale).length;
    width = Math.max(width, shown);
  }
  return Math.min(Math.max(width + 2, 8), MAX_WIDTH);
}

function scopeLine(book: Workbook): string {
  const { day, time } = dayAndTime(book.madeAt);
  return book.locale === 'vi'
    ? `Phạm vi: ${book.scope} — lập lúc ${time} ngày ${day} (giờ Việt Nam)`
    : `Scope: ${book.scope} — made at ${time} on ${day} (Vietnam time)`;
}

/**
 * How a sheet prints: A4, landscape when its columns are wider in all than a portrait page holds, one page wide,
 * `headerRows` ("3:4") repeated on every page, page numbers in the footer. Call it once the columns have their widths.
 */
export function printSetup(ws: ExcelJS.Worksheet, headerRows: string, locale: Locale) {
  const widths = (ws.columns ?? []).map((c) => c.width ?? 9);
  const landscape = widths.reduce((a, b) => a + b, 0) > PORTRAIT_WIDTH;
  Object.assign(ws.pageSetup, {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: headerRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  ws.headerFooter.oddFooter = locale === 'vi' ? 'Trang &P/&N' : 'Page &P of &N';
}

function addSheet<R>(wb: ExcelJS.Workbook, book: Workbook, sheet: Sheet<R>, used: Set<string>) {
  const { locale } = book;
  const widths = sheet.columns.map((c) => widthOf(c, sheet.rows, locale));
  const ws = wb.addWorksheet(sheetName(sheet.name[locale], used), { views: [{ state: 'frozen', ySplit: KEY_ROW }] });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  printSetup(ws, `${HEADER_ROW}:${KEY_ROW}`, locale);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = sheet.title[locale].toUpperCase();
  title.font = { bold: true, size: 13 };
  const scope = ws.getCell(SCOPE_ROW, 1);
  scope.value = scopeLine(book);
  scope.font = { italic: true };

  const header = ws.getRow(HEADER_ROW);
  header.values = sheet.columns.map((c) => c.header[locale]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const keys = ws.getRow(KEY_ROW);
  keys.values = sheet.columns.map((c) => c.key);
  keys.hidden = true;

  const wraps = widths.map((w) => w === MAX_WIDTH);
  sheet.rows.forEach((row, r) => {
    const line = ws.getRow(KEY_ROW + 1 + r);
    sheet.columns.forEach((c, i) => {
      const value = xlsxValue(c, row, locale);
      if (value === null) return;
      const cell = line.getCell(i + 1);
      cell.value = value;
      const format = c.numFmtOf?.(row) ?? NUMBER_FORMAT[typeOf(c, row)];
      if (format) cell.numFmt = format;
      if (wraps[i]) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  let next = KEY_ROW + sheet.rows.length + 2;
  for (const note of sheet.notes ?? []) ws.getCell(next++, 1).value = note[locale];
}

/** A workbook of one or more sheets, in the user's language. */
export async function xlsxWorkbook(book: Workbook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khiên';
  wb.created = book.madeAt;
  const used = new Set<string>();
  for (const sheet of book.sheets) addSheet(wb, book, sheet, used);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const quoteCsv = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** One sheet as CSV (RFC 4180, CRLF): the header in the user's language, then the rows. */
export function csvFile<R>(sheet: Sheet<R>, locale: Locale): Buffer {
  const lines = [sheet.columns.map((c) => neutralizeFormula(c.header[locale]))];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvValue(c, row, locale)));
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(quoteCsv).join(',')).join('\r\n')}\r\n`);
}
