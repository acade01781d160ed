import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/**
 * A dossier or an incident an officer uploaded to one of the Ministry's platforms (src/shared/exchange/platforms.ts),
 * with the reference the platform gave it and the digest of the content sent, so a later change shows it is due again.
 */
export const exchangeSubmissions = pgTable(
  'exchange_submissions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** `dossier` or `incident` (ExchangeSubject). */
    subjectKind: text().notNull(),
    subjectId: integer().notNull(),
    /** The owning agency; none for a hotline case no agency reported. */
    agencyId: integer().references(() => agencies.id),
    /** EXCHANGE_PLATFORMS key. */
    platform: text().notNull(),
    reference: text().notNull(),
    submittedOn: date({ mode: 'string' }).notNull(),
    note: text(),
    /** SHA-256 of the package's JSON content when the submission was recorded. */
    contentDigest: text().notNull(),
    recordedBy: integer().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exchange_submissions_subject_idx').on(t.subjectKind, t.subjectId),
    uniqueIndex('exchange_submissions_reference_idx').on(t.platform, t.reference),
  ],
);
