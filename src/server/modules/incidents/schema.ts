// Tables of the incidents module (drizzle); migrations/0004_incidents.sql holds the matching hand-written SQL.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';
import { systems } from '../systems/schema.ts';
import { files } from '../files/schema.ts';

/** Overrides of the reporting deadlines; classes without a row follow the defaults of the texts (shared/incidents/deadlines.ts). */
export const incidentReportRules = pgTable('incident_report_rules', {
  severityClass: text().primaryKey(),
  reportWithinHours: integer().notNull(),
  lateAfterHours: integer().notNull(),
  reference: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** An incident report and the case the response team works on it. */
export const incidents = pgTable(
  'incidents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    source: text().notNull().default('agency'),
    /** The agency whose systems are hit; null for a hotline report until triage names one. */
    agencyId: integer().references(() => agencies.id),
    /** The owner (cơ quan chủ quản): the agency's managing body when the report was filed; it receives the report. */
    managingAgencyId: integer().references(() => agencies.id),
    title: text().notNull(),
    kind: text().notNull(),
    severity: text().notNull(),
    /** Derived from the systems, `effects` and `capacity` by Decision 05/2017 Art. 9 (shared/incidents/seriousness.ts). */
    serious: boolean().notNull().default(false),
    /** Decision 05/2017 Art. 9(1) a–đ, as the reporter states them. */
    effects: text().array().notNull().default(sql`'{}'::text[]`),
    /** within | beyond_operator | beyond_owner (shared/incidents/vocabulary.ts HANDLING_CAPACITIES). */
    capacity: text().notNull().default('within'),
    tlp: text().notNull().default('amber'),
    status: text().notNull().default('received'),
    detectedAt: timestamp({ withTimezone: true }).notNull(),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    description: text().notNull(),
    currentImpact: text(),
    spread: text(),
    actionsTaken: text(),
    initialResult: text(),
    /** Recommendations on the response (QĐ05 Art. 11(4)(h)). */
    supportRequested: text(),
    /** [{ name, result }]: who supports the response and what they achieved (QĐ05 Art. 11(4)(e)). */
    supportingOrganizations: jsonb().notNull().default(sql`'[]'::jsonb`),
    /** The operator (đơn vị vận hành) as the report names it; a body apart from the owner. */
    operatorName: text(),
    operatorAddress: text(),
    infrastructureProvider: text(),
    /** Domain names and IP addresses of the affected systems (Circular 20/2017 Art. 9(3)(a)). */
    affectedAddresses: text().array().notNull().default(sql`'{}'::text[]`),
    reporterUserId: integer().references(() => users.id),
    reporterName: text().notNull(),
    reporterPosition: text(),
    reporterPhone: text(),
    reporterEmail: text(),
    /** What a hotline caller said about who is affected. */
    hotlineOrganization: text(),
    /** Hash of a hotline report's content: the same report sent twice is one case. */
    intakeFingerprint: text(),
    nationalSharedAt: timestamp({ withTimezone: true }),
    leadUserId: integer().references(() => users.id),
    triagedAt: timestamp({ withTimezone: true }),
    triagedBy: integer().references(() => users.id),
    rejectReason: text(),
    mergedIntoId: integer().references((): AnyPgColumn => incidents.id),
    containedAt: timestamp({ withTimezone: true }),
    recoveredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    commsSpokesperson: text(),
    commsDecision: text(),
    commsDecidedAt: timestamp({ withTimezone: true }),
    commsDecidedBy: integer().references(() => users.id),
    /** The response team's own report of the case. */
    responseDamage: text(),
    responseRootCause: text(),
    responseOrigin: text(),
    responseActions: text(),
    responseLessons: text(),
    responseReportAt: timestamp({ withTimezone: true }),
    /** The operator's closing report to the owner and the national coordinator (Circular 20/2017 Art. 9(2)(b)). */
    closingDamage: text(),
    closingCause: text(),
    closingActions: text(),
    closingSupportingOrganizations: jsonb().notNull().default(sql`'[]'::jsonb`),
    closingRecommendations: text(),
    closingLessons: text(),
    closingReportAt: timestamp({ withTimezone: true }),
    /** When it was first saved with every part written: what the deadline is measured against. */
    closingFiledAt: timestamp({ withTimezone: true }),
    /** The STIX 2.1 id of the case (incident--<uuid>), stable across exports. */
    stixId: uuid().notNull().defaultRandom(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // An agency's cases newest first, read from the index alone by the incident list (migration 0009).
    index('incidents_agency_reported_idx').on(t.agencyId, t.reportedAt.desc(), t.id.desc()),
    index('incidents_reported_idx').on(t.reportedAt.desc(), t.id.desc()),
    index('incidents_status_idx').on(t.status),
    index('incidents_detected_idx').on(t.detectedAt),
    index('incidents_fingerprint_idx').on(t.intakeFingerprint),
  ],
);

/** Hotline form tokens already used: each token brings one report (rows older than a token's lifetime are purged). */
export const hotlineFormTokens = pgTable('hotline_form_tokens', {
  nonce: text().primaryKey(),
  usedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const incidentSystems = pgTable(
  'incident_systems',
  {
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.systemId] }), index('incident_systems_system_idx').on(t.systemId)],
);

/** Other agencies hit by the incident: they see the case too. */
export const incidentAgencies = pgTable(
  'incident_agencies',
  {
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.agencyId] }), index('incident_agencies_agency_idx').on(t.agencyId)],
);

/** Related cases, stored once per pair and read both ways. */
export const incidentLinks = pgTable(
  'incident_links',
  {
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    relatedId: integer()
      .notNull()
      .references(() => incidents.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.relatedId] }), index('incident_links_related_idx').on(t.relatedId)],
);

export const incidentResponders = pgTable(
  'incident_responders',
  {
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] })],
);

export const incidentTasks = pgTable(
  'incident_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    title: text().notNull(),
    assigneeUserId: integer().references(() => users.id),
    dueAt: timestamp({ withTimezone: true }),
    status: text().notNull().default('open'),
    doneAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_tasks_incident_idx').on(t.incidentId), index('incident_tasks_assignee_idx').on(t.assigneeUserId)],
);

/** The case timeline: every action and message, in order. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    kind: text().notNull(),
    message: text(),
    detail: jsonb(),
    actorUserId: integer().references(() => users.id),
    actorName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId)],
);

export const incidentObservables = pgTable(
  'incident_observables',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    type: text().notNull(),
    /** The precise form: ipv4, ipv6, md5, sha256… */
    form: text().notNull(),
    value: text().notNull(),
    tlp: text().notNull().default('amber'),
    description: text(),
    /** The STIX 2.1 id of the indicator made from it. */
    stixId: uuid().notNull().defaultRandom(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('incident_observables_value_unique').on(t.incidentId, t.type, t.value), index('incident_observables_value_idx').on(t.value)],
);

/** A response plan (phương án ứng cứu sự cố) or scenario playbook (kịch bản) of one system. */
export const responsePlans = pgTable(
  'response_plans',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
    /** The system's owner agency: scope without a join. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    kind: text().notNull(),
    title: text().notNull(),
    scenario: text(),
    version: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    nextReviewOn: date({ mode: 'string' }),
    fileId: integer().references(() => files.id),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('response_plans_system_idx').on(t.systemId), index('response_plans_agency_idx').on(t.agencyId)],
);

/** An exercise (diễn tập) and the systems that took part. */
export const responseExercises = pgTable(
  'response_exercises',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The organizing agency. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    title: text().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    kind: text().notNull(),
    scenario: text().notNull(),
    participants: text().notNull(),
    outcome: text().notNull(),
    findings: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('response_exercises_agency_idx').on(t.agencyId), index('response_exercises_held_idx').on(t.heldOn)],
);

export const responseExerciseSystems = pgTable(
  'response_exercise_systems',
  {
    exerciseId: integer()
      .notNull()
      .references(() => responseExercises.id),
    systemId: integer()
      .notNull()
      .references(() => systems.id),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.systemId] }), index('response_exercise_systems_system_idx').on(t.systemId)],
);

/** The provincial response team roster (Đội ứng cứu sự cố): in-house staff and hired experts. */
export const responseTeamMembers = pgTable('response_team_members', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fullName: text().notNull(),
  /** The member's employer: a state agency (in-house) or a firm (hired). */
  agencyId: integer().references(() => agencies.id),
  employment: text().notNull(),
  position: text(),
  phone: text(),
  email: text(),
  expertise: text(),
  userId: integer().references(() => users.id),
  active: boolean().notNull().default(true),
  joinedOn: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const responseTeamCertificates = pgTable(
  'response_team_certificates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => responseTeamMembers.id),
    name: text().notNull(),
    issuer: text(),
    issuedOn: date({ mode: 'string' }),
    expiresOn: date({ mode: 'string' }),
  },
  (t) => [index('response_team_certificates_member_idx').on(t.memberId)],
);

/**
 * What of a case was sent to the national coordinating agency, when and how: a STIX or MISP file downloaded for it, or
 * indicators its API token pulled from the TAXII collections. `objectIds` are the STIX ids (or MISP attribute uuids)
 * sent; `digest` the SHA-256 of the file (null for a TAXII pull, whose objects are listed instead).
 */
export const incidentShares = pgTable(
  'incident_shares',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    /** file (STIX bundle) | misp (MISP event) | taxii (objects pulled). */
    channel: text().notNull(),
    objectIds: text().array().notNull(),
    digest: text(),
    sharedBy: integer().references(() => users.id),
    sharedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_shares_incident_idx').on(t.incidentId, t.sharedAt)],
);
