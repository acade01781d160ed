import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors.ts';
import { parseScanReport } from './index.ts';

/** ../shared/samples copied unchanged, with their sources in its README, so a clean clone runs the tests. */
const SAMPLES = new URL('../../../../../tests/fixtures/samples/scans/', import.meta.url);
const FIXTURES = new URL('../../../../../tests/fixtures/scans/', import.meta.url);
const sample = (f: string) => readFileSync(new URL(f, SAMPLES));
const fixture = (f: string) => readFileSync(new URL(f, FIXTURES));

/** Distinct findings as the import keeps them (one per host, port and CVEs or plugin). */
const distinct = (r: ReturnType<typeof parseScanReport>) =>
  new Set(r.findings.map((f) => `${f.host}|${f.port}|${f.cveIds.join(',') || f.pluginId || f.title}`)).size;

function refusal(data: Buffer | string): AppError {
  try {
    parseScanReport(Buffer.isBuffer(data) ? data : Buffer.from(data));
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('the file was accepted');
}

/**
 * Expected counts derived from each file by hand: results below the log level, informational risk, false positives,
 * fixed and not-affected states are not findings; repeated host/port/plugin results are one finding.
 */
const EXPECTED: [file: string, format: string, findings: number, firstHost: string][] = [
  ['openvas/many_vuln.xml', 'openvas', 44, '192.168.1.1001'],
  ['openvas/no_vuln.xml', 'openvas', 0, ''],
  ['openvas/one_vuln.xml', 'openvas', 1, '10.0.101.2'],
  ['openvas/many_vuln.csv', 'openvas_csv', 4, '192.168.118.212'],
  ['openvas/one_vuln.csv', 'openvas_csv', 1, '10.0.0.8'],
  ['openvas/report_detail_v2.csv', 'openvas_csv', 1, '10.99.99.99'],
  ['openvas/report_using_openVAS.csv', 'openvas_csv', 1, '45.33.32.156'],
  ['nessus/nessus_many_vuln.xml', 'nessus', 0, ''],
  ['nessus/nessus_with_cvssv3.nessus', 'nessus', 25, '44.228.249.3'],
  ['nessus/nessus-template.csv', 'nessus_csv', 5, '192.168.0.100'],
  ['nessus/nessus_many_vuln2-default.csv', 'nessus_csv', 1, '52.208.101.182'],
  ['tenable/tenable_many_vuln.csv', 'tenable_sc_csv', 9, '127.0.0.1'],
  ['qualys/Qualys_Sample_Report.csv', 'qualys_csv', 6, '10.98.57.180'],
  ['nuclei/many_findings.json', 'nuclei', 2, ''],
  ['nuclei/multiple_v3.json', 'nuclei', 0, ''],
  ['trivy/all_statuses.json', 'trivy', 7, 'noppaknopsta/example-app:main-159'],
  ['trivy/scheme_2_many_vulns.json', 'trivy', 5, 'teamdojo:latest'],
  ['zap/0_zap_sample.xml', 'zap', 4, 'mainsite.com'],
  ['zap/dvwa_baseline_dojo.xml', 'zap', 12, '172.17.0.2'],
];

describe('every real sample imports with the right counts', () => {
  for (const [file, format, count, host] of EXPECTED) {
    it(`${file}: ${format}, ${count} findings`, () => {
      const r = parseScanReport(sample(file));
      expect(r.format).toBe(format);
      expect(distinct(r)).toBe(count);
      if (host) expect(r.findings[0]!.host).toBe(host);
      for (const f of r.findings) {
        expect(f.port).toMatch(/^(\d+\/[a-z]+|general(\/[a-z]+)?|pkg:.+)$/);
        expect(f.title.length).toBeGreaterThan(0);
      }
    });
  }

  it('reads Greenbone CSV the way the columns mean: NVT Name is the title, IP the host, Port Protocol the protocol', () => {
    const [f] = parseScanReport(sample('openvas/one_vuln.csv')).findings;
    expect(f).toMatchObject({ host: '10.0.0.8', port: '22/tcp', title: 'SSH Weak Encryption Algorithms Supported', severity: 'medium', cvss: 4.3 });
  });

  it('merges the rows Nessus and Tenable.sc write per CVE into one finding per plugin and port', () => {
    const r = parseScanReport(sample('tenable/tenable_many_vuln.csv'));
    const mariadb = r.findings.find((f) => f.pluginId === '176703')!;
    expect(mariadb.cveIds).toHaveLength(10);
    expect(mariadb).toMatchObject({ host: '127.0.0.1', port: 'general/tcp', severity: 'high' });
  });

  it('leaves out what is not a finding and counts it', () => {
    expect(parseScanReport(sample('openvas/report_using_openVAS.csv')).skipped).toBe(12); // Log
    expect(parseScanReport(sample('trivy/all_statuses.json')).skipped).toBe(1); // not_affected
    expect(parseScanReport(sample('zap/dvwa_baseline_dojo.xml')).skipped).toBe(7); // informational
    expect(parseScanReport(sample('nuclei/multiple_v3.json')).skipped).toBe(6); // info
  });
});

describe('formats without a published sample, from hand-written files in each tool’s layout', () => {
  it('Burp XML: its DOCTYPE of element declarations is dropped, information issues left out', () => {
    const r = parseScanReport(fixture('burp-issues.xml'));
    expect(r.format).toBe('burp');
    expect(r.findings.map((f) => [f.host, f.port, f.severity])).toEqual([
      ['10.20.30.40', '443/tcp', 'high'],
      ['10.20.30.40', '443/tcp', 'low'],
    ]);
    expect(r.findings[0]!.solution).toBe('Use parameterized queries (prepared statements) for all database access.');
    expect(r.skipped).toBe(1);
  });

  it('Nmap XML: open ports and the CVEs of the vulners script, filtered ports and non-CVE ids left out', () => {
    const r = parseScanReport(fixture('nmap-vulners.xml'));
    expect(r.format).toBe('nmap');
    expect(r.scannedOn).toBe('2023-11-20');
    expect(r.findings.map((f) => [f.port, f.cveIds.join(), f.severity])).toEqual([
      ['22/tcp', '', 'low'],
      ['80/tcp', '', 'low'],
      ['80/tcp', 'CVE-2021-42013', 'critical'],
      ['80/tcp', 'CVE-2021-41773', 'high'],
    ]);
  });

  it('Qualys XML: details from the glossary, information gathered and fixed left out', () => {
    const r = parseScanReport(fixture('qualys-asset-data.xml'));
    expect(r.format).toBe('qualys_xml');
    expect(r.findings.map((f) => [f.pluginId, f.port, f.severity, f.cveIds.length])).toEqual([
      ['qid:38170', '443/tcp', 'low', 0],
      ['qid:91762', 'general', 'critical', 2],
    ]);
    expect(r.skipped).toBe(2);
  });

  it('ZAP JSON: informational and false-positive alerts left out', () => {
    const r = parseScanReport(fixture('zap-report.json'));
    expect(r.format).toBe('zap_json');
    expect(r.findings).toEqual([expect.objectContaining({ host: 'dichvucong.demo.gov.vn', port: '443/tcp', severity: 'medium', pluginId: 'zap:10038' })]);
    expect(r.skipped).toBe(2);
  });
});

describe('files as offices have them', () => {
  it('reads a generic CSV written by Vietnamese Excel: semicolons, Windows-1258', () => {
    const csv = 'Máy chủ;Cổng;Tên lỗ hổng;Mức độ\r\n10.0.0.5;443;Chứng chỉ hết hạn;Cao\r\n';
    const cp1258 = encode1258(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cp1258)).toThrow();
    const r = parseScanReport(cp1258);
    expect(r.format).toBe('csv');
    expect(r.findings).toEqual([expect.objectContaining({ host: '10.0.0.5', port: '443/tcp', title: 'Chứng chỉ hết hạn', severity: 'high' })]);
  });
});

describe('malformed and foreign files are refused with a 400 that says why', () => {
  it('refuses entity declarations, and says "DTD" only then', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report>&x;</report>';
    expect(refusal(xxe).message).toMatch(/DTD declaring entities/);
    const foreign = refusal('<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(foreign.message).not.toMatch(/DTD/);
    expect(foreign.message).toMatch(/<svg>.*Accepted formats: OpenVAS/);
  });

  for (const [name, data] of [
    ['truncated OpenVAS XML', sample('openvas/one_vuln.xml').subarray(0, 2000)],
    ['truncated Nessus XML', sample('nessus/nessus_with_cvssv3.nessus').subarray(0, 5000)],
    ['truncated ZAP XML', sample('zap/0_zap_sample.xml').subarray(0, 1500)],
    ['truncated Burp XML', fixture('burp-issues.xml').subarray(0, 1500)],
    ['truncated Nmap XML', fixture('nmap-vulners.xml').subarray(0, 1200)],
    ['truncated Qualys XML', fixture('qualys-asset-data.xml').subarray(0, 800)],
  ] as const) {
    it(`${name}: malformed XML with line and column`, () => {
      const e = refusal(data);
      expect(e.statusCode).toBe(400);
      expect(e.message).toMatch(/Malformed XML at line \d+/);
    });
  }

  it('truncated JSON (Trivy, ZAP, Nuclei array) and JSON of no known tool', () => {
    for (const data of [
      sample('trivy/scheme_2_many_vulns.json').subarray(0, 3000),
      fixture('zap-report.json').subarray(0, 400),
      sample('nuclei/multiple_v3.json').subarray(0, 900),
    ]) {
      expect(refusal(data).message).toBe('The JSON file cannot be read');
    }
    expect(refusal('{"hello":"world"}').message).toMatch(/not a scanner report.*Trivy JSON/);
  });

  it('a CSV cut inside a quoted field, a binary file and an unknown text', () => {
    expect(refusal(sample('openvas/one_vuln.csv').subarray(0, 500)).message).toMatch(/CSV file cannot be read/);
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])).message).toBe('This is not a text file');
    expect(refusal('just some words').message).toMatch(/not a scanner report/);
  });
});

/** Windows-1258 bytes of a Vietnamese text: the code page's letters, and its combining marks for the tones. */
function encode1258(s: string): Buffer {
  const decoder = new TextDecoder('windows-1258');
  const byteOf = new Map(Array.from({ length: 256 }, (_, b) => [decoder.decode(Uint8Array.of(b)), b] as const));
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    if (byteOf.has(ch)) {
      out.push(byteOf.get(ch)!);
      continue;
    }
    const parts = ch.normalize('NFD');
    const tone = [...parts].find((c) => /[\u0300\u0301\u0303\u0309\u0323]/.test(c))!;
    out.push(byteOf.get(parts.replace(tone, '').normalize('NFC'))!, byteOf.get(tone)!);
  }
  return Buffer.from(out);
}
