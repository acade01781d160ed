/**
 * Nmap XML (-oX): every open port is a finding of low severity (an exposed service to review), and each CVE the
 * `vulners` script lists for a port is a finding with the score it gives.
 */
import { capResults, dateOf, finding, number, report, type ParsedReport } from './report.ts';
import type { IncomingFinding } from '../../../../shared/scans/findings.ts';
import { attr, first, nodes, text, type XmlNode } from './xml.ts';

export function parseNmapXml(doc: XmlNode): ParsedReport {
  const root = first(doc.nmaprun) as XmlNode;
  const hosts: string[] = [];
  const rows: (IncomingFinding | null)[] = [];
  for (const h of nodes(root.host)) {
    const addresses = nodes(h.address);
    const ip = String(
      (addresses.find((a) => a['@_addrtype'] === 'ipv4') ?? addresses.find((a) => a['@_addrtype'] === 'ipv6') ?? addresses[0])?.['@_addr'] ?? '',
    );
    if (!ip) continue;
    hosts.push(ip);
    for (const p of nodes((first(h.ports) as XmlNode | undefined)?.port)) {
      if (attr(p.state, 'state') !== 'open') continue;
      const port = `${attr(p, 'portid')}/${attr(p, 'protocol')}`;
      const svc = first(p.service) as XmlNode | undefined;
      const what = [attr(svc, 'name'), attr(svc, 'product'), attr(svc, 'version')].filter(Boolean).join(' ');
      rows.push(finding({ host: ip, port, pluginId: 'nmap:open-port', title: `Cổng mở ${port}${what ? ` (${what})` : ''} / Open port`, severity: 'low' }));
      for (const s of nodes(p.script).filter((x) => x['@_id'] === 'vulners')) {
        // <table key="cpe:/a:…"><table><elem key="id">CVE-…</elem><elem key="cvss">9.8</elem>…
        for (const cpe of nodes(s.table)) {
          for (const entry of nodes(cpe.table)) {
            const elems = new Map(nodes(entry.elem).map((e) => [String(e['@_key']), text(e)]));
            const id = elems.get('id') ?? '';
            if (!/^CVE-/i.test(id)) continue;
            rows.push(finding({ host: ip, port, cves: id, pluginId: `vulners:${id}`, title: `${id} — ${what || port}`, cvss: number(elems.get('cvss')) }));
          }
        }
      }
    }
  }
  capResults(rows.length);
  return report('nmap', rows, {
    tool: `Nmap${attr(root, 'version') ? ` ${attr(root, 'version')}` : ''}`,
    scannedOn: dateOf(attr(root, 'start')),
    scope: attr(root, 'args') || null,
    hosts,
  });
}
