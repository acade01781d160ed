/** Directives and their tasks: entered and assigned by the specialized security unit. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency, readsEverything } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, agencyKinds } from '../agencies/index.ts';
import { files } from '../files/index.ts';
import { directives, directiveTasks, taskAssignments, taskReports } from './schema.ts';
import { canManageDirectives, findDirective, findTask, visibleDirective } from './access.ts';
import {
  firstDueDate,
  isOverdue,
  resolveAssignees,
  unknownAssignees,
  type AssignmentStatus,
  type DirectiveKind,
  type IssuedPrecision,
} from '../../../shared/directives/tasks.ts';
import { addDays, describeRule, nextOccurrence, type DeadlineRule } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { DirectiveInput, DirectivePatch, TaskInput, TaskPatch } from '../../../shared/directives/schemas.ts';

type DirectiveRow = typeof directives.$inferSelect;
type TaskRow = typeof directiveTasks.$inferSelect;

/** Overdue in SQL, the same rule as `isOverdue` in shared/directives.ts. */
export const overdueSql = sql<boolean>`(${taskAssignments.dueOn} is not null
  and ${taskAssignments.dueOn} < (now() at time zone 'Asia/Ho_Chi_Minh')::date
  and ${taskAssignments.status} not in ('submitted', 'completed'))`;

const presentDirective = ({ sourceText, ...d }: DirectiveRow) => ({
  ...d,
  kind: d.kind as DirectiveKind,
  issuedPrecision: d.issuedPrecision as IssuedPrecision,
  hasSourceText: sourceText !== null,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export async function listDirectives(db: Queryable, actor: Actor) {
  const inScope = readableAgency(actor, taskAssignments.agencyId);
  const counts = (what: ReturnType<typeof sql>) => sql<number>`(select count(*)::int from task_assignments
    join directive_tasks on directive_tasks.id = task_assignments.task_id
    where directive_tasks.directive_id = directives.id and directive_tasks.active and ${inScope} and ${what})`;
  const rows = await db
    .select({
      directive: directives,
      taskCount: sql<number>`(select count(*)::int from directive_tasks where directive_tasks.directive_id = directives.id and directive_tasks.active)`,
      assignmentCount: counts(sql`true`),
      completedCount: counts(sql`${taskAssignments.status} = 'completed'`),
      overdueCount: counts(overdueSql),
    })
    .from(directives)
    .where(visibleDirective(actor))
    .orderBy(desc(directives.issuedOn), desc(directives.id));
  return rows.map(({ directive, ...n }) => ({ ...presentDirective(directive), ...n }));
}

function presentAssignment(a: typeof taskAssignments.$inferSelect & { agencyName: string }, today: string) {
  const status = a.status as AssignmentStatus;
  return { ...a, status, overdue: isOverdue({ dueOn: a.dueOn, status }, today), updatedAt: a.updatedAt.toISOString() };
}

export async function getDirective(db: Queryable, actor: Actor, id: number) {
  const directive = await findDirective(db, actor, id);
  const tasks = await db.select().from(directiveTasks).where(eq(directiveTasks.directiveId, id)).orderBy(asc(directiveTasks.id));
  const assignments = tasks.length
    ? await db
        .select({ a: taskAssignments, agencyName: agencies.name })
        .from(taskAssignments)
        .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
        .where(
          and(
            inArray(
              taskAssignments.taskId,
              tasks.map((t) => t.id),
            ),
            readableAgency(actor, taskAssignments.agencyId),
          ),
        )
        .orderBy(asc(agencies.name))
    : [];
  const [file] = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt })
    .from(files)
    .where(and(eq(files.entity, 'directive'), eq(files.entityId, String(id))))
    .orderBy(desc(files.id))
    .limit(1);
  const today = todayVn();
  return {
    ...presentDirective(directive),
    sourceText: directive.sourceText,
    file: file ? { ...file, uploadedAt: file.uploadedAt.toISOString() } : null,
    can: { manage: canManageDirectives(actor) },
    tasks: tasks
      // Agencies see the tasks assigned to them; the security unit and province-wide readers see every task, assigned or not.
      .filter((t) => readsEverything(actor) || assignments.some((x) => x.a.taskId === t.id))
      .map((t) => ({
        ...presentTask(t),
        assignments: assignments.filter((x) => x.a.taskId === t.id).map((x) => presentAssignment({ ...x.a, agencyName: x.agencyName }, today)),
      })),
  };
}

function presentTask(t: TaskRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = t;
  return { ...rest, deadlineText: describeRule(t.deadline as DeadlineRule) };
}

export async function createDirective(db: Db, actor: Actor, input: z.infer<typeof DirectiveInput>) {
  assert(canManageDirectives(actor));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(directives)
      .values({ ...input, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'directive', entityId: row!.id, agencyId: actor.agencyId, after: row });
    return getDirective(tx, actor, row!.id);
  });
}

export async function updateDirective(db: Db, actor: Actor, id: number, patch: z.infer<typeof DirectivePatch>) {
  return db.transaction(async (tx) => {
    const before = await findDirective(tx, actor, id);
    assert(canManageDirectives(actor));
    const [after] = await tx
      .update(directives)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(directives.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'directive', entityId: id, agencyId: actor.agencyId, before, after });
    return getDirective(tx, actor, id);
  });
}

/** The agencies a task goes to; refuses unknown kinds, unknown or inactive agencies, and an empty result. */
async function assigneesOf(tx: Queryable, choice: { assignKinds: string[]; assignAgencyIds: number[] }) {
  const known = new Set((await tx.select({ code: agencyKinds.code }).from(agencyKinds)).map((k) => k.code));
  const unknownKind = choice.assignKinds.find((k) => !known.has(k));
  if (unknownKind) throw invalid('assignKinds', `Unknown agency kind: ${unknownKind}`, `Loại cơ quan không tồn tại: ${unknownKind}`);
  const all = await tx.select({ id: agencies.id, kind: agencies.kind, active: agencies.active }).from(agencies);
  if (unknownAssignees(all, choice.assignAgencyIds).length) {
    throw invalid('assignAgencyIds', 'Assign the task to existing, active agencies', 'Chỉ giao nhiệm vụ cho cơ quan đang hoạt động');
  }
  const ids = resolveAssignees(all, { kinds: choice.assignKinds, agencyIds: choice.assignAgencyIds });
  if (!ids.length)
    throw invalid('assignKinds', 'Choose at least one agency or agency kind with agencies', 'Cần chọn ít nhất một cơ quan hoặc loại cơ quan có đơn vị');
  return ids;
}

export async function createTask(db: Db, actor: Actor, directiveId: number, input: z.infer<typeof TaskInput>) {
  return db.transaction(async (tx) => {
    await findDirective(tx, actor, directiveId);
    assert(canManageDirectives(actor));
    const row = await insertTask(tx, directiveId, input, todayVn());
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'directive_task',
      entityId: row.task.id,
      agencyId: actor.agencyId,
      after: { ...row.task, assignees: row.assignees },
    });
    return getDirective(tx, actor, directiveId);
  });
}

/** Inserts a task and its assignments, due at the first occurrence from `today`. */
async function insertTask(tx: Tx, directiveId: number, input: z.infer<typeof TaskInput>, today: string) {
  const assignees = await assigneesOf(tx, input);
  const [task] = await tx
    .insert(directiveTasks)
    .values({ ...input, directiveId })
    .returning();
  const dueOn = firstDueDate(input.deadline as DeadlineRule, today);
  await tx.insert(taskAssignments).values(assignees.map((agencyId) => ({ taskId: task!.id, agencyId, dueOn })));
  return { task: task!, assignees };
}

/**
 * Edits a task. A new deadline moves every open assignment to the rule's next due date; a new choice of agencies
 * adds assignments and drops those without reports or evidence (work already done stays on record).
 */
export async function updateTask(db: Db, actor: Actor, id: number, patch: z.infer<typeof TaskPatch>) {
  return db.transaction(async (tx) => {
    const before = await findTask(tx, actor, id);
    assert(canManageDirectives(actor));
    const [after] = await tx
      .update(directiveTasks)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(directiveTasks.id, id))
      .returning();
    const current = await tx.select().from(taskAssignments).where(eq(taskAssignments.taskId, id));
    let assignees = current.map((a) => a.agencyId);
    if (patch.assignKinds !== undefined || patch.assignAgencyIds !== undefined) {
      assignees = await assigneesOf(tx, after!);
      const ids = current.length ? current.map((a) => a.id) : [0];
      const reported = new Set([
        ...(await tx.selectDistinct({ id: taskReports.assignmentId }).from(taskReports).where(inArray(taskReports.assignmentId, ids))).map((r) => r.id),
        ...(
          await tx
            .selectDistinct({ id: files.entityId })
            .from(files)
            .where(and(eq(files.entity, 'task_assignment'), inArray(files.entityId, ids.map(String))))
        ).map((f) => Number(f.id)),
      ]);
      const drop = current.filter((a) => !assignees.includes(a.agencyId) && !reported.has(a.id)).map((a) => a.id);
      if (drop.length) await tx.delete(taskAssignments).where(inArray(taskAssignments.id, drop));
      const add = assignees.filter((agencyId) => !current.some((a) => a.agencyId === agencyId));
      const dueOn = firstDueDate(after!.deadline as DeadlineRule, todayVn());
      if (add.length) await tx.insert(taskAssignments).values(add.map((agencyId) => ({ taskId: id, agencyId, dueOn })));
    }
    if (patch.deadline) {
      const rule = after!.deadline as DeadlineRule;
      for (const a of current.filter((x) => x.status !== 'completed')) {
        const from = a.lastCompletedDueOn ? addDays(a.lastCompletedDueOn, 1) : todayVn();
        const dueOn = rule.kind === 'once' ? rule.date : nextOccurrence(rule, from);
        await tx.update(taskAssignments).set({ dueOn, updatedAt: new Date() }).where(eq(taskAssignments.id, a.id));
      }
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'directive_task',
      entityId: id,
      agencyId: actor.agencyId,
      before,
      after: { ...after, assignees },
    });
    return getDirective(tx, actor, after!.directiveId);
  });
}

/** Where the directive's own document goes, for the security unit only. */
export async function directiveFileTarget(db: Queryable, actor: Actor, id: number) {
  await findDirective(db, actor, id);
  assert(canManageDirectives(actor));
  return { agencyId: actor.agencyId, entity: 'directive', entityId: String(id) };
}

/** The directive's newest document, to anyone who sees the directive. */
export async function directiveFile(db: Queryable, actor: Actor, id: number) {
  await findDirective(db, actor, id);
  const [file] = await db
    .select()
    .from(files)
    .where(and(eq(files.entity, 'directive'), eq(files.entityId, String(id))))
    .orderBy(desc(files.id))
    .limit(1);
  if (!file) throw notFound('File');
  return file;
}
