import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findVisible, agencies } from '../agencies/index.ts';
import { agencyIndicators, itBudgets } from './schema.ts';
import { mayReportIndicators } from './access.ts';
import type { BudgetInput, IndicatorReport } from '../../../shared/indicators/schemas.ts';
import { parameterPeriods } from '../parameters/index.ts';
import { periodAt, type ParameterPeriod } from '../../../shared/parameters/catalog.ts';

/** An agency's quarterly reports, newest first. */
export async function listReports(db: Queryable, actor: Actor, agencyId: number) {
  await findVisible(db, actor, agencyId);
  const rows = await db.select().from(agencyIndicators).where(eq(agencyIndicators.agencyId, agencyId)).orderBy(desc(agencyIndicators.period));
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

async function editableAgency(db: Queryable, actor: Actor, agencyId: number) {
  const agency = await findVisible(db, actor, agencyId);
  assert(mayReportIndicators(actor, agency));
  return agency;
}

/** The monitoring provider and assessor must be external organizations of the right kind. */
async function checkProvider(db: Queryable, id: number | null | undefined, kind: string, field: string) {
  if (!id) return;
  const [row] = await db.select({ kind: agencies.kind }).from(agencies).where(eq(agencies.id, id));
  if (row?.kind !== kind) {
    throw invalid(
      field,
      `Choose an organization of kind ${kind}`,
      kind === 'assessor' ? 'Hãy chọn một tổ chức kiểm tra, đánh giá độc lập' : 'Hãy chọn một doanh nghiệp giám sát, bảo vệ ATTT',
    );
  }
}

/** Creates or replaces the agency's report for a quarter. */
export async function saveReport(db: Db, actor: Actor, agencyId: number, period: string, input: z.infer<typeof IndicatorReport>) {
  await editableAgency(db, actor, agencyId);
  await checkProvider(db, input.layerMonitoringProviderId, 'security_firm', 'layerMonitoringProviderId');
  await checkProvider(db, input.layerAssessorId, 'assessor', 'layerAssessorId');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(agencyIndicators)
      .where(and(eq(agencyIndicators.agencyId, agencyId), eq(agencyIndicators.period, period)));
    const values = { ...input, agencyId, period, endpointsSource: 'manual' as const, updatedBy: actor.userId, updatedAt: new Date() };
    const [after] = await tx
      .insert(agencyIndicators)
      .values(values)
      .onConflictDoUpdate({ target: [agencyIndicators.agencyId, agencyIndicators.period], set: values })
      .returning();
    await recordAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'agency_indicators', entityId: after!.id, agencyId, before, after });
    return { ...after!, updatedAt: after!.updatedAt.toISOString() };
  });
}

/** The province's minimum security share for a year (percent), or null if it set none that year. */
const budgetShareOf = (periods: ParameterPeriod[], year: number) => {
  const p = periodAt(periods, 'budget.securitySharePercent', `${year}-12-31`);
  return p ? Number(p.value) : null;
};

export async function listBudgets(db: Queryable, actor: Actor, agencyId: number, year?: number) {
  await findVisible(db, actor, agencyId);
  // Against the share the province set for the budget's year (its last day), as data.
  const periods = await parameterPeriods(db);
  const rows = await db
    .select()
    .from(itBudgets)
    .where(and(eq(itBudgets.agencyId, agencyId), year ? eq(itBudgets.year, year) : undefined))
    .orderBy(desc(itBudgets.year), asc(itBudgets.name));
  return rows.map((b) => ({
    ...b,
    createdAt: b.createdAt.toISOString(),
    securityShare: Math.round((b.securityAmount / b.totalAmount) * 1000) / 10,
    underTarget: b.securityAmount * 100 < b.totalAmount * (budgetShareOf(periods, b.year) ?? 0),
  }));
}

export async function createBudget(db: Db, actor: Actor, agencyId: number, input: z.infer<typeof BudgetInput>) {
  await editableAgency(db, actor, agencyId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(itBudgets)
      .values({ ...input, agencyId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'it_budget', entityId: row!.id, agencyId, after: row });
    return { ...row!, createdAt: row!.createdAt.toISOString() };
  });
}

async function findBudget(db: Queryable, actor: Actor, id: number) {
  const [row] = await db.select().from(itBudgets).where(eq(itBudgets.id, id));
  if (!row) throw notFound('Budget');
  await findVisible(db, actor, row.agencyId).catch(() => {
    throw notFound('Budget');
  });
  return row;
}

export async function updateBudget(db: Db, actor: Actor, id: number, input: z.infer<typeof BudgetInput>) {
  const before = await findBudget(db, actor, id);
  await editableAgency(db, actor, before.agencyId);
  return db.transaction(async (tx) => {
    const [after] = await tx.update(itBudgets).set(input).where(eq(itBudgets.id, id)).returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'it_budget', entityId: id, agencyId: before.agencyId, before, after });
    return { ...after!, createdAt: after!.createdAt.toISOString() };
  });
}

export async function deleteBudget(db: Db, actor: Actor, id: number) {
  const before = await findBudget(db, actor, id);
  await editableAgency(db, actor, before.agencyId);
  await db.transaction(async (tx) => {
    await tx.delete(itBudgets).where(eq(itBudgets.id, id));
    await recordAudit(tx, actor, { action: 'delete', entity: 'it_budget', entityId: id, agencyId: before.agencyId, before });
  });
}

/** Counts of machines last seen by the console within 30 days: what "protected" means for a push. */
const RECENT_DAYS = 30;
export const protectedCountSql = (agencyId: number) =>
  sql`(select count(*)::int from endpoints where agency_id = ${agencyId} and last_seen_at > now() - make_interval(days => ${RECENT_DAYS}))`;
