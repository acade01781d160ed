/**
 * Reads an OpenVAS / Greenbone report in XML (the "XML" report format of GVM, as exported from the web UI or
 * returned by GMP get_reports, also the older OpenVAS 8–9 layout with <cve> text). Log-level and false-positive
 * results are left out. A malformed, DTD-bearing or foreign XML file is a 400.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badFile } from './report-text.ts';
import { cveIds, normalizePort, parseSeverity, severityFromCvss, type IncomingFinding } from '../../../shared/scans/findings.ts';
import { todayVn } from '../../../shared/core/dates.ts';

export type ParsedReport = {
  format: 'openvas' | 'csv';
  tool: string | null;
  scannedOn: string | null;
  scope: string | null;
  hosts: string[];
  findings: IncomingFinding[];
  /** Results left out: informational, or false positives. */
  skipped: number;
};

const MAX_RESULTS = 50_000;

type Node = Record<string, unknown>;

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** The text of an element that may carry attributes or children ({ '#text': … }). */
function text(v: unknown): string {
  const x = first(v);
  if (x === undefined || x === null) return '';
  if (typeof x === 'object') return text((x as Node)['#text']);
  return String(x).trim();
}

/** The scan's date: GVM writes UTC timestamps; the calendar date is taken in Vietnam. */
function dateOf(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : todayVn(d);
}

export function parseOpenVas(xml: string): ParsedReport {
  // Anywhere in the file: the parser would read a DTD met after any prefix.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw badFile('XML with a DTD or entity declarations is not accepted', 'Không chấp nhận tệp XML có khai báo DTD hoặc thực thể (ENTITY)');
  }
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(xml)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    throw badFile(`The XML declares the encoding ${declared}; export the report as UTF-8`, `Tệp XML khai báo bảng mã ${declared}; hãy xuất báo cáo ở dạng UTF-8`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw badFile(`Malformed XML at line ${line}, column ${col}: ${msg}`, `Tệp XML sai cú pháp tại dòng ${line}, cột ${col}`);
  }
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: true }).parse(xml) as Node;
  // <get_reports_response><report><report>…, <report><report>… (export), or a bare inner <report>.
  let report = first((first(doc.get_reports_response) as Node | undefined)?.report ?? doc.report) as Node | undefined;
  if (report?.report) report = first(report.report) as Node;
  if (!report || typeof report !== 'object' || !(report.results || report.host || report.scan_start)) {
    throw badFile('This is not an OpenVAS/Greenbone XML report (no <report> with results)', 'Đây không phải báo cáo XML của OpenVAS/Greenbone (không có <report> chứa kết quả)');
  }
  const results = list((first(report.results) as Node | undefined)?.result);
  if (results.length > MAX_RESULTS) throw badFile(`At most ${MAX_RESULTS} results per report`, `Tối đa ${MAX_RESULTS} kết quả mỗi báo cáo`);
  const findings: IncomingFinding[] = [];
  let skipped = 0;
  for (const raw of results) {
    const r = raw as Node;
    const nvt = (first(r.nvt) ?? {}) as Node;
    const host = text(r.host);
    const cvss = Number.parseFloat(text(r.severity) || text(nvt.cvss_base));
    const threat = parseSeverity(text(r.threat));
    const severity = threat && threat !== 'info' ? threat : threat === 'info' ? null : severityFromCvss(cvss);
    if (!host || !severity) {
      skipped++;
      continue;
    }
    const refs = list((first(nvt.refs) as Node | undefined)?.ref).map((x) => x as Node)
      .filter((x) => String(x['@_type']).toLowerCase() === 'cve').map((x) => String(x['@_id']));
    const tags = text(nvt.tags);
    const solution = text(nvt.solution) || /(?:^|\|)solution=([^|]*)/.exec(tags)?.[1]?.trim() || null;
    findings.push({
      host, port: normalizePort(text(r.port)), cveIds: cveIds([...refs, text(nvt.cve)].join(' ')), pluginId: String((nvt as Node)['@_oid'] ?? '') || null,
      title: (text(r.name) || text(nvt.name) || 'OpenVAS result').slice(0, 500), severity,
      cvss: Number.isFinite(cvss) && cvss > 0 ? Math.round(cvss * 10) / 10 : null, solution: solution?.slice(0, 5000) ?? null,
    });
  }
  const hosts = list(report.host).map((h) => text((first(h) as Node)?.ip ?? h)).filter(Boolean);
  const gmp = text((first(report.gmp) as Node | undefined)?.version) || text((first(report.omp) as Node | undefined)?.version);
  const task = text((first(report.task) as Node | undefined)?.name);
  return {
    format: 'openvas',
    tool: `OpenVAS / Greenbone${gmp ? ` (GMP ${gmp})` : ''}`,
    scannedOn: dateOf(text(report.scan_start)) ?? dateOf(text(report.timestamp)),
    scope: task || null,
    hosts,
    findings,
    skipped,
  };
}
