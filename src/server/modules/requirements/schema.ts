import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';
import type { RequirementCondition } from '../../../shared/requirements/compliance.ts';

/** The baseline requirement catalog (TCVN 11930:2017 groups), loaded from data/requirements.json. */
export const requirements = pgTable('requirements', {
  id: text().primaryKey(),
  group: text().notNull(),
  area: text().notNull(),
  titleVi: text().notNull(),
  titleEn: text().notNull(),
  descriptionVi: text().notNull(),
  levels: integer().array().notNull(),
  /** A condition on the system besides its level (REQUIREMENT_CONDITIONS); null applies at every listed level. */
  condition: text().$type<RequirementCondition>(),
  reference: text().notNull(),
  /** The law or directive that makes it a minimum for every system of its levels (its citations' wording); null for the standard's own. */
  basis: text(),
  /** A minimum requirement: "not applicable" never excuses it (shared/requirements/compliance.ts excusedFromTally). */
  minimum: boolean().notNull().default(false),
  sort: integer().notNull(),
});

/** One system's progress on one requirement. Rows stay when the level drops; only applicable ones count. */
export const systemRequirements = pgTable(
  'system_requirements',
  {
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    requirementId: text()
      .notNull()
      .references(() => requirements.id),
    status: text().notNull().default('not_started'),
    /** Why it does not apply: required with not_applicable. */
    reason: text(),
    /** Who approved the "not applicable" and when; null while it awaits approval (then it still counts as applicable). */
    notApplicableApprovedBy: integer().references(() => users.id),
    notApplicableApprovedAt: timestamp({ withTimezone: true }),
    ownerUserId: integer().references(() => users.id),
    dueOn: date({ mode: 'string' }),
    lastVerifiedOn: date({ mode: 'string' }),
    note: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.requirementId] }), index('system_requirements_req_idx').on(t.requirementId)],
);
