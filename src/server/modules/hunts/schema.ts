import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';
import { systems } from '../systems/schema.ts';
import { incidents } from '../incidents/schema.ts';

/**
 * A threat hunt (săn lùng mối nguy hại, Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND clauses 1–2) an agency recorded: the
 * hypothesis, what was hunted and when, how and by whom, what came of it, and the incident it opened.
 */
export const hunts = pgTable(
  'hunts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    title: text().notNull(),
    hypothesis: text().notNull(),
    scope: text(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    techniques: text().array().notNull().default(sql`'{}'::text[]`),
    /** MITRE ATT&CK technique ids (T1059, T1059.001). */
    attackTechniques: text().array().notNull().default(sql`'{}'::text[]`),
    /** HUNTER_KINDS of src/shared/hunts/rules.ts; a provider's hunt names the outside organization. */
    hunterKind: text().notNull(),
    providerAgencyId: integer().references(() => agencies.id),
    hunters: text(),
    /** HUNT_STATUSES, HUNT_RESULTS of src/shared/hunts/rules.ts. */
    status: text().notNull(),
    result: text(),
    resultSummary: text(),
    /** The incident the hunt opened (its initial report, filed through the incidents module). */
    incidentId: integer().references(() => incidents.id),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hunts_agency_idx').on(t.agencyId, t.periodTo),
    uniqueIndex('hunts_incident_idx').on(t.incidentId),
    check('hunts_period', sql`${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/** The systems a hunt covered; none for a hunt of the whole agency. */
export const huntSystems = pgTable(
  'hunt_systems',
  {
    huntId: integer()
      .notNull()
      .references(() => hunts.id, { onDelete: 'cascade' }),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
  },
  (t) => [primaryKey({ columns: [t.huntId, t.systemId] }), index('hunt_systems_system_idx').on(t.systemId)],
);
