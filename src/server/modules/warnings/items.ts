/** Remediation items: one per affected system of a warning, answered by the system's owner. */
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { todaySql } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { users } from '../users/index.ts';
import { attachmentCount, attachmentsOf } from '../files/index.ts';
import { remediationItems, warnings } from './schema.ts';
import { isoOrNull, subtreeOf } from './shared.ts';
import { itemCan } from './access.ts';
import { anyExploited } from '../scans/index.ts';
import { missingAnswerField, type AnswerInput, type ItemStatus } from '../../../shared/warnings/remediation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { Severity } from '../../../shared/scans/findings.ts';
import type { z } from 'zod';
import type { ItemListQuery, MatchedSoftware } from '../../../shared/warnings/schemas.ts';

const ENTITY = 'remediation_item';

const overdueSql = sql<boolean>`(${remediationItems.status} = 'open' and ${remediationItems.dueOn} < ${todaySql})`;

/** Aggregates over joined remediation items (null rows of a left join count as nothing). */
export const itemProgressColumns = {
  total: sql<number>`count(${remediationItems.id})::int`,
  answered: sql<number>`(count(${remediationItems.id}) filter (where ${remediationItems.status} <> 'open'))::int`,
  overdue: sql<number>`(count(${remediationItems.id}) filter (where ${overdueSql}))::int`,
};

const summaryColumns = {
  id: remediationItems.id,
  warningId: remediationItems.warningId,
  warningNumber: warnings.number,
  warningTitle: warnings.title,
  severity: warnings.severity,
  systemId: remediationItems.systemId,
  systemCode: systems.code,
  systemName: systems.name,
  agencyId: remediationItems.agencyId,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  status: remediationItems.status,
  dueOn: remediationItems.dueOn,
  overdue: overdueSql,
  matchedSoftware: remediationItems.matchedSoftware,
  notifiedAt: remediationItems.notifiedAt,
  respondedAt: remediationItems.respondedAt,
  evidenceCount: attachmentCount(ENTITY, 'remediation_items'),
  knownExploited: anyExploited(warnings.cveIds),
};

const base = (db: Queryable) =>
  db
    .select(summaryColumns)
    .from(remediationItems)
    .innerJoin(warnings, eq(warnings.id, remediationItems.warningId))
    .innerJoin(systems, eq(systems.id, remediationItems.systemId))
    .innerJoin(agencies, eq(agencies.id, remediationItems.agencyId));

type SummaryRow = Awaited<ReturnType<typeof base>>[number];

function present({ agencyPath: _p, ...r }: SummaryRow) {
  return {
    ...r,
    severity: r.severity as Severity,
    status: r.status as ItemStatus,
    overdue: !!r.overdue,
    knownExploited: !!r.knownExploited,
    matchedSoftware: r.matchedSoftware as z.infer<typeof MatchedSoftware>[],
    notifiedAt: isoOrNull(r.notifiedAt),
    respondedAt: isoOrNull(r.respondedAt),
  };
}

export async function listItems(db: Queryable, actor: Actor, q: z.infer<typeof ItemListQuery>) {
  const where: SQL[] = [readableAgency(actor, remediationItems.agencyId), await subtreeOf(db, actor, q.agencyId)];
  if (q.warningId) where.push(eq(remediationItems.warningId, q.warningId));
  if (q.status) where.push(eq(remediationItems.status, q.status));
  if (q.overdue === 'true') where.push(overdueSql);
  const rows = await base(db)
    .where(and(...where))
    .orderBy(desc(overdueSql), sql`${remediationItems.status} <> 'open'`, asc(remediationItems.dueOn), asc(remediationItems.id))
    .limit(q.limit)
    .offset(q.offset);
  const [total] = await db
    .select({ n: count() })
    .from(remediationItems)
    .innerJoin(agencies, eq(agencies.id, remediationItems.agencyId))
    .where(and(...where));
  return { total: total!.n, items: rows.map(present) };
}

/** The items of one warning that the actor may see, overdue first. */
export async function listItemsOfWarning(db: Queryable, actor: Actor, warningId: number) {
  const rows = await base(db)
    .where(and(eq(remediationItems.warningId, warningId), readableAgency(actor, remediationItems.agencyId)))
    .orderBy(desc(overdueSql), asc(agencies.name), asc(systems.name));
  return rows.map(present);
}

async function findItem(db: Queryable, actor: Actor, id: number) {
  const [row] = await base(db).where(and(eq(remediationItems.id, id), readableAgency(actor, remediationItems.agencyId)));
  if (!row) throw notFound('Remediation item');
  return row;
}

export async function getItem(db: Queryable, actor: Actor, id: number) {
  const row = await findItem(db, actor, id);
  const [extra] = await db
    .select({
      response: remediationItems.response,
      approvedBy: remediationItems.approvedBy,
      resolvedOn: remediationItems.resolvedOn,
      respondedByName: users.fullName,
      recommendedAction: warnings.recommendedAction,
      warningSource: warnings.source,
      cveIds: warnings.cveIds,
    })
    .from(remediationItems)
    .innerJoin(warnings, eq(warnings.id, remediationItems.warningId))
    .leftJoin(users, eq(users.id, remediationItems.respondedBy))
    .where(eq(remediationItems.id, id));
  return { ...present(row), ...extra!, evidence: await attachmentsOf(db, ENTITY, id), can: itemCan(actor, row) };
}

/** The owner's answer: patched, mitigated (how), not affected (why) or accepted risk (why, approved by whom). */
export async function answerItem(db: Db, actor: Actor, id: number, body: AnswerInput) {
  const missing = missingAnswerField(body);
  if (missing === 'response') {
    throw invalid(
      'response',
      body.status === 'mitigated' ? 'Describe how the risk was mitigated' : 'Explain why',
      body.status === 'mitigated'
        ? 'Cần mô tả biện pháp giảm thiểu đã áp dụng'
        : body.status === 'not_affected'
          ? 'Cần nêu lý do hệ thống không bị ảnh hưởng'
          : 'Cần nêu lý do chấp nhận rủi ro',
    );
  }
  if (missing === 'approvedBy') throw invalid('approvedBy', 'Say who approved accepting the risk', 'Cần ghi rõ người phê duyệt chấp nhận rủi ro');
  const today = todayVn();
  if (body.resolvedOn && body.resolvedOn > today) throw invalid('resolvedOn', 'The date cannot be in the future', 'Ngày xử lý không được sau ngày hôm nay');
  return db.transaction(async (tx) => {
    const row = await findItem(tx, actor, id);
    assert(itemCan(actor, row).answer);
    const [before] = await tx.select().from(remediationItems).where(eq(remediationItems.id, id)).for('update');
    const [after] = await tx
      .update(remediationItems)
      .set({
        status: body.status,
        response: body.response?.trim() || null,
        approvedBy: body.status === 'accepted_risk' ? body.approvedBy!.trim() : null,
        resolvedOn: body.resolvedOn ?? today,
        respondedBy: actor.userId,
        respondedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(remediationItems.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'respond',
      entity: ENTITY,
      entityId: id,
      agencyId: row.agencyId,
      before: { status: before!.status, response: before!.response, approvedBy: before!.approvedBy },
      after: { status: after!.status, response: after!.response, approvedBy: after!.approvedBy, resolvedOn: after!.resolvedOn },
    });
    return getItem(tx, actor, id);
  });
}

/** Where an evidence file of an item goes, if the actor may answer it. */
export async function evidenceTarget(db: Queryable, actor: Actor, id: number) {
  const row = await findItem(db, actor, id);
  assert(itemCan(actor, row).answer);
  return { agencyId: row.agencyId, entity: ENTITY, entityId: String(id) };
}
