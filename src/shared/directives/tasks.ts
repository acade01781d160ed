/** Directives, their tasks and who must carry them out: pure rules shared by the server and the web app. */
import type { Citation } from '../legal/citation.ts';
import { addDays, daysBetween, nextOccurrence, quarterBounds, quarterlyDue, type DeadlineRule } from '../core/recurrence.ts';
import { periodAt, type ParameterPeriod } from '../parameters/catalog.ts';

/** Kinds of directing documents (văn bản chỉ đạo). */
export const DIRECTIVE_KINDS = ['directive', 'official_letter', 'official_dispatch', 'plan'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];
const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, { vi: string; en: string }> = {
  directive: { vi: 'Chỉ thị', en: 'Directive' },
  official_letter: { vi: 'Công văn', en: 'Official letter' },
  official_dispatch: { vi: 'Công điện', en: 'Official dispatch' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
};

/**
 * How much of its date a document gives. Unsigned drafts and some published texts leave the day (or the day and month)
 * blank — "ngày   tháng 6 năm 2023" — and Khiên must not fill the blank in.
 */
export const ISSUED_PRECISIONS = ['day', 'month', 'year'] as const;
export type IssuedPrecision = (typeof ISSUED_PRECISIONS)[number];

/** "09/11/2022", "tháng 6/2023" or "năm 2024" (English: "June 2023", "2024"), as much as the document gives. */
export function issuedDateText(issuedOn: string, precision: IssuedPrecision, locale: 'vi' | 'en' = 'vi'): string {
  const [y, m] = issuedOn.split('-');
  if (precision === 'year') return locale === 'vi' ? `năm ${y}` : String(y);
  if (precision === 'month') {
    return locale === 'vi'
      ? `tháng ${Number(m)}/${y}`
      : `${new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(`${issuedOn}T00:00:00Z`))} ${y}`;
  }
  return issuedOn.split('-').reverse().join('/');
}

/** A document as an official text refers to it: "Chỉ thị số 15/CT-UBND ngày 09/11/2022", "Công văn số …/UBND-CNTT năm 2024". */
export function directiveReference(d: { kind: DirectiveKind; number: string; issuedOn: string; issuedPrecision: IssuedPrecision }): string {
  const date = issuedDateText(d.issuedOn, d.issuedPrecision);
  return `${DIRECTIVE_KIND_LABELS[d.kind].vi} số ${d.number} ${d.issuedPrecision === 'day' ? `ngày ${date}` : date}`;
}

/**
 * Where one agency stands on one task, for its current occurrence:
 * not started → in progress → submitted (awaits the security unit) → completed, or returned → submitted again.
 */
export const ASSIGNMENT_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'completed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** What an agency may say in a progress report. "done" asks the security unit to accept the occurrence. */
export const PROGRESS_KINDS = ['in_progress', 'done'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * Overdue: the due date has passed on the Vietnamese calendar and the agency has not handed the work in.
 * A report submitted and awaiting review is not the agency's delay.
 */
export function isOverdue(a: { dueOn: string | null; status: AssignmentStatus }, today: string): boolean {
  return a.dueOn !== null && a.dueOn < today && a.status !== 'submitted' && a.status !== 'completed';
}

/**
 * The assignment after the security unit accepts the occurrence due on `acceptedDueOn`. A standing duty has no
 * occurrence to close: the accepted report counts, and the duty stays in progress, without a due date.
 */
export function afterAcceptance(rule: DeadlineRule, acceptedDueOn: string | null): { status: AssignmentStatus; dueOn: string | null } {
  if (rule.kind === 'standing') return { status: 'in_progress', dueOn: null };
  if (!acceptedDueOn) return { status: 'completed', dueOn: null };
  const next = rule.kind === 'once' ? null : nextOccurrence(rule, addDays(acceptedDueOn, 1));
  return next ? { status: 'not_started', dueOn: next } : { status: 'completed', dueOn: acceptedDueOn };
}

/**
 * The first due date of a new assignment: the first occurrence on or after `from` (usually today); a one-off
 * deadline already past stays as it is, so the task shows as overdue.
 */
export function firstDueDate(rule: DeadlineRule, from: string): string | null {
  if (rule.kind === 'standing') return null;
  return rule.kind === 'once' ? rule.date : nextOccurrence(rule, from);
}

/** Whole days until the due date (negative: days overdue). */
export const daysLeft = (dueOn: string, today: string) => daysBetween(today, dueOn);

export type AssignableAgency = { id: number; kind: string; active: boolean };

/**
 * Task assignment: the agencies named explicitly, plus every active agency of the kinds chosen
 * (all departments, all communes, telecom operators…). Inactive agencies named explicitly are refused by the caller;
 * those matched by kind are skipped. The result is sorted and without duplicates.
 */
export function resolveAssignees(agencies: readonly AssignableAgency[], choice: { kinds: readonly string[]; agencyIds: readonly number[] }): number[] {
  const kinds = new Set(choice.kinds);
  const explicit = new Set(choice.agencyIds);
  const ids = agencies.filter((a) => explicit.has(a.id) || (a.active && kinds.has(a.kind))).map((a) => a.id);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Explicitly named agencies that do not exist or are inactive. */
export function unknownAssignees(agencies: readonly AssignableAgency[], agencyIds: readonly number[]): number[] {
  const active = new Set(agencies.filter((a) => a.active).map((a) => a.id));
  return agencyIds.filter((id) => !active.has(id));
}

/**
 * The quarterly report's basis: "Hằng Quý gửi Bộ Thông tin và Truyền thông báo cáo tình hình bảo đảm an toàn thông
 * tin mạng đối với các hệ thống thông tin thuộc phạm vi quản lý trước ngày 20 của tháng cuối Quý" (Dispatch
 * 33/CĐ-TTg §1.c, data/directives/hai-phong-812-UBND-KSTTHC-2024-va-33-CD-TTg.md).
 */
export const QUARTERLY_REPORT_CITATION: Citation = { instrument: 'dispatch-33-2024', clause: 1, point: 'c' };

/** Official reports Khiên compiles. */
export const REPORT_KINDS = ['quarterly_security', 'directive_yearly', 'agency_compliance', 'yearly_security'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, { vi: string; en: string }> = {
  quarterly_security: { vi: 'Báo cáo quý về bảo đảm an toàn hệ thống thông tin', en: 'Quarterly report on the security of information systems' },
  directive_yearly: { vi: 'Báo cáo năm kết quả thực hiện văn bản chỉ đạo', en: 'Yearly report on the implementation of a directive' },
  agency_compliance: { vi: 'Báo cáo mức độ tuân thủ của cơ quan', en: 'Agency compliance report' },
  yearly_security: { vi: 'Báo cáo năm về công tác bảo đảm an toàn thông tin mạng', en: 'Yearly report on network information security' },
};

/**
 * When a report for the period is due, by the province parameters in effect on the period's last day: quarterly →
 * before `report.quarterlyDueDay` of the quarter's last month (20 from Dispatch 33/CĐ-TTg); yearly → before
 * `report.yearlyDueDay` (15/12 in the demo province), for the directive report and the security unit's own yearly report. Null where the province set no such day then.
 */
export function reportDueOn(kind: ReportKind, year: number, quarter: number | null, periods: readonly ParameterPeriod[]): string | null {
  const { to } = reportPeriod(kind, year, quarter);
  if (kind === 'quarterly_security') {
    const day = periodAt(periods, 'report.quarterlyDueDay', to)?.value;
    return day ? quarterlyDue(year, quarter ?? 4, { day: Number(day), monthOfQuarter: 3 }) : null;
  }
  if (kind === 'directive_yearly' || kind === 'yearly_security') {
    const day = periodAt(periods, 'report.yearlyDueDay', to)?.value;
    return day ? `${year}-${day}` : null;
  }
  return null;
}

/** The period a report covers. */
export function reportPeriod(kind: ReportKind, year: number, quarter: number | null): { from: string; to: string; label: string } {
  if (kind === 'quarterly_security') {
    const q = quarter ?? 4;
    return { ...quarterBounds(year, q), label: `quý ${['I', 'II', 'III', 'IV'][q - 1]} năm ${year}` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}` };
}
