/** zod schemas of the directives, tasks, reminders and reports API, shared by the server and the web app. */
import { z } from 'zod';
import { Can, isoDate, optionalText, id, int32, idText, intText, text } from '../core/schemas.ts';
import { ASSIGNMENT_STATUSES, DIRECTIVE_KINDS, ISSUED_PRECISIONS, PROGRESS_KINDS, REPORT_KINDS, REVIEW_DECISIONS } from './tasks.ts';
import { REMINDER_KINDS } from '../reminders/kinds.ts';
import { ruleProblem, type DeadlineRule as Rule } from '../core/recurrence.ts';

const until = z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional());

const DeadlineRule = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('once'), date: isoDate }),
    z.object({ kind: z.literal('yearly'), month: int32(1, 12), day: int32(1, 31), until }),
    z.object({ kind: z.literal('quarterly'), day: int32(1, 31).default(20), monthOfQuarter: int32(1, 3).default(3), until }),
    z.object({ kind: z.literal('every_months'), months: int32(1, 60), from: isoDate, until }),
    z.object({ kind: z.literal('standing') }),
  ])
  .superRefine((rule, ctx) => {
    const problem = ruleProblem(rule as Rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.en });
  });

const DirectiveFieldsIn = z.object({
  kind: z.enum(DIRECTIVE_KINDS),
  number: text(100),
  issuer: text(300, 2),
  issuedOn: isoDate,
  /** When the document leaves the day blank: give the month's (or year's) first day and say so here. */
  issuedPrecision: z.enum(ISSUED_PRECISIONS),
  title: text(1000, 5),
  summary: optionalText(10_000),
  basedOn: optionalText(1000),
  signerTitle: optionalText(200),
  signerName: optionalText(200),
  modelOf: optionalText(200),
  sourceText: optionalText(200_000),
});
export const DirectiveInput = DirectiveFieldsIn.extend({ issuedPrecision: DirectiveFieldsIn.shape.issuedPrecision.default('day') });
/** Without defaults: a PATCH must not reset what it does not mention. */
export const DirectivePatch = DirectiveFieldsIn.partial();

/** Without defaults: a PATCH must not reset what it does not mention. */
const TaskFields = z.object({
  code: optionalText(20),
  text: text(10_000, 5),
  legalClause: optionalText(300),
  assigneesText: optionalText(2000),
  deadline: DeadlineRule,
  expectedEvidence: optionalText(2000),
  assignKinds: z.array(z.string().min(1).max(50)).max(20),
  assignAgencyIds: z.array(id()).max(2000),
});
export const TaskInput = TaskFields.extend({
  assignKinds: TaskFields.shape.assignKinds.default([]),
  assignAgencyIds: TaskFields.shape.assignAgencyIds.default([]),
});
export const TaskPatch = TaskFields.partial().extend({ active: z.boolean().optional() });

const Evidence = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

const Assignment = z.object({
  id: z.number(),
  taskId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  overdue: z.boolean(),
  completedOccurrences: z.number(),
  lastCompletedDueOn: z.string().nullable(),
  updatedAt: z.string(),
});

const Task = z.object({
  id: z.number(),
  directiveId: z.number(),
  code: z.string().nullable(),
  text: z.string(),
  legalClause: z.string().nullable(),
  assigneesText: z.string().nullable(),
  deadline: z.unknown(),
  deadlineText: z.string(),
  expectedEvidence: z.string().nullable(),
  assignKinds: z.array(z.string()),
  assignAgencyIds: z.array(z.number()),
  active: z.boolean(),
  assignments: z.array(Assignment),
});

const DirectiveFields = {
  id: z.number(),
  kind: z.enum(DIRECTIVE_KINDS),
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  issuedPrecision: z.enum(ISSUED_PRECISIONS),
  title: z.string(),
  summary: z.string().nullable(),
  basedOn: z.string().nullable(),
  signerTitle: z.string().nullable(),
  signerName: z.string().nullable(),
  modelOf: z.string().nullable(),
  /** The legal registry's id of the text, where it has one (the seed texts). */
  instrument: z.string().nullable(),
  hasSourceText: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const DirectiveSummary = z.object({
  ...DirectiveFields,
  taskCount: z.number(),
  assignmentCount: z.number(),
  completedCount: z.number(),
  overdueCount: z.number(),
});

export const Directive = z.object({
  ...DirectiveFields,
  sourceText: z.string().nullable(),
  file: Evidence.nullable(),
  /** manage: edit the directive, its document and tasks (the specialized security unit). */
  can: Can('manage'),
  tasks: z.array(Task),
});

export const TaskListQuery = z.object({
  directiveId: idText().optional(),
  agencyId: idText().optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  limit: intText(1, 500).default(100),
  offset: intText(0).default(0),
});

const TaskListItem = Assignment.extend({
  taskText: z.string(),
  taskCode: z.string().nullable(),
  deadlineText: z.string(),
  directiveId: z.number(),
  directiveNumber: z.string(),
  directiveTitle: z.string(),
  directiveKind: z.enum(DIRECTIVE_KINDS),
});
export const TaskList = z.object({ total: z.number(), overdue: z.number(), items: z.array(TaskListItem) });

const TaskReport = z.object({
  id: z.number(),
  dueOn: z.string().nullable(),
  progress: z.enum(PROGRESS_KINDS),
  comment: z.string().nullable(),
  evidence: z.array(Evidence),
  review: z.enum(['pending', 'accepted', 'returned']).nullable(),
  reviewComment: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string(),
});

export const AssignmentDetail = TaskListItem.extend({
  legalClause: z.string().nullable(),
  expectedEvidence: z.string().nullable(),
  directiveIssuer: z.string(),
  directiveIssuedOn: z.string(),
  directiveIssuedPrecision: z.enum(ISSUED_PRECISIONS),
  reports: z.array(TaskReport),
  evidence: z.array(Evidence),
  /** report: progress and evidence (the assigned agency, while the task is open); review: a pending report (the security unit). */
  can: Can('report', 'review'),
});

export const ProgressInput = z.object({
  progress: z.enum(PROGRESS_KINDS),
  comment: optionalText(5000),
  evidenceFileIds: z.array(id()).max(50).default([]),
});

export const ReviewInput = z.object({ decision: z.enum(REVIEW_DECISIONS), comment: optionalText(5000) });

export { Evidence as TaskEvidence };

const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ unread: z.number(), items: z.array(Notification) });
export const MarkReadInput = z.object({ ids: z.array(id()).max(500).optional() });

export const ReminderPreference = z.object({ kind: z.enum(REMINDER_KINDS), inApp: z.boolean(), email: z.boolean() });
export const ReminderPreferences = z.array(ReminderPreference);

export const ReminderRunResult = z.object({ delivered: z.number(), skipped: z.number(), emailed: z.number(), failed: z.number() });

export const OutboxMessage = z.object({ name: z.string(), size: z.number(), at: z.string(), to: z.string(), subject: z.string(), text: z.string() });

export const ReportInput = z.object({
  kind: z.enum(REPORT_KINDS),
  agencyId: id(),
  year: int32(2000, 2100),
  quarter: int32(1, 4).nullable().optional(),
  directiveId: id().nullable().optional(),
});

const ReportFigure = z.object({ key: z.string(), label: z.string(), value: z.union([z.number(), z.string().nullable()]), unit: z.string().optional() });
const ReportTable = z.object({
  title: z.string(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string().nullable(), z.number()]))),
  widths: z.array(z.number()).optional(),
});
export const ReportSectionSnapshot = z.object({
  key: z.string(),
  heading: z.string(),
  paragraphs: z.array(z.string()),
  figures: z.array(ReportFigure),
  tables: z.array(ReportTable),
});
export const ReportSnapshot = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  /** `agencyId` (snapshots from 2026-12 on): the issuing agency, whose settings and register frame the document. */
  issuer: z.object({ agencyId: z.number().optional(), parentName: z.string().nullable(), name: z.string(), symbol: z.string() }),
  place: z.string(),
  title: z.string(),
  subject: z.string(),
  intro: z.string(),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  agency: z.object({ id: z.number(), name: z.string() }),
  directive: z.object({ id: z.number(), number: z.string(), title: z.string() }).nullable(),
  sections: z.array(ReportSectionSnapshot),
  closing: z.string(),
  recipients: z.array(z.string()),
  signer: z.object({ authority: z.string().optional(), title: z.string(), name: z.string() }),
});

const ReportFields = {
  id: z.number(),
  kind: z.enum(REPORT_KINDS),
  agencyId: z.number(),
  agencyName: z.string(),
  year: z.number(),
  quarter: z.number().nullable(),
  directiveId: z.number().nullable(),
  /** "01/BC-CAT": the number the issuer's register of outgoing documents issued it with; null until it is issued. */
  number: z.string().nullable(),
  title: z.string(),
  dueOn: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
};
export const ReportSummary = z.object(ReportFields);
export const Report = z.object({ ...ReportFields, snapshot: ReportSnapshot });
export const ReportListQuery = z.object({ kind: z.enum(REPORT_KINDS).optional(), agencyId: idText().optional() });
