import { INCIDENT_SEVERITIES, type IncidentSeverity, type IncidentSource } from './vocabulary.ts';

/**
 * Reporting deadlines counted from detection. The policy is a table the platform admin can edit; its defaults
 * follow Decision 05/2017/QĐ-TTg and Circular 20/2017/TT-BTTTT: a serious incident (sự cố nghiêm trọng) is
 * reported immediately and counts as late after 24 hours; any other incident is reported within 5 days.
 */
export const SEVERITY_CLASSES = ['serious', ...INCIDENT_SEVERITIES] as const;
export type SeverityClass = (typeof SEVERITY_CLASSES)[number];

export type ReportRule = {
  severityClass: SeverityClass;
  /** The target: 0 means "immediately". */
  reportWithinHours: number;
  /** After this many hours from detection the report is flagged late. */
  lateAfterHours: number;
  reference: string;
};

const DECISION_05 = 'Quyết định 05/2017/QĐ-TTg; Thông tư 20/2017/TT-BTTTT';

export const DEFAULT_REPORT_RULES: readonly ReportRule[] = [
  { severityClass: 'serious', reportWithinHours: 0, lateAfterHours: 24, reference: DECISION_05 },
  ...INCIDENT_SEVERITIES.map((s) => ({ severityClass: s, reportWithinHours: 120, lateAfterHours: 120, reference: DECISION_05 })),
];

/** The defaults with the stored overrides laid over them, in the order of SEVERITY_CLASSES. */
export function effectivePolicy(overrides: readonly ReportRule[]): ReportRule[] {
  return DEFAULT_REPORT_RULES.map((d) => overrides.find((o) => o.severityClass === d.severityClass) ?? d);
}

/** A serious incident follows the serious rule whatever its severity. */
export const severityClassOf = (i: { serious: boolean; severity: IncidentSeverity }): SeverityClass =>
  (i.serious ? 'serious' : i.severity);

export function ruleFor(policy: readonly ReportRule[], i: { serious: boolean; severity: IncidentSeverity }): ReportRule {
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
  i: { serious: boolean; severity: IncidentSeverity; detectedAt: Date | string; reportedAt: Date | string; source: IncidentSource },
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
