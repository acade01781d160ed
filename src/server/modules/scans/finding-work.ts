/**
 * Findings worked to closure (src/shared/scans/workflow.ts): the lists, one finding's actions and assignee, bulk
 * actions on a selection, the province's overdue view, and the lapse of exceptions at their expiry.
 */
import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { todaySql } from '../../db/sql.ts';
import { recordAudits } from '../audit/index.ts';
import { attachmentsOf } from '../files/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { users } from '../users/index.ts';
import { mayApproveException, mayWorkFinding, mayWorkFindingsSomewhere, mayReadOverdueOverview } from './access.ts';
import { anyExploited, findingDueOn, findingOverdue, unresolved } from './facts.ts';
import { findings, scanFindings } from './schema.ts';
import type { Severity } from '../../../shared/scans/findings.ts';
import {
  EXCEPTION_STATUSES,
  isException,
  targetOf,
  transitionProblem,
  type FindingAction,
  type FindingStatus,
  type TransitionInput,
} from '../../../shared/scans/workflow.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { Role } from '../../../shared/core/roles.ts';
import type { FindingBulk, FindingListQuery, FindingsQuery, FindingTransition } from '../../../shared/warnings/schemas.ts';

const assignee = alias(users, 'assignee');
const approver = alias(users, 'approver');

/** Warnings naming one of the finding's CVEs (the warnings module's table, read only), newest first. */
const linkedWarnings = sql<{ id: number; number: string; title: string }[]>`(select coalesce(json_agg(json_build_object('id', w.id, 'number', w.number,
  'title', w.title) order by w.issued_on desc, w.id desc), '[]'::json) from (select id, number, title, issued_on from warnings
  where cve_ids && ${findings.cveIds} order by issued_on desc, id desc limit 20) w)`;

const columns = {
  f: findings,
  systemName: systems.name,
  systemCode: systems.code,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  knownExploited: anyExploited(findings.cveIds),
  exploitedCveIds: sql<string[]>`array(select k.cve_id from known_exploited_cves k where k.cve_id = any(${findings.cveIds}) order by 1)`,
  dueOn: sql<string>`(${findingDueOn})::text`,
  overdue: findingOverdue,
  assigneeName: assignee.fullName,
  approverName: approver.fullName,
  warnings: linkedWarnings,
};

type Row = Awaited<ReturnType<typeof selectFindings>>[number];

function selectFindings(db: Queryable, actor: Actor, where: (SQL | undefined)[]) {
  return db
    .select(columns)
    .from(findings)
    .innerJoin(systems, eq(systems.id, findings.systemId))
    .innerJoin(agencies, eq(agencies.id, findings.agencyId))
    .leftJoin(assignee, eq(assignee.id, findings.assigneeUserId))
    .leftJoin(approver, eq(approver.id, findings.approvedByUserId))
    .where(and(readableAgency(actor, findings.agencyId), ...where))
    .$dynamic();
}

/** Worst first: still owed before the rest, then severity, CVSS, host. */
const worstFirst = [
  sql`(${unresolved(findings.status)}) desc`,
  sql`array_position(array['critical','high','medium','low'], ${findings.severity})`,
  sql`${findings.cvss} desc nulls last`,
  asc(findings.host),
  asc(findings.id),
];

const person = (id: number | null, fullName: string | null) => (id !== null && fullName !== null ? { id, fullName } : null);

function present(actor: Actor, r: Row) {
  const f = r.f;
  return {
    id: f.id,
    systemId: f.systemId,
    systemName: r.systemName,
    systemCode: r.systemCode,
    agencyId: f.agencyId,
    agencyName: r.agencyName,
    host: f.host,
    port: f.port,
    cveIds: f.cveIds,
    exploitedCveIds: r.exploitedCveIds,
    pluginId: f.pluginId,
    title: f.title,
    severity: f.severity as Severity,
    cvss: f.cvss,
    solution: f.solution,
    status: f.status as FindingStatus,
    firstSeenOn: f.firstSeenOn,
    lastSeenOn: f.lastSeenOn,
    closedOn: f.closedOn,
    closedByScan: f.closedByScanId !== null,
    knownExploited: !!r.knownExploited,
    dueOn: r.dueOn,
    overdue: !!r.overdue,
    assignee: person(f.assigneeUserId, r.assigneeName),
    reason: f.statusReason,
    approvedBy: person(f.approvedByUserId, r.approverName),
    expiresOn: f.exceptionExpiresOn,
    warnings: r.warnings,
    can: { work: mayWorkFinding(actor, { agencyId: f.agencyId, agencyPath: r.agencyPath }) },
  };
}

const statusWhere = (status: z.infer<typeof FindingsQuery>['status']) =>
  status === 'all' ? undefined : status === 'unresolved' ? unresolved(findings.status) : eq(findings.status, status);

/** A system's findings (the system page), or those one scan reported. The caller has checked the system is visible. */
export async function systemFindings(db: Queryable, actor: Actor, systemId: number, q: z.infer<typeof FindingsQuery>) {
  const where = [eq(findings.systemId, systemId), statusWhere(q.status)];
  if (q.scanId) where.push(sql`${findings.id} in (select finding_id from ${scanFindings} where scan_id = ${q.scanId})`);
  const rows = await selectFindings(db, actor, where).orderBy(...worstFirst);
  return rows.map((r) => present(actor, r));
}

/** The findings a scan reported, host and port order. */
export async function scanReported(db: Queryable, actor: Actor, scanId: number) {
  const rows = await selectFindings(db, actor, [sql`${findings.id} in (select finding_id from ${scanFindings} where scan_id = ${scanId})`]).orderBy(
    asc(findings.host),
    asc(findings.port),
    asc(findings.id),
  );
  return rows.map((r) => present(actor, r));
}

/** Findings across the caller's scope, filtered; `agencyId` narrows to that agency and its subtree (404 if not visible). */
export async function listAllFindings(db: Queryable, actor: Actor, q: z.infer<typeof FindingListQuery>) {
  const where: (SQL | undefined)[] = [statusWhere(q.status)];
  if (q.agencyId) {
    const agency = await findVisible(db, actor, q.agencyId);
    where.push(sql`${agencies.path} like ${`${agency.path}%`}`);
  }
  if (q.systemId) where.push(eq(findings.systemId, q.systemId));
  if (q.severity) where.push(eq(findings.severity, q.severity));
  if (q.assigneeUserId) where.push(eq(findings.assigneeUserId, q.assigneeUserId));
  if (q.unassigned === 'true') where.push(isNull(findings.assigneeUserId));
  if (q.overdue === 'true') where.push(findingOverdue);
  if (q.knownExploited === 'true') where.push(anyExploited(findings.cveIds));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(ilike(findings.title, like), ilike(findings.host, like), ilike(systems.name, like), sql`array_to_string(${findings.cveIds}, ' ') ilike ${like}`),
    );
  }
  const [rows, [count]] = await Promise.all([
    selectFindings(db, actor, where)
      .orderBy(...worstFirst)
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(findings)
      .innerJoin(systems, eq(systems.id, findings.systemId))
      .innerJoin(agencies, eq(agencies.id, findings.agencyId))
      .where(and(readableAgency(actor, findings.agencyId), ...where)),
  ]);
  return { items: rows.map((r) => present(actor, r)), total: count!.n, can: { work: mayWorkFindingsSomewhere(actor) } };
}

async function findingsById(db: Queryable, actor: Actor, ids: number[]) {
  const rows = await selectFindings(db, actor, [inArray(findings.id, ids)]).orderBy(asc(findings.id));
  return rows.map((r) => present(actor, r));
}

/** Files attached to a finding are filed under this entity (the files module's `entity`). */
const EVIDENCE = 'finding';

export async function getFinding(db: Queryable, actor: Actor, id: number) {
  const [f] = await findingsById(db, actor, [id]);
  if (!f) throw notFound('Finding');
  return { ...f, evidence: await attachmentsOf(db, EVIDENCE, id) };
}

/** Where an evidence file of a finding goes (a fix verified by hand), if the actor may work the finding. */
export async function findingEvidenceTarget(db: Queryable, actor: Actor, id: number) {
  const [f] = await findingsById(db, actor, [id]);
  if (!f) throw notFound('Finding');
  assert(f.can.work);
  return { agencyId: f.agencyId, entity: EVIDENCE, entityId: String(id) };
}

type Locked = { id: number; agencyId: number; agencyPath: string; status: FindingStatus; before: typeof findings.$inferSelect };

/** The findings among `ids` the actor may see, locked for the change; the ids not found (missing or out of scope) apart. */
async function lockFindings(tx: Tx, actor: Actor, ids: number[]) {
  const rows = await tx
    .select({ f: findings, agencyPath: agencies.path })
    .from(findings)
    .innerJoin(agencies, eq(agencies.id, findings.agencyId))
    .where(and(inArray(findings.id, ids), readableAgency(actor, findings.agencyId)))
    .orderBy(asc(findings.id))
    .for('update', { of: findings });
  const found: Locked[] = rows.map((r) => ({ id: r.f.id, agencyId: r.f.agencyId, agencyPath: r.agencyPath, status: r.f.status as FindingStatus, before: r.f }));
  const seen = new Set(found.map((f) => f.id));
  return { found, missing: ids.filter((id) => !seen.has(id)) };
}

/** A named user's standing, for the assignee and approver checks; null when there is no such active user. */
async function activeUser(db: Queryable, userId: number) {
  const [u] = await db
    .select({ userId: users.id, agencyId: users.agencyId, agencyPath: agencies.path, roles: users.roles })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return u ? { ...u, roles: u.roles as Role[] } : null;
}

type RowProblem = { id: number; field: string; message: string; messageVi: string };

/** The approver may approve exceptions on every one of `rows` (the same answer whether the user is unknown or not allowed). */
async function approverProblems(db: Queryable, approverUserId: number, rows: Locked[]): Promise<RowProblem[]> {
  const who = await activeUser(db, approverUserId);
  return rows
    .filter((r) => !who || !mayApproveException(who, r))
    .map((r) => ({
      id: r.id,
      field: 'approverUserId',
      message: 'The approver may not approve exceptions for this finding',
      messageVi: 'Người phê duyệt không có thẩm quyền phê duyệt ngoại lệ cho phát hiện này',
    }));
}

async function assigneeProblems(db: Queryable, userId: number | null, rows: Locked[]): Promise<RowProblem[]> {
  if (userId === null) return [];
  const who = await activeUser(db, userId);
  return rows
    .filter((r) => who?.agencyId !== r.agencyId)
    .map((r) => ({
      id: r.id,
      field: 'assigneeUserId',
      message: "The assignee must be an active user of the finding's agency",
      messageVi: 'Người được giao phải là tài khoản đang hoạt động của cơ quan có phát hiện',
    }));
}

const now = () => new Date();

/** The columns an action writes. */
function patchFor(action: FindingAction, input: TransitionInput, actor: Actor, today: string): Partial<typeof findings.$inferInsert> {
  const stamp = { status: targetOf(action), statusChangedAt: now(), statusChangedBy: actor.userId };
  switch (action) {
    case 'confirm':
    case 'start_remediation':
      return stamp;
    case 'mark_fixed':
      return { ...stamp, closedOn: today, closedByScanId: null, statusReason: input.reason!.trim() };
    case 'mark_false_positive':
    case 'accept_risk':
      return { ...stamp, statusReason: input.reason!.trim(), approvedByUserId: input.approverUserId!, exceptionExpiresOn: input.expiresOn! };
    case 'reopen':
      return { ...stamp, closedOn: null, closedByScanId: null, statusReason: null, approvedByUserId: null, exceptionExpiresOn: null };
  }
}

type Change = { action: FindingAction | 'assign'; input: TransitionInput; assigneeUserId?: number | null };

/**
 * One change to `ids` in one transaction: every id must exist for the actor (else 404 naming them, as for a missing
 * record), every row must be the actor's to work (403), and every row must accept the change (400/409 naming each row
 * and field). Then each row is written and audited.
 */
async function applyChange(db: Db, actor: Actor, ids: number[], change: Change) {
  const today = todayVn();
  return db.transaction(async (tx) => {
    const { found, missing } = await lockFindings(tx, actor, ids);
    if (missing.length) {
      throw new AppError(
        404,
        'not_found',
        'Findings not found',
        'Không tìm thấy phát hiện',
        'ids',
        missing.map((id) => ({ id })),
      );
    }
    assert(found.every((f) => mayWorkFinding(actor, f)));
    const problems: RowProblem[] = [];
    if (change.action === 'assign') {
      problems.push(...(await assigneeProblems(tx, change.assigneeUserId ?? null, found)));
    } else {
      for (const f of found) {
        const p = transitionProblem(f.status, { ...change.input, action: change.action }, { actorUserId: actor.userId, today });
        if (p) problems.push({ id: f.id, field: p.field, message: p.en, messageVi: p.vi });
      }
      if (!problems.length && isException(change.action)) problems.push(...(await approverProblems(tx, change.input.approverUserId!, found)));
    }
    if (problems.length) {
      const first = problems[0]!;
      const status = first.field === 'action' ? 409 : 400;
      throw new AppError(status, status === 409 ? 'conflict' : 'invalid', first.message, first.messageVi, first.field, problems);
    }
    const patch = change.action === 'assign' ? { assigneeUserId: change.assigneeUserId ?? null } : patchFor(change.action, change.input, actor, today);
    const after = await tx.update(findings).set(patch).where(inArray(findings.id, ids)).returning();
    const byId = new Map(after.map((a) => [a.id, a]));
    await recordAudits(
      tx,
      actor,
      found.map((f) => ({ action: change.action, entity: 'finding', entityId: f.id, agencyId: f.agencyId, before: f.before, after: byId.get(f.id) })),
    );
    return findingsById(tx, actor, ids);
  });
}

/** Refused by one finding: the row's problem as the answer's own (no `details` list for a single record). */
const single = async <T>(work: Promise<T>) =>
  work.catch((err: unknown) => {
    if (err instanceof AppError && err.details) {
      if (err.code === 'not_found') throw notFound('Finding');
      throw new AppError(err.statusCode, err.code, err.message, err.messageVi, err.field);
    }
    throw err;
  });

export async function transitionFinding(db: Db, actor: Actor, id: number, input: z.infer<typeof FindingTransition>) {
  const [f] = await single(applyChange(db, actor, [id], { action: input.action, input }));
  return f!;
}

export async function assignFinding(db: Db, actor: Actor, id: number, userId: number | null) {
  const [f] = await single(applyChange(db, actor, [id], { action: 'assign', input: { action: 'confirm' }, assigneeUserId: userId }));
  return f!;
}

/** One action on a selection (at most MAX_BULK_FINDINGS), all or nothing. */
export async function bulkFindings(db: Db, actor: Actor, input: z.infer<typeof FindingBulk>) {
  if (input.action === 'assign' && input.assigneeUserId === undefined) {
    throw invalid('assigneeUserId', 'Choose who the findings are assigned to', 'Cần chọn người được giao');
  }
  const { action, ids, assigneeUserId, ...rest } = input;
  const items = await applyChange(
    db,
    actor,
    ids,
    action === 'assign' ? { action, input: { action: 'confirm' }, assigneeUserId } : { action, input: { action, ...rest } },
  );
  return { changed: items.length, items };
}

/** Overdue findings by agency, for the security unit and agency leaders: agencies with findings still owed, most overdue first. */
export async function overdueByAgency(db: Queryable, actor: Actor) {
  assert(mayReadOverdueOverview(actor));
  const overdueAnd = (cond: SQL) => sql<number>`(count(*) filter (where ${findingOverdue} and ${cond}))::int`;
  const rows = await db
    .select({
      agencyId: agencies.id,
      agencyName: agencies.name,
      unresolved: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${findingOverdue}))::int`,
      overdueCritical: overdueAnd(sql`${findings.severity} = 'critical'`),
      overdueHigh: overdueAnd(sql`${findings.severity} = 'high'`),
      overdueKnownExploited: overdueAnd(anyExploited(findings.cveIds)),
      oldestDueOn: sql<string | null>`(min(${findingDueOn}) filter (where ${findingOverdue}))::text`,
    })
    .from(findings)
    .innerJoin(agencies, eq(agencies.id, findings.agencyId))
    .where(and(readableAgency(actor, findings.agencyId), unresolved(findings.status)))
    .groupBy(agencies.id, agencies.name)
    .orderBy(desc(sql`count(*) filter (where ${findingOverdue})`), asc(agencies.name));
  return { asOf: todayVn(), agencies: rows };
}

/**
 * False positives and accepted risks whose expiry has come open again (the scheduler runs it hourly); each audited as
 * the system's change. Returns how many opened.
 */
export async function reopenLapsedExceptions(db: Db) {
  return db.transaction(async (tx) => {
    const lapsed = await tx
      .select()
      .from(findings)
      .where(and(inArray(findings.status, [...EXCEPTION_STATUSES]), lte(findings.exceptionExpiresOn, sql`${todaySql}`)))
      .for('update');
    if (!lapsed.length) return 0;
    const after = await tx
      .update(findings)
      .set({ status: 'open', statusReason: null, approvedByUserId: null, exceptionExpiresOn: null, statusChangedAt: now(), statusChangedBy: null })
      .where(
        inArray(
          findings.id,
          lapsed.map((f) => f.id),
        ),
      )
      .returning();
    const byId = new Map(after.map((a) => [a.id, a]));
    await recordAudits(
      tx,
      null,
      lapsed.map((f) => ({ action: 'exception_expired', entity: 'finding', entityId: f.id, agencyId: f.agencyId, before: f, after: byId.get(f.id) })),
    );
    return lapsed.length;
  });
}
