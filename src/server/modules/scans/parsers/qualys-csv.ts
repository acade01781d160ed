/**
 * Qualys VM "Scan Results"/"Vulnerability" CSV: one row per host and QID. Severity is Qualys' 1–5 (1 minimal … 5
 * urgent); information-gathered rows (type "Ig") and fixed ones are not findings. Some exports put report metadata
 * lines above the header: the header is the first row naming IP and QID.
 */
import type { Severity } from '../../../../shared/scans/findings.ts';
import { csvTable, type CsvTable } from './csv-table.ts';
import { dateOf, finding, number, report, type ParsedReport } from './report.ts';

export const isQualysCsv = (t: CsvTable) => t.has('ip', 'qid');

/** Qualys levels as most tools map them: 1 informational, 2 low, 3 medium, 4 high, 5 critical. */
export const QUALYS_LEVEL: Record<string, Severity | null> = { '1': null, '2': 'low', '3': 'medium', '4': 'high', '5': 'critical' };

/** The table starting at the Qualys header row, when metadata lines come first. */
export function qualysTableAt(text: string): CsvTable | null {
  const at = text.search(/^"?IP"?[,;\t].*"?QID"?/m);
  return at > 0 ? csvTable(text.slice(at)) : null;
}

export function parseQualysCsv(t: CsvTable): ParsedReport {
  let scannedOn: string | null = null;
  let skipped = 0;
  const rows = t.rows.flatMap(({ rec }) => {
    if (!rec.ip && !rec.qid) return [];
    if (/^(ig|information gathered|practice)$/i.test(rec.type ?? '') || /^fixed$/i.test(rec.vulnstatus ?? '')) {
      skipped++;
      return [];
    }
    scannedOn ??= dateOf(rec.lastdetected);
    return [
      finding({
        host: rec.ip ?? '',
        port: rec.port ? `${rec.port}/${(rec.protocol || 'tcp').toLowerCase()}` : '',
        cves: rec.cveid,
        pluginId: rec.qid ? `qid:${rec.qid}` : null,
        title: rec.title ?? '',
        severity: rec.severity && rec.severity in QUALYS_LEVEL ? QUALYS_LEVEL[rec.severity] : undefined,
        cvss: number(rec.cvss3base) ?? number(rec.cvss3) ?? number(rec.cvssbase),
        solution: rec.solution,
      }),
    ];
  });
  return report('qualys_csv', rows, { tool: 'Qualys', scannedOn, skipped, hosts: t.rows.map((r) => r.rec.ip ?? '').filter(Boolean) });
}
