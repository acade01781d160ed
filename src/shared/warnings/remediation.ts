/**
 * Authority warnings (cảnh báo) and their remediation items: severities, answers, deadlines.
 * Pure rules shared by server and web.
 */
import type { Severity } from '../scans/findings.ts';
import { todayVn } from '../core/dates.ts';

export const WARNING_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];

/** An item is open until its owner answers it one of the four ways. */
export const ITEM_STATUSES = ['open', 'patched', 'mitigated', 'not_affected', 'accepted_risk'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ANSWERS = ['patched', 'mitigated', 'not_affected', 'accepted_risk'] as const satisfies readonly ItemStatus[];
export type Answer = (typeof ANSWERS)[number];

/**
 * Days to remediate when the warning sets no deadline, counted from its date: critical 7, high 15, medium 30, low 60.
 * Authorities usually set the deadline themselves; this is the fallback so nothing is left without one.
 */
const REMEDIATION_DAYS: Record<Severity, number> = { critical: 7, high: 15, medium: 30, low: 60 };

export function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The deadline of a warning's remediation items: the warning's own, else the fallback by severity, counted from the
 * warning's date or, for one imported from a feed, from the day the province received it when that is later (an NVD
 * record published years ago gives its days from its import, not items overdue on arrival).
 */
export function remediationDue(w: { issuedOn: string; severity: Severity; deadline?: string | null; receivedOn?: string | null }): string {
  return w.deadline ?? addDays(warningReceivedOn(w), REMEDIATION_DAYS[w.severity]);
}

/** The day the province has the warning: its date, or the day a feed's file brought it when that is later. */
export const warningReceivedOn = (w: { issuedOn: string; receivedOn?: string | null }) =>
  w.receivedOn && w.receivedOn > w.issuedOn ? w.receivedOn : w.issuedOn;

export type RemediationOutcome = 'on_time' | 'late' | 'open';

/** An item answered by its due day is on time, one answered after it late; unanswered it is open (overdue once past it). */
export function remediationOutcome(item: { status: ItemStatus; dueOn: string; resolvedOn: string | null }): RemediationOutcome {
  if (item.status === 'open') return 'open';
  return item.resolvedOn !== null && item.resolvedOn > item.dueOn ? 'late' : 'on_time';
}

/** The Vietnamese calendar day a feed's file was received, for `remediationDue`. */
export const receivedOn = (fetchedAt: Date | null | undefined) => (fetchedAt ? todayVn(fetchedAt) : null);

export type AnswerInput = { status: Answer; response?: string | null; approvedBy?: string | null; resolvedOn?: string | null };

/**
 * What each answer must say: mitigated — how; not affected — why; accepted risk — why and who approved it.
 * Returns the field that is missing, or null when the answer is complete.
 */
export function missingAnswerField(a: AnswerInput): 'response' | 'approvedBy' | null {
  const text = (s?: string | null) => (s ?? '').trim().length >= 5;
  if (a.status === 'mitigated' || a.status === 'not_affected' || a.status === 'accepted_risk') {
    if (!text(a.response)) return 'response';
  }
  if (a.status === 'accepted_risk' && (a.approvedBy ?? '').trim().length < 3) return 'approvedBy';
  return null;
}
