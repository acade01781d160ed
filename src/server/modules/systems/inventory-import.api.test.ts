import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { multipartWithFields } from '../../../../tests/support/multipart-fields.ts';
import { odsPackage, ODS_HEAD, ODS_TAIL, odsRow, windows1258, workbook } from '../../../../tests/support/inventory.ts';

/**
 * The inventory import with the files agencies really have (issue 17 §4), over real HTTP: title rows above the
 * header, headers in capitals or decomposed Unicode, Vietnamese labels, formatted empty rows, `;` and Windows-1258
 * CSV, OpenDocument and LibreOffice files, Excel 97–2003 refused with the way out, a template, per-cell errors, and
 * the demo province's own export imported back unchanged.
 */

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let officer: HttpClient; // syt.canbo, Sở Y tế
let admin: HttpClient;
let viewer: HttpClient; // lanhdao: read-only
let otherAgency: HttpClient; // sgd.canbo, Sở Giáo dục và Đào tạo

const FIXTURES = 'tests/fixtures/inventory';
const TITLE = [['ỦY BAN NHÂN DÂN TỈNH DEMO'], ['DANH MỤC HỆ THỐNG THÔNG TIN'], ['(Cập nhật đến ngày 30/11/2026)']];

const send = (c: HttpClient, name: string, data: Buffer) => {
  const { payload, headers } = multipartWithFields({}, name, data);
  return c.request('POST', '/api/systems/import', { raw: payload, headers });
};

/** A download's bytes (the JSON client reads text). */
async function download(c: HttpClient, path: string) {
  const res = await fetch(server.base + path, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

const counts = async () => {
  const { rows } = await t.database.db.execute(sql`select (select count(*) from systems)::int as systems,
    (select count(*) from system_software)::int as software, (select count(*) from audit_log)::int as audit`);
  return rows[0] as Record<string, number>;
};

async function system(code: string) {
  const list = (await officer.get(`/api/systems?q=${encodeURIComponent(code)}`)).json.items as { id: number; code: string }[];
  const found = list.find((s) => s.code === code);
  expect(found, code).toBeDefined();
  return (await officer.get(`/api/systems/${found!.id}`)).json;
}

beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t.app);
  [officer, admin, viewer, otherAgency] = await Promise.all(['syt.canbo', 'admin', 'lanhdao', 'sgd.canbo'].map((u) => server.login(u)));
});
afterAll(async () => {
  await t?.close();
});

describe('files as agencies write them', () => {
  it('finds the header below title rows, reads capitals, decomposed Unicode and Vietnamese labels, and ignores numbered and 6,000 formatted empty rows', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const file = await workbook(
      [
        ...TITLE,
        [
          'STT',
          'MÃ HỆ THỐNG',
          nfd('Tên hệ thống'),
          'CƠ QUAN CHỦ QUẢN',
          nfd('TRẠNG THÁI'),
          'NGÀY ĐƯA VÀO VẬN HÀNH',
          'Vị trí đặt hệ thống',
          'PHỤC VỤ NỘI BỘ',
          'Phục vụ người dân, doanh nghiệp',
          'Số người dùng nội bộ',
          'LOẠI DỮ LIỆU',
          'Dịch vụ công trực tuyến',
          'Phần mềm',
          'Ghi chú',
        ],
        [
          1,
          'REAL-1',
          nfd('Hệ thống một cửa điện tử'),
          'Sở Y tế',
          nfd('Đang vận hành'),
          new Date(Date.UTC(2022, 5, 30)),
          'Trung tâm dữ liệu tỉnh',
          'Có',
          'x',
          '1.200',
          nfd('Dữ liệu cá nhân; Thông tin nội bộ'),
          'Toàn trình',
          'Apache|HTTP Server|2.4.57',
          'ghi chú',
        ],
        [
          2,
          'REAL-2',
          'Hệ thống quản lý nhân sự',
          'SỞ Y TẾ',
          'ĐANG XÂY DỰNG',
          '05/01/2025',
          'tai co quan',
          'Không',
          '',
          85,
          'thong tin noi bo',
          'chỉ cung cấp thông tin',
          '',
          '',
        ],
        [
          3,
          'REAL-3',
          'Cổng thông tin điện tử',
          'so y te',
          'retired',
          '2015-01-05',
          'Cloud',
          'yes',
          'No',
          '',
          'public, personal',
          'partial',
          'WordPress|WordPress|6.4',
          '',
        ],
        // Numbered ahead of time, not filled in.
        ...Array.from({ length: 20 }, (_, i) => [4 + i]),
      ],
      (ws) => {
        ws.mergeCells('A1:N1');
        const border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;
        for (let r = 8; r <= 6027; r++) for (let c = 1; c <= 14; c++) ws.getCell(r, c).border = border;
      },
    );
    const res = await send(officer, 'Danh mục HTTT.xlsx', file);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0, skippedRows: [], ignoredColumns: ['Ghi chú'] });

    expect(await system('REAL-1')).toMatchObject({
      name: 'Hệ thống một cửa điện tử',
      status: 'in_operation',
      goLiveOn: '2022-06-30',
      hosting: 'provincial_dc',
      servesInternal: true,
      servesPublic: true,
      internalUsers: 1200,
      dataKinds: ['personal', 'internal'],
      onlinePublicService: 'full',
      software: [expect.objectContaining({ vendor: 'Apache', product: 'HTTP Server', version: '2.4.57' })],
    });
    expect((await system('REAL-1')).name).toBe('Hệ thống một cửa điện tử'.normalize('NFC'));
    expect(await system('REAL-2')).toMatchObject({
      status: 'in_development',
      goLiveOn: '2025-01-05',
      hosting: 'agency_premises',
      servesInternal: false,
      servesPublic: false,
      internalUsers: 85,
      dataKinds: ['internal'],
      onlinePublicService: 'information',
      software: [],
    });
    expect(await system('REAL-3')).toMatchObject({
      status: 'retired',
      hosting: 'cloud',
      servesInternal: true,
      servesPublic: false,
      internalUsers: null,
      dataKinds: ['public', 'personal'],
      onlinePublicService: 'partial',
    });
  });

  it('reads UTF-8 CSV with ";" (Excel on Vietnamese Windows), converts Windows-1258 CSV, and reads UTF-16 text with tabs', async () => {
    const lines = (prefix: string) =>
      [
        'DANH MỤC HỆ THỐNG THÔNG TIN, NĂM 2026',
        '',
        'Mã hệ thống;Tên hệ thống;Cơ quan chủ quản;Trạng thái;Nơi đặt;Loại dữ liệu;Phần mềm',
        `${prefix}-1;Hệ thống quản lý văn bản, hồ sơ;Sở Y tế;Đang vận hành;Điện toán đám mây;Dữ liệu cá nhân nhạy cảm, Thông tin nội bộ;"Microsoft|Windows Server|2019; Oracle|MySQL|8.0"`,
        `${prefix}-2;Phần mềm kế toán;Sở Y tế;Đã dừng;;Thông tin nội bộ;`,
        ';;;;;;',
        ';;;;;;',
      ].join('\r\n');
    const utf8 = await send(officer, 'httt.csv', Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(lines('CSV8'))]));
    expect(utf8.status, utf8.text).toBe(200);
    expect(utf8.json).toMatchObject({ created: 2 });
    const cp1258 = windows1258(lines('CSV1258'));
    expect(cp1258.toString('utf8')).toContain('\ufffd'); // not UTF-8: the import has to convert it
    const converted = await send(officer, 'httt.csv', cp1258);
    expect(converted.status, converted.text).toBe(200);
    expect(converted.json).toMatchObject({ created: 2 });
    for (const code of ['CSV8-1', 'CSV1258-1']) {
      expect(await system(code)).toMatchObject({
        name: 'Hệ thống quản lý văn bản, hồ sơ',
        status: 'in_operation',
        hosting: 'cloud',
        dataKinds: ['sensitive_personal', 'internal'],
        software: [expect.objectContaining({ product: 'Windows Server' }), expect.objectContaining({ product: 'MySQL' })],
      });
    }
    expect(await system('CSV1258-2')).toMatchObject({ name: 'Phần mềm kế toán', status: 'retired', hosting: 'agency_premises' });

    // Excel's "Unicode Text": UTF-16 with tabs.
    const unicodeText = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Mã hệ thống\tTên hệ thống\tCơ quan chủ quản\tTrạng thái\r\nTXT-1\tHệ thống điều hành tác nghiệp\tSở Y tế\tĐang lập kế hoạch\r\n', 'utf16le'),
    ]);
    const txt = await send(officer, 'httt.txt', unicodeText);
    expect(txt.status, txt.text).toBe(200);
    expect(await system('TXT-1')).toMatchObject({ name: 'Hệ thống điều hành tác nghiệp', status: 'planned' });
  });

  it('reads an OpenDocument spreadsheet saved by LibreOffice, and the same sheet saved by it as XLSX', async () => {
    const ods = await send(officer, 'danh-muc.ods', readFileSync(`${FIXTURES}/danh-muc.ods`));
    expect(ods.status, ods.text).toBe(200);
    expect(ods.json).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0, skippedRows: [], ignoredColumns: ['GHI CHÚ'] });
    expect(await system('ODS-HIS')).toMatchObject({
      name: 'Hệ thống thông tin bệnh viện',
      status: 'in_operation',
      goLiveOn: '2021-03-15',
      hosting: 'provincial_dc',
      internalUsers: 1200,
      dataKinds: ['sensitive_personal', 'internal'],
      onlinePublicService: 'partial',
      software: [
        expect.objectContaining({ vendor: 'Apache', product: 'HTTP Server', version: '2.4.57' }),
        expect.objectContaining({ vendor: 'Oracle', product: 'MySQL', version: '8.0' }),
      ],
    });
    expect(await system('ODS-VBDH')).toMatchObject({ status: 'in_development', goLiveOn: null, hosting: 'agency_premises', onlinePublicService: 'none' });
    expect(await system('ODS-WEB')).toMatchObject({ status: 'retired', goLiveOn: '2015-01-05', hosting: 'cloud', onlinePublicService: 'information' });
    const before = await counts();
    const xlsx = await send(officer, 'danh-muc.xlsx', readFileSync(`${FIXTURES}/danh-muc-libreoffice.xlsx`));
    expect(xlsx.status, xlsx.text).toBe(200);
    expect(xlsx.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual(before);
  });

  it('refuses Excel 97–2003 files, web pages named .xls and protected workbooks, saying what to do', async () => {
    const xls = await send(officer, 'danh-muc.xls', readFileSync(`${FIXTURES}/danh-muc.xls`));
    expect(xls.status).toBe(400);
    expect(xls.json.error).toMatchObject({ code: 'unsupported_format', field: 'file' });
    expect(xls.json.error.message).toContain('save it as an Excel Workbook (.xlsx)');
    expect(xls.json.error.messageVi).toContain('Excel 97–2003 (.xls)');
    expect(xls.json.error.messageVi).toContain('Sổ làm việc Excel (.xlsx)');
    const html = await send(officer, 'bao-cao.xls', Buffer.from('<html><body><table><tr><td>Mã hệ thống</td></tr></table></body></html>'));
    expect(html.status).toBe(400);
    expect(html.json.error.messageVi).toContain('trang web');
    // An encrypted workbook is a compound file holding an EncryptionInfo stream.
    const locked = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(1024)]);
    const protectedBook = await send(officer, 'httt.xlsx', locked);
    expect(protectedBook.status).toBe(400);
    expect(protectedBook.json.error.messageVi).toContain('mật khẩu');
    const docx = await send(officer, 'httt.xlsx', readFileSync('tests/fixtures/samples/README.md'));
    expect(docx.status).toBe(400);
  });
});

describe('errors', () => {
  it('lists every bad cell with its row as the sheet numbers it, its column as written, in both languages, and writes nothing', async () => {
    const before = await counts();
    const file = await workbook([
      ...TITLE,
      ['Mã hệ thống', 'Tên hệ thống', 'Cơ quan chủ quản', 'Trạng thái', 'Ngày vận hành', 'Số người dùng nội bộ', 'Loại dữ liệu', 'PHỤC VỤ NỘI BỘ'],
      ['ERR-1', 'Hệ thống hợp lệ', 'Sở Y tế', 'Đang vận hành', '01/02/2024', '10', 'Dữ liệu cá nhân', 'Có'],
      ['ERR-2', 'Hệ thống lỗi', 'Sở Y tế', 'Đang chạy', '31/02/2024', 'nhiều', 'Bí mật quốc gia', 'Có lẽ'],
      ['ERR 3', 'HT', 'Sở Giáo dục và Đào tạo', '', '', '', '', ''],
      ['ERR-1', 'Trùng mã', 'Cơ quan không có', '', '', '', '', ''],
    ]);
    const res = await send(officer, 'httt.xlsx', file);
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.code).toBe('import_rows');
    expect(res.json.error.messageVi).toContain('3 dòng không hợp lệ');
    const details = res.json.error.details as { row: number; field: string; column: string; message: string; messageVi: string }[];
    expect(details.map((d) => [d.row, d.field, d.column])).toEqual([
      [6, 'status', 'Trạng thái'],
      [6, 'goLiveOn', 'Ngày vận hành'],
      [6, 'internalUsers', 'Số người dùng nội bộ'],
      [6, 'dataKinds', 'Loại dữ liệu'],
      [6, 'servesInternal', 'PHỤC VỤ NỘI BỘ'],
      [7, 'agency', 'Cơ quan chủ quản'],
      [8, 'code', 'Mã hệ thống'],
      [8, 'agency', 'Cơ quan chủ quản'],
    ]);
    const status = details.find((d) => d.field === 'status')!;
    expect(status.messageVi).toBe('Trạng thái: "Đang chạy" không thuộc các giá trị Đang lập kế hoạch, Đang xây dựng, Đang vận hành, Đã dừng');
    expect(status.message).toBe('Status: "Đang chạy" is not one of Planned, In development, In operation, Retired');
    expect(details.find((d) => d.field === 'goLiveOn')!.messageVi).toContain('dd/MM/yyyy');
    // Another agency's name is as unknown to the officer as a name that exists nowhere.
    expect(details.find((d) => d.row === 7)!.messageVi).toBe('Không tìm thấy cơ quan chủ quản "Sở Giáo dục và Đào tạo" trong các cơ quan bạn được xem');
    expect(details.find((d) => d.row === 8 && d.field === 'code')!.messageVi).toBe('Mã hệ thống trùng với dòng 5');
    expect(await counts()).toEqual(before);

    // The schema's limits, said for the column: a code with a space, a name too short.
    const limits = await send(
      officer,
      'httt.xlsx',
      await workbook([
        ['Mã hệ thống', 'Tên hệ thống', 'Cơ quan chủ quản'],
        ['ERR 4', 'HT', 'Sở Y tế'],
      ]),
    );
    expect(limits.status).toBe(422);
    expect(limits.json.error.details.map((d: { row: number; field: string; messageVi: string }) => [d.row, d.field, d.messageVi])).toEqual([
      [2, 'code', 'Mã hệ thống: chỉ gồm chữ không dấu, chữ số, dấu ".", "-" và "_"'],
      [2, 'name', 'Tên hệ thống: tối thiểu 3 ký tự'],
    ]);
  });

  it('says which header columns are missing when no row of the first 20 is a header', async () => {
    const res = await send(officer, 'httt.xlsx', await workbook([...TITLE, ['Mã hệ thống', 'Tên hệ thống', 'Đơn vị'], ['X-1', 'Hệ thống', 'Sở Y tế']]));
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('file');
    expect(res.json.error.messageVi).toBe(
      'Không tìm thấy dòng tiêu đề trong 20 dòng đầu: tệp cần có các cột "Mã hệ thống", "Tên hệ thống", ' +
        '"Cơ quan chủ quản"; dòng 4 thiếu cột "Cơ quan chủ quản"',
    );
  });

  it('counts only rows that hold something against the 5,000-row cap', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => odsRow([`CAP-${i}`, `Hệ thống số ${i}`, 'Sở Y tế']));
    const empty = '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';
    const over = odsPackage(ODS_HEAD + odsRow(['Mã hệ thống', 'Tên hệ thống', 'Cơ quan chủ quản']) + rows(5001).join('') + empty + ODS_TAIL);
    const refused = await send(officer, 'httt.ods', over);
    expect(refused.status).toBe(400);
    expect(refused.json.error.messageVi).toBe('Tối đa 5000 dòng mỗi tệp');
  });
});

describe("an officer's export, edited and imported back", () => {
  const HOSPITAL = 'Bệnh viện Đa khoa tỉnh Demo';
  const load = async (data: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    return wb;
  };
  /** The sheet's rows below the hidden code row, by the code in column A. */
  const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row, n) => {
      if (n > 4 && row.getCell(1).value === code) found = row;
    });
    expect(found, code).toBeDefined();
    return found!;
  };

  beforeAll(async () => {
    const agencies = (await admin.get('/api/agencies')).json as { id: number; name: string }[];
    const me = (await officer.get('/api/auth/me')).json;
    for (const [code, agencyId] of [
      ['RT-SYT-1', me.agencyId],
      ['RT-BV-1', agencies.find((a) => a.name === HOSPITAL)!.id],
    ] as const) {
      const res = await admin.post('/api/systems', {
        agencyId,
        code,
        name: `Hệ thống khứ hồi ${code}`,
        goLiveOn: '2024-02-01',
        internalUsers: 120,
        hosting: 'provincial_dc',
        dataKinds: ['personal'],
      });
      expect(res.status, res.text).toBe(201);
    }
  });

  it('exports typed cells under a Vietnamese header and a hidden row of codes, printable on A4', async () => {
    const res = await download(officer, '/api/systems/export?format=xlsx');
    const ws = (await load(res.data)).worksheets[0]!;
    expect(ws.name).toBe('Hệ thống thông tin');
    expect(String(ws.getCell('A1').value)).toBe('DANH MỤC HỆ THỐNG THÔNG TIN');
    expect(String(ws.getCell('A2').value)).toMatch(/^Phạm vi: Sở Y tế và các đơn vị trực thuộc — lập lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/);
    expect((ws.getRow(3).values as string[]).slice(1, 4)).toEqual(['Mã hệ thống', 'Tên hệ thống', 'Cơ quan chủ quản']);
    expect((ws.getRow(4).values as string[]).slice(1)).toEqual([
      'code',
      'name',
      'agency',
      'operator',
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
      'software',
    ]);
    expect(ws.getRow(4).hidden).toBe(true);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:4' });
    const row = rowOf(ws, 'RT-SYT-1');
    expect(row.getCell(3).value).toBe('Sở Y tế');
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Null); // no operating unit: empty, not ""
    expect(row.getCell(6).value).toBe('Đang vận hành');
    expect(row.getCell(7)).toMatchObject({ type: ExcelJS.ValueType.Date, numFmt: 'dd/mm/yyyy' });
    expect((row.getCell(7).value as Date).toISOString().slice(0, 10)).toBe('2024-02-01');
    expect(row.getCell(8).value).toBe('Trung tâm dữ liệu tỉnh');
    expect(row.getCell(10).value).toBe('Có');
    expect(row.getCell(13)).toMatchObject({ value: 120, type: ExcelJS.ValueType.Number });
    expect(row.getCell(14).type).toBe(ExcelJS.ValueType.Null);
    expect(row.getCell(15).value).toBe('Dữ liệu cá nhân');
    const shown = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    for (const code of ['in_operation', 'provincial_dc', 'personal', 'true', 'false']) expect(shown).not.toContain(code);
  });

  it("takes the officer's edits and skips, with the reason, the rows of the sub-units they only see", async () => {
    const wb = await load((await download(officer, '/api/systems/export?format=xlsx')).data);
    const ws = wb.worksheets[0]!;
    rowOf(ws, 'RT-SYT-1').getCell(2).value = 'Tên sửa bởi cán bộ';
    rowOf(ws, 'RT-SYT-1').getCell(13).value = 150;
    const hospital = rowOf(ws, 'RT-BV-1');
    hospital.getCell(2).value = 'Tên bệnh viện không được sửa';
    const subUnitRows: { row: number; code: string }[] = [];
    ws.eachRow((r, n) => {
      if (n > 4 && r.getCell(3).value !== 'Sở Y tế') subUnitRows.push({ row: n, code: String(r.getCell(1).value) });
    });
    const before = await counts();
    const res = await send(officer, 'he-thong-thong-tin.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ created: 0, updated: 1, skipped: subUnitRows.length, ignoredColumns: [] });
    expect(res.json.skippedRows.map((s: { row: number; code: string }) => ({ row: s.row, code: s.code }))).toEqual(subUnitRows);
    expect(res.json.skippedRows.find((s: { code: string }) => s.code === 'RT-BV-1')).toEqual({
      row: hospital.number,
      code: 'RT-BV-1',
      message: `You may read this system but not change it (owner: ${HOSPITAL}); the row was left out`,
      messageVi: `Bạn chỉ được xem, không được sửa hệ thống này (chủ quản: ${HOSPITAL}); dòng này không được nhập`,
    });
    expect(await system('RT-SYT-1')).toMatchObject({ name: 'Tên sửa bởi cán bộ', internalUsers: 150, goLiveOn: '2024-02-01', dataKinds: ['personal'] });
    expect((await system('RT-BV-1')).name).toBe('Hệ thống khứ hồi RT-BV-1');
    expect((await counts()).audit).toBe(before.audit + 1);
  });

  it('does the same with the CSV export, and in English when the officer reads English', async () => {
    const csv = (await download(officer, '/api/systems/export?format=csv')).data.toString('utf8');
    const edited = csv.replace('Tên sửa bởi cán bộ', 'Tên sửa qua CSV');
    expect(edited).not.toBe(csv);
    const res = await send(officer, 'he-thong-thong-tin.csv', Buffer.from(edited));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ created: 0, updated: 1 });
    expect(res.json.skipped).toBeGreaterThan(0);
    expect((await system('RT-SYT-1')).name).toBe('Tên sửa qua CSV');

    expect((await officer.request('PUT', '/api/auth/locale', { body: { locale: 'en' } })).status).toBe(204);
    try {
      const ws = (await load((await download(officer, '/api/systems/export?format=xlsx')).data)).worksheets[0]!;
      expect(ws.name).toBe('Information systems');
      expect(String(ws.getCell('A2').value)).toMatch(/^Scope: Sở Y tế and the units below it — made at \d\d:\d\d on \d\d\/\d\d\/\d{4} \(Vietnam time\)$/);
      expect((ws.getRow(3).values as string[]).slice(1, 3)).toEqual(['System code', 'System name']);
      const row = rowOf(ws, 'RT-SYT-1');
      expect([row.getCell(6).value, row.getCell(8).value, row.getCell(10).value, row.getCell(15).value]).toEqual([
        'In operation',
        'Provincial data centre',
        'Yes',
        'Personal data',
      ]);
      const csvEn = (await download(officer, '/api/systems/export?format=csv')).data.toString('utf8');
      expect(csvEn.split('\r\n')[0]).toMatch(/^\uFEFFSystem code,System name,Owner agency,/);
      const back = await send(officer, 'systems.xlsx', Buffer.from(await ws.workbook.xlsx.writeBuffer()));
      expect(back.status, back.text).toBe(200);
      expect(back.json).toMatchObject({ created: 0, updated: 0 });
    } finally {
      await officer.request('PUT', '/api/auth/locale', { body: { locale: 'vi' } });
    }
  });

  it("leaves another agency's systems untouchable: its code in the file is an error, and nothing is written", async () => {
    const wb = await load((await download(otherAgency, '/api/systems/export?format=xlsx')).data);
    const ws = wb.worksheets[0]!;
    const target = ws.getRow(5);
    const values = (target.values as ExcelJS.CellValue[]).slice();
    target.getCell(1).value = 'RT-SYT-1';
    target.getCell(2).value = 'Chiếm mã của Sở Y tế';
    ws.getRow(ws.rowCount + 1).values = values;
    const before = await counts();
    const res = await send(otherAgency, 'he-thong-thong-tin.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.details).toEqual([expect.objectContaining({ row: 5, field: 'code', messageVi: 'Mã hệ thống đã được cơ quan khác sử dụng' })]);
    expect(await counts()).toEqual(before);
    expect((await system('RT-SYT-1')).name).toBe('Tên sửa qua CSV');
  });
});

describe('round trip and template', () => {
  it("imports the demo province's own export back as it is, in XLSX and CSV, changing nothing", async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await download(admin, `/api/systems/export?format=${format}`);
      expect(exported.status).toBe(200);
      const before = await counts();
      const res = await send(admin, `he-thong-thong-tin.${format}`, exported.data);
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ created: 0, updated: 0, unchanged: before.systems, skipped: 0, skippedRows: [], ignoredColumns: [] });
      expect(await counts()).toEqual(before);
    }
    // The export speaks Vietnamese: labels, not codes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(admin, '/api/systems/export?format=xlsx')).data as unknown as ArrayBuffer);
    const statuses = wb.worksheets[0]!.getColumn(6).values.slice(2).map(String);
    expect(statuses).toContain('Đang vận hành');
    expect(statuses).not.toContain('in_operation');

    // One edited cell is one update, audited with what it was.
    const sheet = wb.worksheets[0]!;
    const row = sheet.getRow(5);
    const code = String(row.getCell(1).value);
    row.getCell(2).value = 'Tên đã sửa khi nhập lại';
    const edited = await send(admin, 'he-thong-thong-tin.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited.json).toMatchObject({ created: 0, updated: 1 });
    const { rows } = await t.database.db.execute(sql`select action, before->>'name' as was, after->>'name' as now from audit_log
      where entity = 'system' and after->>'code' = ${code} order by id desc limit 1`);
    expect(rows[0]).toMatchObject({ action: 'update', now: 'Tên đã sửa khi nhập lại' });
    expect((rows[0] as { was: string }).was).not.toBe('Tên đã sửa khi nhập lại');
    expect((await admin.get('/api/audit/verify')).json).toMatchObject({ ok: true });
  });

  it("gives a template with Vietnamese headers, drop-down lists, the caller's agencies, examples and instructions; filled in, it imports", async () => {
    expect((await download(viewer, '/api/systems/import-template')).status).toBe(403);
    const res = await download(officer, '/api/systems/import-template');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Nhập liệu', 'visible'],
      ['Danh mục', 'hidden'],
      ['Ví dụ', 'visible'],
      ['Hướng dẫn', 'visible'],
    ]);
    const sheet = wb.getWorksheet('Nhập liệu')!;
    const header = (sheet.getRow(3).values as string[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['Mã hệ thống *', 'Tên hệ thống *', 'Cơ quan chủ quản *', 'Đơn vị vận hành', 'Mục đích', 'Trạng thái', 'Ngày vận hành']);
    const lists = wb.getWorksheet('Danh mục')!;
    const listOf = (name: string) => {
      const col = (lists.getRow(1).values as string[]).indexOf(name);
      return (lists.getColumn(col).values as string[]).slice(2).filter(Boolean);
    };
    expect(listOf('Trạng thái')).toEqual(['Đang lập kế hoạch', 'Đang xây dựng', 'Đang vận hành', 'Đã dừng']);
    expect(listOf('Cơ quan chủ quản')).toEqual(['Sở Y tế']);
    expect(listOf('Đơn vị vận hành')).not.toContain('Sở Giáo dục và Đào tạo');
    // The drop-down of the status column (F) points at that list, on every data row.
    const xml = await (await JSZip.loadAsync(res.data)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('sqref="F4:F5003"><formula1>&apos;Danh mục&apos;!$A$2:$A$5</formula1>');
    // It prints as the exports do: A4, landscape (its columns are wide), one page wide, the header on every page.
    for (const [name, titles] of [
      ['Nhập liệu', '3:3'],
      ['Ví dụ', '3:3'],
      ['Hướng dẫn', '1:1'],
    ] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.pageSetup, name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: titles,
      });
      expect(ws.headerFooter.oddFooter, name).toBe('Trang &P/&N');
    }
    const guide = wb.getWorksheet('Hướng dẫn')!;
    expect(guide.getRow(7).values).toEqual(expect.arrayContaining(['Trạng thái', 'Đang lập kế hoạch; Đang xây dựng; Đang vận hành; Đã dừng', 'Status']));

    // The officer copies the examples into the sheet to fill in.
    const examples = wb.getWorksheet('Ví dụ')!;
    [4, 5].forEach((r) => {
      sheet.getRow(r).values = examples.getRow(r).values;
    });
    const filled = await send(officer, 'mau-nhap.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.status, filled.text).toBe(200);
    expect(filled.json).toMatchObject({ created: 2 });
    expect(await system('SYT-DVC')).toMatchObject({
      status: 'in_development',
      hosting: 'cloud',
      cloudProvider: 'Tên nhà cung cấp dịch vụ đám mây',
      servesPublic: true,
      publicUsers: 120000,
      onlinePublicService: 'full',
      dataKinds: ['public', 'personal'],
    });
  });
});
