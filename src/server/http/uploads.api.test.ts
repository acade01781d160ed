import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';
import { multipartWithFields } from '../../../tests/support/multipart-fields.ts';
import { initialReport } from '../../../tests/support/incident-report.ts';
import { deflatedRepeat, docxWithDocument, SHEET_HEAD, SHEET_TAIL, xlsxWithSheet } from '../../../tests/support/zip.ts';
import { odsPackage, ODS_HEAD, ODS_TAIL, odsRow } from '../../../tests/support/inventory.ts';
import { todayVn } from '../../shared/core/dates.ts';
import { PACKAGE_LIMITS } from './ooxml-package.ts';

/**
 * Issue 12: no signed-in user can exhaust the server with a small upload. Every hostile file is built here, sent over
 * real HTTP, and must be answered with a 4xx naming the field "file", write nothing, and leave the server serving.
 */

let t: TestApp;
let dataDir: string;
let server: Awaited<ReturnType<typeof listen>>;
let officer: HttpClient; // syt.canbo
let viewer: HttpClient; // lanhdao: read-only leadership
let ownAgency: number;
let ownSystem: number;
let scanSystem: number;

const MiB = 1024 * 1024;
const spaces = Buffer.alloc(MiB, 0x20);
const inlineCell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
/** One inline-string cell of `mb` MiB of spaces, deflated to about 1 kB per MiB. */
const hugeCell = (mb: number) => deflatedRepeat(`${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, spaces, mb, `</t></is></c></row>${SHEET_TAIL}`);

const send = (c: HttpClient, url: string, name: string, data: Buffer, fields: Record<string, string> = {}) => {
  const { payload, headers } = multipartWithFields(fields, name, data);
  return c.request('POST', url, { raw: payload, headers });
};

const counts = async () => {
  const { rows } = await t.database.db.execute(sql`select (select count(*) from systems)::int as systems, (select count(*) from files)::int as files,
    (select count(*) from scans)::int as scans, (select count(*) from findings)::int as findings, (select count(*) from audit_log)::int as audit`);
  return rows[0] as Record<string, number>;
};

/** The resident memory the call adds at its peak, sampled every 10 ms. */
async function peakGrowth<T>(call: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await call();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: Math.round((peak - before) / MiB) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A refusal: the error shape (with field "file" unless it is the caller who is refused), nothing written, and the
 * server still answering.
 */
async function expectRefused(call: () => Promise<{ status: number; json: any; text: string }>, status: number, message?: RegExp) {
  const before = await counts();
  const { result: res, growthMb } = await peakGrowth(call);
  expect(res.status, res.text).toBe(status);
  expect(res.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String), messageVi: expect.any(String) });
  expect(res.json.error.field).toBe(status === 403 ? undefined : 'file');
  if (message) expect(res.json.error.message).toMatch(message);
  expect(await counts()).toEqual(before);
  expect((await officer.get('/api/health')).status).toBe(200);
  // The request body is held (up to 20 MB) and a few caps' worth of parsing; never the unpacked or whole-parsed file.
  expect(growthMb).toBeLessThan(200);
  return res;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-uploads-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  server = await listen(t.app);
  [officer, viewer] = await Promise.all(['syt.canbo', 'lanhdao'].map((u) => server.login(u)));
  const me = (await officer.get('/api/auth/me')).json;
  ownAgency = me.agencyId;
  const own = (await officer.get(`/api/systems?agencyId=${ownAgency}&limit=500`)).json.items as {
    id: number;
    agencyId: number;
    proposedLevel: number | null;
  }[];
  ownSystem = own.find((s) => s.agencyId === ownAgency && s.proposedLevel)!.id;
  scanSystem = (await officer.post('/api/systems', { agencyId: ownAgency, code: 'UPL-SCAN', name: 'Hệ thống nhận báo cáo rà quét lớn' })).json.id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('inventory import (POST /api/systems/import)', () => {
  it('refuses an XLSX whose sheet declares 400 MB (one cell of spaces) before unpacking it', async () => {
    const bomb = xlsxWithSheet(hugeCell(400));
    expect(bomb.length).toBeLessThan(600_000);
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.xlsx', bomb), 413, /32 MB/);
  });

  it('refuses the same sheet when its headers lie about its size, as soon as it outgrows them', async () => {
    const liar = xlsxWithSheet(hugeCell(400), { 'xl/worksheets/sheet1.xml': 1024 });
    const res = await expectRefused(() => send(officer, '/api/systems/import', 'httt.xlsx', liar), 400);
    expect(res.json.error.code).toBe('bad_file');
  });

  it('refuses a viewer before reading the file, however hostile', async () => {
    const started = Date.now();
    const res = await expectRefused(() => send(viewer, '/api/systems/import', 'httt.xlsx', xlsxWithSheet(hugeCell(400))), 403);
    expect(res.json.error.code).toBe('forbidden');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers a viewer while the body is still being sent: the permission is checked before a byte is read', async () => {
    const boundary = '----khienunfinished';
    const cookie = [...viewer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const req = http.request(`${server.base}/api/systems/import`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': viewer.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10 * MiB) },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
    });
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="httt.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    req.write(Buffer.alloc(64 * 1024, 0x41));
    const res = await answered; // 10 MB announced, 64 kB sent, never ended
    req.destroy();
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden');
  });

  it('refuses a 1M-row CSV at the row cap without parsing the rest', async () => {
    const csv = Buffer.from(
      `Mã hệ thống (code),Tên hệ thống (name),Cơ quan chủ quản (agency)\n${Array.from({ length: 1_000_000 }, (_, i) => `X${i},n,a`).join('\n')}`,
    );
    expect(csv.length).toBeGreaterThan(10 * MiB);
    const started = Date.now();
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.csv', csv), 400, /At most 5000 rows/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a 1M-row XLSX by the size of its sheet', async () => {
    const rows = Buffer.from(`<row>${inlineCell('X')}${inlineCell('n')}${inlineCell('a')}</row>`.repeat(1000));
    const xlsx = xlsxWithSheet(
      deflatedRepeat(`${SHEET_HEAD}<row r="1">${inlineCell('code')}${inlineCell('name')}${inlineCell('agency')}</row>`, rows, 1000, SHEET_TAIL),
    );
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.xlsx', xlsx), 413);
  });

  it('stops streaming an XLSX at the row cap: a sheet just under the part cap with 550,000 rows', async () => {
    const lines = [
      `${SHEET_HEAD}<row r="1">${['code', 'name', 'agency'].map((k, i) => `<c r="${'ABC'[i]}1" t="inlineStr"><is><t>(${k})</t></is></c>`).join('')}</row>`,
    ];
    for (let r = 2; r <= 550_000; r++) lines.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    lines.push(SHEET_TAIL);
    const xml = Buffer.from(lines.join(''));
    expect(xml.length).toBeLessThan(PACKAGE_LIMITS.partBytes);
    const xlsx = xlsxWithSheet({ deflated: deflateRawSync(xml, { level: 1 }), size: xml.length, crc: crc32(xml) });
    const started = Date.now();
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.xlsx', xlsx), 400, /At most 5000 rows/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses 5,001 rows written by Excel tooling, and imports a workbook whose Vietnamese text spans many stream chunks intact', async () => {
    const sheet = async (n: number) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('HTTT');
      ws.addRow(['Mã hệ thống (code)', 'Tên hệ thống (name)', 'Cơ quan chủ quản (agency)', 'Mục đích (purpose)']);
      for (let i = 1; i <= n; i++)
        ws.addRow([`UPL-${i}`, `Hệ thống quản lý văn bản và điều hành số ${i}`, 'Sở Y tế', `Phục vụ người dân, doanh nghiệp tra cứu hồ sơ ${i}`]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    await expectRefused(async () => send(officer, '/api/systems/import', 'httt.xlsx', await sheet(5001)), 400, /At most 5000 rows/);
    const ok = await send(officer, '/api/systems/import', 'httt.xlsx', await sheet(400));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toEqual({ created: 400, updated: 0, unchanged: 0, skipped: 0, skippedRows: [], ignoredColumns: [] });
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from systems where code like 'UPL-%' and code <> 'UPL-SCAN'
      and name like 'Hệ thống quản lý văn bản và điều hành số %' and purpose like 'Phục vụ người dân, doanh nghiệp tra cứu hồ sơ %'`);
    expect(rows[0]).toEqual({ n: 400 });
  });
});

describe('inventory import of OpenDocument spreadsheets', () => {
  const header = odsRow(['Mã hệ thống', 'Tên hệ thống', 'Cơ quan chủ quản']);

  it('refuses an .ods whose content.xml declares 400 MB before unpacking it', async () => {
    const bomb = odsPackage(
      deflatedRepeat(
        `${ODS_HEAD}${header}<table:table-row><table:table-cell><text:p>`,
        spaces,
        400,
        `</text:p></table:table-cell></table:table-row>${ODS_TAIL}`,
      ),
    );
    expect(bomb.length).toBeLessThan(600_000);
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.ods', bomb), 413, /32 MB/);
  });

  it('stops at the row cap when one row element repeats a system 1,048,576 times', async () => {
    const repeated = `<table:table-row table:number-rows-repeated="1048576">${odsRow(['ODS-X', 'Hệ thống lặp', 'Sở Y tế']).slice('<table:table-row>'.length)}`;
    const started = Date.now();
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.ods', odsPackage(ODS_HEAD + header + repeated + ODS_TAIL)), 400, /At most 5000 rows/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads a row of 16,384 repeated cells without building them, and a sheet of a million empty rows quickly', async () => {
    const wide = `<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>`;
    const empty = '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
    const started = Date.now();
    const { result, growthMb } = await peakGrowth(() =>
      send(
        officer,
        '/api/systems/import',
        'httt.ods',
        odsPackage(ODS_HEAD + header + wide + odsRow(['ODS-WIDE', 'Hệ thống sau hàng rộng', 'Sở Y tế']) + empty + ODS_TAIL),
      ),
    );
    expect(result.status, result.text).toBe(422); // the wide row is a row of "x", whose owner is no agency; row 3 is sound
    expect(result.json.error.details.map((d: { row: number; field: string }) => [d.row, d.field])).toEqual([[2, 'agency']]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(growthMb).toBeLessThan(200);
  });

  it('refuses a DTD or entity declarations inside the sheet', async () => {
    const laughs = `<table:table-row><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><table:table-cell><text:p>&a;</text:p></table:table-cell></table:table-row>`;
    const res = await expectRefused(() => send(officer, '/api/systems/import', 'httt.ods', odsPackage(ODS_HEAD + header + laughs + ODS_TAIL)), 400);
    expect(res.json.error.messageVi).toBe('Tệp bảng tính bị hỏng hoặc có dòng, ô quá lớn so với một danh mục');
  });

  it('refuses a cell that spins 69 kB of XML into 3 million spaces, and a row element of 30 MB', async () => {
    const spin = Buffer.from('<text:s text:c="1000"/>'.repeat(1000));
    const spaces1000 = odsPackage(
      deflatedRepeat(`${ODS_HEAD}${header}<table:table-row><table:table-cell><text:p>`, spin, 3, `</text:p></table:table-cell></table:table-row>${ODS_TAIL}`),
    );
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.ods', spaces1000), 400, /too large/);
    const wide = odsPackage(
      deflatedRepeat(`${ODS_HEAD}${header}<table:table-row>`, Buffer.from('<table:table-cell/>'.repeat(1000)), 1500, `</table:table-row>${ODS_TAIL}`),
    );
    const started = Date.now();
    await expectRefused(() => send(officer, '/api/systems/import', 'httt.ods', wide), 400, /too large/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('scanner reports (POST /api/systems/:id/scans/import)', () => {
  /** A Greenbone XML report with `n` results, each a distinct CVE on one of 200 hosts. */
  function openvasReport(n: number) {
    const results = Array.from(
      { length: n },
      (_, i) =>
        `<result id="r-${i}"><name>Lỗ hổng thử nghiệm số ${i}</name><host>10.30.${i % 200}.1</host>` +
        `<port>443/tcp</port><nvt oid="1.3.6.1.4.1.25623.1.0.${900000 + i}"><name>Lỗ hổng thử nghiệm số ${i}</name><cvss_base>7.5</cvss_base>` +
        `<solution type="VendorFix">Cập nhật lên phiên bản mới nhất.</solution><refs><ref type="cve" id="CVE-2024-${100000 + i}"/></refs></nvt>` +
        `<threat>High</threat><severity>7.5</severity><description>Installed version: 1.0 Fixed version: 1.1</description></result>`,
    );
    return Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><report id="big"><report id="big"><gmp><version>22.4</version></gmp>` +
        `<task><name>Rà quét toàn bộ</name></task><scan_start>2026-10-12T01:30:17Z</scan_start><results>${results.join('')}</results></report></report>`,
    );
  }

  it('imports a 40,000-result OpenVAS report (18 MB) with every finding', async () => {
    const xml = openvasReport(40_000);
    expect(xml.length).toBeGreaterThan(17 * MiB);
    expect(xml.length).toBeLessThan(t.config.maxUploadBytes);
    const { result: res, growthMb } = await peakGrowth(() =>
      send(officer, `/api/systems/${scanSystem}/scans/import`, 'lon.xml', xml, { scannedOn: todayVn() }),
    );
    expect(res.status, res.text.slice(0, 500)).toBe(201);
    expect(res.json).toMatchObject({ created: 40_000, closed: 0, scan: { reported: 40_000, opened: 40_000 } });
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from findings where system_id = ${scanSystem}`);
    expect(rows[0]).toEqual({ n: 40_000 });
    expect(growthMb).toBeLessThan(600);
  });

  it('refuses a 1M-row CSV report at the row cap', async () => {
    const csv = Buffer.from(`host,title,cvss\n${Array.from({ length: 1_000_000 }, (_, i) => `h${i % 10},t,7`).join('\n')}`);
    const started = Date.now();
    const res = await expectRefused(
      () => send(officer, `/api/systems/${scanSystem}/scans/import`, 'lon.csv', csv, { scannedOn: todayVn() }),
      400,
      /At most 50000 rows/,
    );
    expect(res.json.error.code).toBe('bad_file');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses entity declarations anywhere in the XML, not only near the start', async () => {
    const late = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><!--${'x'.repeat(5000)}--><!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]><report><results/></report>`,
    );
    await expectRefused(() => send(officer, `/api/systems/${scanSystem}/scans/import`, 'dtd.xml', late, { scannedOn: todayVn() }), 400, /DTD/);
  });

  it('never fetches the external DTD a report names: the DOCTYPE is dropped and the report read', async () => {
    const named = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><!--${'x'.repeat(5000)}--><!DOCTYPE report SYSTEM "http://127.0.0.1:9/r.dtd"><report><scan_start>2026-11-30T01:00:00Z</scan_start><results/></report>`,
    );
    const res = await send(officer, `/api/systems/${scanSystem}/scans/import`, 'named.xml', named, { scannedOn: todayVn() });
    expect(res.status, res.text).toBe(201);
    expect(res.json.created).toBe(0);
  });

  it('refuses a viewer before reading the report', async () => {
    await expectRefused(() => send(viewer, `/api/systems/${scanSystem}/scans/import`, 'lon.xml', xlsxWithSheet(hugeCell(400))), 403);
  });
});

describe('attachments: zip-bomb DOCX refused on every route', () => {
  const bomb = () =>
    docxWithDocument(
      deflatedRepeat(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
        spaces,
        400,
        '</w:t></w:r></w:p></w:body></w:document>',
      ),
    );
  const genuine = docxWithDocument(
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Biên bản kiểm tra</w:t></w:r></w:p></w:body></w:document>',
  );

  const targets: [string, () => Promise<string>][] = [
    [
      'requirement evidence',
      async () => {
        const requirement = (await officer.get(`/api/systems/${ownSystem}/requirements`)).json.items[0].requirementId;
        return `/api/systems/${ownSystem}/requirements/${requirement}/evidence`;
      },
    ],
    [
      'incident evidence',
      async () => {
        const incident = await officer.post(
          '/api/incidents',
          initialReport(ownAgency, [ownSystem], { title: 'Sự cố thử tệp đính kèm', description: 'Sự cố để kiểm tra tệp đính kèm độc hại.' }),
        );
        expect(incident.status, incident.text).toBe(201);
        return `/api/incidents/${incident.json.id}/evidence`;
      },
    ],
    [
      'response plan file',
      async () => {
        const plan = await officer.post('/api/response-plans', {
          systemId: ownSystem,
          kind: 'plan',
          title: 'Phương án thử tệp',
          version: '1.0',
          issuedOn: todayVn(),
        });
        expect(plan.status, plan.text).toBe(201);
        return `/api/response-plans/${plan.json.id}/file`;
      },
    ],
  ];

  it.each(targets)('%s: the bomb is refused, a genuine DOCX is stored', async (_label, url) => {
    const at = await url();
    await expectRefused(() => send(officer, at, 'bien-ban.docx', bomb()), 413);
    const ok = await send(officer, at, 'bien-ban.docx', genuine);
    expect([200, 201], ok.text).toContain(ok.status);
  });

  it('refuses a DOCX whose headers lie about what it unpacks to', async () => {
    const liar = docxWithDocument(deflatedRepeat('<w:document><w:body><w:p><w:r><w:t>', spaces, 400, '</w:t></w:r></w:p></w:body></w:document>'), {
      'word/document.xml': 100,
    });
    const [, url] = targets[0]!;
    await expectRefused(async () => send(officer, await url(), 'bien-ban.docx', liar), 400);
  });
});
