import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { uploadWithFields } from '../../../../tests/support/multipart-fields.ts';
import { PDF } from '../../../../tests/support/upload.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/warnings/remediation.ts';

const XML = readFileSync('tests/fixtures/openvas-report.xml');
const CSV = readFileSync('tests/fixtures/scan-findings.csv');

let t: TestApp;
let officer: Client; // syt.canbo
let attt: Client;
let other: Client; // sgd.canbo
let viewer: Client;
let systemId: number;
const today = todayVn();

type F = {
  id: number;
  host: string;
  port: string;
  cveIds: string[];
  pluginId: string | null;
  title: string;
  severity: string;
  status: string;
  firstSeenOn: string;
  lastSeenOn: string;
  closedOn: string | null;
};

const counts = async () => {
  const { rows } = await t.database.db.execute(sql`select (select count(*) from scans)::int as scans, (select count(*) from findings)::int as findings,
    (select count(*) from scan_findings)::int as links, (select count(*) from audit_log)::int as audit`);
  return rows[0];
};
const importReport = (c: Client, name: string, data: Buffer, fields: Record<string, string> = {}, id = systemId) =>
  uploadWithFields(c, `/api/systems/${id}/scans/import`, fields, name, data);
const findingsOf = async (status = 'all') => (await officer.get(`/api/systems/${systemId}/findings?status=${status}`)).json() as F[];
const byTitle = (list: F[], part: string) => list.find((f) => f.title.includes(part))!;
const byCve = (list: F[], cve: string) => list.find((f) => f.cveIds.includes(cve))!;

beforeAll(async () => {
  t = await startTestApp();
  [officer, attt, other, viewer] = await Promise.all(['syt.canbo', 'attt', 'sgd.canbo', 'lanhdao'].map((u) => t.login(u)));
  const res = await officer.post('/api/systems', { agencyId: officer.me.agencyId, code: 'SCAN-HSCB', name: 'Hệ thống rà quét thử' });
  systemId = res.json().id;
});
afterAll(async () => {
  await t?.close();
});

async function newSystem(code: string) {
  const res = await officer.post('/api/systems', { agencyId: officer.me.agencyId, code, name: `Hệ thống ${code}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('importing scanner reports', () => {
  it('reads an OpenVAS report: its date, tool, task and hosts; log results left out; one finding per identity', async () => {
    const res = await importReport(officer, 'hscb.xml', XML);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ created: 4, seenAgain: 0, closed: 0, reopened: 0 });
    expect(body.scan).toMatchObject({
      scannedOn: '2026-10-12',
      tool: 'OpenVAS / Greenbone (GMP 22.4)',
      scope: 'Rà quét HSCB Sở Y tế',
      source: 'openvas',
      fileName: 'hscb.xml',
      reported: 4,
      opened: 4,
      closed: 0,
    });
    expect(body.scan.hosts.sort()).toEqual(['10.20.5.11', '10.20.5.12', '10.20.5.13']);
    const list = await findingsOf();
    expect(list).toHaveLength(4);
    // The two sightings of CVE-2023-44487 on 10.20.5.11:443 are one finding, at the worse severity.
    expect(byTitle(list, 'nginx HTTP/2')).toMatchObject({ host: '10.20.5.11', port: '443/tcp', cveIds: ['CVE-2023-44487'], severity: 'high' });
    expect(byTitle(list, 'Weak Cipher')).toMatchObject({ pluginId: '1.3.6.1.4.1.25623.1.0.103440', severity: 'medium' });
    expect(list.map((f) => f.severity)).toEqual(['high', 'high', 'medium', 'low']);
    const detail = (await officer.get(`/api/scans/${body.scan.id}`)).json();
    expect(detail.findings).toHaveLength(4);
  });

  it('deduplicates a rescan: same findings, first seen kept, last seen moved', async () => {
    const day = addDays(today, -5);
    const res = await importReport(officer, 'hscb-2.xml', XML, { scannedOn: day });
    expect(res.json()).toMatchObject({ created: 0, seenAgain: 4, closed: 0 });
    const list = await findingsOf();
    expect(list).toHaveLength(4);
    expect(list.every((f) => f.firstSeenOn === '2026-10-12' && f.lastSeenOn === day && f.status === 'open')).toBe(true);
  });

  it('merges a CSV from another tool by CVE, and closes what a later scan of the same hosts no longer reports', async () => {
    const res = await importReport(attt, 'nessus.csv', CSV, {
      scannedOn: today,
      tool: 'Nessus Professional',
      hosts: '10.20.5.11, 10.20.5.12',
      performedBy: 'Công an tỉnh',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 1, seenAgain: 2, closed: 2 });
    expect(res.json().scan).toMatchObject({ tool: 'Nessus Professional', source: 'csv', performedBy: 'Công an tỉnh', reported: 3, opened: 1, closed: 2 });
    const list = await findingsOf();
    expect(list).toHaveLength(5);
    expect(byTitle(list, 'Weak Cipher')).toMatchObject({ status: 'fixed', closedOn: today });
    expect(byTitle(list, 'TCP Timestamps')).toMatchObject({ status: 'fixed', closedByScan: true });
    expect(byCve(list, 'CVE-2023-44487')).toMatchObject({
      status: 'open',
      lastSeenOn: today,
      firstSeenOn: '2026-10-12',
      title: 'HTTP/2 Rapid Reset (CVE-2023-44487)',
    });
    expect(byTitle(list, 'SSH')).toMatchObject({ status: 'open', port: '22/tcp', severity: 'medium', firstSeenOn: today });
    expect((await findingsOf('open')).map((f) => f.status)).toEqual(['open', 'open', 'open']);
  });

  it('lets an older report neither close nor reopen, only move first seen back', async () => {
    const res = await importReport(officer, 'old.xml', XML, { scannedOn: '2026-09-01' });
    expect(res.json()).toMatchObject({ created: 0, seenAgain: 4, reopened: 0, closed: 0 });
    const list = await findingsOf();
    expect(byTitle(list, 'Weak Cipher')).toMatchObject({ status: 'fixed', firstSeenOn: '2026-09-01' });
    expect(byCve(list, 'CVE-2023-44487')).toMatchObject({ status: 'open', firstSeenOn: '2026-09-01', lastSeenOn: today });
  });

  it('reopens a closed finding that a newer scan reports again', async () => {
    const res = await importReport(officer, 'again.xml', XML, { scannedOn: today });
    expect(res.json()).toMatchObject({ reopened: 2, closed: 1 }); // SSH is not in the OpenVAS report
    expect(byTitle(await findingsOf(), 'Weak Cipher')).toMatchObject({ status: 'open', closedOn: null });
  });

  it('counts a scan recorded by hand for the 6-month rule, without touching findings', async () => {
    const before = await findingsOf();
    const res = await officer.post(`/api/systems/${systemId}/scans`, {
      scannedOn: today,
      tool: 'Nmap + Nikto',
      scope: 'Cổng dịch vụ công bố',
      performedBy: 'Tổ CNTT',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'manual', reported: 0 });
    expect(await findingsOf()).toEqual(before);
    const security = (await officer.get(`/api/systems/${systemId}/security`)).json();
    expect(security).toMatchObject({ lastScanOn: today, scannedWithin6Months: true, scanOverdue: false, can: { record: true } });
    expect(security.openFindings).toEqual({ critical: 0, high: 2, medium: 1, low: 1 });
    const scans = (await officer.get(`/api/systems/${systemId}/scans`)).json();
    expect(scans).toHaveLength(6);
    expect(scans[0].scannedOn >= scans[scans.length - 1].scannedOn).toBe(true);
  });
});

describe('reports from other tools and encodings', () => {
  it('recognises the format from the content, whatever the file is called', async () => {
    const nessus = readFileSync('tests/fixtures/samples/scans/nessus/nessus_with_cvssv3.nessus');
    const res = await importReport(officer, 'export.bin', nessus, {}, await newSystem('SCAN-NESSUS'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 25, scan: { source: 'nessus', tool: 'Nessus', scannedOn: '2022-03-23' } });
    const trivy = await importReport(
      officer,
      'trivy.json',
      readFileSync('tests/fixtures/samples/scans/trivy/scheme_2_many_vulns.json'),
      { scannedOn: addDays(today, -1) },
      await newSystem('SCAN-TRIVY'),
    );
    expect(trivy.statusCode, trivy.body).toBe(201);
    expect(trivy.json()).toMatchObject({ created: 5, scan: { source: 'trivy', hosts: ['teamdojo:latest'] } });
  });

  it('reads UTF-16 and Windows-1258 files instead of refusing them', async () => {
    const id = await newSystem('SCAN-ENC');
    const utf16 = await importReport(officer, 'utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(XML.toString('utf8'), 'utf16le')]), {}, id);
    expect(utf16.statusCode, utf16.body).toBe(201);
    expect(utf16.json().created).toBe(4);
    // "Lỗ hổng" in Windows-1258: L, ô, combining tilde (0xDE), space, h, ô, combining hook above (0xD2), ng.
    const cp1258 = Buffer.from([
      ...Buffer.from('host;title;severity\r\n10.0.0.9;L'),
      0xf4,
      0xde,
      ...Buffer.from(' h'),
      0xf4,
      0xd2,
      ...Buffer.from('ng;cao\r\n'),
    ]);
    const csv = await importReport(officer, 'vn.csv', cp1258, { scannedOn: today }, id);
    expect(csv.statusCode, csv.body).toBe(201);
    const list = (await officer.get(`/api/systems/${id}/findings?status=all`)).json() as F[];
    expect(list.map((f) => f.title)).toContain('Lỗ hổng');
  });

  it('recognises an OpenVAS 8 finding ("http (80/tcp)") in a later scan that writes "80/tcp"', async () => {
    const id = await newSystem('SCAN-PORTS');
    const old = Buffer.from('host,port,title,severity,plugin\n10.0.0.7,http (80/tcp),Apache outdated,high,1.3.6.1.4.1.25623.1.0.1\n');
    expect((await importReport(officer, 'old.csv', old, { scannedOn: addDays(today, -30) }, id)).json().created).toBe(1);
    const next = Buffer.from('host,port,title,severity,plugin\n10.0.0.7,80/tcp,Apache outdated,high,1.3.6.1.4.1.25623.1.0.1\n');
    expect((await importReport(officer, 'new.csv', next, { scannedOn: today }, id)).json()).toMatchObject({ created: 0, seenAgain: 1 });
  });
});

describe('bad files: a clear 4xx and nothing written', () => {
  const half = XML.subarray(0, Math.floor(XML.length / 2));
  const cases: [string, string, () => Buffer, number, RegExp][] = [
    ['malformed XML', 'cut.xml', () => half, 400, /line \d+/],
    [
      'XML with entity declarations',
      'bomb.xml',
      () => Buffer.from('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><report>&b;</report>'),
      400,
      /DTD|entity/i,
    ],
    [
      'XML that is not a scan report',
      'other.xml',
      () => Buffer.from('<?xml version="1.0"?><invoice><total>5</total></invoice>'),
      400,
      /<invoice>.*not a scanner report.*Accepted formats/,
    ],
    [
      'XML declaring an encoding Khiên does not read',
      'sjis.xml',
      () =>
        Buffer.from(
          XML.toString('utf8')
            .replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
            .replace(/[^\p{ASCII}]/gu, 'a'),
        ),
      400,
      /Shift_JIS/,
    ],
    ['a CSV with an unclosed quote', 'quote.csv', () => Buffer.from('host,title,severity\n10.0.0.1,"Lỗ hổng,cao\n'), 400, /line/],
    ['a CSV without the needed columns', 'cols.csv', () => Buffer.from('ip address,whatever\n10.0.0.1,x\n'), 400, /Missing column/],
    ['a PDF', 'report.pdf', () => PDF, 400, /not a (text file|scanner report)/],
  ];
  it.each(cases)('refuses %s', async (_label, name, data, status, message) => {
    const before = await counts();
    const res = await importReport(officer, name, data());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe('bad_file');
    expect(res.json().error.message).toMatch(message);
    expect(res.json().error.messageVi).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it('refuses a CSV with bad rows as a whole, listing each', async () => {
    const before = await counts();
    const csv = Buffer.from(
      'host,port,cve,severity,cvss,title\n10.20.5.11,443,CVE-2024-0001,high,7.5,Tốt\n10.20.5.11,443,,,12,CVSS quá lớn\n,80,,low,,Thiếu máy chủ\n10.20.5.11,80,,rất tệ,,Mức độ lạ\n',
    );
    const res = await importReport(officer, 'rows.csv', csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { row: number; field: string }) => [d.row, d.field])).toEqual([
      [3, 'cvss'],
      [4, 'host'],
      [5, 'severity'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the upload limit with 413', async () => {
    const before = await counts();
    const huge = Buffer.concat([XML, Buffer.alloc(t.config.maxUploadBytes + 1024, 0x20)]);
    const res = await importReport(officer, 'huge.xml', huge);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('file_too_large');
    expect(await counts()).toEqual(before);
  });

  it('refuses empty files, future dates and bad fields', async () => {
    const before = await counts();
    expect((await importReport(officer, 'empty.xml', Buffer.alloc(0))).statusCode).toBe(400);
    const future = await importReport(officer, 'x.xml', XML, { scannedOn: addDays(today, 2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe('scannedOn');
    const bad = await importReport(officer, 'x.xml', XML, { scannedOn: '12/10/2026' });
    expect(bad.json().error.field).toBe('scannedOn');
    const csvNoDate = await importReport(officer, 'x.csv', CSV);
    expect(csvNoDate.statusCode).toBe(400);
    expect(csvNoDate.json().error.field).toBe('scannedOn');
    expect((await officer.post(`/api/systems/${systemId}/scans`, { scannedOn: addDays(today, 1), tool: 'Nmap' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('scope', () => {
  it("hides another agency's scans and refuses its imports as not found", async () => {
    const before = await counts();
    expect((await importReport(other, 'hscb.xml', XML)).statusCode).toBe(404);
    expect((await other.post(`/api/systems/${systemId}/scans`, { scannedOn: today, tool: 'Nmap' })).statusCode).toBe(404);
    expect((await other.get(`/api/systems/${systemId}/scans`)).statusCode).toBe(404);
    expect((await other.get(`/api/systems/${systemId}/findings`)).statusCode).toBe(404);
    expect((await other.get(`/api/systems/${systemId}/security`)).statusCode).toBe(404);
    const scanId = (await officer.get(`/api/systems/${systemId}/scans`)).json()[0].id;
    expect((await other.get(`/api/scans/${scanId}`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('lets leadership read but not record', async () => {
    expect((await viewer.get(`/api/systems/${systemId}/findings`)).statusCode).toBe(200);
    expect((await viewer.get(`/api/systems/${systemId}/security`)).json().can.record).toBe(false);
    expect((await importReport(viewer, 'hscb.xml', XML)).statusCode).toBe(403);
  });
});
