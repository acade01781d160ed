/**
 * Trivy JSON (schema 2): Results › Vulnerabilities of an image, a file system or a repository. The "host" is the
 * artifact scanned, the location the package; status "not_affected" is not a finding.
 */
import { parseSeverity } from '../../../../shared/scans/findings.ts';
import { capResults, dateOf, finding, number, report, type ParsedReport } from './report.ts';

type Vuln = Record<string, unknown> & { CVSS?: Record<string, { V3Score?: number; V2Score?: number }> };
type Trivy = { ArtifactName?: string; CreatedAt?: string; Results?: { Target?: string; Vulnerabilities?: Vuln[] | null }[] };

export const isTrivy = (v: unknown) => typeof v === 'object' && v !== null && 'SchemaVersion' in v && 'Results' in v;

export function parseTrivy(doc: Trivy): ParsedReport {
  const results = doc.Results ?? [];
  capResults(results.reduce((n, r) => n + (r.Vulnerabilities?.length ?? 0), 0));
  const artifact = (doc.ArtifactName || results[0]?.Target || 'artifact').replace(/\s*\(.*\)\s*$/, '').replace(/\s+/g, '_');
  const rows = results.flatMap((r) =>
    (r.Vulnerabilities ?? []).map((v) => {
      if (v.Status === 'not_affected') return null;
      const word = parseSeverity(String(v.Severity ?? ''));
      const scores = Object.values(v.CVSS ?? {});
      const pkg = String(v.PkgName ?? '');
      return finding({
        host: artifact,
        port: `pkg:${pkg}`,
        cves: String(v.VulnerabilityID ?? ''),
        pluginId: String(v.VulnerabilityID ?? ''),
        title: `${pkg} ${v.InstalledVersion ?? ''}: ${v.Title ?? v.VulnerabilityID}`,
        severity: word === 'info' ? null : (word ?? undefined),
        cvss: scores.map((s) => s.V3Score ?? s.V2Score ?? null).find((s) => s !== null && s !== undefined) ?? number(null),
        solution: v.FixedVersion ? `Nâng cấp ${pkg} lên ${v.FixedVersion} / Upgrade ${pkg} to ${v.FixedVersion}` : null,
      });
    }),
  );
  return report('trivy', rows, { tool: 'Trivy', scannedOn: dateOf(doc.CreatedAt), scope: doc.ArtifactName || null, hosts: [artifact] });
}
