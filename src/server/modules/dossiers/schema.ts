import { boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { users } from '../users/schema.ts';
import { files } from '../files/schema.ts';

/** A level proposal dossier (hồ sơ đề xuất cấp độ) and its workflow state. */
export const dossiers = pgTable(
  'dossiers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    /** The owner agency at creation: scope without a join. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    state: text().notNull().default('draft'),
    computedLevel: integer().notNull(),
    proposedLevel: integer().notNull(),
    justification: text(),
    classification: jsonb().notNull(),
    description: text(),
    securityPlan: text(),
    /** The specialized unit's professional opinion (levels 4–5, Art. 14 k1 d, Art. 15 k5). */
    opinion: text(),
    opinionFileId: integer().references(() => files.id),
    /** The appraisal: whether it agrees with the proposed level, its reasons (appraisalOpinion), its document. */
    appraisalAgreed: boolean(),
    appraisalOpinion: text(),
    appraisalNumber: text(),
    appraisalDate: date({ mode: 'string' }),
    appraisalFileId: integer().references(() => files.id),
    /** Level 5: the Prime Minister's decision approving the list of level-5 systems (Art. 12 k3 đ). */
    listDecisionNumber: text(),
    listDecisionDate: date({ mode: 'string' }),
    listDecisionFileId: integer().references(() => files.id),
    decisionNumber: text(),
    decisionDate: date({ mode: 'string' }),
    decisionAuthority: text(),
    decisionFileId: integer().references(() => files.id),
    submissions: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossiers_system_idx').on(t.systemId), index('dossiers_state_idx').on(t.state)],
);

/** Every transition: who, when, from what to what, and why. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    dossierId: integer()
      .notNull()
      .references(() => dossiers.id),
    action: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    actorUserId: integer().references(() => users.id),
    actorName: text(),
    comment: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId)],
);

/** Which part of the dossier (Decree 85/2016 Art. 15) an attachment is. */
export const dossierDocuments = pgTable(
  'dossier_documents',
  {
    fileId: integer()
      .primaryKey()
      .references(() => files.id),
    dossierId: integer()
      .notNull()
      .references(() => dossiers.id),
    part: text().notNull(),
  },
  (t) => [index('dossier_documents_dossier_idx').on(t.dossierId)],
);

/**
 * The approval matrix (Decree 85/2016 Articles 12, 14 by default), editable by the platform admin; what a row means
 * is in src/shared/dossiers/matrix.ts. An "internal" party acts in Khiên; an "external" one decides outside and the
 * specialized unit named by `appraiserDesignation` records its decision.
 */
export const approvalRules = pgTable('approval_rules', {
  level: integer().primaryKey(),
  appraiserKind: text().notNull(),
  /** The specialized security unit acting for the level: appraises or records the appraisal, gives the opinion. */
  appraiserDesignation: text().notNull(),
  appraiserNameVi: text().notNull(),
  appraiserNameEn: text().notNull(),
  approverKind: text().notNull(),
  approverNameVi: text().notNull(),
  approverNameEn: text().notNull(),
  opinionRequired: boolean().notNull().default(false),
  listApproverNameVi: text(),
  listApproverNameEn: text(),
  reference: text().notNull(),
});
