/**
 * Nessus v2 (.nessus) XML: ReportHost › ReportItem. Severity 0 is informational; 1–4 low to critical. The host is its
 * "host-ip" property when present, else the ReportHost name.
 */
import type { Severity } from '../../../../shared/scans/findings.ts';
import { capResults, dateOf, finding, number, report, type ParsedReport } from './report.ts';
import { attr, first, list, nodes, text, type XmlNode } from './xml.ts';

const LEVEL: Record<string, Severity | null> = { '0': null, '1': 'low', '2': 'medium', '3': 'high', '4': 'critical' };

export function parseNessusXml(doc: XmlNode): ParsedReport {
  const root = first(doc.NessusClientData_v2) as XmlNode;
  const reportNode = first(root.Report) as XmlNode | undefined;
  const hostNodes = nodes(reportNode?.ReportHost);
  capResults(hostNodes.reduce((n, h) => n + nodes(h.ReportItem).length, 0));
  const hosts: string[] = [];
  let scannedOn: string | null = null;
  const rows = hostNodes.flatMap((h) => {
    const props = new Map(nodes((first(h.HostProperties) as XmlNode | undefined)?.tag).map((t) => [String(t['@_name']), text(t)]));
    const host = props.get('host-ip') || String(h['@_name'] ?? '');
    hosts.push(host);
    scannedOn ??= dateOf(props.get('HOST_START_TIMESTAMP')) ?? dateOf(props.get('HOST_START'));
    return nodes(h.ReportItem).map((i) => {
      const port = attr(i, 'port');
      return finding({
        host,
        port: port && port !== '0' ? `${port}/${attr(i, 'protocol')}` : `general/${attr(i, 'protocol') || 'tcp'}`,
        cves: list(i.cve).map(text),
        pluginId: attr(i, 'pluginID'),
        title: attr(i, 'pluginName') || text(i.plugin_name),
        severity: LEVEL[attr(i, 'severity')] ?? undefined,
        cvss: number(text(i.cvss3_base_score)) ?? number(text(i.cvss_base_score)),
        solution: text(i.solution) === 'n/a' ? null : text(i.solution),
      });
    });
  });
  return report('nessus', rows, { tool: 'Nessus', scannedOn, scope: attr(reportNode, 'name') || null, hosts });
}
