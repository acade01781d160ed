import { z } from 'zod';
import { Can, optionalText, id, int32, idText, intText, isoDate, isoDateTime, text } from '../core/schemas.ts';
import {
  INCIDENT_KINDS, INCIDENT_SEVERITIES, INCIDENT_SOURCES, INCIDENT_STATUSES, OBSERVABLE_TYPES, TASK_STATUSES, TLP_LEVELS,
} from './vocabulary.ts';
import { INCIDENT_ACTIONS } from './workflow.ts';
import { SEVERITY_CLASSES } from './deadlines.ts';

const nullableInstant = z.preprocess((v) => (v === '' ? null : v), isoDateTime.nullable().optional());
const ids = (max: number) => z.array(id()).max(max);
const phone = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().regex(/^[0-9 +().-]{6,20}$/, 'phone').nullable().optional());
const email = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.email().max(200).nullable().optional());

const ReportFields = z.object({
  title: text(300, 3),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(INCIDENT_SEVERITIES),
  serious: z.boolean(),
  detectedAt: isoDateTime,
  description: text(20_000, 10),
  currentImpact: optionalText(10_000),
  actionsTaken: optionalText(10_000),
  supportRequested: optionalText(10_000),
  tlp: z.enum(TLP_LEVELS),
  reporterName: text(200, 2),
  reporterPosition: optionalText(200),
  reporterPhone: phone,
  reporterEmail: email,
});

/** An agency files a report for its own systems. */
export const IncidentReportBody = ReportFields.extend({
  agencyId: id(),
  systemIds: ids(50).min(1),
  serious: z.boolean().default(false),
  tlp: ReportFields.shape.tlp.default('amber'),
  reporterName: ReportFields.shape.reporterName.optional(),
  forNationalCoordinator: z.boolean().default(true),
});
export type IncidentReportBody = z.infer<typeof IncidentReportBody>;

export const IncidentPatch = ReportFields.partial();

export const IncidentTransitionBody = z.object({
  action: z.enum(INCIDENT_ACTIONS),
  reason: optionalText(5000),
  mergeIntoId: id().nullable().optional(),
  /** Accepting a hotline report: the agency whose systems are hit, when known. */
  agencyId: id().nullable().optional(),
});

export const AssignmentBody = z.object({ leadUserId: id().nullable(), responderIds: ids(30) });
export const MessageBody = z.object({ message: text(5000) });
export const TaskBody = z.object({
  title: text(500, 3),
  assigneeUserId: id().nullable().optional(),
  dueAt: nullableInstant,
});
export const TaskPatch = TaskBody.partial().extend({ status: z.enum(TASK_STATUSES).optional() });
export const ObservableBody = z.object({
  type: z.enum(OBSERVABLE_TYPES),
  value: text(2048),
  tlp: z.enum(TLP_LEVELS).default('amber'),
  description: optionalText(1000),
});
export const AffectedBody = z.object({ systemIds: ids(100), agencyIds: ids(100) });
export const RelatedBody = z.object({ incidentIds: ids(50) });
export const CommunicationBody = z.object({
  spokesperson: text(300, 2),
  decision: text(5000, 5),
});
export const ClosingReportBody = z.object({
  damage: optionalText(20_000),
  rootCause: optionalText(20_000),
  origin: optionalText(20_000),
  actions: optionalText(20_000),
  lessonsLearned: optionalText(20_000),
});
export const NationalShareBody = z.object({ note: optionalText(2000) });

/** The public hotline form. `website` is a trap field people never see; `formToken` proves the form was loaded first. */
export const PublicIncidentBody = z.object({
  reporterName: text(120, 2),
  reporterPhone: phone,
  reporterEmail: email,
  organization: text(300, 2),
  kind: z.enum(INCIDENT_KINDS),
  description: text(5000, 20),
  detectedAt: nullableInstant,
  affectedAddress: optionalText(500),
  website: z.string().max(500).optional(),
  formToken: z.string().min(10).max(200),
}).refine((b) => b.reporterPhone || b.reporterEmail, { path: ['reporterPhone'], message: 'contact' });

export const PublicIncidentReceipt = z.object({ reference: z.string(), duplicate: z.boolean() });
export const FormToken = z.object({ token: z.string(), minSeconds: z.number() });

export const ReportRuleBody = z.object({
  reportWithinHours: int32(0, 720),
  lateAfterHours: int32(1, 720),
  reference: text(300, 2),
});
export const ReportRule = ReportRuleBody.extend({ severityClass: z.enum(SEVERITY_CLASSES) });

const bool = z.enum(['true', 'false']).optional();
export const IncidentListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  open: bool,
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  source: z.enum(INCIDENT_SOURCES).optional(),
  serious: bool,
  late: bool,
  mine: bool,
  agencyId: idText().optional(),
  systemId: idText().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: intText(1, 500).default(50),
  offset: intText(0).default(0),
});

export const StatsQuery = z.object({
  agencyId: idText().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const Person = z.object({ id: z.number(), fullName: z.string() });

const Timeliness = z.object({
  severityClass: z.enum(SEVERITY_CLASSES), dueAt: z.string(), lateAt: z.string(), hoursToReport: z.number(), applies: z.boolean(), late: z.boolean(),
});

export const IncidentSummary = z.object({
  id: z.number(), code: z.string(), title: z.string(), kind: z.enum(INCIDENT_KINDS), severity: z.enum(INCIDENT_SEVERITIES),
  serious: z.boolean(), status: z.enum(INCIDENT_STATUSES), source: z.enum(INCIDENT_SOURCES), agencyId: z.number().nullable(),
  agencyName: z.string().nullable(), hotlineOrganization: z.string().nullable(), detectedAt: z.string(), reportedAt: z.string(),
  late: z.boolean(), leadName: z.string().nullable(), updatedAt: z.string(),
});

const IncidentTask = z.object({
  id: z.number(), title: z.string(), assigneeUserId: z.number().nullable(), assigneeName: z.string().nullable(), dueAt: z.string().nullable(),
  status: z.enum(TASK_STATUSES), doneAt: z.string().nullable(), overdue: z.boolean(), createdAt: z.string(),
  /** update: mark it done or open again (the team, or its assignee). */
  can: Can('update'),
});

const Observable = z.object({
  id: z.number(), type: z.enum(OBSERVABLE_TYPES), form: z.string(), value: z.string(), tlp: z.enum(TLP_LEVELS), description: z.string().nullable(),
  createdAt: z.string(),
});

const Evidence = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() });

const IncidentEvent = z.object({
  id: z.number(), kind: z.string(), message: z.string().nullable(), detail: z.unknown(), actorName: z.string().nullable(), at: z.string(),
});

const CaseRef = z.object({ id: z.number(), code: z.string(), title: z.string(), status: z.enum(INCIDENT_STATUSES) });

export const IncidentDetail = IncidentSummary.extend({
  tlp: z.enum(TLP_LEVELS),
  description: z.string(), currentImpact: z.string().nullable(), actionsTaken: z.string().nullable(), supportRequested: z.string().nullable(),
  reporter: z.object({ userId: z.number().nullable(), name: z.string(), position: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  managingAgencyName: z.string().nullable(),
  recipients: z.array(z.string()),
  forNationalCoordinator: z.boolean(), nationalSharedAt: z.string().nullable(),
  timeliness: Timeliness,
  lead: Person.nullable(), responders: z.array(Person),
  systems: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), agencyName: z.string(), level: z.number().nullable() })),
  agencies: z.array(z.object({ id: z.number(), name: z.string() })),
  related: z.array(CaseRef), mergedInto: CaseRef.nullable(), duplicates: z.array(CaseRef),
  triagedAt: z.string().nullable(), rejectReason: z.string().nullable(),
  containedAt: z.string().nullable(), recoveredAt: z.string().nullable(), closedAt: z.string().nullable(),
  communication: z.object({ spokesperson: z.string(), decision: z.string(), decidedAt: z.string(), decidedBy: z.string().nullable() }).nullable(),
  closingReport: z.object({
    damage: z.string().nullable(), rootCause: z.string().nullable(), origin: z.string().nullable(), actions: z.string().nullable(),
    lessonsLearned: z.string().nullable(), updatedAt: z.string().nullable(),
  }),
  closingReportGaps: z.array(z.string()),
  tasks: z.array(IncidentTask), observables: z.array(Observable), evidence: z.array(Evidence), events: z.array(IncidentEvent),
  allowedActions: z.array(z.enum(INCIDENT_ACTIONS)),
  /**
   * work: the team's powers (assign, tasks, observables, closing report) until the case ends; editReport: correct the
   * report (the agency before triage, the team until the end); contribute: messages, evidence and observables (the team
   * and the reporting agency); share: record the national share-out (the team, once the case was accepted).
   */
  can: Can('work', 'editReport', 'contribute', 'share'),
  stixId: z.string(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;
/** A page of incidents; `can.report`: the caller may report one (for some agency). */
export const IncidentList = z.object({ total: z.number(), items: z.array(IncidentSummary), can: Can('report') });
export type IncidentList = z.infer<typeof IncidentList>;
export type IncidentSummary = z.infer<typeof IncidentSummary>;

const counts = <T extends readonly [string, ...string[]]>(keys: T) => z.record(z.enum(keys), z.number());

/** Counts for the dashboard (documented in the module's README section of the report). */
export const IncidentStats = z.object({
  total: z.number(),
  open: z.number(),
  byStatus: counts(INCIDENT_STATUSES),
  bySeverity: counts(INCIDENT_SEVERITIES),
  byKind: counts(INCIDENT_KINDS),
  serious: z.number(),
  openSerious: z.number(),
  lateReports: z.number(),
  hotlineAwaitingTriage: z.number(),
  overdueTasks: z.number(),
  byMonth: z.array(z.object({ month: z.string(), count: z.number() })),
});
