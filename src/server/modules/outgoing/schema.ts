// The register of outgoing documents (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP Art. 15–16).
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';
import type { Signer } from '../../../shared/documents/signature.ts';

/** What an issued document printed, frozen at issue so a later change of settings does not rewrite it. */
export type IssuedFrame = { governingBody: string | null; agencyName: string; place: string; draftingUnit: string | null };

/**
 * One number of an issuing agency's yearly sequence, given to one document Khiên produces: reserved (number, symbol
 * and signer may still be corrected), then issued.
 */
export const outgoingDocuments = pgTable(
  'outgoing_documents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    year: integer().notNull(),
    number: integer().notNull(),
    symbol: text().notNull(),
    documentType: text().notNull(),
    subjectKind: text().notNull(),
    subjectId: integer().notNull(),
    /** Trích yếu, as when the number was taken. */
    subject: text().notNull(),
    status: text().notNull().default('reserved'),
    signer: jsonb().$type<Signer>(),
    issuedOn: date({ mode: 'string' }),
    issuedFrame: jsonb().$type<IssuedFrame>(),
    createdBy: integer().references(() => users.id),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Art. 15(1): the number and symbol are unique in the issuer's year; one sequence a year.
    uniqueIndex('outgoing_documents_number_uq').on(t.agencyId, t.year, t.number),
    uniqueIndex('outgoing_documents_subject_uq').on(t.subjectKind, t.subjectId, t.agencyId),
    index('outgoing_documents_agency_idx').on(t.agencyId, t.year),
  ],
);
