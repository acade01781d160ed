import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Signer } from '../../../shared/documents/signature.ts';

/** Kinds are data, not code: the 2025 reorganization showed tiers and names change. */
export const agencyKinds = pgTable('agency_kinds', {
  code: text().primaryKey(),
  nameVi: text().notNull(),
  nameEn: text().notNull(),
  /** Outside the administrative tree: telecom operators, security firms, assessors, national bodies. */
  external: boolean().notNull().default(false),
  sort: integer().notNull().default(0),
});

export const agencies = pgTable(
  'agencies',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer().references((): AnyPgColumn => agencies.id),
    /** Materialized path of ids, e.g. "/1/5/23/": a subtree is one indexed prefix match. */
    path: text().notNull().default(''),
    name: text().notNull(),
    shortName: text(),
    kind: text()
      .notNull()
      .references(() => agencyKinds.code),
    address: text(),
    phone: text(),
    email: text(),
    portalUrl: text(),
    active: boolean().notNull().default(true),
    contactName: text(),
    contactPosition: text(),
    contactPhone: text(),
    contactEmail: text(),
    contactDesignatedOn: date({ mode: 'string' }),
    contactPublished: boolean().notNull().default(false),
    contactPublishedUrl: text(),
    // The settings of the documents it issues (Decree 30/2020 Appendix I): the abbreviation in document symbols, the
    // place of the date line (null: the province's), the governing body above its name (null: none), the drafting
    // unit of "Lưu: VT, …" and the people who sign.
    docAbbreviation: text(),
    docPlace: text(),
    docGoverningBody: text(),
    docDraftingUnit: text(),
    docSigners: jsonb().$type<Signer[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_path_idx').using('btree', sql`${t.path} text_pattern_ops`), index('agencies_parent_idx').on(t.parentId)],
);

/**
 * Configurable assignments of the functions the law names (the provincial specialized security unit,
 * the IT department, the national coordinator, the ministry receiving reports) to agencies.
 */
export const designations = pgTable('designations', {
  code: text().primaryKey(),
  agencyId: integer().references(() => agencies.id),
  titleVi: text().notNull(),
  titleEn: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
