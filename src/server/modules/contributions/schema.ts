import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/**
 * The security unit's call, once a year, for the agencies' contributions to its yearly report (Thanh Hóa 1.d: the
 * agencies report their results through the Sở by 10/12; 2.c and Vĩnh Phúc 2.l: the Sở reports to the People's
 * Committee by 15/12). Both days are taken from the province parameters when the call is opened.
 */
export const contributionCalls = pgTable('contribution_calls', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  year: integer().notNull().unique(),
  contributionsDueOn: date({ mode: 'string' }).notNull(),
  reportDueOn: date({ mode: 'string' }).notNull(),
  /** The kinds of agency asked, as chosen when the call was opened. */
  agencyKinds: text().array().notNull().default(sql`'{}'::text[]`),
  state: text().$type<'open' | 'closed'>().notNull().default('open'),
  openedBy: integer().references(() => users.id),
  openedByName: text(),
  openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp({ withTimezone: true }),
  closedByName: text(),
});

/** One agency's contribution to a call: its results, difficulties and proposals, and the figures Khiên computed for it. */
export const contributions = pgTable(
  'contributions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    callId: integer()
      .notNull()
      .references(() => contributionCalls.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    results: text(),
    difficulties: text(),
    proposals: text(),
    figures: jsonb().notNull().default(sql`'[]'::jsonb`),
    /** When it was first sent (decides whether it was late), and the latest revision. */
    submittedAt: timestamp({ withTimezone: true }),
    submittedByName: text(),
    revisedAt: timestamp({ withTimezone: true }),
    revisions: integer().notNull().default(0),
  },
  (t) => [unique('contributions_call_agency_key').on(t.callId, t.agencyId), index('contributions_agency_idx').on(t.agencyId)],
);
