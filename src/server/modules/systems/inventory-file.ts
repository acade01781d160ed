/**
 * An uploaded inventory as rows of cell text, whatever the office suite wrote: XLSX, OpenDocument (.ods), or CSV in
 * UTF-8, UTF-16 or Windows-1258 with `,`, `;` (Excel on Vietnamese-locale Windows) or tab. The format is told by the
 * content, not the name. Excel 97–2003 (.xls) is answered with what to do instead.
 */
import type ExcelJS from 'exceljs';
import { restoreFormula } from '../../documents/csv.ts';
import { AppError } from '../../http/errors.ts';
import { odsRows } from '../../http/ods-rows.ts';
import { partContent } from '../../http/ooxml-package.ts';
import type { Upload } from '../../http/upload.ts';
import { xlsxRows } from '../../http/xlsx-rows.ts';
import { decodeText, readCsvRows, type CsvDelimiter } from '../scans/index.ts';

export type SheetRow = { number: number; cells: string[] };

const refused = (message: string, messageVi: string) => new AppError(400, 'unsupported_format', message, messageVi, 'file');

const SAVE_AS = 'open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx) and import that file';
const SAVE_AS_VI = 'hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu Sổ làm việc Excel (.xlsx) rồi nhập tệp đó';

const notASheet = () =>
  refused('The file is not a spreadsheet Khiên reads: send .xlsx, .ods or .csv', 'Tệp không phải bảng tính Khiên đọc được: hãy gửi tệp .xlsx, .ods hoặc .csv');

const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const ENCRYPTED = Buffer.from('EncryptionInfo', 'utf16le');

/**
 * Excel 97–2003 files and the like are refused with the way out. .xls is a binary format (BIFF8 in a compound file)
 * that no maintained npm package reads: SheetJS stopped publishing to npm at 0.18.5, which carries the advisory
 * GHSA-4r6h-8v6p-xvw6 (prototype pollution when reading crafted files, exactly what an upload is), and every Excel
 * since 2007 and LibreOffice save .xlsx in two clicks.
 */
function refuseOtherFormats(data: Buffer) {
  if (data.subarray(0, 8).equals(CFB)) {
    // An encrypted XLSX is also a compound file, holding the encrypted package beside an EncryptionInfo stream.
    if (data.includes(ENCRYPTED)) {
      throw refused(
        'The workbook is protected by a password: remove the password (File > Info > Protect Workbook) and import it again',
        'Tệp được đặt mật khẩu: hãy gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi nhập lại',
      );
    }
    throw refused(
      `This is an Excel 97–2003 workbook (.xls), which Khiên does not read: ${SAVE_AS}`,
      `Đây là tệp Excel 97–2003 (.xls), Khiên không đọc định dạng này: ${SAVE_AS_VI}`,
    );
  }
  if (data.readUInt32LE(0) === 0x04034b50) throw notASheet();
  const head = data.subarray(0, 2048).toString('latin1').toLowerCase();
  // Many web applications export an HTML table or an Excel 2003 XML sheet named .xls.
  if (/^\s*(\xef\xbb\xbf)?\s*</.test(head) && /<html|<table|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
    throw refused(
      `This is a web page or an Excel 2003 XML sheet, not a workbook: ${SAVE_AS}`,
      `Tệp này là trang web hoặc bảng tính XML của Excel 2003, không phải sổ làm việc: ${SAVE_AS_VI}`,
    );
  }
}

async function formatOf(upload: Upload): Promise<'xlsx' | 'ods' | 'csv'> {
  if (upload.parts) {
    if (upload.parts.some((p) => p.name === 'xl/workbook.xml')) return 'xlsx';
    const mimetype = upload.parts.find((p) => p.name === 'mimetype');
    if (mimetype && mimetype.size < 100) {
      let type = '';
      for await (const chunk of partContent(upload.data, mimetype)) type += chunk.toString('latin1');
      if (type.trim() === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
    }
    throw notASheet();
  }
  refuseOtherFormats(upload.data);
  return 'csv';
}

function xlsxCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((p) => p.text).join('');
  if (typeof v === 'object' && 'text' in v) return xlsxCellText(v.text as ExcelJS.CellValue);
  if (typeof v === 'object' && 'result' in v) return xlsxCellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'error' in v) return '';
  return String(v);
}

async function* xlsxSheet(upload: Upload): AsyncGenerator<SheetRow> {
  for await (const row of xlsxRows(upload.data, upload.parts!)) {
    yield { number: row.number, cells: Array.from((row.values as ExcelJS.CellValue[]).slice(1), xlsxCellText) };
  }
}

/**
 * The rows of a CSV, the first `limit` and whether more follow. The delimiter is the one under which the first lines
 * hold a header (title lines above a header may hold commas in a `;` file); failing that, the one the first line has
 * most of. Cells the export protected from formula injection ("'=…") read as they were.
 */
function csvSheet(data: Buffer, limit: number, looksLikeHeader: (cells: string[]) => boolean) {
  let text: string;
  try {
    text = decodeText(data);
  } catch {
    throw notASheet();
  }
  const holdsHeader = (delimiter: CsvDelimiter) => {
    try {
      return readCsvRows(text, { limit: 50, delimiter, toLine: 50 }).rows.some((r) => looksLikeHeader(r.cells));
    } catch {
      return false; // quotes that only make sense with another delimiter
    }
  };
  const delimiter = ([';', ',', '\t'] as CsvDelimiter[]).find(holdsHeader);
  const { rows, more } = readCsvRows(text, { limit, delimiter });
  return { rows: rows.map((r) => ({ number: r.line, cells: r.cells.map(restoreFormula) })), more };
}

export type SheetOptions = {
  /** Non-empty rows read at most, title and header rows included; one more is `tooMany`. */
  maxRows: number;
  tooMany: () => AppError;
  looksLikeHeader: (cells: string[]) => boolean;
};

/**
 * The non-empty rows of the file's first sheet, cells as trimmed NFC text (numbers as the cell's value, not its
 * display; dates as YYYY-MM-DD), with the row numbers the office suite shows. Empty rows, formatted or not, are
 * skipped wherever they are. Read as needed: parsing stops at the caller's row cap, before the rest of the file.
 */
export async function* sheetRows(upload: Upload, opts: SheetOptions): AsyncGenerator<SheetRow> {
  const format = await formatOf(upload);
  let count = 0;
  try {
    if (format === 'csv') {
      const { rows, more } = csvSheet(upload.data, opts.maxRows, opts.looksLikeHeader);
      for (const row of rows) yield tidy(row);
      if (more) throw opts.tooMany();
      return;
    }
    for await (const row of format === 'xlsx' ? xlsxSheet(upload) : odsRows(upload.data, upload.parts!)) {
      const tidied = tidy(row);
      if (!tidied.cells.some(Boolean)) continue;
      if (++count > opts.maxRows) throw opts.tooMany();
      yield tidied;
    }
  } catch (err) {
    throw err instanceof AppError ? err : new AppError(400, 'bad_file', 'The file cannot be read as a spreadsheet', 'Không đọc được tệp bảng tính', 'file');
  }
}

const tidy = (row: SheetRow): SheetRow => ({ number: row.number, cells: row.cells.map((c) => c.normalize('NFC').trim()) });
