import { date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';
import { files } from '../files/schema.ts';

/** A level proposal dossier (hồ sơ đề xuất cấp độ) and its workflow state. */
export const dossiers = pgTable('dossiers', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  systemId: integer().notNull().references(() => systems.id),
  /** The owner agency at creation: scope without a join. */
  agencyId: integer().notNull().references(() => agencies.id),
  state: text().notNull().default('draft'),
  computedLevel: integer().notNull(),
  proposedLevel: integer().notNull(),
  justification: text(),
  classification: jsonb().notNull(),
  description: text(),
  securityPlan: text(),
  appraisalOpinion: text(),
  decisionNumber: text(),
  decisionDate: date({ mode: 'string' }),
  decisionAuthority: text(),
  decisionFileId: integer().references(() => files.id),
  submissions: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dossiers_system_idx').on(t.systemId), index('dossiers_state_idx').on(t.state)]);

/** Every transition: who, when, from what to what, and why. */
export const dossierEvents = pgTable('dossier_events', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  dossierId: integer().notNull().references(() => dossiers.id),
  action: text().notNull(),
  fromState: text(),
  toState: text().notNull(),
  actorUserId: integer().references(() => users.id),
  actorName: text(),
  comment: text(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dossier_events_dossier_idx').on(t.dossierId)]);

/**
 * The approval matrix (Decree 85/2016 Article 12 by default), editable by the platform admin.
 * An "internal" party acts in Khiên; an "external" one decides outside and Khiên records its decision.
 */
export const approvalRules = pgTable('approval_rules', {
  level: integer().primaryKey(),
  appraiserKind: text().notNull(),
  appraiserDesignation: text(),
  appraiserNameVi: text().notNull(),
  appraiserNameEn: text().notNull(),
  approverKind: text().notNull(),
  approverNameVi: text().notNull(),
  approverNameEn: text().notNull(),
  reference: text().notNull(),
});
