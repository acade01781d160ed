// Tables of official reports (drizzle); SQL in migrations/0006_directives_reminders_reports.sql.
import { index, integer, jsonb, pgTable, text, timestamp, date } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';
import { directives } from '../directives/schema.ts';

/**
 * A generated report with the figures it was built from, so re-opening it shows what was sent. Its number is the
 * register's (modules/outgoing), given when it is issued.
 */
export const reports = pgTable(
  'reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    /** Root of the agency subtree the report covers; decides who may read it. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    year: integer().notNull(),
    quarter: integer(),
    directiveId: integer().references(() => directives.id),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }),
    /** Every figure and table of the document (ReportSnapshot in src/shared/directives-schemas.ts). */
    snapshot: jsonb().notNull(),
    createdBy: integer().references(() => users.id),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reports_agency_idx').on(t.agencyId), index('reports_kind_idx').on(t.kind, t.year)],
);
