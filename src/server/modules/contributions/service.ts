/**
 * The yearly report's call for contributions: the security unit opens it for a year, every asked agency sends its
 * results, difficulties and proposals (with the figures Khiên computes for its subtree) and may revise them until
 * the unit closes the call; the unit's yearly report compiles them (reports/sections/contributions.ts).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies, agencyKinds } from '../agencies/index.ts';
import { attachmentsOf } from '../files/index.ts';
import { parameterPeriods } from '../parameters/index.ts';
import { systemsStats } from '../systems/index.ts';
import { contributionCalls, contributions } from './schema.ts';
import { mayContribute, mayReadContribution, mayRunCall } from './access.ts';
import { CONTRIBUTION_STATES, YEARLY_REPORT_CITATIONS, contributionState, yearlyDueDays } from '../../../shared/contributions/due.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { ContributionCallInput, ContributionCallQuery, ContributionInput } from '../../../shared/contributions/schemas.ts';

/** The files module's entity name for a contribution's attachments. */
const CONTRIBUTION_ENTITY = 'contribution';

type Call = typeof contributionCalls.$inferSelect;
type Figure = { key: string; label: string; value: number | null; unit?: string };
const columns = { c: contributions, agencyName: agencies.name, agencyPath: agencies.path, call: contributionCalls };
type Row = { c: typeof contributions.$inferSelect; agencyName: string; agencyPath: string; call: Call };

/** Agencies in Vietnamese alphabetical order, the same on either database. */
const byName = <R extends { agencyName: string }>(rows: R[]) => rows.sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
const dayOf = (at: Date | null) => (at ? todayVn(at) : null);
const citations = () => YEARLY_REPORT_CITATIONS.map((c) => ({ vi: formatCitation(c), en: formatCitation(c, 'en') }));

function stateOf(r: Row, today: string) {
  return contributionState({ submittedOn: dayOf(r.c.submittedAt) }, r.call.contributionsDueOn, today);
}

async function present(db: Queryable, actor: Actor, r: Row, today: string) {
  const { c, call } = r;
  return {
    id: c.id,
    callId: call.id,
    year: call.year,
    callState: call.state,
    dueOn: call.contributionsDueOn,
    agencyId: c.agencyId,
    agencyName: r.agencyName,
    state: stateOf(r, today),
    results: c.results,
    difficulties: c.difficulties,
    proposals: c.proposals,
    figures: c.figures as Figure[],
    files: await attachmentsOf(db, CONTRIBUTION_ENTITY, c.id),
    submittedAt: c.submittedAt?.toISOString() ?? null,
    submittedByName: c.submittedByName,
    revisedAt: c.revisedAt?.toISOString() ?? null,
    revisions: c.revisions,
    can: { edit: mayContribute(actor, { agencyId: c.agencyId, agencyPath: r.agencyPath }, call.state) },
  };
}

const selectRows = (db: Queryable) =>
  db
    .select(columns)
    .from(contributions)
    .innerJoin(agencies, eq(agencies.id, contributions.agencyId))
    .innerJoin(contributionCalls, eq(contributionCalls.id, contributions.callId));

async function presentCall(db: Queryable, actor: Actor, call: Call, today: string) {
  const rows = await selectRows(db).where(eq(contributions.callId, call.id));
  const own = rows.find((r) => r.c.agencyId === actor.agencyId);
  const all = mayRunCall(actor);
  const counts = Object.fromEntries(CONTRIBUTION_STATES.map((s) => [s, all ? rows.filter((r) => stateOf(r, today) === s).length : 0]));
  return {
    id: call.id,
    year: call.year,
    contributionsDueOn: call.contributionsDueOn,
    reportDueOn: call.reportDueOn,
    agencyKinds: call.agencyKinds,
    state: call.state,
    openedByName: call.openedByName,
    openedAt: call.openedAt.toISOString(),
    closedAt: call.closedAt?.toISOString() ?? null,
    closedByName: call.closedByName,
    citations: citations(),
    ownContributionId: own?.c.id ?? null,
    counts: counts as Record<(typeof CONTRIBUTION_STATES)[number], number>,
    can: { close: all && call.state === 'open', readAll: all },
  };
}

/** The calls the actor takes part in (the security unit: every call), newest year first. */
export async function listCalls(db: Queryable, actor: Actor, q: z.infer<typeof ContributionCallQuery>) {
  const visible = mayRunCall(actor)
    ? undefined
    : inArray(contributionCalls.id, db.select({ id: contributions.callId }).from(contributions).where(eq(contributions.agencyId, actor.agencyId)));
  const calls = await db
    .select()
    .from(contributionCalls)
    .where(and(visible, q.year ? eq(contributionCalls.year, q.year) : undefined))
    .orderBy(desc(contributionCalls.year));
  const today = todayVn();
  const out = [];
  for (const c of calls) out.push(await presentCall(db, actor, c, today));
  return out;
}

async function findCall(db: Queryable, actor: Actor, id: number, lock = false) {
  if (!mayRunCall(actor)) throw notFound('Call for contributions');
  const query = db.select().from(contributionCalls).where(eq(contributionCalls.id, id));
  const [call] = lock ? await query.for('update') : await query;
  if (!call) throw notFound('Call for contributions');
  return call;
}

/** A call with every contribution: who has sent, who is late, what each said (the security unit only). */
export async function getCall(db: Queryable, actor: Actor, id: number) {
  const call = await findCall(db, actor, id);
  const today = todayVn();
  const rows = byName(await selectRows(db).where(eq(contributions.callId, id)));
  // One query at a time: inside a transaction they share one connection.
  const list = [];
  for (const r of rows) list.push(await present(db, actor, r, today));
  return { ...(await presentCall(db, actor, call, today)), contributions: list };
}

/** Opens the year's call: the due days from the province parameters, one awaited contribution per active agency of the kinds asked. */
export async function openCall(db: Db, actor: Actor, input: z.infer<typeof ContributionCallInput>) {
  return change(db, actor, {
    find: async (tx) => {
      assert(mayRunCall(actor));
      const due = yearlyDueDays(input.year, await parameterPeriods(tx));
      if (!due)
        throw invalid(
          'year',
          'The province has set no due day for the yearly report of that year (province parameters)',
          'Tỉnh chưa đặt hạn báo cáo năm cho năm này (tham số của tỉnh)',
        );
      const known = await tx.select({ code: agencyKinds.code, external: agencyKinds.external }).from(agencyKinds);
      const unknown = input.agencyKinds.find((k) => !known.some((x) => x.code === k && !x.external));
      if (unknown) throw invalid('agencyKinds', `Unknown kind of state agency: ${unknown}`, `Loại cơ quan không hợp lệ: ${unknown}`);
      const [taken] = await tx.select({ id: contributionCalls.id }).from(contributionCalls).where(eq(contributionCalls.year, input.year));
      if (taken) throw conflict('year', 'The call for that year is already open', 'Đã mở đợt lấy báo cáo cho năm này');
      const asked = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.active, true), inArray(agencies.kind, input.agencyKinds)))
        .orderBy(asc(agencies.path));
      if (!asked.length) throw invalid('agencyKinds', 'No active agency is of these kinds', 'Không có cơ quan nào đang hoạt động thuộc các loại đã chọn');
      return { due, asked };
    },
    apply: async (tx, { due, asked }) => {
      const [call] = await tx
        .insert(contributionCalls)
        .values({ year: input.year, ...due, agencyKinds: [...new Set(input.agencyKinds)], openedBy: actor.userId, openedByName: actor.fullName })
        .returning();
      await tx.insert(contributions).values(asked.map((a) => ({ callId: call!.id, agencyId: a.id })));
      return {
        action: 'create',
        entity: 'contribution_call',
        entityId: call!.id,
        agencyId: actor.agencyId,
        after: { ...call, agencies: asked.map((a) => a.id) },
      };
    },
    answer: async (tx) => {
      const [call] = await tx.select().from(contributionCalls).where(eq(contributionCalls.year, input.year));
      return getCall(tx, actor, call!.id);
    },
  });
}

/** Closes the call: contributions can no longer be sent or revised. */
export async function closeCall(db: Db, actor: Actor, id: number) {
  return change(db, actor, {
    find: async (tx) => {
      const call = await findCall(tx, actor, id, true);
      if (call.state !== 'open') throw conflict('state', 'The call is already closed', 'Đợt lấy báo cáo đã kết thúc');
      return call;
    },
    apply: async (tx, before) => {
      const [after] = await tx
        .update(contributionCalls)
        .set({ state: 'closed', closedAt: new Date(), closedByName: actor.fullName })
        .where(eq(contributionCalls.id, id))
        .returning();
      return { action: 'close', entity: 'contribution_call', entityId: id, agencyId: actor.agencyId, before, after };
    },
    answer: (tx) => getCall(tx, actor, id),
  });
}

async function findContribution(db: Queryable, actor: Actor, id: number, lock = false): Promise<Row> {
  const query = selectRows(db).where(eq(contributions.id, id));
  const [row] = lock ? await query.for('update', { of: contributions }) : await query;
  if (!row || !mayReadContribution(actor, row.c.agencyId)) throw notFound('Contribution');
  return row;
}

export async function getContribution(db: Queryable, actor: Actor, id: number) {
  return present(db, actor, await findContribution(db, actor, id), todayVn());
}

/** The figures of the agency's subtree as the contribution sends them. */
async function figuresOf(db: Queryable, actor: Actor, agencyId: number): Promise<Figure[]> {
  const s = await systemsStats(db, actor, agencyId);
  return [
    { key: 'systems.total', label: 'Tổng số hệ thống thông tin', value: s.total },
    { key: 'systems.approved', label: 'Hệ thống đã được phê duyệt cấp độ', value: s.approved },
    { key: 'systems.approvedPercent', label: 'Tỷ lệ hệ thống được phê duyệt cấp độ', value: s.approvedPercent, unit: '%' },
    { key: 'systems.planDeployed', label: 'Hệ thống đã triển khai đầy đủ phương án', value: s.planDeployed },
    { key: 'systems.compliancePercent', label: 'Mức độ đáp ứng yêu cầu an toàn cơ bản', value: s.compliancePercent, unit: '%' },
  ];
}

/** Sends or revises the agency's contribution while the call is open; the figures are computed again each time. */
export async function submitContribution(db: Db, actor: Actor, id: number, input: z.infer<typeof ContributionInput>) {
  return change(db, actor, {
    find: async (tx) => {
      const row = await findContribution(tx, actor, id, true);
      if (row.call.state !== 'open') throw conflict('state', 'The call is closed', 'Đợt lấy báo cáo đã kết thúc, không thể gửi hoặc sửa');
      assert(mayContribute(actor, { agencyId: row.c.agencyId, agencyPath: row.agencyPath }, row.call.state));
      return row;
    },
    apply: async (tx, row) => {
      const first = !row.c.submittedAt;
      const now = new Date();
      const [after] = await tx
        .update(contributions)
        .set({
          results: input.results,
          difficulties: input.difficulties ?? null,
          proposals: input.proposals ?? null,
          figures: await figuresOf(tx, actor, row.c.agencyId),
          ...(first ? { submittedAt: now, submittedByName: actor.fullName } : { revisedAt: now, revisions: sql`${contributions.revisions} + 1` }),
        })
        .where(eq(contributions.id, id))
        .returning();
      return { action: first ? 'submit' : 'revise', entity: 'contribution', entityId: id, agencyId: row.c.agencyId, before: row.c, after };
    },
    answer: (tx) => getContribution(tx, actor, id),
  });
}

/** Where a contribution's file goes, checked before the upload is read. */
export async function contributionFileTarget(db: Queryable, actor: Actor, id: number) {
  const row = await findContribution(db, actor, id);
  if (row.call.state !== 'open') throw conflict('state', 'The call is closed', 'Đợt lấy báo cáo đã kết thúc, không thể gửi hoặc sửa');
  assert(mayContribute(actor, { agencyId: row.c.agencyId, agencyPath: row.agencyPath }, row.call.state));
  return { agencyId: row.c.agencyId, entity: CONTRIBUTION_ENTITY, entityId: String(id) };
}

/** A year's call and its contributions under an agency subtree, for the yearly report (reports/sections/contributions.ts). */
export async function contributionsOfYear(db: Queryable, year: number, under: string) {
  const [call] = await db.select().from(contributionCalls).where(eq(contributionCalls.year, year));
  if (!call) return null;
  const rows = byName(await selectRows(db).where(and(eq(contributions.callId, call.id), sql`${agencies.path} like ${`${under}%`}`)));
  const today = todayVn();
  return {
    call: { year: call.year, contributionsDueOn: call.contributionsDueOn, state: call.state },
    contributions: rows.map((r) => ({
      agencyName: r.agencyName,
      state: stateOf(r, today),
      submittedOn: dayOf(r.c.submittedAt),
      results: r.c.results,
      difficulties: r.c.difficulties,
      proposals: r.c.proposals,
      figures: r.c.figures as Figure[],
    })),
  };
}
