/**
 * OpenVAS / Greenbone XML (the GVM "XML" report format exported from the web UI or returned by GMP get_reports, and
 * the older OpenVAS 8–9 layout with <cve> text). Log-level and false-positive results are not findings.
 */
import { parseSeverity, severityFromCvss } from '../../../../shared/scans/findings.ts';
import { badFile } from './text.ts';
import { capResults, dateOf, finding, report, type ParsedReport } from './report.ts';
import { first, list, nodes, text, type XmlNode } from './xml.ts';

export function parseOpenVasXml(doc: XmlNode): ParsedReport {
  // <get_reports_response><report><report>…, <report><report>… (export), or a bare inner <report>.
  let r = first((first(doc.get_reports_response) as XmlNode | undefined)?.report ?? doc.report) as XmlNode | undefined;
  if (r?.report) r = first(r.report) as XmlNode;
  if (!r || typeof r !== 'object' || !(r.results || r.host || r.scan_start)) {
    throw badFile(
      'This is not an OpenVAS/Greenbone XML report (no <report> with results)',
      'Đây không phải báo cáo XML của OpenVAS/Greenbone (không có <report> chứa kết quả)',
    );
  }
  const results = nodes((first(r.results) as XmlNode | undefined)?.result);
  capResults(results.length);
  const rows = results.map((res) => {
    const nvt = (first(res.nvt) ?? {}) as XmlNode;
    const cvss = Number.parseFloat(text(res.severity) || text(nvt.cvss_base));
    const threat = parseSeverity(text(res.threat));
    const severity = threat && threat !== 'info' ? threat : threat === 'info' ? null : severityFromCvss(cvss);
    const refs = nodes((first(nvt.refs) as XmlNode | undefined)?.ref)
      .filter((x) => String(x['@_type']).toLowerCase() === 'cve')
      .map((x) => String(x['@_id']));
    const tags = text(nvt.tags);
    return finding({
      host: text(res.host),
      port: text(res.port),
      cves: [...refs, text(nvt.cve)],
      pluginId: String(nvt['@_oid'] ?? ''),
      title: text(nvt.name) || text(res.name) || 'OpenVAS result',
      severity,
      cvss,
      solution: text(nvt.solution) || /(?:^|\|)solution=([^|]*)/.exec(tags)?.[1] || null,
    });
  });
  const gmp = text((first(r.gmp) as XmlNode | undefined)?.version) || text((first(r.omp) as XmlNode | undefined)?.version);
  return report('openvas', rows, {
    tool: `OpenVAS / Greenbone${gmp ? ` (GMP ${gmp})` : ''}`,
    scannedOn: dateOf(text(r.scan_start)) ?? dateOf(text(r.timestamp)),
    scope: text((first(r.task) as XmlNode | undefined)?.name) || null,
    hosts: list(r.host)
      .map((h) => text((first(h) as XmlNode)?.ip ?? h))
      .filter(Boolean),
  });
}
