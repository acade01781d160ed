/** What every parser returns, and the one way a parser builds a finding. */
import { cveIds, normalizePort, severityFromCvss, type IncomingFinding, type Severity } from '../../../../shared/scans/findings.ts';
import type { ScanFormat } from '../../../../shared/scans/formats.ts';
import { todayVn } from '../../../../shared/core/dates.ts';
import { badFile } from './text.ts';

export type ParsedReport = {
  format: ScanFormat;
  tool: string | null;
  scannedOn: string | null;
  scope: string | null;
  /** Every host the report covered, with or without findings: a scan closes findings only on hosts it covered. */
  hosts: string[];
  findings: IncomingFinding[];
  /** Results left out: informational, false positives, not affected. */
  skipped: number;
};

export const MAX_RESULTS = 50_000;

export function capResults(n: number) {
  if (n > MAX_RESULTS) throw badFile(`At most ${MAX_RESULTS} results per report`, `Tối đa ${MAX_RESULTS} kết quả mỗi báo cáo`);
}

/**
 * A finding with its fields bounded as the database stores them, or null when left out. `severity` null means the
 * scanner called it informational; undefined means it said nothing, and the CVSS score decides.
 */
export function finding(f: {
  host: string;
  port?: string | number | null;
  cves?: string | string[] | null;
  pluginId?: string | null;
  title: string;
  severity?: Severity | null;
  cvss?: number | null;
  solution?: string | null;
}): IncomingFinding | null {
  const cvss = f.cvss !== undefined && f.cvss !== null && Number.isFinite(f.cvss) && f.cvss > 0 && f.cvss <= 10 ? Math.round(f.cvss * 10) / 10 : null;
  const severity = f.severity === null ? null : (f.severity ?? severityFromCvss(cvss));
  const host = f.host.trim();
  if (!host || !severity) return null;
  const cves = cveIds(Array.isArray(f.cves) ? f.cves.join(' ') : f.cves);
  return {
    host: host.slice(0, 255),
    port: normalizePort(f.port).slice(0, 100),
    cveIds: cves,
    pluginId: f.pluginId?.trim().slice(0, 200) || null,
    title: (f.title.trim() || cves.join(', ') || 'Finding').slice(0, 500),
    severity,
    cvss,
    solution: f.solution?.trim().slice(0, 5000) || null,
  };
}

/** A report's date: scanners write UTC timestamps (ISO, RFC 2822, epoch seconds); the calendar day is taken in Vietnam. */
export function dateOf(v: string | number | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const d = typeof v === 'number' || /^\d{9,10}$/.test(String(v)) ? new Date(Number(v) * 1000) : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : todayVn(d);
}

/** Text of an HTML fragment (ZAP and Burp write solutions as HTML), on one line. */
export const plainText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const number = (v: string | undefined | null) => {
  const n = Number.parseFloat(String(v ?? '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

/** Builds the report from candidate findings (null = left out) and the hosts seen. */
export function report(
  format: ScanFormat,
  rows: (IncomingFinding | null)[],
  extra: Partial<Omit<ParsedReport, 'format' | 'findings' | 'skipped'>> & { skipped?: number } = {},
): ParsedReport {
  const findings = rows.filter((r): r is IncomingFinding => r !== null);
  const hosts = [...new Set([...(extra.hosts ?? []), ...findings.map((f) => f.host)])];
  return {
    format,
    tool: extra.tool ?? null,
    scannedOn: extra.scannedOn ?? null,
    scope: extra.scope ?? null,
    hosts,
    findings,
    skipped: (extra.skipped ?? 0) + rows.length - findings.length,
  };
}
