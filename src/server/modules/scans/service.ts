/** Vulnerability scans of a system: recorded by hand or imported from a scanner report, with findings kept across scans. */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { outer } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import { findSystem, systems } from '../systems/index.ts';
import { mayRecordScans } from './access.ts';
import { scanReported, systemFindings } from './finding-work.ts';
import { findings, scans } from './schema.ts';
import { parseScanReport } from './parsers/index.ts';
import type { ScanFormat } from '../../../shared/scans/formats.ts';
import { normalizeHost, reconcileFindings, type IncomingFinding, type StoredFinding } from '../../../shared/scans/findings.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { z } from 'zod';
import type { FindingsQuery, ScanImportFields, ScanInput } from '../../../shared/warnings/schemas.ts';

type ScanRow = typeof scans.$inferSelect;

const scanId = outer('scans');
const counts = {
  reported: sql<number>`(select count(*)::int from scan_findings x where x.scan_id = ${scanId})`,
  opened: sql<number>`(select count(*)::int from findings x where x.first_scan_id = ${scanId})`,
  closed: sql<number>`(select count(*)::int from findings x where x.closed_by_scan_id = ${scanId})`,
};

function presentScan(s: ScanRow & { reported: number; opened: number; closed: number }) {
  return {
    id: s.id,
    systemId: s.systemId,
    scannedOn: s.scannedOn,
    tool: s.tool,
    scope: s.scope,
    performedBy: s.performedBy,
    source: s.source as 'manual' | ScanFormat,
    fileName: s.fileName,
    hosts: s.hosts,
    note: s.note,
    createdAt: s.createdAt.toISOString(),
    reported: s.reported,
    opened: s.opened,
    closed: s.closed,
  };
}

export async function listScans(db: Queryable, actor: Actor, systemId: number) {
  await findSystem(db, actor, systemId);
  const rows = await db
    .select({ scan: scans, ...counts })
    .from(scans)
    .where(eq(scans.systemId, systemId))
    .orderBy(desc(scans.scannedOn), desc(scans.id));
  return rows.map((r) => presentScan({ ...r.scan, reported: r.reported, opened: r.opened, closed: r.closed }));
}

async function scanById(db: Queryable, id: number) {
  const [r] = await db
    .select({ scan: scans, ...counts })
    .from(scans)
    .where(eq(scans.id, id));
  return presentScan({ ...r!.scan, reported: r!.reported, opened: r!.opened, closed: r!.closed });
}

export async function getScan(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ id: scans.id, systemName: systems.name })
    .from(scans)
    .innerJoin(systems, eq(systems.id, scans.systemId))
    .where(and(eq(scans.id, id), readableAgency(actor, scans.agencyId)));
  if (!row) throw notFound('Scan');
  return { ...(await scanById(db, id)), systemName: row.systemName, findings: await scanReported(db, actor, id) };
}

export async function listFindings(db: Queryable, actor: Actor, systemId: number, q: z.infer<typeof FindingsQuery>) {
  await findSystem(db, actor, systemId);
  return systemFindings(db, actor, systemId, q);
}

/** The system, if the actor may record its scans (404 out of scope, 403 read-only); checked before a report is read. */
export async function recordable(db: Queryable, actor: Actor, systemId: number) {
  const s = await findSystem(db, actor, systemId);
  assert(mayRecordScans(actor, s));
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
    const [row] = await tx
      .insert(scans)
      .values({ ...input, systemId, agencyId: s.agencyId, source: 'manual', createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'scan', entityId: row!.id, agencyId: s.agencyId, after: row });
    return scanById(tx, row!.id);
  });
}

/**
 * Rows per statement. A report's tens of thousands of findings as one statement overflow the SQL builder's stack; each
 * statement below passes a column as one array parameter (unnest), which is also several times faster than a
 * parameter a value.
 */
const BATCH = 1000;
function* batches<T>(rows: readonly T[]) {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Writes a scan's findings inside the caller's transaction: new identities are inserted, known ones get their
 * dates (and reopen if closed), and open findings on scanned hosts that the scan no longer reports are closed.
 */
export async function applyFindings(
  tx: Tx,
  scan: { id: number; systemId: number; agencyId: number; scannedOn: string; hosts: string[] },
  incoming: readonly IncomingFinding[],
) {
  const existing = await tx
    .select({
      id: findings.id,
      key: findings.key,
      host: findings.host,
      status: findings.status,
      firstSeenOn: findings.firstSeenOn,
      lastSeenOn: findings.lastSeenOn,
      closedOn: findings.closedOn,
    })
    .from(findings)
    .where(eq(findings.systemId, scan.systemId))
    .for('update');
  const plan = reconcileFindings(existing as StoredFinding[], incoming, scan);
  const reportedIds: number[] = [];
  for (const batch of batches(plan.create)) {
    const column = (value: (f: (typeof batch)[number]) => unknown) => sql.param(batch.map(value));
    const inserted = await tx.execute<{ id: number }>(sql`insert into findings (system_id, agency_id, key, host, port, cve_ids, plugin_id, title, severity,
        cvss, solution, first_seen_on, last_seen_on, first_scan_id, last_scan_id)
      select ${scan.systemId}::int, ${scan.agencyId}::int, v.key, v.host, v.port, string_to_array(v.cve_ids, ','), v.plugin_id, v.title, v.severity,
        v.cvss, v.solution, ${scan.scannedOn}::date, ${scan.scannedOn}::date, ${scan.id}::int, ${scan.id}::int
      from unnest(${column((f) => f.key)}::text[], ${column((f) => normalizeHost(f.host))}::text[], ${column((f) => f.port)}::text[],
        ${column((f) => f.cveIds.join(','))}::text[], ${column((f) => f.pluginId)}::text[], ${column((f) => f.title)}::text[],
        ${column((f) => f.severity)}::text[], ${column((f) => f.cvss)}::numeric[], ${column((f) => f.solution)}::text[])
        as v(key, host, port, cve_ids, plugin_id, title, severity, cvss, solution)
      returning id`);
    for (const r of inserted.rows) reportedIds.push(r.id);
  }
  for (const batch of batches(plan.seen)) {
    // One statement a batch, one array parameter a column: the newest scan's copy wins, a sighting reopens.
    const column = (value: (s: (typeof batch)[number]) => unknown) => sql.param(batch.map(value));
    await tx.execute(sql`update findings f set first_seen_on = v.first_seen_on, last_seen_on = v.last_seen_on,
        last_scan_id = case when v.newest then ${scan.id}::int else f.last_scan_id end,
        title = case when v.newest then v.title else f.title end, severity = case when v.newest then v.severity else f.severity end,
        cvss = case when v.newest then v.cvss else f.cvss end, solution = case when v.newest then v.solution else f.solution end,
        cve_ids = case when v.newest then string_to_array(v.cve_ids, ',') else f.cve_ids end,
        plugin_id = case when v.newest then v.plugin_id else f.plugin_id end,
        status = case when v.reopen then 'open' else f.status end, closed_on = case when v.reopen then null else f.closed_on end,
        closed_by_scan_id = case when v.reopen then null else f.closed_by_scan_id end,
        status_reason = case when v.reopen then null else f.status_reason end
      from unnest(${column((s) => s.id)}::int[], ${column((s) => s.firstSeenOn)}::date[], ${column((s) => s.lastSeenOn)}::date[],
        ${column((s) => s.newest)}::boolean[], ${column((s) => s.reopen)}::boolean[], ${column((s) => s.incoming.title)}::text[],
        ${column((s) => s.incoming.severity)}::text[], ${column((s) => s.incoming.cvss)}::numeric[], ${column((s) => s.incoming.solution)}::text[],
        ${column((s) => s.incoming.cveIds.join(','))}::text[], ${column((s) => s.incoming.pluginId)}::text[])
        as v(id, first_seen_on, last_seen_on, newest, reopen, title, severity, cvss, solution, cve_ids, plugin_id)
      where f.id = v.id`);
    for (const s of batch) reportedIds.push(s.id);
  }
  for (const batch of batches(plan.close)) {
    await tx.update(findings).set({ status: 'fixed', closedOn: scan.scannedOn, closedByScanId: scan.id }).where(inArray(findings.id, batch));
  }
  for (const batch of batches(reportedIds)) {
    await tx.execute(sql`insert into scan_findings (scan_id, finding_id) select ${scan.id}::int, unnest(${sql.param(batch)}::int[])`);
  }
  return { created: plan.create.length, seenAgain: plan.seen.length, reopened: plan.seen.filter((s) => s.reopen).length, closed: plan.close.length };
}

const hostList = (text: string | null | undefined) =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((h) => h.trim())
    .filter(Boolean);

/** Imports a scanner report as one scan: the whole file or nothing. The route checks `recordable` before reading it. */
export async function importScan(db: Db, actor: Actor, systemId: number, file: { name: string; data: Buffer }, fields: z.infer<typeof ScanImportFields>) {
  const report = parseScanReport(file.data);
  const scannedOn = fields.scannedOn ?? report.scannedOn;
  if (!scannedOn) throw invalid('scannedOn', 'The report has no scan date: enter it', 'Báo cáo không ghi ngày quét: hãy nhập ngày quét');
  checkDate(scannedOn);
  const hosts = [...new Set([...report.hosts, ...hostList(fields.hosts), ...report.findings.map((f) => f.host)].map(normalizeHost))];
  return db.transaction(async (tx) => {
    const s = await recordable(tx, actor, systemId);
    const [row] = await tx
      .insert(scans)
      .values({
        systemId,
        agencyId: s.agencyId,
        scannedOn,
        tool: fields.tool ?? report.tool ?? 'CSV',
        scope: fields.scope ?? report.scope,
        performedBy: fields.performedBy,
        source: report.format,
        fileName: file.name.slice(0, 200),
        fileSha256: createHash('sha256').update(file.data).digest('hex'),
        hosts,
        createdBy: actor.userId,
      })
      .returning();
    const result = await applyFindings(tx, row!, report.findings);
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'scan',
      entityId: row!.id,
      agencyId: s.agencyId,
      after: { ...row, findings: report.findings.length, skipped: report.skipped, ...result },
    });
    return { scan: await scanById(tx, row!.id), ...result };
  });
}
