import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WarningInput } from '../../../../shared/warnings/schemas.ts';
import { readFeed } from './index.ts';

const sample = (name: string) => readFileSync(`tests/fixtures/samples/feeds/${name}`);
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const badFile = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as { statusCode: number; code: string; message: string; messageVi: string };
  }
  throw new Error('expected the file to be refused');
};
/** Every entry of the feed is a valid warning: the parsers' output is what the importer checks. */
const valid = (feed: ReturnType<typeof readFeed>) =>
  feed.entries.map((e) => {
    expect(e.problem, e.id).toBeUndefined();
    const parsed = WarningInput.safeParse(e.input);
    expect(parsed.success, `${e.id}: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
    return parsed.data!;
  });

describe('CISA KEV', () => {
  it('reads the JSON catalog: 20 warnings, one product each, 20 exploited CVEs', () => {
    const feed = readFeed(sample('kev-first20.json'));
    expect(feed).toMatchObject({ format: 'kev_json', ignored: 0 });
    const warnings = valid(feed);
    expect(warnings).toHaveLength(20);
    expect(new Set(warnings.map((w) => w.number)).size).toBe(20);
    expect(warnings.every((w) => w.source === 'CISA KEV' && w.products.length === 1 && w.cveIds.length === 1 && w.deadline === null)).toBe(true);
    // No entry of the sample is known to be used by ransomware: all are high.
    expect(warnings.every((w) => w.severity === 'high')).toBe(true);
    expect(warnings[0]).toMatchObject({
      number: 'CVE-2025-48384',
      issuedOn: '2025-08-25',
      title: 'Git Link Following Vulnerability',
      products: [{ vendor: 'Git', product: 'Git' }],
    });
    expect(feed.entries.map((e) => e.exploited).filter(Boolean)).toHaveLength(20);
    expect(feed.entries[1]!.exploited).toEqual({
      cveId: 'CVE-2024-8068',
      vendorProject: 'Citrix',
      product: 'Session Recording',
      name: 'Citrix Session Recording Improper Privilege Management Vulnerability',
      dateAdded: '2025-08-25',
      dueDate: '2025-09-15',
      knownRansomware: false,
    });
  });

  it('reads the CSV catalog into the same warnings as the JSON', () => {
    const csv = readFeed(sample('kev-first20.csv'));
    expect(csv.format).toBe('kev_csv');
    const fromJson = readFeed(sample('kev-first20.json'));
    expect(valid(csv)).toEqual(valid(fromJson));
    expect(csv.entries.map((e) => e.exploited)).toEqual(fromJson.entries.map((e) => e.exploited));
    expect(csv.entries.map((e) => e.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('reports an entry that is not one, and refuses a broken CSV', () => {
    const feed = readFeed(json({ catalogVersion: '2025.08.25', vulnerabilities: ['CVE-2025-48384'] }));
    expect(feed.entries[0]!.problem).toMatchObject({ field: 'row', message: 'Entry 1 is not a KEV catalog entry' });
    const broken = badFile(() => readFeed(Buffer.from('cveID,vendorProject,product,dateAdded\nCVE-2025-48384,Git,"Git,2025-08-25\n')));
    expect(broken).toMatchObject({ statusCode: 400, code: 'bad_file' });
    expect(broken.messageVi).toContain('Không đọc được tệp CSV');
  });
});

describe('NVD CVE API 2.0', () => {
  it('reads 7 CVEs with every vulnerable CPE match criterion as a product (98 in all)', () => {
    const feed = readFeed(sample('nvd-cve-api-2.0-sample.json'));
    expect(feed).toMatchObject({ format: 'nvd_json', ignored: 0 });
    const warnings = valid(feed);
    expect(warnings.map((w) => [w.number, w.products.length, w.severity])).toEqual([
      ['CVE-2021-41773', 1, 'high'],
      ['CVE-2024-21762', 10, 'critical'],
      ['CVE-2023-4966', 6, 'high'],
      ['CVE-2021-26855', 24, 'critical'],
      ['CVE-2023-46805', 44, 'high'],
      ['CVE-2022-0778', 5, 'high'],
      ['CVE-2023-28121', 8, 'critical'],
    ]);
    expect(warnings.reduce((n, w) => n + w.products.length, 0)).toBe(98);
    // CPE names are shown as the alias table writes them; unknown ones with spaces for underscores.
    expect(warnings[3]!.products[0]).toMatchObject({ vendor: 'Microsoft', product: 'Exchange Server' });
    expect(warnings[6]!.products[0]).toMatchObject({ vendor: 'Automattic', product: 'WooCommerce Payments' });
    // The sample's records carry no publication date: the response's timestamp (UTC) is the day, in Vietnam.
    expect(warnings.every((w) => w.source === 'NVD' && w.issuedOn === '2025-10-24')).toBe(true);
    const citrix = warnings[2]!;
    expect(citrix.title).toBe('CVE-2023-4966: Citrix Bleed: NetScaler ADC/Gateway information disclosure');
    expect(citrix.products[1]).toEqual({
      vendor: 'Citrix',
      product: 'NetScaler ADC',
      versionRange: '>=13.1 <13.1-49.15',
      cpe: 'cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:-:*:*:*',
    });
    const node = warnings[5]!.products.find((p) => p.cpe?.includes(':lts:'));
    expect(node?.versionRange).toBe('>=14.15.0 <14.19.1');
    expect(warnings[5]!.products.find((p) => p.cpe?.includes('node.js:*:*:*:*:-'))?.versionRange).toBe('>14.0.0 <=14.14.0');
  });

  it('reads one CVE record, and leaves out what names no product', () => {
    const doc = JSON.parse(sample('nvd-cve-api-2.0-sample.json').toString()) as { vulnerabilities: { cve: Record<string, unknown> }[] };
    const one = readFeed(json({ ...doc.vulnerabilities[0]!.cve, published: '2021-10-05T09:15:07.593' }));
    expect(valid(one)).toHaveLength(1);
    expect(one.entries[0]!.input.issuedOn).toBe('2021-10-05');
    const awaiting = { id: 'CVE-2024-3400', vulnStatus: 'Awaiting Analysis', descriptions: [{ lang: 'en', value: 'A command injection.' }], metrics: {} };
    const rejected = { ...doc.vulnerabilities[0]!.cve, id: 'CVE-2099-0001', vulnStatus: 'Rejected' };
    const platformOnly = {
      ...doc.vulnerabilities[0]!.cve,
      id: 'CVE-2099-0002',
      configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*' }] }] }],
    };
    const feed = readFeed(json({ format: 'NVD_CVE', vulnerabilities: [{ cve: awaiting }, { cve: rejected }, { cve: platformOnly }, doc.vulnerabilities[1]] }));
    expect(feed.ignored).toBe(3);
    expect(feed.entries.map((e) => e.id)).toEqual(['CVE-2024-21762']);
  });

  it('reports an entry that is not a CVE record', () => {
    const feed = readFeed(json({ format: 'NVD_CVE', vulnerabilities: [{ cve: { id: 'nope' } }] }));
    expect(feed.entries[0]!.problem?.message).toBe('Entry 1 is not an NVD CVE record');
  });
});

describe('CSAF 2.0', () => {
  it('reads the BSI advisory: one warning, the 5 known affected products with their version and CPE', () => {
    const feed = readFeed(sample('csaf-bsi-2022-0001.json'));
    expect(feed.format).toBe('csaf_json');
    const [w, ...rest] = valid(feed);
    expect(rest).toHaveLength(0);
    expect(w).toMatchObject({
      source: 'Bundesamt für Sicherheit in der Informationstechnik',
      number: 'BSI-2022-0001',
      issuedOn: '2022-03-17',
      title: 'CVRF-CSAF-Converter: XML External Entities Vulnerability',
      severity: 'medium',
      cveIds: ['CVE-2022-27193'],
    });
    expect(w!.products).toHaveLength(5);
    expect(w!.products[0]).toEqual({
      vendor: 'CSAF Tools',
      product: 'CVRF-CSAF-Converter',
      versionRange: '=1.0.0-alpha',
      cpe: 'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha',
    });
    expect(w!.products.map((p) => p.versionRange)).not.toContain('=1.0.0-rc2');
    expect(w!.recommendedAction).toContain('At least version 1.0.0-rc2');
  });

  it('reads vers ranges, reports products missing from the tree, and leaves out an advisory affecting nothing', () => {
    const doc = JSON.parse(sample('csaf-bsi-2022-0001.json').toString());
    doc.product_tree.branches[0].branches[0].branches.push({
      category: 'product_version_range',
      name: 'vers:generic/>=0.9|<1.0.0-alpha',
      product: { name: 'CSAF Tools CVRF-CSAF-Converter before 1.0.0-alpha', product_id: 'CSAFPID-0009' },
    });
    doc.vulnerabilities[0].product_status.known_affected.push('CSAFPID-0009', 'CSAFPID-0404');
    const feed = readFeed(json(doc));
    expect((feed.entries[0]!.input.products as { versionRange: string }[]).map((p) => p.versionRange)).toContain('>=0.9 <1.0.0-alpha');
    expect(feed.entries[0]!.problem).toMatchObject({ field: 'product_tree', message: 'Products not in the product tree: CSAFPID-0404' });
    doc.vulnerabilities[0].product_status = { fixed: ['CSAFPID-0006'] };
    expect(readFeed(json(doc))).toMatchObject({ entries: [], ignored: 1 });
  });
});

describe('OSV', () => {
  it('reads the GHSA advisory: one warning, log4j-core with its three intervals', () => {
    const feed = readFeed(sample('osv-GHSA-jfh8-c2jp-5v3q.json'));
    expect(feed.format).toBe('osv_json');
    const [w, ...rest] = valid(feed);
    expect(rest).toHaveLength(0);
    expect(w).toMatchObject({
      source: 'OSV',
      number: 'GHSA-jfh8-c2jp-5v3q',
      issuedOn: '2021-12-10',
      title: 'Remote code injection in Log4j',
      severity: 'critical',
      cveIds: ['CVE-2021-44228'],
    });
    expect(w!.products).toEqual([
      { vendor: null, product: 'org.apache.logging.log4j:log4j-core', versionRange: '>=2.13.0 <2.15.0 || <2.3.1 || >=2.4 <2.12.2', cpe: null },
    ]);
  });

  it('reads a list of records, rates by the CVSS vector without a database rating, and leaves out withdrawn ones', () => {
    const doc = JSON.parse(sample('osv-GHSA-jfh8-c2jp-5v3q.json').toString());
    const unrated = { ...doc, id: 'GHSA-test-0001', database_specific: {} };
    const withdrawn = { ...doc, id: 'GHSA-test-0002', withdrawn: '2022-01-01T00:00:00Z' };
    const feed = readFeed(json({ vulns: [unrated, withdrawn, { id: 'not osv' }] }));
    expect(feed.ignored).toBe(1);
    expect(feed.entries[0]!.input.severity).toBe('critical');
    expect(feed.entries[1]!.problem?.message).toBe('Entry 3 is not an OSV record');
  });
});

describe('the province list and unknown files', () => {
  it('still reads the Khiên CSV and JSON lists', () => {
    expect(valid(readFeed(readFileSync('tests/fixtures/warnings-feed.csv')))).toHaveLength(2);
    expect(valid(readFeed(readFileSync('tests/fixtures/warnings-feed.json')))).toHaveLength(2);
  });

  it('reads a Windows-1258 CSV with its diacritics', () => {
    // "Cảnh báo" as Windows-1258 writes it: "a" + combining hook above (0xD2), precomposed "á" (0xE1).
    const bytes = Buffer.concat([
      Buffer.from('source,number,issuedOn,title,severity,products\nNCSC,W1258-1,2026-11-01,Ca'),
      Buffer.from([0xd2]),
      Buffer.from('nh b'),
      Buffer.from([0xe1]),
      Buffer.from('o nginx,cao,nginx|nginx|<1.25.3\n'),
    ]);
    const [w] = valid(readFeed(bytes));
    expect(w!.title).toBe('Cảnh báo nginx');
  });

  it('names the missing column of a province list, and the accepted formats for anything else', () => {
    expect(badFile(() => readFeed(Buffer.from('title,severity\nA,cao\n'))).message).toBe('Missing column "source"');
    for (const file of [json({ hello: 'world' }), Buffer.from('<?xml version="1.0"?><cvrfdoc/>'), Buffer.from('a,b\n1,2\n')]) {
      const err = badFile(() => readFeed(file));
      expect(err.code).toBe('bad_file');
      expect(err.message).toContain('Accepted formats: CISA KEV catalog (JSON); CISA KEV catalog (CSV); NVD CVE API 2.0 (JSON); CSAF 2.0 advisory (JSON)');
      expect(err.messageVi).toContain('Các định dạng được chấp nhận: Danh mục CISA KEV (JSON)');
    }
    expect(badFile(() => readFeed(Buffer.from('{"vulnerabilities": ['))).messageVi).toBe('Không đọc được tệp JSON: tệp sai cú pháp');
    expect(badFile(() => readFeed(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])))).toMatchObject({
      code: 'bad_file',
      message: 'This is not a text file',
    });
  });

  it('refuses a file with more warnings than a feed page holds', () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({
      cveID: `CVE-2099-${String(i).padStart(5, '0')}`,
      vendorProject: 'X',
      product: 'Y',
      dateAdded: '2025-01-01',
    }));
    expect(badFile(() => readFeed(json({ catalogVersion: '1', vulnerabilities: many }))).message).toBe('At most 5000 warnings per file');
  });
});

describe('MISP', () => {
  const event = (uuid: string) => readFileSync(`tests/fixtures/misp/feed/${uuid}.json`);
  it('reads an event naming a product as a warning: its CPEs, CVEs, threat level, and its indicators to block', () => {
    const feed = readFeed(event('5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32'));
    expect(feed).toMatchObject({ format: 'misp_json', ignored: 0 });
    const [w] = valid(feed);
    expect(w).toMatchObject({
      source: 'MISP: CERT-Demo',
      number: '5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32',
      issuedOn: '2026-11-20',
      severity: 'high',
      cveIds: ['CVE-2024-21762'],
      products: [{ vendor: expect.stringMatching(/fortinet/i), cpe: 'cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*' }],
    });
    expect(w!.recommendedAction).toContain('ip-dst: 198.51.100.23');
    expect(w!.recommendedAction).toContain('filename|sha256: sslvpnd.so|5c3e8f7a');
    expect(w!.description).toContain('C2 server contacted after exploitation');
  });

  it('leaves out events naming no product and events marked TLP:RED, and refuses a manifest alone', () => {
    const all = ['5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32', 'a3e1d7c4-8f26-4b90-b5e3-2c9d1f7e6a54', 'c9b4e2f1-6a37-4d58-8e0c-7f1a3b5d9e26'].map((u) =>
      JSON.parse(event(u).toString()),
    );
    const feed = readFeed(json({ response: all }));
    expect(feed).toMatchObject({ format: 'misp_json', ignored: 2 });
    expect(valid(feed).map((w) => w.number)).toEqual(['5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32']);
    const refused = badFile(() => readFeed(readFileSync('tests/fixtures/misp/feed/manifest.json')));
    expect(refused).toMatchObject({ statusCode: 400, message: expect.stringContaining('MISP feed manifest') });
  });
});
