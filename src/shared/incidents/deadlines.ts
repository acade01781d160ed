import { formatCitation, type Citation } from '../legal/citation.ts';
import { INCIDENT_SEVERITIES, type HandlingCapacity, type IncidentSeverity, type IncidentSource } from './vocabulary.ts';

/**
 * Reporting deadlines counted from detection. The policy is a table the platform admin can edit (a province may
 * tighten it, citing its own instrument); its defaults are the texts'. Every incident is reported within 5 days of
 * detection (Decision 05/2017/QĐ-TTg Art. 11(1)(a); Circular 20/2017/TT-BTTTT Art. 9(2)(a)). Where the operator finds
 * it may be beyond its capacity, or it is likely serious, the report is made at once (QĐ05 Art. 11(1)(a); TT20
 * Art. 9(2)(b) and 10(1)(c)); "at once" has no number of hours in the texts, so the 5-day limit stays its late mark.
 * Severity classes keep the 5 days by default: they exist so a province can set a rule per severity.
 */
export const SEVERITY_CLASSES = ['immediate', ...INCIDENT_SEVERITIES] as const;
export type SeverityClass = (typeof SEVERITY_CLASSES)[number];

export type ReportRule = {
  severityClass: SeverityClass;
  /** The target: 0 means "immediately". */
  reportWithinHours: number;
  /** After this many hours from detection the report is flagged late. */
  lateAfterHours: number;
  reference: string;
};

const cite = (...c: Citation[]) => c.map((x) => formatCitation(x)).join('; ');
const QD05_11_1_A: Citation = { instrument: 'decision-05-2017', article: 11, clause: 1, point: 'a' };
const FIVE_DAYS_FROM_DETECTION = cite(QD05_11_1_A, { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'a' });
const AT_ONCE = cite(
  QD05_11_1_A,
  { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'b' },
  { instrument: 'circular-20-2017', article: 10, clause: 1, point: 'c' },
);
const FIVE_DAYS = 120;

export const DEFAULT_REPORT_RULES: readonly ReportRule[] = [
  { severityClass: 'immediate', reportWithinHours: 0, lateAfterHours: FIVE_DAYS, reference: AT_ONCE },
  ...INCIDENT_SEVERITIES.map((s) => ({ severityClass: s, reportWithinHours: FIVE_DAYS, lateAfterHours: FIVE_DAYS, reference: FIVE_DAYS_FROM_DETECTION })),
];

/** The defaults with the stored overrides laid over them, in the order of SEVERITY_CLASSES. */
export function effectivePolicy(overrides: readonly ReportRule[]): ReportRule[] {
  return DEFAULT_REPORT_RULES.map((d) => overrides.find((o) => o.severityClass === d.severityClass) ?? d);
}

type Classified = { serious: boolean; capacity: HandlingCapacity; severity: IncidentSeverity };

/** Reported at once: likely serious, or possibly beyond the operator's capacity; otherwise by severity. */
export const severityClassOf = (i: Classified): SeverityClass => (i.serious || i.capacity !== 'within' ? 'immediate' : i.severity);

export function ruleFor(policy: readonly ReportRule[], i: Classified): ReportRule {
  const cls = severityClassOf(i);
  return policy.find((r) => r.severityClass === cls) ?? DEFAULT_REPORT_RULES.find((r) => r.severityClass === cls)!;
}

const HOUR = 3_600_000;

export type ReportTimeliness = {
  severityClass: SeverityClass;
  /** When the report is due (equal to detection for "immediately"). */
  dueAt: string;
  /** After this instant the report is late. */
  lateAt: string;
  /** Whole hours (rounded down) between detection and the report. */
  hoursToReport: number;
  /** Only agencies owe a report; a citizen calling the hotline does not. */
  applies: boolean;
  late: boolean;
};

/** How the report of one incident stands against the policy. */
export function reportTimeliness(
  i: Classified & { detectedAt: Date | string; reportedAt: Date | string; source: IncidentSource },
  policy: readonly ReportRule[],
): ReportTimeliness {
  const rule = ruleFor(policy, i);
  const detected = new Date(i.detectedAt).getTime();
  const reported = new Date(i.reportedAt).getTime();
  const lateAt = detected + rule.lateAfterHours * HOUR;
  const applies = i.source === 'agency';
  return {
    severityClass: rule.severityClass,
    dueAt: new Date(detected + rule.reportWithinHours * HOUR).toISOString(),
    lateAt: new Date(lateAt).toISOString(),
    hoursToReport: Math.max(0, Math.floor((reported - detected) / HOUR)),
    applies,
    late: applies && reported > lateAt,
  };
}

/**
 * The operator's closing report (báo cáo kết thúc ứng phó sự cố), to the owner and the national coordinator: due
 * within 5 days after the response ends when the operator found the incident beyond its capacity (Circular
 * 20/2017/TT-BTTTT Art. 9(2)(b)); the national coordinator records the response as complete only once it has it.
 * Khiên takes the response as ended when the case is recovered.
 */
export const CLOSING_REPORT_SOURCE: Citation = { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'b' };
const CLOSING_REPORT_HOURS = 5 * 24;

export const closingReportRequired = (i: { source: IncidentSource; serious: boolean; capacity: HandlingCapacity }) =>
  i.source === 'agency' && (i.serious || i.capacity !== 'within');

export type ClosingReportTimeliness = {
  required: boolean;
  /** 5 days after the response ended; null while it goes on. */
  dueAt: string | null;
  filedAt: string | null;
  /** Required, not filed, and past due. */
  overdue: boolean;
  /** Filed after it was due. */
  late: boolean;
};

export function closingReportTimeliness(
  i: { source: IncidentSource; serious: boolean; capacity: HandlingCapacity; recoveredAt: Date | string | null; closingFiledAt: Date | string | null },
  now: Date | string,
): ClosingReportTimeliness {
  const required = closingReportRequired(i);
  const due = i.recoveredAt === null ? null : new Date(i.recoveredAt).getTime() + CLOSING_REPORT_HOURS * HOUR;
  const filed = i.closingFiledAt === null ? null : new Date(i.closingFiledAt).getTime();
  return {
    required,
    dueAt: due === null ? null : new Date(due).toISOString(),
    filedAt: filed === null ? null : new Date(filed).toISOString(),
    overdue: required && filed === null && due !== null && new Date(now).getTime() > due,
    late: filed !== null && due !== null && filed > due,
  };
}

/** Clock skew tolerated between a reporter's device and the server. */
const SKEW_MS = 10 * 60_000;

/** Why a detection time cannot be accepted for a report filed at `reportedAt`, or null. */
export function detectionProblem(detectedAt: Date | string, reportedAt: Date | string): { en: string; vi: string } | null {
  const detected = new Date(detectedAt).getTime();
  if (Number.isNaN(detected)) return { en: 'The detection time is not a valid time', vi: 'Thời điểm phát hiện không hợp lệ' };
  if (detected > new Date(reportedAt).getTime() + SKEW_MS) {
    return { en: 'The detection time cannot be in the future', vi: 'Thời điểm phát hiện không thể ở tương lai' };
  }
  return null;
}

/** Checks an edited policy row: the target cannot come after the late mark, and a week is the longest sensible wait. */
export function ruleProblem(r: { reportWithinHours: number; lateAfterHours: number }): { field: string; en: string; vi: string } | null {
  if (r.lateAfterHours < r.reportWithinHours) {
    return { field: 'lateAfterHours', en: 'The late mark cannot come before the target', vi: 'Mốc tính chậm không thể sớm hơn thời hạn báo cáo' };
  }
  if (r.lateAfterHours > 24 * 30) return { field: 'lateAfterHours', en: 'At most 30 days', vi: 'Tối đa 30 ngày' };
  return null;
}
