import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { agencies, listAgencies } from '../agencies/index.ts';
import { systems, systemSoftware } from './schema.ts';
import { listSystems } from './service.ts';
import { readsEverything } from '../../auth/scope.ts';
import { csvFile, printSetup, xlsxWorkbook, type Column, type Locale, type Sheet } from '../../documents/spreadsheet.ts';
import { column, COLUMNS, DATA_KIND_LABELS, FLAG_LABELS, HOSTING_LABELS, ONLINE_LABELS, STATUS_LABELS, viLabels, type ColumnKey } from './inventory-columns.ts';
import { MAX_ROWS } from './inventory-import.ts';

type SystemRow = typeof systems.$inferSelect;
type Exported = SystemRow & { agencyName: string; operatorName: string | null; software: string };

const text = (key: ColumnKey, value: (s: Exported) => string | null) => ({ key, header: column(key), type: 'text' as const, value });
const choice = (key: ColumnKey, value: (s: Exported) => string | readonly string[]) => ({
  key,
  header: column(key),
  type: 'enum' as const,
  labels: column(key).values,
  value,
});
const flag = (key: ColumnKey, value: (s: Exported) => boolean) => choice(key, (s) => (value(s) ? 'yes' : 'no'));
const count = (key: ColumnKey, value: (s: Exported) => number | null) => ({ key, header: column(key), type: 'integer' as const, value });

/** The export's columns, in the order of `COLUMNS`; the import reads every one back. */
const EXPORT_COLUMNS: Column<Exported>[] = [
  text('code', (s) => s.code),
  text('name', (s) => s.name),
  text('agency', (s) => s.agencyName),
  text('operator', (s) => s.operatorName),
  text('purpose', (s) => s.purpose),
  choice('status', (s) => s.status),
  { key: 'goLiveOn', header: column('goLiveOn'), type: 'date', value: (s) => s.goLiveOn },
  choice('hosting', (s) => s.hosting),
  text('cloudProvider', (s) => s.cloudProvider),
  flag('servesInternal', (s) => s.servesInternal),
  flag('servesOtherAgencies', (s) => s.servesOtherAgencies),
  flag('servesPublic', (s) => s.servesPublic),
  count('internalUsers', (s) => s.internalUsers),
  count('publicUsers', (s) => s.publicUsers),
  choice('dataKinds', (s) => s.dataKinds),
  choice('onlinePublicService', (s) => s.onlinePublicService),
  text('software', (s) => s.software),
];

/** The inventory in scope, in the user's language: labels for every choice, typed cells; the import reads it back as it is. */
export async function exportInventory(db: Queryable, actor: Actor, format: 'xlsx' | 'csv', locale: Locale, agencyId?: number): Promise<Buffer> {
  const { items } = await listSystems(db, actor, { agencyId, limit: 100_000, offset: 0 } as never);
  const ids = items.map((s) => s.id);
  const full = ids.length ? await db.select().from(systems).where(inArray(systems.id, ids)) : [];
  const software = ids.length ? await db.select().from(systemSoftware).where(inArray(systemSoftware.systemId, ids)).orderBy(systemSoftware.id) : [];
  const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]));
  const listed = new Map<number, string[]>();
  for (const x of software) listed.set(x.systemId, [...(listed.get(x.systemId) ?? []), [x.vendor ?? '', x.product, x.version ?? ''].join('|')]);
  const rows = full
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => ({
      ...s,
      agencyName: names.get(s.agencyId) ?? '',
      operatorName: s.operatorAgencyId ? (names.get(s.operatorAgencyId) ?? null) : null,
      software: (listed.get(s.id) ?? []).join('; '),
    }));
  const sheet: Sheet<Exported> = {
    name: { vi: 'Hệ thống thông tin', en: 'Information systems' },
    title: { vi: 'Danh mục hệ thống thông tin', en: 'Information systems inventory' },
    columns: EXPORT_COLUMNS,
    rows,
  };
  if (format === 'csv') return csvFile(sheet, locale);
  const root = agencyId ?? (readsEverything(actor) ? null : actor.agencyId);
  const scope = root
    ? `${names.get(root) ?? ''}${locale === 'vi' ? ' và các đơn vị trực thuộc' : ' and the units below it'}`
    : locale === 'vi'
      ? 'tất cả cơ quan'
      : 'all agencies';
  return xlsxWorkbook({ locale, scope, madeAt: new Date(), sheets: [sheet] });
}

/** exceljs has data validations on a worksheet but does not declare them. */
type Validating = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const HEADER_ROW = 3;
const LISTS_SHEET = 'Danh mục';

/** Two systems as an officer would write them, on the "Ví dụ" sheet (the import reads the first sheet only). */
function examples(owner: string): Record<ColumnKey, string | number>[] {
  return [
    {
      code: 'SYT-QLVB',
      name: 'Hệ thống quản lý văn bản và điều hành',
      agency: owner,
      operator: '',
      purpose: 'Quản lý văn bản đến, văn bản đi, hồ sơ công việc',
      status: STATUS_LABELS.in_operation.vi,
      goLiveOn: '15/03/2021',
      hosting: HOSTING_LABELS.provincial_dc.vi,
      cloudProvider: '',
      servesInternal: FLAG_LABELS.yes.vi,
      servesOtherAgencies: FLAG_LABELS.yes.vi,
      servesPublic: FLAG_LABELS.no.vi,
      internalUsers: 350,
      publicUsers: '',
      dataKinds: [DATA_KIND_LABELS.internal.vi, DATA_KIND_LABELS.personal.vi].join(', '),
      onlinePublicService: ONLINE_LABELS.none.vi,
      software: 'Microsoft|Windows Server|2019; Oracle|MySQL|8.0',
    },
    {
      code: 'SYT-DVC',
      name: 'Cổng dịch vụ công của Sở',
      agency: owner,
      operator: '',
      purpose: 'Tiếp nhận, giải quyết thủ tục hành chính trực tuyến',
      status: STATUS_LABELS.in_development.vi,
      goLiveOn: '',
      hosting: HOSTING_LABELS.cloud.vi,
      cloudProvider: 'Tên nhà cung cấp dịch vụ đám mây',
      servesInternal: FLAG_LABELS.yes.vi,
      servesOtherAgencies: FLAG_LABELS.no.vi,
      servesPublic: FLAG_LABELS.yes.vi,
      internalUsers: 40,
      publicUsers: 120000,
      dataKinds: [DATA_KIND_LABELS.public.vi, DATA_KIND_LABELS.personal.vi].join(', '),
      onlinePublicService: ONLINE_LABELS.full.vi,
      software: 'Apache|HTTP Server|2.4.62; PostgreSQL|PostgreSQL|16',
    },
  ];
}

function headerRow(ws: ExcelJS.Worksheet) {
  const row = ws.getRow(HEADER_ROW);
  row.values = COLUMNS.map((c) => (c.required ? `${c.vi} *` : c.vi));
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.key === 'name' || c.key === 'purpose' || c.key === 'software' ? 36 : 22;
  });
}

/**
 * The import template: the first sheet to fill in (a title, the header on row 3, drop-down lists on every enumerated
 * column and on the agencies, from a hidden "Danh mục" sheet), two example rows on "Ví dụ", and "Hướng dẫn" saying
 * what each column takes, in Vietnamese and English. The owner list holds the agencies the caller may register
 * systems for; the operator list, every agency they may see.
 */
export async function inventoryTemplate(db: Queryable, actor: Actor): Promise<Buffer> {
  const visible = await listAgencies(db, actor, {});
  const owners = visible.filter((a) => a.can.registerSystems && !a.external).map((a) => a.name);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Nhập liệu');
  sheet.getCell('A1').value = 'DANH MỤC HỆ THỐNG THÔNG TIN';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = 'Điền mỗi hệ thống một dòng, từ dòng 4. Cột có dấu * là bắt buộc. Xem trang "Hướng dẫn" và "Ví dụ".';
  sheet.getCell('A2').font = { italic: true };
  headerRow(sheet);

  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const choices: [ColumnKey | 'flag', string, string[]][] = [
    ['status', column('status').vi, viLabels(STATUS_LABELS)],
    ['hosting', column('hosting').vi, viLabels(HOSTING_LABELS)],
    ['onlinePublicService', column('onlinePublicService').vi, viLabels(ONLINE_LABELS)],
    ['flag', 'Có / Không', viLabels(FLAG_LABELS)],
    ['agency', column('agency').vi, owners],
    ['operator', column('operator').vi, visible.map((a) => a.name)],
  ];
  const ranges = new Map<string, string>();
  choices.forEach(([key, title, values], i) => {
    const letter = String.fromCharCode(65 + i);
    lists.getCell(`${letter}1`).value = title;
    values.forEach((v, j) => {
      lists.getCell(`${letter}${j + 2}`).value = v;
    });
    ranges.set(key, `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`);
  });
  const last = HEADER_ROW + MAX_ROWS;
  COLUMNS.forEach((c, i) => {
    const list = ranges.get(c.key.startsWith('serves') ? 'flag' : c.key);
    if (!list) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as Validating).dataValidations.add(`${letter}${HEADER_ROW + 1}:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.vi,
      error: 'Hãy chọn một giá trị trong danh sách.',
    });
  });

  const example = wb.addWorksheet('Ví dụ');
  example.getCell('A1').value = 'VÍ DỤ (trang này không được nhập; chép các dòng sang trang "Nhập liệu" nếu muốn dùng)';
  example.getCell('A1').font = { bold: true };
  headerRow(example);
  for (const row of examples(owners[0] ?? '')) example.addRow(COLUMNS.map((c) => row[c.key]));

  const guide = wb.addWorksheet('Hướng dẫn');
  guide.addRow(['Cột', 'Bắt buộc', 'Cách ghi', 'Giá trị được chấp nhận', 'Column', 'How to fill in']).font = { bold: true };
  for (const c of COLUMNS) {
    const values = c.values ? viLabels(c.values).join('; ') : '';
    guide.addRow([c.vi, c.required ? 'Có' : '', c.hint.vi, values, c.en, c.hint.en]);
  }
  guide.addRow([]);
  guide.addRow(['Tệp được nhập: .xlsx, .ods hoặc .csv (UTF-8 hoặc Windows-1258, phân cách bằng dấu phẩy hoặc chấm phẩy); tệp .xls cần lưu lại thành .xlsx.']);
  guide.addRow([
    'Mã hệ thống đã có thì dòng cập nhật hệ thống đó; dòng của hệ thống bạn chỉ được xem (của đơn vị trực thuộc) được bỏ qua và báo lại; tệp có dòng lỗi sẽ không được nhập dòng nào.',
  ]);
  [30, 10, 60, 50, 30, 60].forEach((w, i) => {
    guide.getColumn(i + 1).width = w;
  });
  // Printed as the exports print: the header repeated on every page.
  printSetup(sheet, `${HEADER_ROW}:${HEADER_ROW}`, 'vi');
  printSetup(example, `${HEADER_ROW}:${HEADER_ROW}`, 'vi');
  printSetup(guide, '1:1', 'vi');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
