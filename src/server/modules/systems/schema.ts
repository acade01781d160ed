import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';

/** An information system (hệ thống thông tin) of an owner agency (chủ quản). */
export const systems = pgTable(
  'systems',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    operatorAgencyId: integer().references(() => agencies.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    purpose: text(),
    status: text().notNull().default('in_operation'),
    goLiveOn: date({ mode: 'string' }),
    hosting: text().notNull().default('agency_premises'),
    cloudProvider: text(),
    servesInternal: boolean().notNull().default(true),
    servesOtherAgencies: boolean().notNull().default(false),
    servesPublic: boolean().notNull().default(false),
    internalUsers: integer(),
    publicUsers: integer(),
    dataKinds: text().array().notNull().default(sql`'{}'::text[]`),
    onlinePublicService: text().notNull().default('none'),
    /** A test system (hệ thống thử nghiệm) or one in real operation; a test system with personal data is secured like production. */
    environment: text().notNull().default('production'),
    /** Answers of the guided classification form (Decree 85/2016 Articles 7–11). */
    classification: jsonb(),
    computedLevel: integer(),
    proposedLevel: integer(),
    /** Required when the proposed level differs from the computed one; the appraiser reads it. */
    levelJustification: text(),
    /** Copied from the approved dossier, so lists and indicators need no join. */
    approvedLevel: integer(),
    approvedOn: date({ mode: 'string' }),
    approvalDecision: text(),
    /** Tally of the level's baseline requirements (applicable, met), kept by database triggers (migration 0008). */
    reqApplicable: integer().notNull().default(0),
    reqMet: integer().notNull().default(0),
    /** The professional monitoring provider (layer 2); an independent assessor must differ from it (migration 0005). */
    monitoringProviderAgencyId: integer().references(() => agencies.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // systems_list_idx (agency_id, name, id) INCLUDE (status, approved_level, proposed_level) is in migration 0010:
    // drizzle's index builder has no INCLUDE.
    check(
      'systems_levels_check',
      sql`coalesce(${t.computedLevel}, 1) between 1 and 5 and coalesce(${t.proposedLevel}, 1) between 1 and 5 and coalesce(${t.approvedLevel}, 1) between 1 and 5`,
    ),
  ],
);

/** Software inventory: matched against authority warnings later. */
export const systemSoftware = pgTable(
  'system_software',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    vendor: text(),
    product: text().notNull(),
    version: text(),
    cpe: text(),
    /** Made or mastered by a Vietnamese enterprise (Thanh Hóa letter 1.d), and on what basis when the vendor table does not say. */
    vietnamese: boolean().notNull().default(false),
    vietnameseBasis: text(),
  },
  (t) => [index('system_software_system_idx').on(t.systemId)],
);

/** Interconnections: to another registered system, or to an outside one by name. */
export const systemLinks = pgTable(
  'system_links',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    targetSystemId: integer().references(() => systems.id),
    targetName: text(),
    description: text(),
  },
  (t) => [index('system_links_system_idx').on(t.systemId)],
);
