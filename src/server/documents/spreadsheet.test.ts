import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { csvFile, sheetName, xlsxWorkbook, type Column, type Sheet } from './spreadsheet.ts';

type Row = { code: string; count: number | null; share: number | null; day: string | null; at: Date; status: string; kinds: string[]; note: string };

const STATUS = { in_operation: { vi: 'Đang vận hành', en: 'In operation' }, retired: { vi: 'Đã dừng', en: 'Retired' } };
const KINDS = { personal: { vi: 'Dữ liệu cá nhân', en: 'Personal data' }, public: { vi: 'Thông tin công cộng', en: 'Public information' } };

const columns: Column<Row>[] = [
  { key: 'code', header: { vi: 'Mã hệ thống', en: 'System code' }, type: 'text', value: (r) => r.code },
  { key: 'count', header: { vi: 'Số người dùng', en: 'Users' }, type: 'integer', value: (r) => r.count },
  { key: 'share', header: { vi: 'Tỷ lệ', en: 'Share' }, type: 'percent', value: (r) => r.share },
  { key: 'day', header: { vi: 'Ngày vận hành', en: 'Go-live date' }, type: 'date', value: (r) => r.day },
  { key: 'at', header: { vi: 'Thời điểm', en: 'Time' }, type: 'datetime', value: (r) => r.at },
  { key: 'status', header: { vi: 'Trạng thái', en: 'Status' }, type: 'enum', labels: STATUS, value: (r) => r.status },
  { key: 'kinds', header: { vi: 'Loại dữ liệu', en: 'Data kinds' }, type: 'enum', labels: KINDS, value: (r) => r.kinds },
  { key: 'note', header: { vi: 'Ghi chú', en: 'Note' }, type: 'text', value: (r) => r.note },
];

const rows: Row[] = [
  {
    code: 'SYT-QLVB',
    count: 1200,
    share: 61.5,
    day: '2021-03-15',
    at: new Date('2026-11-30T17:30:00Z'),
    status: 'in_operation',
    kinds: ['personal', 'public'],
    note: '=1+1',
  },
  { code: 'SYT-DVC', count: null, share: null, day: null, at: new Date('2026-12-01T01:05:00Z'), status: 'retired', kinds: [], note: '' },
];

const sheet: Sheet<Row> = {
  name: { vi: 'Tình hình thực hiện theo cơ quan, đơn vị trực thuộc', en: 'Systems' },
  title: { vi: 'Danh mục hệ thống', en: 'Systems inventory' },
  columns,
  rows,
  notes: [{ vi: 'Điểm tổng hợp: 72,5', en: 'Composite score: 72.5' }],
};

async function read(locale: 'vi' | 'en', sheets: Sheet<unknown>[] = [sheet]) {
  const data = await xlsxWorkbook({ locale, scope: 'Sở Y tế', madeAt: new Date('2026-12-01T07:30:00Z'), sheets });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0]!, data };
}

describe('the spreadsheet writer', () => {
  it('writes a title, the scope with the Vietnamese time, the header in the language asked, and a hidden row of column codes', async () => {
    const { ws } = await read('vi');
    expect(ws.getCell('A1').value).toBe('DANH MỤC HỆ THỐNG');
    expect(ws.getCell('A2').value).toBe('Phạm vi: Sở Y tế — lập lúc 14:30 ngày 01/12/2026 (giờ Việt Nam)');
    expect((ws.getRow(3).values as string[]).slice(1)).toEqual(columns.map((c) => c.header.vi));
    expect((ws.getRow(4).values as string[]).slice(1)).toEqual(columns.map((c) => c.key));
    expect(ws.getRow(4).hidden).toBe(true);
    expect(ws.getRow(3).hidden).toBe(false);
    expect(ws.getCell('A8').value).toBe('Điểm tổng hợp: 72,5');

    const en = (await read('en')).ws;
    expect(en.getCell('A2').value).toBe('Scope: Sở Y tế — made at 14:30 on 01/12/2026 (Vietnam time)');
    expect((en.getRow(3).values as string[]).slice(1, 3)).toEqual(['System code', 'Users']);
    expect(en.getCell('F5').value).toBe('In operation');
    expect(en.getCell('G5').value).toBe('Personal data, Public information');
  });

  it('types every cell: integers, percentages as fractions shown in %, dates and Vietnamese times as date cells, labels for codes', async () => {
    const { ws } = await read('vi');
    const row = ws.getRow(5);
    expect(row.getCell(1)).toMatchObject({ value: 'SYT-QLVB', type: ExcelJS.ValueType.String });
    expect(row.getCell(2)).toMatchObject({ value: 1200, type: ExcelJS.ValueType.Number, numFmt: '#,##0' });
    expect(row.getCell(3).numFmt).toBe('0.0%');
    expect(row.getCell(3).value).toBeCloseTo(0.615, 10);
    expect(row.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: 'dd/mm/yyyy' });
    expect((row.getCell(4).value as Date).toISOString()).toBe('2021-03-15T00:00:00.000Z');
    // 17:30 UTC is 00:30 the next day in Vietnam: the cell shows the time there.
    expect(row.getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect((row.getCell(5).value as Date).toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(row.getCell(6).value).toBe('Đang vận hành');
    expect(row.getCell(7).value).toBe('Dữ liệu cá nhân, Thông tin công cộng');
    // A text that looks like a formula stays text.
    expect(row.getCell(8)).toMatchObject({ value: '=1+1', type: ExcelJS.ValueType.String });
  });

  it('leaves empty values empty: no cell, not an empty string', async () => {
    const { ws, data } = await read('vi');
    const row = ws.getRow(6);
    for (const col of [2, 3, 4, 7, 8]) expect(row.getCell(col).type, `column ${col}`).toBe(ExcelJS.ValueType.Null);
    const xml = await (await JSZip.loadAsync(data)).file('xl/worksheets/sheet1.xml')!.async('string');
    const row6 = /<row r="6"[^>]*>(.*?)<\/row>/.exec(xml)![1]!;
    expect(row6.match(/<c r="[A-Z]+6"/g)).toEqual(['<c r="A6"', '<c r="E6"', '<c r="F6"']);
  });

  it('prints on A4, one page wide, landscape when wide, the header repeated on every page', async () => {
    const { ws } = await read('vi');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4', orientation: 'landscape' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const narrow: Sheet<Row> = { ...sheet, columns: columns.slice(0, 2) };
    expect((await read('vi', [narrow])).ws.pageSetup.orientation).toBe('portrait');
    // Columns fit their text up to 50 characters; longer text wraps.
    const long: Sheet<Row> = { ...sheet, columns: [columns[0]!, { ...columns[7]!, value: () => 'Phục vụ '.repeat(12) }] };
    const wrapped = (await read('vi', [long])).ws;
    expect(wrapped.getColumn(1).width).toBe(13);
    expect(wrapped.getColumn(2).width).toBe(50);
    expect(wrapped.getCell('B5').alignment).toMatchObject({ wrapText: true });
    expect(wrapped.getCell('A5').alignment?.wrapText).toBeFalsy();
  });

  it('names sheets with whole words, at most 31 characters, without the characters Excel refuses, each once', async () => {
    const used = new Set<string>();
    const long = sheetName('Tình hình thực hiện theo cơ quan, đơn vị trực thuộc', used);
    expect(long).toBe('Tình hình thực hiện theo cơ');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(sheetName('Tình hình thực hiện theo cơ quan, đơn vị', used)).toBe('Tình hình thực hiện theo cơ 2');
    expect(sheetName('Quý 4/2026: [tổng hợp]?', used)).toBe('Quý 4 2026 tổng hợp');
    expect(sheetName("'Bảng'", used)).toBe('Bảng');
    expect(sheetName('bảng', used)).toBe('bảng 2');
    const { wb } = await read('vi', [sheet, sheet]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tình hình thực hiện theo cơ', 'Tình hình thực hiện theo cơ 2']);
  });

  it('writes CSV with a BOM, the same labels, dates dd/MM/yyyy, empty cells empty and formulas neutralised', () => {
    const text = csvFile(sheet, 'vi').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Mã hệ thống,Số người dùng,Tỷ lệ,Ngày vận hành,Thời điểm,Trạng thái,Loại dữ liệu,Ghi chú');
    expect(lines[1]).toBe('SYT-QLVB,1200,61.5%,15/03/2021,01/12/2026 00:30,Đang vận hành,"Dữ liệu cá nhân, Thông tin công cộng",\'=1+1');
    expect(lines[2]).toBe('SYT-DVC,,,,01/12/2026 08:05,Đã dừng,,');
    expect(csvFile(sheet, 'en').toString('utf8').split('\r\n')[1]).toContain('In operation,"Personal data, Public information"');
  });
});
