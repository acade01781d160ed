// Independent assessments and compliance inspection rounds (drizzle); SQL in migrations/0005_warnings_scans_assessments.sql.
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';

/** A periodic independent security assessment of a system (kiểm tra, đánh giá ATTT định kỳ). */
export const assessments = pgTable(
  'assessments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** An external assessor organization; never the system's monitoring provider. */
    assessorAgencyId: integer()
      .notNull()
      .references(() => agencies.id),
    assessedOn: date({ mode: 'string' }).notNull(),
    scope: text().notNull(),
    /** passed | passed_with_findings | failed */
    result: text().notNull(),
    summary: text(),
    /** [{ title, severity, recommendation }] */
    findings: jsonb().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessments_system_idx').on(t.systemId, t.assessedOn), index('assessments_agency_idx').on(t.agencyId)],
);

/** A compliance inspection round of agencies by the specialized security unit (≥1–2 a year). */
export const inspectionRounds = pgTable(
  'inspection_rounds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    title: text().notNull(),
    /** The plan: legal basis, content, method, team. */
    plan: text(),
    decisionNumber: text(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    /** planned | in_progress | completed */
    status: text().notNull().default('planned'),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_rounds_starts_idx').on(t.startsOn)],
);

/** The agencies a round inspects, with when and the conclusion. */
export const inspectionAgencies = pgTable(
  'inspection_agencies',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    roundId: integer()
      .notNull()
      .references(() => inspectionRounds.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    inspectedOn: date({ mode: 'string' }),
    conclusion: text(),
  },
  (t) => [uniqueIndex('inspection_agencies_round_agency_idx').on(t.roundId, t.agencyId), index('inspection_agencies_agency_idx').on(t.agencyId)],
);

/** A finding of an inspection turned into a task for the inspected agency, with a deadline. */
export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    roundId: integer()
      .notNull()
      .references(() => inspectionRounds.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    finding: text().notNull(),
    action: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** open | done */
    status: text().notNull().default('open'),
    response: text(),
    doneOn: date({ mode: 'string' }),
    respondedBy: integer().references(() => users.id),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_tasks_round_idx').on(t.roundId), index('inspection_tasks_agency_idx').on(t.agencyId, t.status)],
);
