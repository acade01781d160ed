import { z } from 'zod';
import { Can, optionalText, id, int32, idText, intText, isoDate, isoDateTime, text } from '../core/schemas.ts';
import {
  HANDLING_CAPACITIES,
  INCIDENT_EFFECTS,
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  OBSERVABLE_TYPES,
  TASK_STATUSES,
  TLP_LEVELS,
} from './vocabulary.ts';
import { INCIDENT_ACTIONS } from './workflow.ts';
import { SEVERITY_CLASSES } from './deadlines.ts';
import { REPORT_RECIPIENTS } from './recipients.ts';

const nullableInstant = z.preprocess((v) => (v === '' ? null : v), isoDateTime.nullable().optional());
const ids = (max: number) => z.array(id()).max(max);
const PHONE = /^[0-9 +().-]{6,20}$/;
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const phone = z.preprocess(blankToNull, z.string().trim().regex(PHONE, 'phone').nullable().optional());
const email = z.preprocess(blankToNull, z.email().max(200).nullable().optional());

/** An organisation supporting the response and what it achieved so far (QĐ05 Art. 11(4)(e)). */
const SupportingOrganization = z.object({ name: text(300, 2), result: optionalText(5000) });
const supportingOrganizations = z.array(SupportingOrganization).max(20);

/**
 * The initial report (báo cáo ban đầu), Decision 05/2017/QĐ-TTg Art. 11(4): (a) the operator's name and address,
 * the owner (the reporting agency's managing body), the systems, the detection time; (b) the operator's contact
 * point for the incident — name, position, phone, e-mail; (c) kind, what was seen, first assessment of harm, spread
 * and impact; (d) the IT and telecom infrastructure provider; (đ) measures taken or planned; (e) organisations
 * supporting the response and their results; (g) the result of the initial response; (h) recommendations. Circular
 * 20/2017 Art. 9(3)(a) adds the affected system's domain names or IP addresses.
 */
const ReportFields = z.object({
  title: text(300, 3),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(INCIDENT_SEVERITIES),
  detectedAt: isoDateTime,
  description: text(20_000, 10),
  currentImpact: optionalText(10_000),
  spread: optionalText(10_000),
  actionsTaken: text(10_000, 5),
  initialResult: optionalText(10_000),
  supportRequested: optionalText(10_000),
  supportingOrganizations,
  operatorName: text(300, 2),
  operatorAddress: text(500, 5),
  infrastructureProvider: text(300, 2),
  affectedAddresses: z.array(text(255)).min(1).max(50),
  /** What the incident did, by QĐ05 Art. 9(1) a–đ. */
  effects: z.array(z.enum(INCIDENT_EFFECTS)).max(INCIDENT_EFFECTS.length),
  capacity: z.enum(HANDLING_CAPACITIES),
  tlp: z.enum(TLP_LEVELS),
  reporterName: text(200, 2),
  reporterPosition: text(200, 2),
  reporterPhone: z.string().trim().regex(PHONE, 'phone'),
  reporterEmail: z.email().max(200),
  /** The national coordinator always receives the report: `false` is refused with a reason. */
  forNationalCoordinator: z.boolean().optional(),
});

/** An agency files a report for its own systems. "Serious" is derived (QĐ05 Art. 9), never sent. */
export const IncidentReportBody = ReportFields.extend({
  agencyId: id(),
  systemIds: ids(50).min(1),
  tlp: ReportFields.shape.tlp.default('amber'),
  reporterName: ReportFields.shape.reporterName.optional(),
  supportingOrganizations: supportingOrganizations.default([]),
  effects: ReportFields.shape.effects.default([]),
  capacity: ReportFields.shape.capacity.default('within'),
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
/** The response team's report of the case. */
export const ResponseReportBody = z.object({
  damage: optionalText(20_000),
  rootCause: optionalText(20_000),
  origin: optionalText(20_000),
  actions: optionalText(20_000),
  lessonsLearned: optionalText(20_000),
});
/** The operator's closing report (Circular 20/2017 Art. 9(2)(b), 9(3)(e)). */
export const ClosingReportBody = z.object({
  damage: optionalText(20_000),
  cause: optionalText(20_000),
  actions: optionalText(20_000),
  supportingOrganizations: supportingOrganizations.default([]),
  recommendations: optionalText(20_000),
  lessonsLearned: optionalText(20_000),
});
export const NationalShareBody = z.object({ note: optionalText(2000) });

/** How a case reaches the national coordinator: its STIX file, its MISP event, or its indicators pulled over TAXII. */
const SHARE_CHANNELS = ['file', 'misp', 'taxii'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** `?for=national_coordinator` on a STIX or MISP download records it as sent to the coordinator. */
export const ExportQuery = z.object({ for: z.enum(['national_coordinator']).optional() });

/** The public hotline form. `website` is a trap field people never see; `formToken` proves the form was loaded first. */
export const PublicIncidentBody = z
  .object({
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
  })
  .refine((b) => b.reporterPhone || b.reporterEmail, { path: ['reporterPhone'], message: 'contact' });

export const PublicIncidentReceipt = z.object({ reference: z.string(), duplicate: z.boolean() });
/** The hotline form's token, the least time to fill it, and the province's 24/7 telephone (null: not configured). */
export const FormToken = z.object({ token: z.string(), minSeconds: z.number(), hotlinePhone: z.string().nullable() });

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
  severityClass: z.enum(SEVERITY_CLASSES),
  dueAt: z.string(),
  lateAt: z.string(),
  hoursToReport: z.number(),
  applies: z.boolean(),
  late: z.boolean(),
});

const IncidentSummary = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(INCIDENT_SEVERITIES),
  serious: z.boolean(),
  status: z.enum(INCIDENT_STATUSES),
  source: z.enum(INCIDENT_SOURCES),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  hotlineOrganization: z.string().nullable(),
  detectedAt: z.string(),
  reportedAt: z.string(),
  late: z.boolean(),
  leadName: z.string().nullable(),
  updatedAt: z.string(),
});

const IncidentTask = z.object({
  id: z.number(),
  title: z.string(),
  assigneeUserId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  /** update: mark it done or open again (the team, or its assignee). */
  can: Can('update'),
});

const Observable = z.object({
  id: z.number(),
  type: z.enum(OBSERVABLE_TYPES),
  form: z.string(),
  value: z.string(),
  tlp: z.enum(TLP_LEVELS),
  description: z.string().nullable(),
  createdAt: z.string(),
});

const Evidence = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() });

const IncidentEvent = z.object({
  id: z.number(),
  kind: z.string(),
  message: z.string().nullable(),
  detail: z.unknown(),
  actorName: z.string().nullable(),
  at: z.string(),
});

const CaseRef = z.object({ id: z.number(), code: z.string(), title: z.string(), status: z.enum(INCIDENT_STATUSES) });

const Organizations = z.array(z.object({ name: z.string(), result: z.string().nullable() }));

export const IncidentDetail = IncidentSummary.extend({
  tlp: z.enum(TLP_LEVELS),
  description: z.string(),
  currentImpact: z.string().nullable(),
  spread: z.string().nullable(),
  actionsTaken: z.string().nullable(),
  initialResult: z.string().nullable(),
  supportRequested: z.string().nullable(),
  supportingOrganizations: Organizations,
  /** The contact point of the operator for the incident (for a hotline report: the caller). */
  reporter: z.object({
    userId: z.number().nullable(),
    name: z.string(),
    position: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  operator: z.object({ name: z.string().nullable(), address: z.string().nullable() }),
  /** The owner (cơ quan chủ quản): the reporting agency's managing body. */
  managingAgencyName: z.string().nullable(),
  infrastructureProvider: z.string().nullable(),
  affectedAddresses: z.array(z.string()),
  effects: z.array(z.enum(INCIDENT_EFFECTS)),
  capacity: z.enum(HANDLING_CAPACITIES),
  /** How the Decision 05/2017 Art. 9 criteria stand; `grounds` are the clauses met, as cited. */
  seriousness: z.object({ systemCriterion: z.boolean(), capacityCriterion: z.boolean(), grounds: z.array(z.string()) }),
  /** Every recipient, always all of them, with the texts that name it. */
  recipients: z.array(z.object({ role: z.enum(REPORT_RECIPIENTS), name: z.string(), sources: z.array(z.string()) })),
  nationalSharedAt: z.string().nullable(),
  /** What was sent to the national coordinating agency: by which channel, when, by whom, and which objects. */
  shares: z.array(
    z.object({
      id: z.number(),
      channel: z.enum(SHARE_CHANNELS),
      objectIds: z.array(z.string()),
      digest: z.string().nullable(),
      sharedBy: z.string().nullable(),
      sharedAt: z.string(),
    }),
  ),
  timeliness: Timeliness,
  lead: Person.nullable(),
  responders: z.array(Person),
  systems: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), agencyName: z.string(), level: z.number().nullable() })),
  agencies: z.array(z.object({ id: z.number(), name: z.string() })),
  related: z.array(CaseRef),
  mergedInto: CaseRef.nullable(),
  duplicates: z.array(CaseRef),
  triagedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  containedAt: z.string().nullable(),
  recoveredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  communication: z.object({ spokesperson: z.string(), decision: z.string(), decidedAt: z.string(), decidedBy: z.string().nullable() }).nullable(),
  responseReport: z.object({
    damage: z.string().nullable(),
    rootCause: z.string().nullable(),
    origin: z.string().nullable(),
    actions: z.string().nullable(),
    lessonsLearned: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  responseReportGaps: z.array(z.string()),
  closingReport: z.object({
    damage: z.string().nullable(),
    cause: z.string().nullable(),
    actions: z.string().nullable(),
    supportingOrganizations: Organizations,
    recommendations: z.string().nullable(),
    lessonsLearned: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  closingReportGaps: z.array(z.string()),
  closingTimeliness: z.object({
    required: z.boolean(),
    dueAt: z.string().nullable(),
    filedAt: z.string().nullable(),
    overdue: z.boolean(),
    late: z.boolean(),
    source: z.string(),
  }),
  tasks: z.array(IncidentTask),
  observables: z.array(Observable),
  evidence: z.array(Evidence),
  events: z.array(IncidentEvent),
  allowedActions: z.array(z.enum(INCIDENT_ACTIONS)),
  /**
   * work: the team's powers (assign, tasks, observables, the team's response report) until the case ends; editReport:
   * correct the report (the agency before triage, the team until the end); contribute: messages, evidence and
   * observables (the team and the reporting agency, until the case ends); writeClosingReport: the operator's closing
   * report (the reporting agency, or the team on its behalf, while the case is worked); share: record the national
   * share-out (the team, once the case was accepted).
   */
  can: Can('work', 'editReport', 'contribute', 'writeClosingReport', 'share'),
  stixId: z.string(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;
/** A page of incidents; `can.report`: the caller may report one (for some agency). */
export const IncidentList = z.object({ total: z.number(), items: z.array(IncidentSummary), can: Can('report') });
export type IncidentList = z.infer<typeof IncidentList>;

/** A count for every key, declared one property each (a record over an enum documents its keys only as `required`). */
const counts = <T extends readonly string[]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<T[number], z.ZodNumber>);

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

/** What a MISP upload added to a case: new observables, and the attributes left out (already there, a type Khiên does not keep, a bad value). */
export const MispImportResult = z.object({
  added: z.number(),
  duplicates: z.number(),
  unsupported: z.number(),
  invalid: z.number(),
  incident: IncidentDetail,
});
