/**
 * Compliance inspection rounds (kiểm tra việc tuân thủ) of agencies by the specialized security unit: the plan, the
 * agencies inspected, and each finding turned into a task for the inspected agency with a deadline.
 * The unit sees and runs every round; an agency sees the rounds that inspected it (or its subtree), and only its own
 * part of them, and answers its own tasks.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency, readsEverything } from '../../auth/scope.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { outer, todaySql } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { users } from '../users/index.ts';
import { attachmentCount, attachmentsOf } from '../files/index.ts';
import { isoOrNull } from '../warnings/index.ts';
import { inspectionTaskCan, mayManageInspections } from './access.ts';
import { inspectionAgencies, inspectionRounds, inspectionTasks } from './schema.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { z } from 'zod';
import type { InspectionInput, InspectionPatch, TaskInput, TaskPatch } from '../../../shared/warnings/schemas.ts';

const TASK_ENTITY = 'inspection_task';

type Round = typeof inspectionRounds.$inferSelect;

const round = outer('inspection_rounds');

function visibleRound(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  return sql`exists (select 1 from inspection_agencies va where va.round_id = ${round} and ${readableAgency(actor, sql`va.agency_id`)})`;
}

const taskOverdue = sql<boolean>`(${inspectionTasks.status} = 'open' and ${inspectionTasks.dueOn} < ${todaySql})`;

const summaryCounts = (actor: Actor) => ({
  agencyCount: sql<number>`(select count(*)::int from inspection_agencies ca where ca.round_id = ${round} and ${readableAgency(actor, sql`ca.agency_id`)})`,
  taskCount: sql<number>`(select count(*)::int from inspection_tasks ct where ct.round_id = ${round} and ${readableAgency(actor, sql`ct.agency_id`)})`,
  openTasks: sql<number>`(select count(*)::int from inspection_tasks ct where ct.round_id = ${round} and ct.status = 'open' and ${readableAgency(actor, sql`ct.agency_id`)})`,
  overdueTasks: sql<number>`(select count(*)::int from inspection_tasks ct where ct.round_id = ${round} and ct.status = 'open' and ct.due_on < ${todaySql} and ${readableAgency(actor, sql`ct.agency_id`)})`,
});

function presentSummary(r: Round & { agencyCount: number; taskCount: number; openTasks: number; overdueTasks: number }) {
  return {
    id: r.id,
    title: r.title,
    decisionNumber: r.decisionNumber,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status as 'planned' | 'in_progress' | 'completed',
    agencyCount: r.agencyCount,
    taskCount: r.taskCount,
    openTasks: r.openTasks,
    overdueTasks: r.overdueTasks,
  };
}

export async function listInspections(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ round: inspectionRounds, ...summaryCounts(actor) })
    .from(inspectionRounds)
    .where(visibleRound(actor))
    .orderBy(desc(inspectionRounds.startsOn), desc(inspectionRounds.id));
  return rows.map(({ round, ...c }) => presentSummary({ ...round, ...c }));
}

async function findRound(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ round: inspectionRounds, ...summaryCounts(actor) })
    .from(inspectionRounds)
    .where(and(eq(inspectionRounds.id, id), visibleRound(actor)));
  if (!row) throw notFound('Inspection');
  return row;
}

const taskColumns = {
  task: inspectionTasks,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  respondedByName: users.fullName,
  overdue: taskOverdue,
  evidenceCount: attachmentCount(TASK_ENTITY, 'inspection_tasks'),
};

const tasksFrom = (db: Queryable) =>
  db
    .select(taskColumns)
    .from(inspectionTasks)
    .innerJoin(agencies, eq(agencies.id, inspectionTasks.agencyId))
    .leftJoin(users, eq(users.id, inspectionTasks.respondedBy));

type TaskRow = Awaited<ReturnType<typeof tasksFrom>>[number];

/** The task's `can` (access.ts), from the row as it is read with its agency's path. */
const taskCan = (actor: Actor, r: { task: { agencyId: number }; agencyPath: string }) =>
  inspectionTaskCan(actor, { agencyId: r.task.agencyId, agencyPath: r.agencyPath });

async function presentTask(db: Queryable, actor: Actor, r: TaskRow) {
  const t = r.task;
  return {
    id: t.id,
    roundId: t.roundId,
    agencyId: t.agencyId,
    agencyName: r.agencyName,
    finding: t.finding,
    action: t.action,
    dueOn: t.dueOn,
    status: t.status as 'open' | 'done',
    overdue: !!r.overdue,
    response: t.response,
    doneOn: t.doneOn,
    respondedByName: r.respondedByName,
    respondedAt: isoOrNull(t.respondedAt),
    evidence: r.evidenceCount ? await attachmentsOf(db, TASK_ENTITY, t.id) : [],
    can: taskCan(actor, r),
  };
}

export async function getInspection(db: Queryable, actor: Actor, id: number) {
  const { round, ...c } = await findRound(db, actor, id);
  const inspected = await db
    .select({
      agencyId: inspectionAgencies.agencyId,
      agencyName: agencies.name,
      inspectedOn: inspectionAgencies.inspectedOn,
      conclusion: inspectionAgencies.conclusion,
    })
    .from(inspectionAgencies)
    .innerJoin(agencies, eq(agencies.id, inspectionAgencies.agencyId))
    .where(and(eq(inspectionAgencies.roundId, id), readableAgency(actor, inspectionAgencies.agencyId)))
    .orderBy(asc(agencies.name));
  const taskRows = await tasksFrom(db)
    .where(and(eq(inspectionTasks.roundId, id), readableAgency(actor, inspectionTasks.agencyId)))
    .orderBy(asc(agencies.name), asc(inspectionTasks.dueOn), asc(inspectionTasks.id));
  const tasks = [];
  for (const r of taskRows) tasks.push(await presentTask(db, actor, r));
  return { ...presentSummary({ ...round, ...c }), plan: round.plan, agencies: inspected, tasks, can: { edit: mayManageInspections(actor) } };
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw invalid('endsOn', 'The round cannot end before it starts', 'Ngày kết thúc không được trước ngày bắt đầu');
}

/** Inspected agencies must be state agencies the actor can see (not outside organizations), each once. */
async function checkInspected(db: Queryable, actor: Actor, list: { agencyId: number }[]) {
  const ids = list.map((a) => a.agencyId);
  if (new Set(ids).size !== ids.length) throw invalid('agencies', 'An agency is listed twice', 'Một cơ quan bị liệt kê hai lần');
  for (const id of ids) {
    const a = await findVisible(db, actor, id).catch(() => {
      throw invalid('agencies', 'Unknown agency', 'Cơ quan không tồn tại');
    });
    if (a.external) throw invalid('agencies', 'Only state agencies are inspected', 'Chỉ kiểm tra các cơ quan, đơn vị nhà nước');
  }
}

export async function createInspection(db: Db, actor: Actor, input: z.infer<typeof InspectionInput>) {
  assert(mayManageInspections(actor));
  checkDates(input.startsOn, input.endsOn);
  return db.transaction(async (tx) => {
    await checkInspected(tx, actor, input.agencies);
    const { agencies: inspected, ...fields } = input;
    const [row] = await tx
      .insert(inspectionRounds)
      .values({ ...fields, createdBy: actor.userId })
      .returning();
    if (inspected.length) await tx.insert(inspectionAgencies).values(inspected.map((a) => ({ ...a, roundId: row!.id })));
    await recordAudit(tx, actor, { action: 'create', entity: 'inspection', entityId: row!.id, after: { ...row, agencies: inspected } });
    return getInspection(tx, actor, row!.id);
  });
}

export async function updateInspection(db: Db, actor: Actor, id: number, patch: z.infer<typeof InspectionPatch>) {
  return db.transaction(async (tx) => {
    await findRound(tx, actor, id);
    assert(mayManageInspections(actor));
    const [before] = await tx.select().from(inspectionRounds).where(eq(inspectionRounds.id, id)).for('update');
    checkDates(patch.startsOn ?? before!.startsOn, patch.endsOn ?? before!.endsOn);
    const { agencies: inspected, ...fields } = patch;
    const [after] = await tx
      .update(inspectionRounds)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(inspectionRounds.id, id))
      .returning();
    let beforeAgencies: unknown;
    if (inspected) {
      await checkInspected(tx, actor, inspected);
      const withTasks = new Set(
        (await tx.select({ agencyId: inspectionTasks.agencyId }).from(inspectionTasks).where(eq(inspectionTasks.roundId, id))).map((t) => t.agencyId),
      );
      const dropped = [...withTasks].filter((a) => !inspected.some((i) => i.agencyId === a));
      if (dropped.length)
        throw invalid('agencies', 'An agency with tasks from this round cannot be removed from it', 'Không thể bỏ cơ quan đã có nhiệm vụ từ đợt kiểm tra này');
      beforeAgencies = await tx.delete(inspectionAgencies).where(eq(inspectionAgencies.roundId, id)).returning();
      if (inspected.length) await tx.insert(inspectionAgencies).values(inspected.map((a) => ({ ...a, roundId: id })));
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'inspection',
      entityId: id,
      before: { ...before, ...(inspected ? { agencies: beforeAgencies } : {}) },
      after: { ...after, ...(inspected ? { agencies: inspected } : {}) },
    });
    return getInspection(tx, actor, id);
  });
}

/** A finding of the round becomes a task for one of the inspected agencies. */
export async function addTask(db: Db, actor: Actor, roundId: number, input: z.infer<typeof TaskInput>) {
  return db.transaction(async (tx) => {
    await findRound(tx, actor, roundId);
    assert(mayManageInspections(actor));
    const [inspected] = await tx
      .select({ id: inspectionAgencies.id })
      .from(inspectionAgencies)
      .where(and(eq(inspectionAgencies.roundId, roundId), eq(inspectionAgencies.agencyId, input.agencyId)));
    if (!inspected) throw invalid('agencyId', 'The agency is not inspected in this round', 'Cơ quan này không thuộc đợt kiểm tra');
    const [row] = await tx
      .insert(inspectionTasks)
      .values({ ...input, roundId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: TASK_ENTITY, entityId: row!.id, agencyId: input.agencyId, after: row });
    const [full] = await tasksFrom(tx).where(eq(inspectionTasks.id, row!.id));
    return presentTask(tx, actor, full!);
  });
}

async function findTask(db: Queryable, actor: Actor, id: number) {
  const [row] = await tasksFrom(db).where(and(eq(inspectionTasks.id, id), readableAgency(actor, inspectionTasks.agencyId)));
  if (!row) throw notFound('Inspection task');
  return row;
}

/**
 * The inspected agency reports a task done (with what was done) or reopens it; the unit may also change the
 * finding, the required action and the deadline.
 */
export async function updateTask(db: Db, actor: Actor, id: number, patch: z.infer<typeof TaskPatch>) {
  return db.transaction(async (tx) => {
    const row = await findTask(tx, actor, id);
    assert(taskCan(actor, row).answer);
    const editsTask = patch.finding !== undefined || patch.action !== undefined || patch.dueOn !== undefined;
    if (editsTask && !mayManageInspections(actor)) {
      throw new AppError(
        403,
        'forbidden',
        'Only the inspecting unit changes the finding, action or deadline',
        'Chỉ đơn vị kiểm tra được sửa nội dung, yêu cầu và thời hạn của nhiệm vụ',
      );
    }
    const t = row.task;
    const status = patch.status ?? t.status;
    const response = patch.response !== undefined ? patch.response : t.response;
    if (status === 'done' && (response ?? '').trim().length < 5) throw invalid('response', 'Describe what was done', 'Cần mô tả kết quả khắc phục');
    const doneOn = status === 'done' ? (patch.doneOn ?? t.doneOn ?? todayVn()) : null;
    if (doneOn && doneOn > todayVn()) throw invalid('doneOn', 'The date cannot be in the future', 'Ngày hoàn thành không được sau ngày hôm nay');
    const answering = patch.status !== undefined || patch.response !== undefined;
    const [after] = await tx
      .update(inspectionTasks)
      .set({
        ...(patch.finding !== undefined ? { finding: patch.finding } : {}),
        ...(patch.action !== undefined ? { action: patch.action } : {}),
        ...(patch.dueOn !== undefined ? { dueOn: patch.dueOn } : {}),
        status,
        response,
        doneOn,
        ...(answering ? { respondedBy: actor.userId, respondedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(inspectionTasks.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: TASK_ENTITY, entityId: id, agencyId: t.agencyId, before: t, after });
    const [full] = await tasksFrom(tx).where(eq(inspectionTasks.id, id));
    return presentTask(tx, actor, full!);
  });
}

export async function taskEvidenceTarget(db: Queryable, actor: Actor, id: number) {
  const row = await findTask(db, actor, id);
  assert(taskCan(actor, row).answer);
  return { agencyId: row.task.agencyId, entity: TASK_ENTITY, entityId: String(id) };
}

/**
 * The rounds of a year (by their start) that inspect an agency of the subtree at `path`: how many, and how many are
 * completed. The dashboard sets them against the province's yearly minimum; the dashboard's viewer may see the subtree.
 */
export async function inspectionsInYear(db: Queryable, path: string, year: number) {
  const { rows } = await db.execute(sql`
    select count(*)::int as "planned", count(*) filter (where r.status = 'completed')::int as "done"
    from inspection_rounds r
    where r.starts_on >= ${`${year}-01-01`}::date and r.starts_on <= ${`${year}-12-31`}::date
      and exists (select 1 from inspection_agencies ia join agencies a on a.id = ia.agency_id where ia.round_id = r.id and a.path like ${`${path}%`})`);
  const [r] = rows as { planned: number; done: number }[];
  return { planned: r?.planned ?? 0, done: r?.done ?? 0 };
}
