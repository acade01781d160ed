import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/**
 * The register of an agency's special-use digital signature tokens (USB token) and their certificates (Bắc Giang 1,
 * last bullet): who holds each, the certificate's serial, issuer and validity, and its revocation or loss.
 */
export const signatureTokens = pgTable(
  'signature_tokens',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** A person's certificate, or the agency's own (its seal). */
    subject: text().$type<'person' | 'organization'>().notNull(),
    holderName: text().notNull(),
    holderPosition: text(),
    /** The certificate's serial number, upper-case hexadecimal as the issuer prints it. */
    serial: text().notNull(),
    issuer: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }).notNull(),
    revokedOn: date({ mode: 'string' }),
    revocationReason: text(),
    /** A loss report: the day the token was lost, what happened, when the issuer was told (to revoke it). */
    lostOn: date({ mode: 'string' }),
    lossCircumstances: text(),
    lossReportedOn: date({ mode: 'string' }),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('signature_tokens_issuer_serial').on(t.issuer, t.serial),
    index('signature_tokens_agency_idx').on(t.agencyId),
    check('signature_tokens_validity', sql`${t.validTo} >= ${t.validFrom}`),
  ],
);
