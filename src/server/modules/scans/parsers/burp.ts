/**
 * Burp Suite "Report selected issues" XML: issues › issue with host (and its ip attribute), path, severity
 * (High/Medium/Low/Information) and confidence (Certain/Firm/Tentative — "False positive" is left out).
 */
import { cveIds, parseSeverity } from '../../../../shared/scans/findings.ts';
import { capResults, dateOf, finding, report, type ParsedReport, plainText } from './report.ts';
import { attr, first, nodes, text, type XmlNode } from './xml.ts';

export function parseBurpXml(doc: XmlNode): ParsedReport {
  const root = first(doc.issues) as XmlNode;
  const issues = nodes(root.issue);
  capResults(issues.length);
  const hosts: string[] = [];
  const rows = issues.map((i) => {
    const url = text(i.host);
    let host = attr(i.host, 'ip');
    let port = '';
    try {
      const u = new URL(url);
      host ||= u.hostname;
      port = `${u.port || (u.protocol === 'https:' ? '443' : '80')}/tcp`;
    } catch {
      host ||= url;
    }
    hosts.push(host);
    if (/false positive/i.test(text(i.confidence))) return null;
    const word = parseSeverity(text(i.severity));
    return finding({
      host,
      port,
      cves: cveIds(`${text(i.issueBackground)} ${text(i.references)} ${text(i.vulnerabilityClassifications)}`),
      pluginId: `burp:${text(i.type)}:${text(i.path)}`,
      title: `${text(i.name)} — ${text(i.path)}`.slice(0, 500),
      severity: word === 'info' ? null : (word ?? undefined),
      solution: plainText(text(i.remediationBackground) || text(i.remediationDetail)) || null,
    });
  });
  return report('burp', rows, {
    tool: `Burp Suite${attr(root, 'burpVersion') ? ` ${attr(root, 'burpVersion')}` : ''}`,
    scannedOn: dateOf(attr(root, 'exportTime')),
    hosts,
  });
}
