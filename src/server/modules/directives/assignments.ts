/** Each agency's tasks: its list, progress reports with evidence, and the security unit's review. */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { files } from '../files/index.ts';
import { directives, directiveTasks, taskAssignments, taskReports } from './schema.ts';
import { assignmentCan, canManageDirectives, findAssignment, mayReportOn } from './access.ts';
import { overdueSql } from './service.ts';
import {
  afterAcceptance,
  isOverdue,
  type AssignmentStatus,
  type DirectiveKind,
  type IssuedPrecision,
  type ProgressKind,
} from '../../../shared/directives/tasks.ts';
import { describeRule, type DeadlineRule } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { ProgressInput, ReviewInput, TaskListQuery } from '../../../shared/directives/schemas.ts';

const listColumns = {
  assignment: taskAssignments,
  agencyName: agencies.name,
  taskText: directiveTasks.text,
  taskCode: directiveTasks.code,
  deadline: directiveTasks.deadline,
  legalClause: directiveTasks.legalClause,
  expectedEvidence: directiveTasks.expectedEvidence,
  directiveId: directives.id,
  directiveNumber: directives.number,
  directiveTitle: directives.title,
  directiveKind: directives.kind,
  directiveIssuer: directives.issuer,
  directiveIssuedOn: directives.issuedOn,
  directiveIssuedPrecision: directives.issuedPrecision,
};

type ListRow = {
  assignment: typeof taskAssignments.$inferSelect;
  agencyName: string;
  taskText: string;
  taskCode: string | null;
  deadline: unknown;
  directiveId: number;
  directiveNumber: string;
  directiveTitle: string;
  directiveKind: string;
};

function presentItem(r: ListRow, today: string) {
  const status = r.assignment.status as AssignmentStatus;
  return {
    ...r.assignment,
    status,
    overdue: isOverdue({ dueOn: r.assignment.dueOn, status }, today),
    updatedAt: r.assignment.updatedAt.toISOString(),
    agencyName: r.agencyName,
    taskText: r.taskText,
    taskCode: r.taskCode,
    deadlineText: describeRule(r.deadline as DeadlineRule),
    directiveId: r.directiveId,
    directiveNumber: r.directiveNumber,
    directiveTitle: r.directiveTitle,
    directiveKind: r.directiveKind as DirectiveKind,
  };
}

const fromAssignments = (db: Queryable) =>
  db
    .select(listColumns)
    .from(taskAssignments)
    .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId));

/** The assignments the actor may see: their agency's subtree, or the whole province for the security unit. */
export async function listTasks(db: Queryable, actor: Actor, q: z.infer<typeof TaskListQuery>) {
  const where: SQL[] = [readableAgency(actor, taskAssignments.agencyId), eq(directiveTasks.active, true)];
  if (q.agencyId) where.push(sql`${agencies.path} like ${`${(await findVisible(db, actor, q.agencyId)).path}%`}`);
  if (q.directiveId) where.push(eq(directiveTasks.directiveId, q.directiveId));
  if (q.status) where.push(eq(taskAssignments.status, q.status));
  if (q.overdue === 'true') where.push(overdueSql);
  if (q.q) where.push(or(ilike(directiveTasks.text, `%${q.q}%`), ilike(directives.number, `%${q.q}%`), ilike(agencies.name, `%${q.q}%`))!);
  const rows = await fromAssignments(db)
    .where(and(...where))
    .orderBy(sql`${overdueSql} desc`, sql`${taskAssignments.dueOn} asc nulls last`, asc(agencies.name))
    .limit(q.limit)
    .offset(q.offset);
  const [totals] = await db
    .select({ total: count(), overdue: sql<number>`count(*) filter (where ${overdueSql})::int` })
    .from(taskAssignments)
    .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .where(and(...where));
  const today = todayVn();
  return { total: totals!.total, overdue: totals!.overdue, items: rows.map((r) => presentItem(r, today)) };
}

const evidenceColumns = { id: files.id, name: files.name, mime: files.mime, size: files.size, uploadedAt: files.uploadedAt };

export async function getAssignment(db: Queryable, actor: Actor, id: number) {
  const found = await findAssignment(db, actor, id);
  const [row] = await fromAssignments(db).where(eq(taskAssignments.id, id));
  const evidence = await db
    .select(evidenceColumns)
    .from(files)
    .where(and(eq(files.entity, 'task_assignment'), eq(files.entityId, String(id))))
    .orderBy(asc(files.id));
  const reports = await db.select().from(taskReports).where(eq(taskReports.assignmentId, id)).orderBy(desc(taskReports.id));
  const present = (f: (typeof evidence)[number]) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() });
  return {
    ...presentItem(row!, todayVn()),
    legalClause: row!.legalClause,
    expectedEvidence: row!.expectedEvidence,
    directiveIssuer: row!.directiveIssuer,
    directiveIssuedOn: row!.directiveIssuedOn,
    directiveIssuedPrecision: row!.directiveIssuedPrecision as IssuedPrecision,
    evidence: evidence.map(present),
    reports: reports.map((r) => ({
      id: r.id,
      dueOn: r.dueOn,
      progress: r.progress as ProgressKind,
      comment: r.comment,
      evidence: evidence.filter((f) => r.evidenceFileIds.includes(f.id)).map(present),
      review: r.review as 'pending' | 'accepted' | 'returned' | null,
      reviewComment: r.reviewComment,
      reviewedByName: r.reviewedByName,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      submittedByName: r.submittedByName,
      submittedAt: r.submittedAt.toISOString(),
    })),
    can: assignmentCan(
      actor,
      found,
      reports.some((r) => r.review === 'pending'),
    ),
  };
}

/** Where evidence for an assignment goes; only those who may report on it may add some. */
export async function evidenceTarget(db: Queryable, actor: Actor, id: number) {
  const { assignment, agencyPath } = await findAssignment(db, actor, id);
  assert(mayReportOn(actor, assignment, agencyPath));
  return { agencyId: assignment.agencyId, entity: 'task_assignment', entityId: String(id) };
}

/** An agency reports progress; "done" hands the current occurrence to the security unit for review. */
export async function reportProgress(db: Db, actor: Actor, id: number, input: z.infer<typeof ProgressInput>) {
  return db.transaction(async (tx) => {
    const { assignment, agencyPath, task } = await findAssignment(tx, actor, id);
    assert(mayReportOn(actor, assignment, agencyPath));
    const [locked] = await tx.select().from(taskAssignments).where(eq(taskAssignments.id, id)).for('update');
    if (!task.active) throw conflict('taskId', 'The task has been withdrawn', 'Nhiệm vụ đã được thu hồi');
    if (locked!.status === 'completed') throw conflict('progress', 'The task is already completed', 'Nhiệm vụ đã hoàn thành');
    if (locked!.status === 'submitted') {
      throw conflict('progress', 'A report is awaiting review', 'Báo cáo trước đang chờ đơn vị chuyên trách xem xét');
    }
    const comment = input.comment?.trim() || null;
    if (input.progress === 'done' && !comment && !input.evidenceFileIds.length) {
      throw invalid('comment', 'Describe the result or attach evidence', 'Cần nêu kết quả thực hiện hoặc đính kèm minh chứng');
    }
    if (input.evidenceFileIds.length) {
      const own = await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, input.evidenceFileIds), eq(files.entity, 'task_assignment'), eq(files.entityId, String(id))));
      if (own.length !== new Set(input.evidenceFileIds).size) {
        throw invalid('evidenceFileIds', 'Upload the evidence to this task first', 'Hãy tải minh chứng lên nhiệm vụ này trước');
      }
    }
    const [report] = await tx
      .insert(taskReports)
      .values({
        assignmentId: id,
        dueOn: locked!.dueOn,
        progress: input.progress,
        comment,
        evidenceFileIds: [...new Set(input.evidenceFileIds)],
        review: input.progress === 'done' ? 'pending' : null,
        submittedBy: actor.userId,
        submittedByName: actor.fullName,
      })
      .returning();
    const status: AssignmentStatus = input.progress === 'done' ? 'submitted' : 'in_progress';
    await tx.update(taskAssignments).set({ status, updatedAt: new Date() }).where(eq(taskAssignments.id, id));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'task_report',
      entityId: report!.id,
      agencyId: assignment.agencyId,
      before: { status: locked!.status },
      after: { ...report, assignmentStatus: status },
    });
    return getAssignment(tx, actor, id);
  });
}

/** The security unit accepts a "done" report (the task moves to its next occurrence or completes) or returns it with reasons. */
export async function reviewReport(db: Db, actor: Actor, reportId: number, input: z.infer<typeof ReviewInput>) {
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(taskReports).where(eq(taskReports.id, reportId));
    if (!report) throw notFound('Report');
    const { assignment, task } = await findAssignment(tx, actor, report.assignmentId).catch(() => {
      throw notFound('Report');
    });
    assert(canManageDirectives(actor));
    const [locked] = await tx.select().from(taskReports).where(eq(taskReports.id, reportId)).for('update');
    if (locked!.review !== 'pending') {
      throw new AppError(409, 'invalid_transition', 'This report is not awaiting review', 'Báo cáo này không ở trạng thái chờ xem xét', 'decision');
    }
    const comment = input.comment?.trim() || null;
    if (input.decision === 'return' && (!comment || comment.length < 5)) {
      throw invalid('comment', 'Give the reasons for returning the report', 'Cần nêu lý do trả lại báo cáo');
    }
    const dueOn = locked!.dueOn ?? assignment.dueOn;
    const next =
      input.decision === 'accept'
        ? {
            ...afterAcceptance(task.deadline as DeadlineRule, dueOn),
            completedOccurrences: assignment.completedOccurrences + 1,
            lastCompletedDueOn: dueOn ?? assignment.lastCompletedDueOn,
          }
        : { status: 'returned' as const };
    await tx
      .update(taskAssignments)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(taskAssignments.id, assignment.id));
    const [after] = await tx
      .update(taskReports)
      .set({
        review: input.decision === 'accept' ? 'accepted' : 'returned',
        reviewComment: comment,
        reviewedBy: actor.userId,
        reviewedByName: actor.fullName,
        reviewedAt: new Date(),
      })
      .where(eq(taskReports.id, reportId))
      .returning();
    await recordAudit(tx, actor, {
      action: `task_report_${input.decision}`,
      entity: 'task_report',
      entityId: reportId,
      agencyId: assignment.agencyId,
      before: { review: 'pending', assignment: { status: assignment.status, dueOn: assignment.dueOn } },
      after: { review: after!.review, comment, assignment: next },
    });
    return getAssignment(tx, actor, assignment.id);
  });
}
