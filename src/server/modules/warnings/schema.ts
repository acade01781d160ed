// Tables of the warnings module (drizzle); migrations/0005_warnings_scans_assessments.sql holds the matching hand-written SQL.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';

/** A warning (cảnh báo) received from an authority about vulnerable products. */
export const warnings = pgTable(
  'warnings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Who issued it, e.g. "Cục A05", "NCSC". */
    source: text().notNull(),
    /** The document number, e.g. "1234/CV-NCSC"; unique per source. */
    number: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    title: text().notNull(),
    description: text(),
    cveIds: text().array().notNull().default(sql`'{}'::text[]`),
    severity: text().notNull(),
    recommendedAction: text(),
    /** The authority's deadline; items fall back to a deadline by severity when it is absent. */
    deadline: date({ mode: 'string' }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the inventories were last matched against it. */
    matchedAt: timestamp({ withTimezone: true }),
    /** Provenance of an imported warning: the feed's format (FEED_FORMATS), the feed's own id for it, when the file was received. */
    feed: text(),
    feedId: text(),
    fetchedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('warnings_source_number_idx').on(t.source, t.number), index('warnings_issued_idx').on(t.issuedOn)],
);

/**
 * CVEs the CISA KEV catalog lists as exploited in the wild, as last imported. Warnings, remediation items and
 * scan findings naming one of them are marked "known exploited" when read, so a catalog imported later marks what
 * was recorded before it.
 */
export const knownExploitedCves = pgTable('known_exploited_cves', {
  cveId: text().primaryKey(),
  vendorProject: text(),
  product: text(),
  name: text(),
  dateAdded: date({ mode: 'string' }).notNull(),
  /** CISA's due date for US federal agencies (BOD 22-01); shown for reference, not a deadline in the province. */
  dueDate: date({ mode: 'string' }),
  knownRansomware: boolean().notNull().default(false),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The products and version ranges a warning names. */
export const warningProducts = pgTable(
  'warning_products',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    warningId: integer()
      .notNull()
      .references(() => warnings.id),
    vendor: text(),
    product: text().notNull(),
    /** e.g. ">=2.4.0 <2.4.58 || 2.2.x"; blank for every version. */
    versionRange: text(),
    cpe: text(),
  },
  (t) => [index('warning_products_warning_idx').on(t.warningId)],
);

/** One per affected system: the owner's answer to the warning. */
export const remediationItems = pgTable(
  'remediation_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    warningId: integer()
      .notNull()
      .references(() => warnings.id),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    /** The system's owner when the item was created: scope without a join. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** open | patched | mitigated | not_affected | accepted_risk */
    status: text().notNull().default('open'),
    /** The inventory entries that matched: [{ vendor, product, version, cpe, productIndex, certainty }]. */
    matchedSoftware: jsonb().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** When the owner agency was told (the item appears in its list; delivery by mail comes with the reminders). */
    notifiedAt: timestamp({ withTimezone: true }),
    /** How it was mitigated, why it is not affected, why the risk is accepted, or what was patched. */
    response: text(),
    approvedBy: text(),
    resolvedOn: date({ mode: 'string' }),
    respondedBy: integer().references(() => users.id),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('remediation_items_warning_system_idx').on(t.warningId, t.systemId),
    index('remediation_items_agency_idx').on(t.agencyId, t.status),
    index('remediation_items_system_idx').on(t.systemId),
  ],
);

/**
 * One file taken from a scheduled feed source (a folder or a URL), by its content: the same bytes are imported once,
 * whichever node or run meets them first, and a run that failed for a reason other than the file is tried again.
 */
export const feedImportRuns = pgTable(
  'feed_import_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** 'folder' or 'url'. */
    source: text().notNull(),
    /** The file's name in the folder, or the URL. */
    location: text().notNull(),
    /** SHA-256 of the bytes; null when nothing could be read (the URL did not answer). */
    sha256: text(),
    size: integer(),
    /** 'running', 'imported', 'refused' (the file itself: its error is kept) or 'failed' (tried again next run). */
    outcome: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** The import's answer (format, created, skipped, ignored, items, knownExploited) or the error ({ code, message, messageVi, field, details }). */
    result: jsonb(),
    /** The account the warnings are recorded as; who pressed "run now" (null for the schedule). */
    actedAs: integer().references(() => users.id),
    triggeredBy: integer().references(() => users.id),
  },
  (t) => [uniqueIndex('feed_import_runs_sha256_idx').on(t.sha256), index('feed_import_runs_started_idx').on(t.startedAt)],
);
