/**
 * Qualys XML: the asset data report (ASSET_DATA_REPORT › HOST_LIST › HOST › VULN_INFO_LIST, details in the GLOSSARY)
 * and the scan report (SCAN › IP › VULNS › CAT › VULN). Severity 1 is informational; type "Ig" (information
 * gathered) is not a finding.
 */
import { badFile } from './text.ts';
import { QUALYS_LEVEL } from './qualys-csv.ts';
import { capResults, dateOf, finding, number, report, type ParsedReport } from './report.ts';
import { attr, first, nodes, text, type XmlNode } from './xml.ts';

const cvesOf = (n: unknown) => nodes((first(n) as XmlNode | undefined)?.CVE_ID).map((c) => text(c.ID) || text(c));

export function parseQualysXml(doc: XmlNode, root: string): ParsedReport {
  if (root === 'SCAN') {
    const scan = first(doc.SCAN) as XmlNode;
    const hosts: string[] = [];
    const rows = nodes(scan.IP).flatMap((ip) => {
      const host = attr(ip, 'value');
      hosts.push(host);
      return nodes((first(ip.VULNS) as XmlNode | undefined)?.CAT).flatMap((cat) =>
        nodes(cat.VULN).map((v) =>
          finding({
            host,
            port: attr(cat, 'port') ? `${attr(cat, 'port')}/${attr(cat, 'protocol') || 'tcp'}` : '',
            cves: cvesOf(v.CVE_ID_LIST),
            pluginId: `qid:${attr(v, 'number')}`,
            title: text(v.TITLE),
            severity: QUALYS_LEVEL[attr(v, 'severity')] ?? undefined,
            solution: text(v.SOLUTION),
          }),
        ),
      );
    });
    capResults(rows.length);
    return report('qualys_xml', rows, { tool: 'Qualys', scannedOn: dateOf(attr(scan, 'value')), hosts });
  }
  const r = first(doc.ASSET_DATA_REPORT) as XmlNode;
  const glossary = new Map(
    nodes((first((first(r.GLOSSARY) as XmlNode | undefined)?.VULN_DETAILS_LIST) as XmlNode | undefined)?.VULN_DETAILS).map((d) => [text(d.QID), d]),
  );
  const hostNodes = nodes((first(r.HOST_LIST) as XmlNode | undefined)?.HOST);
  if (!hostNodes.length && !glossary.size) throw badFile('This Qualys XML has no hosts', 'Tệp XML của Qualys không có máy nào');
  const hosts: string[] = [];
  const rows = hostNodes.flatMap((h) => {
    const host = text(h.IP);
    hosts.push(host);
    return nodes((first(h.VULN_INFO_LIST) as XmlNode | undefined)?.VULN_INFO).map((v) => {
      if (/^(ig|practice)$/i.test(text(v.TYPE)) || /^fixed$/i.test(text(v.VULN_STATUS))) return null;
      const qid = text(v.QID);
      const d = glossary.get(qid) ?? {};
      return finding({
        host,
        port: text(v.PORT) ? `${text(v.PORT)}/${text(v.PROTOCOL) || 'tcp'}` : '',
        cves: cvesOf(d.CVE_ID_LIST),
        pluginId: `qid:${qid}`,
        title: text(d.TITLE) || `QID ${qid}`,
        severity: QUALYS_LEVEL[text(d.SEVERITY)] ?? undefined,
        cvss: number(text(d.CVSS3_SCORE)) ?? number(text(d.CVSS_SCORE)),
        solution: text(d.SOLUTION)
          .replace(/<[^>]+>/g, ' ')
          .trim(),
      });
    });
  });
  capResults(rows.length);
  return report('qualys_xml', rows, { tool: 'Qualys', scannedOn: dateOf(text((first(r.HEADER) as XmlNode | undefined)?.GENERATION_DATETIME)), hosts });
}
