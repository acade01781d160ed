/**
 * Nuclei output: JSON Lines (`-jsonl`, one result a line) or a JSON array (`-json-export`), v2 ("templateID",
 * "matched") and v3 ("template-id", "matched-at") field names. Severity "info" and "unknown" are not findings.
 */
import { parseSeverity } from '../../../../shared/scans/findings.ts';
import { capResults, dateOf, finding, number, report, type ParsedReport } from './report.ts';

type Result = Record<string, unknown> & { info?: Record<string, unknown> & { classification?: Record<string, unknown> } };

export const isNucleiResult = (v: unknown) => typeof v === 'object' && v !== null && ('template-id' in v || 'templateID' in v) && 'info' in v;

/** Host and port of a result: its "ip" when given, else the host part of "host" (a URL or host:port). */
function where(r: Result): { host: string; port: string } {
  const raw = String(r.host ?? r['matched-at'] ?? r.matched ?? '');
  let host = raw;
  let port = String(r.port ?? '');
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `tcp://${raw}`);
    host = u.hostname;
    port ||= u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  } catch {
    /* not a URL: keep it as written */
  }
  return { host: String(r.ip ?? '') || host, port: port ? `${port}/tcp` : '' };
}

export function parseNuclei(results: Result[]): ParsedReport {
  capResults(results.length);
  let scannedOn: string | null = null;
  const rows = results.map((r) => {
    scannedOn ??= dateOf(String(r.timestamp ?? ''));
    const info = r.info ?? {};
    const word = parseSeverity(String(info.severity ?? ''));
    const c = info.classification ?? {};
    const template = String(r['template-id'] ?? r.templateID ?? '');
    const matcher = String(r['matcher-name'] ?? r.matcher_name ?? '');
    const { host, port } = where(r);
    return finding({
      host,
      port,
      cves: [c['cve-id'], template].flat().map((x) => String(x ?? '')),
      pluginId: matcher ? `${template}:${matcher}` : template,
      title: String(info.name ?? template),
      severity: word === 'info' || !word ? null : word,
      cvss: number(String(c['cvss-score'] ?? '')),
      solution: typeof info.remediation === 'string' ? info.remediation : null,
    });
  });
  return report('nuclei', rows, { tool: 'Nuclei', scannedOn });
}
