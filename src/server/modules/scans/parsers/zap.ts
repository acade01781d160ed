/**
 * OWASP ZAP reports, XML ("OWASPZAPReport") and JSON (the traditional JSON report): site › alerts. One finding per
 * site and alert rule; risk 0 (informational) and confidence 0 (false positive) are not findings.
 */
import { cveIds, type Severity } from '../../../../shared/scans/findings.ts';
import { capResults, dateOf, finding, report, type ParsedReport, plainText } from './report.ts';
import { attr, first, nodes, text, type XmlNode } from './xml.ts';

const RISK: Record<string, Severity | null> = { '0': null, '1': 'low', '2': 'medium', '3': 'high' };

type Alert = { pluginid: string; name: string; riskcode: string; confidence: string; solution: string; reference: string; cweid: string };
type Site = { host: string; port: string; name: string; alerts: Alert[] };

function build(format: 'zap' | 'zap_json', sites: Site[], generated: string): ParsedReport {
  capResults(sites.reduce((n, s) => n + s.alerts.length, 0));
  const rows = sites.flatMap((s) =>
    s.alerts.map((a) =>
      a.confidence === '0'
        ? null
        : finding({
            host: s.host,
            port: s.port ? `${s.port}/tcp` : '',
            cves: cveIds(a.reference),
            pluginId: a.pluginid ? `zap:${a.pluginid}` : null,
            title: a.name,
            severity: RISK[a.riskcode] ?? undefined,
            solution: plainText(a.solution),
          }),
    ),
  );
  return report(format, rows, {
    tool: 'OWASP ZAP',
    scannedOn: dateOf(generated),
    scope: sites.map((s) => s.name).join(', ') || null,
    hosts: sites.map((s) => s.host),
  });
}

export function parseZapXml(doc: XmlNode): ParsedReport {
  const root = first(doc.OWASPZAPReport) as XmlNode;
  const sites = nodes(root.site).map((s) => ({
    host: attr(s, 'host'),
    port: attr(s, 'port'),
    name: attr(s, 'name'),
    alerts: nodes((first(s.alerts) as XmlNode | undefined)?.alertitem).map((a) => ({
      pluginid: text(a.pluginid),
      name: text(a.name) || text(a.alert),
      riskcode: text(a.riskcode),
      confidence: text(a.confidence),
      solution: text(a.solution),
      reference: text(a.reference),
      cweid: text(a.cweid),
    })),
  }));
  return build('zap', sites, attr(root, 'generated'));
}

type ZapJson = { '@generated'?: string; site?: { '@name'?: string; '@host'?: string; '@port'?: string; alerts?: Record<string, unknown>[] }[] };

export const isZapJson = (v: unknown) => typeof v === 'object' && v !== null && Array.isArray((v as ZapJson).site) && '@version' in v;

export function parseZapJson(doc: ZapJson): ParsedReport {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const sites = (doc.site ?? []).map((x) => ({
    host: s(x['@host']),
    port: s(x['@port']),
    name: s(x['@name']),
    alerts: (x.alerts ?? []).map((a) => ({
      pluginid: s(a.pluginid),
      name: s(a.name ?? a.alert),
      riskcode: s(a.riskcode),
      confidence: s(a.confidence),
      solution: s(a.solution),
      reference: s(a.reference),
      cweid: s(a.cweid),
    })),
  }));
  return build('zap_json', sites, s(doc['@generated']));
}
