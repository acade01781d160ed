import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/** What an agency reports for a quarter ("2026-Q4"). A later quarter without a row carries the last one forward. */
export const agencyIndicators = pgTable(
  'agency_indicators',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    period: text().notNull(),
    servers: integer().notNull().default(0),
    workstations: integer().notNull().default(0),
    protectedEndpoints: integer().notNull().default(0),
    antimalwareProduct: text(),
    antimalwareConsole: text(),
    /** 'manual' when typed in, 'ingest' when pushed by the anti-malware console. */
    endpointsSource: text().$type<'manual' | 'ingest'>().notNull().default('manual'),
    staffTotal: integer().notNull().default(0),
    staffTrained: integer().notNull().default(0),
    trainingSessions: integer().notNull().default(0),
    /** The 4-layer model: on-site force, monitoring provider, independent assessor, national monitoring link. */
    layerOnsite: boolean().notNull().default(false),
    layerOnsiteTeam: text(),
    layerMonitoring: boolean().notNull().default(false),
    layerMonitoringProviderId: integer().references(() => agencies.id),
    layerAssessor: boolean().notNull().default(false),
    layerAssessorId: integer().references(() => agencies.id),
    layerNational: boolean().notNull().default(false),
    layerNationalConnectedOn: date({ mode: 'string' }),
    cleanCyberspace: boolean().notNull().default(false),
    pdpSelfAssessment: boolean().notNull().default(false),
    note: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('agency_indicators_agency_period').on(t.agencyId, t.period),
    check('agency_indicators_period_format', sql`${t.period} ~ '^\d{4}-Q[1-4]$'`),
    check(
      'agency_indicators_counts',
      sql`${t.servers} >= 0 AND ${t.workstations} >= 0 AND ${t.protectedEndpoints} >= 0 AND ${t.staffTotal} >= 0 AND ${t.staffTrained} >= 0 AND ${t.trainingSessions} >= 0`,
    ),
  ],
);

/** IT plans and projects of a year with the amount set aside for security (target ≥ 10%). */
export const itBudgets = pgTable(
  'it_budgets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    year: integer().notNull(),
    name: text().notNull(),
    kind: text().$type<'plan' | 'project'>().notNull().default('project'),
    totalAmount: bigint({ mode: 'number' }).notNull(),
    securityAmount: bigint({ mode: 'number' }).notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('it_budgets_agency_year_idx').on(t.agencyId, t.year),
    check('it_budgets_amounts', sql`${t.totalAmount} > 0 AND ${t.securityAmount} >= 0 AND ${t.securityAmount} <= ${t.totalAmount}`),
  ],
);

/** Machines reported by a central anti-malware console, one row per hostname per agency (upserted). */
export const endpoints = pgTable(
  'endpoints',
  {
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    hostname: text().notNull(),
    os: text(),
    agentVersion: text(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'endpoints_pkey', columns: [t.agencyId, t.hostname] })],
);

/** Per-agency tokens for machine pushes; only the SHA-256 of the token is kept. */
export const apiTokens = pgTable('api_tokens', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  agencyId: integer()
    .notNull()
    .references(() => agencies.id),
  name: text().notNull(),
  tokenHash: text().notNull().unique('api_tokens_token_hash_key'),
  createdBy: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
});

/**
 * An agency's link to the province's security operations centre (Trung tâm điều hành an toàn, an ninh mạng của tỉnh):
 * since when, what it carries, and when it was lost. One row per agency; the evidence (the connection record, a
 * screenshot) is attached as files of entity `soc_connection`. The 4th layer's evidence beside the quarterly flag.
 */
export const socConnections = pgTable(
  'soc_connections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id)
      .unique('soc_connections_agency_key'),
    connectedOn: date({ mode: 'string' }).notNull(),
    /** What is connected and shared: systems, log sources, the sharing agreed. */
    scope: text().notNull(),
    /** The day the link stopped, when it has; a new connection date restores it. */
    disconnectedOn: date({ mode: 'string' }),
    note: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('soc_connections_dates', sql`${t.disconnectedOn} is null or ${t.disconnectedOn} >= ${t.connectedOn}`)],
);
