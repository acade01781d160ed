// Tables of the directives module (drizzle); migrations/0006_directives_reminders_reports.sql holds the matching hand-written SQL.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/** A directing document (chỉ thị, công văn, công điện, kế hoạch) whose tasks Khiên follows up. */
export const directives = pgTable(
  'directives',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    /** Số, ký hiệu, e.g. "15/CT-UBND". */
    number: text().notNull(),
    issuer: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    /** How much of the date the document itself gives: 'day', or only the 'month' or 'year' when its day is left blank. */
    issuedPrecision: text().notNull().default('day'),
    title: text().notNull(),
    summary: text(),
    /** The higher-level document it implements, e.g. "Công điện 33/CĐ-TTg". */
    basedOn: text(),
    /** The signature block as printed: authority and title ("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"), then the signer's name. */
    signerTitle: text(),
    signerName: text(),
    /** Set when the document is another province's, kept as a model text: that province's name ("tỉnh Quảng Nam"). */
    modelOf: text(),
    /** The text's entry in the legal registry (data/legal/instruments.json), where it has one: what cites it finds it. */
    instrument: text(),
    /** The document's full text as published, for readers to check tasks against. */
    sourceText: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('directives_issued_idx').on(t.issuedOn)],
);

/** One task of a directive: what, by which clause, for whom, by when, with what evidence. */
export const directiveTasks = pgTable(
  'directive_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    directiveId: integer()
      .notNull()
      .references(() => directives.id),
    code: text(),
    text: text().notNull(),
    legalClause: text(),
    /** Who the clause addresses, in the document's words ("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện"). */
    assigneesText: text(),
    /** A DeadlineRule (src/shared/recurrence.ts). */
    deadline: jsonb().notNull(),
    expectedEvidence: text(),
    /** Assigned by agency kind (every active agency of these kinds) … */
    assignKinds: text().array().notNull().default(sql`'{}'::text[]`),
    /** … and to these agencies by name. */
    assignAgencyIds: integer().array().notNull().default(sql`'{}'::integer[]`),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('directive_tasks_directive_idx').on(t.directiveId)],
);

/** One agency's part of a task, at its current occurrence. */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer()
      .notNull()
      .references(() => directiveTasks.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** Due date of the current occurrence (Vietnamese calendar day). */
    dueOn: date({ mode: 'string' }),
    status: text().notNull().default('not_started'),
    completedOccurrences: integer().notNull().default(0),
    lastCompletedDueOn: date({ mode: 'string' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('task_assignments_task_agency_idx').on(t.taskId, t.agencyId),
    index('task_assignments_agency_idx').on(t.agencyId),
    index('task_assignments_due_idx').on(t.dueOn),
  ],
);

/** A progress report of an agency on an assignment, and the security unit's review of it. */
export const taskReports = pgTable(
  'task_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => taskAssignments.id),
    /** The occurrence reported on. */
    dueOn: date({ mode: 'string' }),
    progress: text().notNull(),
    comment: text(),
    evidenceFileIds: integer().array().notNull().default(sql`'{}'::integer[]`),
    /** pending (a "done" report awaiting review), accepted, returned; null for an in-progress update. */
    review: text(),
    reviewComment: text(),
    reviewedBy: integer().references(() => users.id),
    reviewedByName: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    submittedBy: integer().references(() => users.id),
    submittedByName: text(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_reports_assignment_idx').on(t.assignmentId), index('task_reports_pending_idx').on(t.review)],
);
