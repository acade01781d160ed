/** Request and response shapes of the warnings, scans, assessments and inspections API (server and web). */
import { z } from 'zod';
import { Can, isoDate, optionalText, id, idText, intText, text } from '../core/schemas.ts';
import { SEVERITIES } from '../scans/findings.ts';
import { FINDING_ACTIONS, FINDING_STATUSES } from '../scans/workflow.ts';
import { SCAN_FORMATS } from '../scans/formats.ts';
import { FEED_FORMATS } from './feeds.ts';
import { ANSWERS, ITEM_STATUSES, WARNING_SEVERITIES } from './remediation.ts';
import { isValidRange } from './versions.ts';

const blankNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalDate = z.preprocess(blankNull, isoDate.nullable().optional());
const bool = z.enum(['true', 'false']).optional();
const paging = { limit: intText(1, 500).default(50), offset: intText(0).default(0) };

export const Attachment = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

// ── Warnings ────────────────────────────────────────────────────────────────────────────────────────────────

const CVE_ID = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CVE-\d{4}-\d{4,}$/, 'CVE-YYYY-NNNN');
const MAX_PRODUCTS = 10_000;

export const WarningProductInput = z.object({
  vendor: optionalText(200),
  product: text(200),
  versionRange: z.preprocess(blankNull, z.string().trim().max(300).refine(isValidRange, 'version range').nullable().optional()),
  cpe: z.preprocess(
    blankNull,
    z
      .string()
      .trim()
      .max(300)
      .regex(/^cpe:(2\.3:|\/)[aho]/i, 'cpe')
      .nullable()
      .optional(),
  ),
});
export type WarningProductInput = z.infer<typeof WarningProductInput>;

const WarningFields = z.object({
  source: text(200, 2),
  number: text(100),
  issuedOn: isoDate,
  title: text(500, 5),
  description: optionalText(10_000),
  cveIds: z.array(CVE_ID).max(200),
  severity: z.enum(WARNING_SEVERITIES),
  recommendedAction: optionalText(10_000),
  deadline: optionalDate,
  /** NVD lists every affected CPE: the Ivanti Connect Secure and Exchange records hold well over a hundred. */
  products: z.array(WarningProductInput).min(1).max(MAX_PRODUCTS),
});
export const WarningInput = WarningFields.extend({ cveIds: WarningFields.shape.cveIds.default([]) });
export type WarningInput = z.infer<typeof WarningInput>;
export const WarningPatch = WarningFields.partial();
export type WarningPatch = z.infer<typeof WarningPatch>;

export const WarningListQuery = z.object({
  q: z.string().max(200).optional(),
  severity: z.enum(WARNING_SEVERITIES).optional(),
  /** Only warnings naming a CVE of the CISA KEV catalog. */
  knownExploited: bool,
  ...paging,
});

/** A CISA KEV catalog entry as imported. */
export const KnownExploitedInput = z.object({
  cveId: CVE_ID,
  vendorProject: optionalText(200),
  product: optionalText(200),
  name: optionalText(500),
  dateAdded: isoDate,
  dueDate: optionalDate,
  knownRansomware: z.boolean(),
});
export type KnownExploitedInput = z.infer<typeof KnownExploitedInput>;

const KnownExploited = z.object({ cveId: z.string(), dateAdded: z.string(), dueDate: z.string().nullable(), knownRansomware: z.boolean() });

const Progress = z.object({ total: z.number(), answered: z.number(), open: z.number(), overdue: z.number(), answeredPercent: z.number().nullable() });

const WarningSummary = z.object({
  id: z.number(),
  source: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  title: z.string(),
  severity: z.enum(WARNING_SEVERITIES),
  cveIds: z.array(z.string()),
  deadline: z.string().nullable(),
  dueOn: z.string(),
  progress: Progress,
  createdAt: z.string(),
  /** Its CVEs that the CISA KEV catalog lists as exploited. */
  knownExploited: z.array(z.string()),
  /** Where an imported warning came from; null when recorded by hand. */
  provenance: z.object({ feed: z.enum(FEED_FORMATS), feedId: z.string(), fetchedAt: z.string() }).nullable(),
});

export const MatchedSoftware = z.object({
  vendor: z.string().nullable(),
  product: z.string(),
  version: z.string().nullable(),
  cpe: z.string().nullable(),
  productIndex: z.number(),
  certainty: z.enum(['in_range', 'all_versions', 'unknown_version']),
});

export const ItemSummary = z.object({
  id: z.number(),
  warningId: z.number(),
  warningNumber: z.string(),
  warningTitle: z.string(),
  severity: z.enum(WARNING_SEVERITIES),
  systemId: z.number(),
  systemCode: z.string(),
  systemName: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  status: z.enum(ITEM_STATUSES),
  dueOn: z.string(),
  overdue: z.boolean(),
  matchedSoftware: z.array(MatchedSoftware),
  notifiedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  evidenceCount: z.number(),
  /** The warning names a CVE the CISA KEV catalog lists as exploited. */
  knownExploited: z.boolean(),
});
export type ItemSummary = z.infer<typeof ItemSummary>;

const AgencyProgress = Progress.extend({ agencyId: z.number(), agencyName: z.string() });

export const WarningDetail = WarningSummary.extend({
  description: z.string().nullable(),
  recommendedAction: z.string().nullable(),
  matchedAt: z.string().nullable(),
  products: z.array(
    z.object({ id: z.number(), vendor: z.string().nullable(), product: z.string(), versionRange: z.string().nullable(), cpe: z.string().nullable() }),
  ),
  /** The KEV entries of its exploited CVEs. */
  exploited: z.array(KnownExploited),
  byAgency: z.array(AgencyProgress),
  items: z.array(ItemSummary),
  /** edit: the warning, and match it again (the specialized security unit). */
  can: Can('edit'),
});
/** A page of warnings; `can.record`: the caller may record or import warnings. */
export const WarningList = z.object({ total: z.number(), items: z.array(WarningSummary), can: Can('record') });
export type WarningList = z.infer<typeof WarningList>;
export type WarningDetail = z.infer<typeof WarningDetail>;

export const ItemDetail = ItemSummary.extend({
  response: z.string().nullable(),
  approvedBy: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  respondedByName: z.string().nullable(),
  recommendedAction: z.string().nullable(),
  warningSource: z.string(),
  cveIds: z.array(z.string()),
  evidence: z.array(Attachment),
  /** answer: the owner's answer and evidence. */
  can: Can('answer'),
});
export type ItemDetail = z.infer<typeof ItemDetail>;

export const ItemListQuery = z.object({
  warningId: idText().optional(),
  agencyId: idText().optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  overdue: bool,
  ...paging,
});

export const AnswerBody = z.object({
  status: z.enum(ANSWERS),
  response: optionalText(5000),
  approvedBy: optionalText(300),
  resolvedOn: optionalDate,
});

export const MatchResult = z.object({ warning: WarningDetail, created: z.number() });
export const FeedImportResult = z.object({
  format: z.enum(FEED_FORMATS),
  created: z.number(),
  skipped: z.number(),
  /** Entries naming no product to match (NVD records awaiting analysis, rejected CVEs, withdrawn OSV records). */
  ignored: z.number(),
  items: z.number(),
  /** CISA KEV entries recorded as exploited (new or updated). */
  knownExploited: z.number(),
});

/** One pass over the scheduled feed sources: files met, and what became of them (unchanged: imported or refused before). */
export const FeedRunSummary = z.object({ files: z.number(), imported: z.number(), refused: z.number(), failed: z.number(), unchanged: z.number() });

const FEED_RUN_OUTCOMES = ['running', 'imported', 'refused', 'failed'] as const;

/** The scheduled feed sources as configured, and the files taken from them, newest first. */
export const FeedImportStatus = z.object({
  folder: z.string().nullable(),
  urls: z.array(z.string()),
  /** The account scheduled imports record warnings as (FEED_IMPORT_USER). */
  username: z.string().nullable(),
  /** 0: no schedule, only "run now". */
  intervalMinutes: z.number(),
  total: z.number(),
  runs: z.array(
    z.object({
      id: z.number(),
      source: z.enum(['folder', 'url']),
      location: z.string(),
      size: z.number().nullable(),
      outcome: z.enum(FEED_RUN_OUTCOMES),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      actedAs: z.string().nullable(),
      scheduled: z.boolean(),
      /** The import's figures (FeedImportResult) or the error ({ code, message, messageVi, field, details }). */
      result: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

// ── Per-system facts and statistics (the dashboard reads these) ─────────────────────────────────────────────

const SeverityCounts = z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number() });

export const SystemFacts = z.object({
  systemId: z.number(),
  code: z.string(),
  name: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  status: z.string(),
  level: z.number().nullable(),
  lastScanOn: z.string().nullable(),
  nextScanDue: z.string().nullable(),
  scannedWithin6Months: z.boolean(),
  scanOverdue: z.boolean(),
  lastAssessedOn: z.string().nullable(),
  nextAssessmentDue: z.string().nullable(),
  assessmentOverdue: z.boolean(),
  monitoringProviderAgencyId: z.number().nullable(),
  monitoringProviderName: z.string().nullable(),
  openFindings: SeverityCounts,
  openItems: z.number(),
  overdueItems: z.number(),
});
export type SystemFacts = z.infer<typeof SystemFacts>;

export const SystemFactsQuery = z.object({
  agencyId: idText().optional(),
  scanOverdue: bool,
  assessmentOverdue: bool,
  q: z.string().max(200).optional(),
  ...paging,
});

/** `can.record`: scans, assessments and the monitoring provider (the owner's editors, the specialized security unit). */
export const SystemSecurity = SystemFacts.extend({ can: Can('record') });

export const WarningsStats = z.object({
  agencyId: z.number().nullable(),
  warnings: z.object({ total: z.number(), withOpenItems: z.number() }),
  items: Progress,
  systems: z.object({
    inOperation: z.number(),
    scannedWithin6Months: z.number(),
    scannedPercent: z.number().nullable(),
    scanOverdue: z.number(),
    withAssessmentSchedule: z.number(),
    assessmentOverdue: z.number(),
    assessmentOnSchedulePercent: z.number().nullable(),
  }),
  openFindings: SeverityCounts,
  openFindingsByAgency: z.array(SeverityCounts.extend({ agencyId: z.number(), agencyName: z.string() })),
  inspectionTasks: z.object({ open: z.number(), overdue: z.number() }),
});
export type WarningsStats = z.infer<typeof WarningsStats>;

// ── Scans and findings ──────────────────────────────────────────────────────────────────────────────────────

const SCAN_SOURCES = ['manual', ...SCAN_FORMATS] as const;

export const ScanInput = z.object({
  scannedOn: isoDate,
  tool: text(100, 2),
  scope: optionalText(1000),
  performedBy: optionalText(300),
  note: optionalText(2000),
});

/** The form fields sent with a scanner report (multipart): all optional, the report fills the rest. */
export const ScanImportFields = z.object({
  scannedOn: optionalDate,
  tool: optionalText(100),
  scope: optionalText(1000),
  performedBy: optionalText(300),
  /** Hosts the scan covered besides those with findings, comma or space separated (CSV reports list only findings). */
  hosts: optionalText(5000),
});

export const Scan = z.object({
  id: z.number(),
  systemId: z.number(),
  scannedOn: z.string(),
  tool: z.string(),
  scope: z.string().nullable(),
  performedBy: z.string().nullable(),
  source: z.enum(SCAN_SOURCES),
  fileName: z.string().nullable(),
  hosts: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
  reported: z.number(),
  opened: z.number(),
  closed: z.number(),
});
export type Scan = z.infer<typeof Scan>;

export const ScanImportResult = z.object({ scan: Scan, created: z.number(), seenAgain: z.number(), reopened: z.number(), closed: z.number() });

const Person = z.object({ id: z.number(), fullName: z.string() });

export const Finding = z.object({
  id: z.number(),
  systemId: z.number(),
  systemName: z.string(),
  systemCode: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  host: z.string(),
  port: z.string(),
  cveIds: z.array(z.string()),
  /** Its CVEs in the CISA KEV catalog. */
  exploitedCveIds: z.array(z.string()),
  pluginId: z.string().nullable(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  cvss: z.number().nullable(),
  solution: z.string().nullable(),
  status: z.enum(FINDING_STATUSES),
  firstSeenOn: z.string(),
  lastSeenOn: z.string(),
  closedOn: z.string().nullable(),
  /** Fixed because a later scan no longer reported it (else by hand, with evidence in `reason`). */
  closedByScan: z.boolean(),
  /** One of its CVEs is in the CISA KEV catalog. */
  knownExploited: z.boolean(),
  /** The severity policy's due day (data/finding-due-policy.json), and whether it has passed while the finding is owed. */
  dueOn: z.string(),
  overdue: z.boolean(),
  assignee: Person.nullable(),
  /** The evidence of a fix by hand, or why it is a false positive or accepted risk. */
  reason: z.string().nullable(),
  approvedBy: Person.nullable(),
  expiresOn: z.string().nullable(),
  /** Warnings naming one of its CVEs. */
  warnings: z.array(z.object({ id: z.number(), number: z.string(), title: z.string() })),
  can: Can('work'),
});
export type Finding = z.infer<typeof Finding>;
/** One finding as its page reads it: with the files attached as evidence of a fix by hand. */
export const FindingDetail = Finding.extend({ evidence: z.array(Attachment) });
export type FindingDetail = z.infer<typeof FindingDetail>;

const findingStatusFilter = z.enum(['unresolved', 'all', ...FINDING_STATUSES]).default('unresolved');
export const FindingsQuery = z.object({ status: findingStatusFilter, scanId: idText().optional() });

/** The findings list: in the caller's scope, narrowed by agency (and its subtree), system, severity, assignee, overdue, KEV, text. */
export const FindingListQuery = z.object({
  status: findingStatusFilter,
  agencyId: idText().optional(),
  systemId: idText().optional(),
  severity: z.enum(SEVERITIES).optional(),
  assigneeUserId: idText().optional(),
  unassigned: bool,
  overdue: bool,
  knownExploited: bool,
  q: z.string().trim().max(200).optional(),
  ...paging,
});
export const FindingList = z.object({ items: z.array(Finding), total: z.number(), can: Can('work') });

const exceptionFields = {
  reason: optionalText(2000),
  approverUserId: id().nullable().optional(),
  expiresOn: optionalDate,
};
export const FindingTransition = z.object({ action: z.enum(FINDING_ACTIONS), ...exceptionFields });
export const FindingAssignment = z.object({ assigneeUserId: id().nullable() });

/** At most this many findings in one bulk action. */
export const MAX_BULK_FINDINGS = 200;
export const FindingBulk = z.object({
  ids: z
    .array(id())
    .min(1)
    .max(MAX_BULK_FINDINGS)
    .refine((ids) => new Set(ids).size === ids.length, 'ids: no repeats'),
  action: z.enum(['assign', 'confirm', 'start_remediation', 'mark_false_positive', 'accept_risk']),
  assigneeUserId: id().nullable().optional(),
  ...exceptionFields,
});
export const FindingBulkResult = z.object({ changed: z.number(), items: z.array(Finding) });

export const OverdueByAgency = z.object({
  asOf: z.string(),
  agencies: z.array(
    z.object({
      agencyId: z.number(),
      agencyName: z.string(),
      unresolved: z.number(),
      overdue: z.number(),
      overdueCritical: z.number(),
      overdueHigh: z.number(),
      overdueKnownExploited: z.number(),
      oldestDueOn: z.string().nullable(),
    }),
  ),
});

export const ScanDetail = Scan.extend({ systemName: z.string(), findings: z.array(Finding) });

// ── Assessments ─────────────────────────────────────────────────────────────────────────────────────────────

export const ASSESSMENT_RESULTS = ['passed', 'passed_with_findings', 'failed'] as const;

const AssessmentFinding = z.object({ title: text(500, 3), severity: z.enum(SEVERITIES), recommendation: optionalText(2000) });

export const AssessmentInput = z.object({
  assessorAgencyId: id(),
  assessedOn: isoDate,
  scope: text(2000, 3),
  result: z.enum(ASSESSMENT_RESULTS),
  summary: optionalText(10_000),
  findings: z.array(AssessmentFinding).max(200).default([]),
});

export const Assessment = z.object({
  id: z.number(),
  systemId: z.number(),
  assessorAgencyId: z.number(),
  assessorName: z.string(),
  assessedOn: z.string(),
  scope: z.string(),
  result: z.enum(ASSESSMENT_RESULTS),
  summary: z.string().nullable(),
  findings: z.array(z.object({ title: z.string(), severity: z.enum(SEVERITIES), recommendation: z.string().nullable().optional() })),
  reports: z.array(Attachment),
  createdAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

export const MonitoringProviderBody = z.object({ monitoringProviderAgencyId: id().nullable() });

// ── Inspection rounds ───────────────────────────────────────────────────────────────────────────────────────

export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed'] as const;

const InspectedAgencyInput = z.object({
  agencyId: id(),
  inspectedOn: optionalDate,
  conclusion: optionalText(5000),
});

const InspectionFields = z.object({
  title: text(300, 5),
  plan: optionalText(20_000),
  decisionNumber: optionalText(100),
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(INSPECTION_STATUSES),
  agencies: z.array(InspectedAgencyInput).max(500),
});
export const InspectionInput = InspectionFields.extend({
  status: InspectionFields.shape.status.default('planned'),
  agencies: InspectionFields.shape.agencies.default([]),
});
export const InspectionPatch = InspectionFields.partial();

export const InspectionSummary = z.object({
  id: z.number(),
  title: z.string(),
  decisionNumber: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  agencyCount: z.number(),
  taskCount: z.number(),
  openTasks: z.number(),
  overdueTasks: z.number(),
});

export const TaskInput = z.object({
  agencyId: id(),
  finding: text(2000, 5),
  action: text(2000, 5),
  dueOn: isoDate,
});

export const TaskPatch = z.object({
  status: z.enum(['open', 'done']).optional(),
  response: optionalText(5000),
  doneOn: optionalDate,
  finding: text(2000, 5).optional(),
  action: text(2000, 5).optional(),
  dueOn: isoDate.optional(),
});

export const InspectionTask = z.object({
  id: z.number(),
  roundId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  finding: z.string(),
  action: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  response: z.string().nullable(),
  doneOn: z.string().nullable(),
  respondedByName: z.string().nullable(),
  respondedAt: z.string().nullable(),
  evidence: z.array(Attachment),
  /** answer: the inspected agency's answer and evidence (the security unit may too). */
  can: Can('answer'),
});
export type InspectionTask = z.infer<typeof InspectionTask>;

export const InspectionDetail = InspectionSummary.extend({
  plan: z.string().nullable(),
  agencies: z.array(z.object({ agencyId: z.number(), agencyName: z.string(), inspectedOn: z.string().nullable(), conclusion: z.string().nullable() })),
  tasks: z.array(InspectionTask),
  /** edit: the round, its agencies and tasks (the specialized security unit). */
  can: Can('edit'),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;
