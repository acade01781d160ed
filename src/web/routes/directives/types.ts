/** Types of the directives screens, inferred from the shared API schemas. */
import type { z } from 'zod';
import type {
  AssignmentDetail, Directive, DirectiveSummary, NotificationList, OutboxMessage, Report, ReportSummary, ReminderPreference, TaskList,
} from '../../../shared/directives/schemas.ts';

export type DirectiveT = z.infer<typeof Directive>;
export type DirectiveSummaryT = z.infer<typeof DirectiveSummary>;
export type TaskListT = z.infer<typeof TaskList>;
export type AssignmentT = z.infer<typeof AssignmentDetail>;
export type NotificationsT = z.infer<typeof NotificationList>;
export type PreferenceT = z.infer<typeof ReminderPreference>;
export type OutboxT = z.infer<typeof OutboxMessage>;
export type ReportT = z.infer<typeof Report>;
export type ReportSummaryT = z.infer<typeof ReportSummary>;
