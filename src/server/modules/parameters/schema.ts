import { date, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';
import type { Citation } from '../../../shared/legal/citation.ts';

/**
 * The province's targets, deadlines and intervals (shared/parameters/catalog.ts), one row per period of effect. A
 * change adds a period from a day on; the period before it is closed on that day and nothing earlier is rewritten.
 */
export const provinceParameters = pgTable(
  'province_parameters',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull(),
    value: text().notNull(),
    unit: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** The first day it no longer applies; null while it is the latest period. */
    effectiveUntil: date({ mode: 'string' }),
    citation: jsonb().$type<Citation>().notNull(),
    /** The citation's official wording, as documents print it. */
    reference: text().notNull(),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('province_parameters_key_from_idx').on(t.key, t.effectiveFrom)],
);
