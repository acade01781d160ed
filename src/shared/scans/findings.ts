/**
 * Vulnerability scan findings: severity, identity across scans, and how a new scan changes what is open.
 * Pure rules shared by the scanner import, the demo seed and the UI.
 */
import { isUnresolved, type FindingStatus } from './workflow.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Severity in the words of official documents (as the web UI names warnings' and findings' severities). */
export const SEVERITY_VI: Record<Severity, string> = { critical: 'Nghiêm trọng', high: 'Cao', medium: 'Trung bình', low: 'Thấp' };

const severityRank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);

/** CVSS v3 qualitative bands: 9.0–10 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low; 0 or less is informational (null). */
export function severityFromCvss(score: number | null | undefined): Severity | null {
  if (score === null || score === undefined || !Number.isFinite(score) || score <= 0) return null;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** Severity words as scanners and people write them, in English or Vietnamese. */
export function parseSeverity(text: string | null | undefined): Severity | null | 'info' {
  const t = (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').trim().toLowerCase();
  if (!t) return null;
  if (['critical', 'nghiem trong', 'rat cao', 'urgent'].includes(t)) return 'critical';
  if (['high', 'cao', 'important'].includes(t)) return 'high';
  if (['medium', 'moderate', 'trung binh'].includes(t)) return 'medium';
  if (['low', 'thap'].includes(t)) return 'low';
  if (['log', 'info', 'informational', 'none', 'thong tin', 'false positive'].includes(t)) return 'info';
  return null;
}

const CVE = /CVE-\d{4}-\d{4,}/gi;

/** The CVE ids in a text ("CVE-2023-45802, cve-2023-43622"), upper-cased, sorted and without repeats. */
export function cveIds(text: string | null | undefined): string[] {
  return [...new Set((text ?? '').match(CVE)?.map((c) => c.toUpperCase()) ?? [])].sort();
}

/**
 * "443", "443/tcp", "TCP/443", "http (80/tcp)" (OpenVAS ≤ 8), "general/tcp", "" → "443/tcp", "80/tcp", "general/tcp",
 * "general": the same port however the scanner wrote it, so a finding is recognised across scans.
 */
export function normalizePort(port: string | number | null | undefined): string {
  const raw = String(port ?? '')
    .trim()
    .toLowerCase();
  const p = /\(([^()]*\/[^()]*)\)\s*$/.exec(raw)?.[1]?.trim() ?? raw;
  if (!p) return 'general';
  const a = /^(\d+)\s*\/\s*([a-z]+)$/.exec(p);
  if (a) return `${Number(a[1])}/${a[2]}`;
  const b = /^([a-z]+)\s*\/\s*(\d+)$/.exec(p);
  if (b) return `${Number(b[2])}/${b[1]}`;
  if (/^\d+$/.test(p)) return `${Number(p)}/tcp`;
  return p.replace(/\s+/g, '');
}

export const normalizeHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

export type FindingIdentity = { host: string; port?: string | number | null; cveIds?: readonly string[]; pluginId?: string | null; title?: string | null };

/**
 * The same finding across scans of one system: same host and port, and the same CVEs; without CVEs, the same
 * scanner plugin (OpenVAS NVT OID); without either, the same title. CVEs come first so a finding keeps its
 * identity when the next scan is made with another tool.
 */
export function findingKey(f: FindingIdentity): string {
  const host = normalizeHost(f.host);
  const port = normalizePort(f.port);
  const cves = [...new Set((f.cveIds ?? []).map((c) => c.toUpperCase()))].sort();
  let what: string;
  if (cves.length) what = cves.join(',');
  else if (f.pluginId?.trim()) what = `plugin:${f.pluginId.trim()}`;
  else what = `title:${(f.title ?? '').trim().toLowerCase().replace(/\s+/g, ' ')}`;
  return `${host}|${port}|${what}`;
}

export type IncomingFinding = {
  host: string;
  port: string;
  cveIds: string[];
  pluginId: string | null;
  title: string;
  severity: Severity;
  cvss: number | null;
  solution: string | null;
};

/** One row per identity: a report listing a finding twice keeps the worse copy. */
export function dedupeFindings<T extends IncomingFinding>(rows: readonly T[]): (T & { key: string })[] {
  const byKey = new Map<string, T & { key: string }>();
  for (const r of rows) {
    const key = findingKey(r);
    const prev = byKey.get(key);
    if (!prev || severityRank(r.severity) > severityRank(prev.severity) || (r.cvss ?? 0) > (prev.cvss ?? 0)) byKey.set(key, { ...r, key });
  }
  return [...byKey.values()];
}

export type StoredFinding = {
  id: number;
  key: string;
  host: string;
  status: FindingStatus;
  firstSeenOn: string;
  lastSeenOn: string;
  closedOn: string | null;
};

export type Reconciliation<T> = {
  /** New identities: insert, first and last seen on the scan date. */
  create: (T & { key: string })[];
  /** Known identities seen again: the new dates, whether they are (re)opened, and the scan's details when it is the newest. */
  seen: { id: number; incoming: T & { key: string }; firstSeenOn: string; lastSeenOn: string; reopen: boolean; newest: boolean }[];
  /** Findings still owed on a scanned host that the scan no longer reports: fixed, closed by this scan. */
  close: number[];
};

/**
 * What a scan dated `scannedOn` covering `hosts` does to a system's findings. A scan closes (marks fixed) only
 * findings still owed (open, confirmed, in remediation) on hosts it covered and only if it is not older than their
 * last sighting; a fixed finding it reports again, on or after the day it was fixed, opens again. False positives and
 * accepted risks stay as they are: that is what their approval is for, until it expires. Importing an old report after
 * a newer one reopens nothing and closes nothing, it only moves "first seen" back.
 */
export function reconcileFindings<T extends IncomingFinding>(
  existing: readonly StoredFinding[],
  incoming: readonly T[],
  scan: { scannedOn: string; hosts: readonly string[] },
): Reconciliation<T> {
  const rows = dedupeFindings(incoming);
  const byKey = new Map(existing.map((f) => [f.key, f]));
  const hosts = new Set([...scan.hosts, ...rows.map((r) => r.host)].map(normalizeHost));
  const out: Reconciliation<T> = { create: [], seen: [], close: [] };
  const reported = new Set<string>();
  for (const r of rows) {
    reported.add(r.key);
    const f = byKey.get(r.key);
    if (!f) {
      out.create.push(r);
      continue;
    }
    const newest = scan.scannedOn >= f.lastSeenOn;
    out.seen.push({
      id: f.id,
      incoming: r,
      newest,
      // biome-ignore lint/complexity/useMathMinMax: ISO dates (strings) compare as text
      firstSeenOn: scan.scannedOn < f.firstSeenOn ? scan.scannedOn : f.firstSeenOn,
      lastSeenOn: newest ? scan.scannedOn : f.lastSeenOn,
      reopen: f.status === 'fixed' && f.closedOn !== null && scan.scannedOn >= f.closedOn,
    });
  }
  for (const f of existing) {
    if (!isUnresolved(f.status) || reported.has(f.key)) continue;
    if (hosts.has(normalizeHost(f.host)) && scan.scannedOn >= f.lastSeenOn) out.close.push(f.id);
  }
  return out;
}
