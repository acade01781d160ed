/** Who sees and manages directives and tasks: the scope rules of this module, on top of src/server/auth/scope.ts. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency, readsEverything } from '../../auth/scope.ts';
import { notFound } from '../../http/errors.ts';
import { agencies } from '../agencies/index.ts';
import { directives, directiveTasks, taskAssignments } from './schema.ts';
import { can } from '../../../shared/core/capabilities.ts';
import type { AssignmentStatus } from '../../../shared/directives/tasks.ts';

/** The specialized security unit (Sở TT&TT in the seeds) enters directives, assigns tasks and reviews reports. */
export const canManageDirectives = (actor: Actor) => can(actor, 'directives.manage');

/** An assigned agency's editors report progress and add evidence. */
export const mayReportOn = (actor: Actor, assignment: { agencyId: number }, agencyPath: string) =>
  can(actor, 'directives.report', { agencyId: assignment.agencyId, agencyPath });

/** An assignment's `can`: report progress (open, not awaiting review, task not withdrawn); review a pending report. */
export function assignmentCan(actor: Actor, found: Awaited<ReturnType<typeof findAssignment>>, pendingReview: boolean) {
  const status = found.assignment.status as AssignmentStatus;
  return {
    report: status !== 'completed' && status !== 'submitted' && found.task.active && mayReportOn(actor, found.assignment, found.agencyPath),
    review: canManageDirectives(actor) && pendingReview,
  };
}

/**
 * A directive exists for the actor if they read the whole province or one of its tasks is assigned in their subtree.
 * (Written against the table name: drizzle leaves the columns of a single-table select unqualified.)
 */
export function visibleDirective(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  return sql`exists (select 1 from directive_tasks vt join task_assignments va on va.task_id = vt.id
    where vt.directive_id = directives.id and ${readableAgency(actor, sql`va.agency_id`)})`;
}

export async function findDirective(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(directives)
    .where(and(eq(directives.id, id), visibleDirective(actor)));
  if (!row) throw notFound('Directive');
  return row;
}

/**
 * A task exists for the actor as it does on the directive's page: every task for the security unit and the
 * province-wide readers, otherwise only a task assigned in their subtree. (Against the table name, as visibleDirective.)
 */
function visibleTask(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  return sql`exists (select 1 from task_assignments ta where ta.task_id = directive_tasks.id and ${readableAgency(actor, sql`ta.agency_id`)})`;
}

export async function findTask(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ task: directiveTasks })
    .from(directiveTasks)
    .where(and(eq(directiveTasks.id, id), visibleTask(actor)));
  if (!row) throw notFound('Task');
  return row.task;
}

/** An assignment of an agency the actor may read, with what the checks need. */
export async function findAssignment(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ assignment: taskAssignments, agencyPath: agencies.path, task: directiveTasks })
    .from(taskAssignments)
    .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .where(and(eq(taskAssignments.id, id), readableAgency(actor, taskAssignments.agencyId)));
  if (!row) throw notFound('Task');
  return row;
}
