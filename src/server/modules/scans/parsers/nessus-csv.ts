/**
 * Nessus CSV exports (default and custom columns) and Tenable.sc "vulnerability details" CSV. Both write one row per
 * plugin, host, port and CVE: rows of one plugin on one port are one finding with every CVE. Risk "None" is
 * informational; Tenable.sc rows in state "Fixed" are no longer findings.
 */
import { parseSeverity, type Severity } from '../../../../shared/scans/findings.ts';
import type { CsvTable } from './csv-table.ts';
import { finding, number, report, type ParsedReport } from './report.ts';

export const isNessusCsv = (t: CsvTable) => t.has('pluginid', 'host') && (t.has('risk') || t.has('riskfactor'));
export const isTenableScCsv = (t: CsvTable) => t.has('pluginid', 'ipaddress');

/** Tenable.sc writes severity as 0–4 as well as words. */
const TENABLE_SEVERITY: Record<string, Severity | 'info'> = { '0': 'info', '1': 'low', '2': 'medium', '3': 'high', '4': 'critical' };

function parse(t: CsvTable, format: 'nessus_csv' | 'tenable_sc_csv'): ParsedReport {
  const groups = new Map<string, { rec: Record<string, string>; cves: string[] }>();
  let skipped = 0;
  const hosts: string[] = [];
  for (const { rec } of t.rows) {
    const host = (format === 'tenable_sc_csv' ? rec.ipaddress || rec.host : rec.host || rec.ipaddress) ?? '';
    if (!host && !rec.pluginid) continue; // a blank line between sections
    hosts.push(host);
    if (/^fixed$/i.test(rec.vulnerabilitystate ?? '')) {
      skipped++;
      continue;
    }
    const port = !rec.port || rec.port === '0' ? `general/${(rec.protocol || 'tcp').toLowerCase()}` : `${rec.port}/${(rec.protocol || 'tcp').toLowerCase()}`;
    const key = [host, port, rec.pluginid].join('|');
    const g = groups.get(key);
    if (g) g.cves.push(rec.cve ?? '');
    else groups.set(key, { rec: { ...rec, host, port }, cves: [rec.cve ?? ''] });
  }
  const rows = [...groups.values()].map(({ rec, cves }) => {
    const word = parseSeverity(rec.risk || rec.riskfactor) ?? TENABLE_SEVERITY[rec.severity ?? ''] ?? parseSeverity(rec.severity);
    const cvss = number(rec.cvssv30basescore) ?? number(rec.cvss3basescore) ?? number(rec.cvssv20basescore) ?? number(rec.cvssbasescore) ?? number(rec.cvss);
    return finding({
      host: rec.host!,
      port: rec.port,
      cves,
      pluginId: rec.pluginid,
      title: rec.name || rec.pluginname || rec.synopsis || '',
      severity: word === 'info' ? null : (word ?? undefined),
      cvss: word === 'info' ? null : cvss,
      solution: rec.solution === 'n/a' ? null : rec.solution,
    });
  });
  return report(format, rows, { tool: format === 'nessus_csv' ? 'Nessus' : 'Tenable.sc', hosts, skipped });
}

export const parseNessusCsv = (t: CsvTable) => parse(t, 'nessus_csv');
export const parseTenableScCsv = (t: CsvTable) => parse(t, 'tenable_sc_csv');
