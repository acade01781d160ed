import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/** A warning a telecom or Internet operator (or security firm) sent its customers (Vĩnh Phúc 7; Quảng Nam 4, second bullet). */
export const operatorCustomerWarnings = pgTable(
  'operator_customer_warnings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    issuedOn: date({ mode: 'string' }).notNull(),
    subject: text().notNull(),
    customersReached: integer().notNull(),
    /** The authorities' warning it passes on, as they numbered it. */
    authorityWarning: text(),
    createdBy: integer().references(() => users.id),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('operator_customer_warnings_agency_idx').on(t.agencyId), check('operator_customer_warnings_reached', sql`${t.customersReached} >= 0`)],
);

/** Incident information an operator or security firm shared with an authority (Quảng Nam 5, first bullet; Vĩnh Phúc 7). */
export const operatorIncidentShares = pgTable(
  'operator_incident_shares',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    sharedOn: date({ mode: 'string' }).notNull(),
    /** A designation code (data/designations.json): security_unit, response_team, national_coordinator, cybersecurity_authority. */
    recipient: text().notNull(),
    /** The agency holding the designation that day. */
    recipientName: text().notNull(),
    incidentRef: text(),
    description: text().notNull(),
    createdBy: integer().references(() => users.id),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('operator_incident_shares_agency_idx').on(t.agencyId)],
);
