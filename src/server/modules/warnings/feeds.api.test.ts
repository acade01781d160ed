/**
 * Importing each real feed sample over HTTP: the warnings it gives, their provenance, the systems they hit, and the
 * CISA KEV catalog marking CVEs "known exploited" on warnings, items and findings recorded before or after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { multipart } from '../../../../tests/support/upload.ts';
import { multipartWithFields } from '../../../../tests/support/multipart-fields.ts';
import { todayVn } from '../../../shared/core/dates.ts';

let t: TestApp;
let attt: HttpClient;
let officer: HttpClient;
let syt: number;

const sample = (name: string) => readFileSync(`tests/fixtures/samples/feeds/${name}`);
const send = (c: HttpClient, name: string, data: Buffer) => {
  const { payload, headers } = multipart(name, data);
  return c.request('POST', '/api/warnings/import', { raw: payload, headers });
};
const count = async (table: string) => {
  const { rows } = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (rows[0] as { n: number }).n;
};
type Detail = {
  id: number;
  number: string;
  products: unknown[];
  items: { systemId: number; matchedSoftware: { certainty: string }[]; knownExploited: boolean }[];
  provenance: { feed: string; feedId: string; fetchedAt: string } | null;
  knownExploited: string[];
  exploited: { cveId: string; dueDate: string | null }[];
};
const warningByNumber = async (source: string, number: string): Promise<Detail> => {
  const list = (await attt.get(`/api/warnings?q=${encodeURIComponent(number)}&limit=50`)).json.items as { id: number; source: string; number: string }[];
  const hit = list.find((w) => w.source === source && w.number === number);
  expect(hit, `${source} ${number}`).toBeDefined();
  return (await attt.get(`/api/warnings/${hit!.id}`)).json;
};

async function system(code: string, software: { vendor?: string; product: string; version?: string; cpe?: string }[]) {
  const res = await officer.post('/api/systems', { agencyId: syt, code, name: `Hệ thống ${code}`, status: 'in_operation' });
  expect(res.status, res.text).toBe(201);
  expect((await officer.request('PUT', `/api/systems/${res.json.id}/software`, { body: software })).status).toBe(200);
  return res.json.id as number;
}

beforeAll(async () => {
  t = await startTestApp();
  const http = await listen(t.app);
  [attt, officer] = await Promise.all(['attt', 'syt.canbo'].map((u) => http.login(u)));
  syt = ((await attt.get('/api/agencies')).json as { id: number; name: string }[]).find((a) => a.name === 'Sở Y tế')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('the KEV catalog marks known exploited CVEs wherever they appear', () => {
  it('marks a warning, its items and a scan finding recorded before the catalog came', async () => {
    const id = await system('F-SR-OLD', [{ vendor: 'Citrix', product: 'Session Recording', version: '2311' }]);
    const w = await attt.post('/api/warnings', {
      source: 'NCSC',
      number: 'KEV-MARK-1',
      issuedOn: todayVn(),
      title: 'Lỗ hổng trong Citrix Session Recording',
      severity: 'high',
      cveIds: ['CVE-2024-8069', 'CVE-2099-0001'],
      products: [{ vendor: 'Citrix', product: 'Session Recording', versionRange: '<2407' }],
    });
    expect(w.status, w.text).toBe(201);
    const scan = multipartWithFields(
      { scannedOn: todayVn() },
      'scan.csv',
      Buffer.from('host,port,cve,severity,title\n10.20.0.7,443,CVE-2024-8069,high,Citrix Session Recording RCE\n10.20.0.7,80,CVE-2099-0002,low,Other\n'),
    );
    const scanned = await officer.request('POST', `/api/systems/${id}/scans/import`, { raw: scan.payload, headers: scan.headers });
    expect(scanned.status, scanned.text).toBe(201);
    const findings = async () =>
      ((await officer.get(`/api/systems/${id}/findings`)).json as { cveIds: string[]; knownExploited: boolean }[])
        .map((f) => [f.cveIds[0], f.knownExploited])
        .sort();
    expect(await findings()).toEqual([
      ['CVE-2024-8069', false],
      ['CVE-2099-0002', false],
    ]);
    expect((await attt.get(`/api/warnings/${w.json.id}`)).json.knownExploited).toEqual([]);

    const csv = await send(attt, 'known_exploited_vulnerabilities.csv', sample('kev-first20.csv'));
    expect(csv.status, csv.text).toBe(200);
    // Two catalog entries name Citrix Session Recording (CVE-2024-8068, CVE-2024-8069): one item each for this system.
    expect(csv.json).toEqual({ format: 'kev_csv', created: 20, skipped: 0, ignored: 0, items: 2, knownExploited: 20 });
    expect(await count('known_exploited_cves')).toBe(20);

    expect(await findings()).toEqual([
      ['CVE-2024-8069', true],
      ['CVE-2099-0002', false],
    ]);
    const detail = (await attt.get(`/api/warnings/${w.json.id}`)).json as Detail;
    expect(detail.knownExploited).toEqual(['CVE-2024-8069']);
    expect(detail.exploited).toEqual([{ cveId: 'CVE-2024-8069', dateAdded: '2025-08-25', dueDate: '2025-09-15', knownRansomware: false }]);
    expect(detail.provenance).toBeNull();
    expect(detail.items.length).toBeGreaterThan(0);
    expect(detail.items.every((i) => i.knownExploited)).toBe(true);
    const own = (await officer.get(`/api/remediation-items?warningId=${w.json.id}`)).json.items as { knownExploited: boolean }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((i) => i.knownExploited)).toBe(true);

    // The catalog's own warning for CVE-2024-8068: the catalog names no version, so the entry is hit whatever its version.
    const recording = await warningByNumber('CISA KEV', 'CVE-2024-8068');
    expect(recording.provenance).toMatchObject({ feed: 'kev_csv', feedId: 'CVE-2024-8068' });
    expect(recording.knownExploited).toEqual(['CVE-2024-8068']);
    expect(recording.items.map((i) => [i.systemId, i.matchedSoftware[0]!.certainty, i.knownExploited])).toEqual([[id, 'all_versions', true]]);
  });
});

describe('importing the real feed samples', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {
      netscaler: await system('F-NETSCALER', [{ vendor: 'Citrix', product: 'NetScaler ADC', version: '13.1 Build 48.47' }]),
      exchange21: await system('F-EXCH-CU21', [{ vendor: 'Microsoft', product: 'Exchange Server', version: '2016 CU21' }]),
      exchange19: await system('F-EXCH-CU19', [{ vendor: 'Microsoft', product: 'Exchange Server', version: '2016 CU19' }]),
      ivanti: await system('F-IVANTI', [{ vendor: 'Ivanti', product: 'Connect Secure', version: '22.6R2' }]),
      converter: await system('F-CSAF', [{ vendor: 'CSAF Tools', product: 'CVRF-CSAF-Converter', version: '1.0.0-rc1' }]),
      converterFixed: await system('F-CSAF-OK', [{ vendor: 'CSAF Tools', product: 'CVRF-CSAF-Converter', version: '1.0.0-rc2' }]),
      log4j: await system('F-LOG4J', [{ vendor: 'Apache', product: 'Log4j', version: '2.14.1' }]),
    };
  });

  it('imports the NVD page: 7 warnings with all 98 products, NetScaler 13.1-48.47 hit, Exchange 2016 CU21 not', async () => {
    const before = await count('audit_log');
    const res = await send(attt, 'nvdcve-2.0.json', sample('nvd-cve-api-2.0-sample.json'));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ format: 'nvd_json', created: 7, skipped: 0, ignored: 0, knownExploited: 0 });
    expect(await count('audit_log')).toBe(before + 1);
    const citrix = await warningByNumber('NVD', 'CVE-2023-4966');
    expect(citrix.products).toHaveLength(6);
    expect(citrix.provenance).toMatchObject({ feed: 'nvd_json', feedId: 'CVE-2023-4966' });
    expect(Date.now() - Date.parse(citrix.provenance!.fetchedAt)).toBeLessThan(60_000);
    expect(citrix.items.map((i) => [i.systemId, i.matchedSoftware[0]!.certainty])).toEqual([[ids.netscaler, 'in_range']]);
    const exchange = await warningByNumber('NVD', 'CVE-2021-26855');
    expect(exchange.products).toHaveLength(24);
    const hit = exchange.items.map((i) => i.systemId);
    expect(hit).toContain(ids.exchange19);
    expect(hit).not.toContain(ids.exchange21);
    expect((await warningByNumber('NVD', 'CVE-2023-46805')).items.map((i) => i.systemId)).toEqual([ids.ivanti]);
  });

  it('imports the CSAF advisory: one warning, five products, the affected release hit and the fixed one not', async () => {
    const res = await send(attt, 'advisory.json', sample('csaf-bsi-2022-0001.json'));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ format: 'csaf_json', created: 1, items: 1 });
    const w = await warningByNumber('Bundesamt für Sicherheit in der Informationstechnik', 'BSI-2022-0001');
    expect(w.products).toHaveLength(5);
    expect(w.provenance).toMatchObject({ feed: 'csaf_json', feedId: 'BSI-2022-0001' });
    expect(w.items.map((i) => i.systemId)).toEqual([ids.converter]);
  });

  it('imports the OSV advisory: log4j-core by its Maven name hits the Apache Log4j 2.14.1 entry', async () => {
    const res = await send(attt, 'GHSA.json', sample('osv-GHSA-jfh8-c2jp-5v3q.json'));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ format: 'osv_json', created: 1, items: 1 });
    const w = await warningByNumber('OSV', 'GHSA-jfh8-c2jp-5v3q');
    expect(w.provenance).toMatchObject({ feed: 'osv_json', feedId: 'GHSA-jfh8-c2jp-5v3q' });
    expect(w.items.map((i) => [i.systemId, i.matchedSoftware[0]!.certainty])).toEqual([[ids.log4j, 'in_range']]);
  });

  it('imports the KEV JSON catalog after its CSV: the same 20 entries, no new warning, the catalog refreshed', async () => {
    const json = await send(attt, 'known_exploited_vulnerabilities.json', sample('kev-first20.json'));
    expect(json.status, json.text).toBe(200);
    expect(json.json).toEqual({ format: 'kev_json', created: 0, skipped: 20, ignored: 0, items: 0, knownExploited: 20 });
    expect(await count('known_exploited_cves')).toBe(20);
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from warnings where source = 'CISA KEV' and feed = 'kev_csv'`);
    expect((rows[0] as { n: number }).n).toBe(20);
  });

  it('imports again without duplicates: every feed skips what it gave before', async () => {
    for (const [name, file, skipped] of [
      ['nvd.json', 'nvd-cve-api-2.0-sample.json', 7],
      ['csaf.json', 'csaf-bsi-2022-0001.json', 1],
      ['osv.json', 'osv-GHSA-jfh8-c2jp-5v3q.json', 1],
    ] as const) {
      const res = await send(attt, name, sample(file));
      expect(res.json, name).toMatchObject({ created: 0, skipped });
    }
  });
});

describe('listing known exploited warnings', () => {
  it('lists only warnings naming a CVE of the catalog when asked', async () => {
    const all = (await attt.get('/api/warnings?limit=500')).json.items as { number: string; knownExploited: string[] }[];
    const exploited = (await attt.get('/api/warnings?knownExploited=true&limit=500')).json.items as { number: string; knownExploited: string[] }[];
    // The 20 catalog warnings and KEV-MARK-1.
    expect(exploited).toHaveLength(21);
    expect(exploited.every((w) => w.knownExploited.length > 0)).toBe(true);
    expect(exploited.length).toBe(all.filter((w) => w.knownExploited.length > 0).length);
    expect(all.find((w) => w.number === 'CVE-2023-4966')?.knownExploited).toEqual([]);
  });
});

describe('limits and refusals', () => {
  it('keeps a warning with more than a hundred products (an NVD record lists every CPE)', async () => {
    const releases = Array.from({ length: 150 }, (_, i) => `cpe:2.3:a:ivanti:connect_secure:9.1:r${i + 1}:*:*:*:*:*:*`);
    const page = {
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2025-10-24T13:42:55.550',
      vulnerabilities: [
        {
          cve: {
            id: 'CVE-2099-46805',
            vulnStatus: 'Analyzed',
            published: '2025-10-01T00:00:00.000',
            descriptions: [{ lang: 'en', value: 'A test record listing 150 releases.' }],
            metrics: {},
            configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: releases.map((criteria) => ({ vulnerable: true, criteria })) }] }],
          },
        },
      ],
    };
    const res = await send(attt, 'big.json', Buffer.from(JSON.stringify(page)));
    expect(res.status, res.text).toBe(200);
    const w = await warningByNumber('NVD', 'CVE-2099-46805');
    expect(w.products).toHaveLength(150);
  });

  it('refuses a file of no known format naming the accepted ones, and a feed with a bad entry as a whole', async () => {
    const before = await count('warnings');
    const unknown = await send(attt, 'x.json', Buffer.from('{"hello": "world"}'));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain(
      'Accepted formats: CISA KEV catalog (JSON); CISA KEV catalog (CSV); NVD CVE API 2.0 (JSON); CSAF 2.0 advisory (JSON); OSV advisory (JSON)',
    );
    expect(unknown.json.error.messageVi).toContain('Các định dạng được chấp nhận');
    const kev = JSON.parse(sample('kev-first20.json').toString());
    kev.vulnerabilities[3].dateAdded = '21/08/2025';
    kev.vulnerabilities[7].cveID = 'CVE-2025';
    const bad = await send(attt, 'kev.json', Buffer.from(JSON.stringify(kev)));
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.map((d: { row: number; id: string; field: string }) => [d.row, d.id, d.field])).toEqual([
      [4, 'CVE-2025-43300', 'issuedOn'],
      [8, 'CVE-2025', 'cveIds.0'],
    ]);
    expect(await count('warnings')).toBe(before);
    expect((await send(officer, 'kev.json', sample('kev-first20.json'))).status).toBe(403);
  });
});
