// Vulnerability scans and their findings (drizzle); SQL in migrations/0005_warnings_scans_assessments.sql.
import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';

/** One vulnerability scan of a system (Directive 15/CT-UBND: at least every 6 months). */
export const scans = pgTable(
  'scans',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    scannedOn: date({ mode: 'string' }).notNull(),
    tool: text().notNull(),
    scope: text(),
    /** Who ran it: a person or an organization. */
    performedBy: text(),
    /** manual | openvas | csv */
    source: text().notNull().default('manual'),
    fileName: text(),
    fileSha256: text(),
    /** The hosts the scan covered: a finding on one of them that the scan no longer reports is closed. */
    hosts: text().array().notNull().default(sql`'{}'::text[]`),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scans_system_idx').on(t.systemId, t.scannedOn), index('scans_agency_idx').on(t.agencyId)],
);

/** A vulnerability on a system, kept across scans by its identity (host + port + CVEs, else plugin, else title). */
export const findings = pgTable(
  'findings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    key: text().notNull(),
    host: text().notNull(),
    port: text().notNull(),
    cveIds: text().array().notNull().default(sql`'{}'::text[]`),
    pluginId: text(),
    title: text().notNull(),
    severity: text().notNull(),
    cvss: numeric({ precision: 3, scale: 1, mode: 'number' }),
    solution: text(),
    /** FINDING_STATUSES of src/shared/scans/workflow.ts */
    status: text().notNull().default('open'),
    firstSeenOn: date({ mode: 'string' }).notNull(),
    lastSeenOn: date({ mode: 'string' }).notNull(),
    firstScanId: integer()
      .notNull()
      .references(() => scans.id),
    lastScanId: integer()
      .notNull()
      .references(() => scans.id),
    /** The day it was fixed (by a scan or by hand). */
    closedOn: date({ mode: 'string' }),
    closedByScanId: integer().references(() => scans.id),
    /** Who works it: a user of the finding's agency. */
    assigneeUserId: integer().references(() => users.id),
    /** The evidence of a fix by hand, or why it is a false positive or an accepted risk. */
    statusReason: text(),
    /** Who approved the false positive or accepted risk, and the day it lapses (the finding opens again). */
    approvedByUserId: integer().references(() => users.id),
    exceptionExpiresOn: date({ mode: 'string' }),
    statusChangedAt: timestamp({ withTimezone: true }),
    statusChangedBy: integer().references(() => users.id),
  },
  (t) => [
    uniqueIndex('findings_system_key_idx').on(t.systemId, t.key),
    index('findings_agency_status_idx').on(t.agencyId, t.status),
    index('findings_assignee_idx').on(t.assigneeUserId),
  ],
);

/** Which findings each scan reported. */
export const scanFindings = pgTable(
  'scan_findings',
  {
    scanId: integer()
      .notNull()
      .references(() => scans.id),
    findingId: integer()
      .notNull()
      .references(() => findings.id),
  },
  (t) => [primaryKey({ columns: [t.scanId, t.findingId] }), index('scan_findings_finding_idx').on(t.findingId)],
);
