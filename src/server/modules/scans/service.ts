/** Vulnerability scans of a system: recorded by hand or imported from a scanner report, with findings kept across scans. */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { systems } from '../systems/schema.ts';
import { findSystem } from '../systems/service.ts';
import { canRecordFor } from '../warnings/facts.ts';
import { outer } from '../warnings/shared.ts';
import { findings, scanFindings, scans } from './schema.ts';
import { parseOpenVas, type ParsedReport } from './openvas.ts';
import { parseCsvReport } from './csv-report.ts';
import { badFile, decodeUtf8 } from './report-text.ts';
import { normalizeHost, reconcileFindings, type IncomingFinding, type Severity, type StoredFinding } from '../../../shared/findings.ts';
import { todayVn } from '../../../shared/dates.ts';
import type { z } from 'zod';
import type { FindingsQuery, ScanImportFields, ScanInput } from '../../../shared/warnings-schemas.ts';

type ScanRow = typeof scans.$inferSelect;
type FindingRow = typeof findings.$inferSelect;

const scanId = outer('scans');
const counts = {
  reported: sql<number>`(select count(*)::int from scan_findings x where x.scan_id = ${scanId})`,
  opened: sql<number>`(select count(*)::int from findings x where x.first_scan_id = ${scanId})`,
  closed: sql<number>`(select count(*)::int from findings x where x.closed_by_scan_id = ${scanId})`,
};

function presentScan(s: ScanRow & { reported: number; opened: number; closed: number }) {
  return {
    id: s.id, systemId: s.systemId, scannedOn: s.scannedOn, tool: s.tool, scope: s.scope, performedBy: s.performedBy,
    source: s.source as 'manual' | 'openvas' | 'csv', fileName: s.fileName, hosts: s.hosts, note: s.note, createdAt: s.createdAt.toISOString(),
    reported: s.reported, opened: s.opened, closed: s.closed,
  };
}

export const presentFinding = (f: FindingRow) => ({
  id: f.id, host: f.host, port: f.port, cveIds: f.cveIds, pluginId: f.pluginId, title: f.title, severity: f.severity as Severity,
  cvss: f.cvss, solution: f.solution, status: f.status as 'open' | 'closed', firstSeenOn: f.firstSeenOn, lastSeenOn: f.lastSeenOn, closedOn: f.closedOn,
});

export async function listScans(db: Queryable, actor: Actor, systemId: number) {
  await findSystem(db, actor, systemId);
  const rows = await db.select({ scan: scans, ...counts }).from(scans).where(eq(scans.systemId, systemId)).orderBy(desc(scans.scannedOn), desc(scans.id));
  return rows.map((r) => presentScan({ ...r.scan, reported: r.reported, opened: r.opened, closed: r.closed }));
}

async function scanById(db: Queryable, id: number) {
  const [r] = await db.select({ scan: scans, ...counts }).from(scans).where(eq(scans.id, id));
  return presentScan({ ...r!.scan, reported: r!.reported, opened: r!.opened, closed: r!.closed });
}

export async function getScan(db: Queryable, actor: Actor, id: number) {
  const [row] = await db.select({ id: scans.id, systemName: systems.name }).from(scans).innerJoin(systems, eq(systems.id, scans.systemId))
    .where(and(eq(scans.id, id), readableAgency(actor, scans.agencyId)));
  if (!row) throw notFound('Scan');
  const reported = await db.select({ f: findings }).from(scanFindings).innerJoin(findings, eq(findings.id, scanFindings.findingId))
    .where(eq(scanFindings.scanId, id)).orderBy(asc(findings.host), asc(findings.port), asc(findings.id));
  return { ...(await scanById(db, id)), systemName: row.systemName, findings: reported.map((r) => presentFinding(r.f)) };
}

export async function listFindings(db: Queryable, actor: Actor, systemId: number, q: z.infer<typeof FindingsQuery>) {
  await findSystem(db, actor, systemId);
  const where = [eq(findings.systemId, systemId)];
  if (q.status !== 'all') where.push(eq(findings.status, q.status));
  if (q.scanId) where.push(sql`${findings.id} in (select finding_id from scan_findings where scan_id = ${q.scanId})`);
  const rows = await db.select().from(findings).where(and(...where))
    .orderBy(asc(findings.status), sql`array_position(array['critical','high','medium','low'], ${findings.severity})`, desc(findings.cvss), asc(findings.host), asc(findings.id));
  return rows.map(presentFinding);
}

async function recordable(db: Queryable, actor: Actor, systemId: number) {
  const s = await findSystem(db, actor, systemId);
  assert(canRecordFor(actor, s));
  return s;
}

function checkDate(scannedOn: string) {
  if (scannedOn > todayVn()) throw invalid('scannedOn', 'The scan date cannot be in the future', 'Ngày quét không được sau ngày hôm nay');
}

/** A scan recorded by hand (date, tool, scope, who): it counts for the 6-month rule but reports no findings. */
export async function recordScan(db: Db, actor: Actor, systemId: number, input: z.infer<typeof ScanInput>) {
  checkDate(input.scannedOn);
  return db.transaction(async (tx) => {
    const s = await recordable(tx, actor, systemId);
    const [row] = await tx.insert(scans).values({ ...input, systemId, agencyId: s.agencyId, source: 'manual', createdBy: actor.userId }).returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'scan', entityId: row!.id, agencyId: s.agencyId, after: row });
    return scanById(tx, row!.id);
  });
}

/**
 * Writes a scan's findings inside the caller's transaction: new identities are inserted, known ones get their
 * dates (and reopen if closed), and open findings on scanned hosts that the scan no longer reports are closed.
 */
export async function applyFindings(tx: Tx, scan: { id: number; systemId: number; agencyId: number; scannedOn: string; hosts: string[] }, incoming: readonly IncomingFinding[]) {
  const existing = await tx.select({ id: findings.id, key: findings.key, host: findings.host, status: findings.status, firstSeenOn: findings.firstSeenOn,
    lastSeenOn: findings.lastSeenOn, closedOn: findings.closedOn }).from(findings).where(eq(findings.systemId, scan.systemId)).for('update');
  const plan = reconcileFindings(existing as StoredFinding[], incoming, scan);
  const reportedIds: number[] = [];
  if (plan.create.length) {
    const inserted = await tx.insert(findings).values(plan.create.map((f) => ({
      systemId: scan.systemId, agencyId: scan.agencyId, key: f.key, host: normalizeHost(f.host), port: f.port, cveIds: f.cveIds, pluginId: f.pluginId,
      title: f.title, severity: f.severity, cvss: f.cvss, solution: f.solution, firstSeenOn: scan.scannedOn, lastSeenOn: scan.scannedOn,
      firstScanId: scan.id, lastScanId: scan.id,
    }))).returning({ id: findings.id });
    reportedIds.push(...inserted.map((r) => r.id));
  }
  for (const s of plan.seen) {
    const f = s.incoming;
    await tx.update(findings).set({
      firstSeenOn: s.firstSeenOn, lastSeenOn: s.lastSeenOn,
      ...(s.newest ? { lastScanId: scan.id, title: f.title, severity: f.severity, cvss: f.cvss, solution: f.solution, cveIds: f.cveIds, pluginId: f.pluginId } : {}),
      ...(s.reopen ? { status: 'open', closedOn: null, closedByScanId: null } : {}),
    }).where(eq(findings.id, s.id));
    reportedIds.push(s.id);
  }
  if (plan.close.length) {
    await tx.update(findings).set({ status: 'closed', closedOn: scan.scannedOn, closedByScanId: scan.id }).where(inArray(findings.id, plan.close));
  }
  if (reportedIds.length) await tx.insert(scanFindings).values(reportedIds.map((findingId) => ({ scanId: scan.id, findingId })));
  return { created: plan.create.length, seenAgain: plan.seen.length, reopened: plan.seen.filter((s) => s.reopen).length, closed: plan.close.length };
}

/** OpenVAS XML or generic CSV, told apart by content (and the file name). */
export function parseReport(data: Buffer, name: string): ParsedReport {
  const text = decodeUtf8(data);
  const head = text.trimStart().slice(0, 200);
  if (head.startsWith('<') || /\.xml$/i.test(name)) return parseOpenVas(text);
  if (/\.csv$/i.test(name) || /[,;\t]/.test(head.split('\n')[0] ?? '')) return parseCsvReport(text);
  throw badFile('Send an OpenVAS/Greenbone XML report or a CSV file', 'Hãy gửi báo cáo XML của OpenVAS/Greenbone hoặc tệp CSV');
}

const hostList = (text: string | null | undefined) => (text ?? '').split(/[\s,;]+/).map((h) => h.trim()).filter(Boolean);

/** Imports a scanner report as one scan: the whole file or nothing. */
export async function importScan(db: Db, actor: Actor, systemId: number, file: { name: string; data: Buffer }, fields: z.infer<typeof ScanImportFields>) {
  // Scope first: a report for a system the actor cannot see is refused before it is read.
  await recordable(db, actor, systemId);
  const report = parseReport(file.data, file.name);
  const scannedOn = fields.scannedOn ?? report.scannedOn;
  if (!scannedOn) throw invalid('scannedOn', 'The report has no scan date: enter it', 'Báo cáo không ghi ngày quét: hãy nhập ngày quét');
  checkDate(scannedOn);
  const hosts = [...new Set([...report.hosts, ...hostList(fields.hosts), ...report.findings.map((f) => f.host)].map(normalizeHost))];
  return db.transaction(async (tx) => {
    const s = await recordable(tx, actor, systemId);
    const [row] = await tx.insert(scans).values({
      systemId, agencyId: s.agencyId, scannedOn, tool: fields.tool ?? report.tool ?? 'CSV', scope: fields.scope ?? report.scope, performedBy: fields.performedBy,
      source: report.format, fileName: file.name.slice(0, 200), fileSha256: createHash('sha256').update(file.data).digest('hex'), hosts, createdBy: actor.userId,
    }).returning();
    const result = await applyFindings(tx, row!, report.findings);
    await recordAudit(tx, actor, { action: 'import', entity: 'scan', entityId: row!.id, agencyId: s.agencyId,
      after: { ...row, findings: report.findings.length, skipped: report.skipped, ...result } });
    return { scan: await scanById(tx, row!.id), ...result };
  });
}
