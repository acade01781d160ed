/**
 * Greenbone "CSV Results": IP and Hostname apart (the host is the IP), Port and Port Protocol apart, "NVT Name" the
 * title, "NVT OID" the plugin, Severity "Log" not a finding.
 */
import { parseSeverity } from '../../../../shared/scans/findings.ts';
import { dateOf, finding, number, report, type ParsedReport } from './report.ts';
import type { CsvTable } from './csv-table.ts';

export const isOpenVasCsv = (t: CsvTable) => t.has('nvtoid') || (t.has('nvtname') && t.has('ip'));

export function parseOpenVasCsv(t: CsvTable): ParsedReport {
  let scannedOn: string | null = null;
  const rows = t.rows.map(({ rec }) => {
    scannedOn ??= dateOf(rec.timestamp);
    const word = parseSeverity(rec.severity);
    const port = rec.port ? `${rec.port}/${rec.portprotocol || 'tcp'}` : rec.portprotocol ? `general/${rec.portprotocol}` : '';
    return finding({
      host: rec.ip || rec.hostname || '',
      port,
      cves: rec.cves,
      pluginId: rec.nvtoid,
      title: rec.nvtname || rec.summary || '',
      severity: word === 'info' ? null : (word ?? undefined),
      cvss: number(rec.cvss),
      solution: rec.solution,
    });
  });
  const taskName = t.rows.find((r) => r.rec.taskname)?.rec.taskname;
  return report('openvas_csv', rows, {
    tool: 'OpenVAS / Greenbone',
    scannedOn,
    scope: taskName ?? null,
    hosts: t.rows.map((r) => r.rec.ip || r.rec.hostname || '').filter(Boolean),
  });
}
