/**
 * How a vulnerability finding is worked to closure: its states, the actions between them, what each action needs, and
 * its due date by severity (data/finding-due-policy.json). Pure rules shared by the server, the reminders and the UI.
 */
import policy from '../../../data/finding-due-policy.json' with { type: 'json' };
import { addDays } from '../core/recurrence.ts';
import type { Severity } from './findings.ts';

/**
 * open → confirmed → in_remediation → fixed. A later scan that covers the host and no longer reports a finding still
 * being worked marks it fixed; fixed by hand needs evidence. False positive and accepted risk are exceptions: a reason,
 * an approver (another user who may approve them) and an expiry, on which the finding opens again.
 */
export const FINDING_STATUSES = ['open', 'confirmed', 'in_remediation', 'fixed', 'false_positive', 'accepted_risk'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Still owed: counted as open, due and overdue, closed by a scan that no longer reports them. */
export const UNRESOLVED_STATUSES = ['open', 'confirmed', 'in_remediation'] as const satisfies readonly FindingStatus[];
export const EXCEPTION_STATUSES = ['false_positive', 'accepted_risk'] as const satisfies readonly FindingStatus[];
export const isUnresolved = (s: FindingStatus) => (UNRESOLVED_STATUSES as readonly FindingStatus[]).includes(s);

export const FINDING_ACTIONS = ['confirm', 'start_remediation', 'mark_fixed', 'mark_false_positive', 'accept_risk', 'reopen'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

const STEPS: Record<FindingAction, { from: readonly FindingStatus[]; to: FindingStatus }> = {
  confirm: { from: ['open'], to: 'confirmed' },
  start_remediation: { from: ['open', 'confirmed'], to: 'in_remediation' },
  mark_fixed: { from: UNRESOLVED_STATUSES, to: 'fixed' },
  mark_false_positive: { from: UNRESOLVED_STATUSES, to: 'false_positive' },
  accept_risk: { from: UNRESOLVED_STATUSES, to: 'accepted_risk' },
  reopen: { from: ['fixed', ...EXCEPTION_STATUSES], to: 'open' },
};

export const targetOf = (action: FindingAction): FindingStatus => STEPS[action].to;
const allowedFrom = (status: FindingStatus, action: FindingAction) => STEPS[action].from.includes(status);
export const allowedActions = (status: FindingStatus) => FINDING_ACTIONS.filter((a) => allowedFrom(status, a));
export const isException = (action: FindingAction) => action === 'mark_false_positive' || action === 'accept_risk';

export type TransitionInput = {
  action: FindingAction;
  /** Why (exceptions), or the evidence of the fix (fixed by hand): at least MIN_REASON characters. */
  reason?: string | null;
  approverUserId?: number | null;
  expiresOn?: string | null;
};

const MIN_REASON = 10;
export const MAX_EXCEPTION_DAYS: number = policy.maxExceptionDays;

type Problem = { field: 'action' | 'reason' | 'approverUserId' | 'expiresOn'; en: string; vi: string };

/**
 * What is wrong with an action on a finding in `status`, or null. `actorUserId` may not approve their own exception;
 * whether the approver holds the approving capability is the server's check (it needs the approver's roles).
 */
export function transitionProblem(status: FindingStatus, input: TransitionInput, ctx: { actorUserId: number; today: string }): Problem | null {
  if (!allowedFrom(status, input.action)) {
    return {
      field: 'action',
      en: `A finding that is ${status} cannot be moved by ${input.action}`,
      vi: 'Không thể chuyển phát hiện này bằng thao tác đã chọn ở trạng thái hiện tại',
    };
  }
  const reasonGiven = (input.reason ?? '').trim().length >= MIN_REASON;
  if (input.action === 'mark_fixed' && !reasonGiven) {
    return {
      field: 'reason',
      en: `Describe the evidence of the fix (at least ${MIN_REASON} characters)`,
      vi: `Cần mô tả bằng chứng đã khắc phục (ít nhất ${MIN_REASON} ký tự)`,
    };
  }
  if (!isException(input.action)) return null;
  if (!reasonGiven) return { field: 'reason', en: `Give the reason (at least ${MIN_REASON} characters)`, vi: `Cần nêu lý do (ít nhất ${MIN_REASON} ký tự)` };
  if (!input.approverUserId) return { field: 'approverUserId', en: 'Name who approves it', vi: 'Cần chọn người phê duyệt' };
  if (input.approverUserId === ctx.actorUserId) {
    return { field: 'approverUserId', en: 'Another user must approve it', vi: 'Người phê duyệt phải là người khác' };
  }
  if (!input.expiresOn) return { field: 'expiresOn', en: 'Set when it expires', vi: 'Cần nhập ngày hết hiệu lực' };
  if (input.expiresOn <= ctx.today) return { field: 'expiresOn', en: 'The expiry must be after today', vi: 'Ngày hết hiệu lực phải sau hôm nay' };
  if (input.expiresOn > addDays(ctx.today, MAX_EXCEPTION_DAYS)) {
    return { field: 'expiresOn', en: `At most ${MAX_EXCEPTION_DAYS} days ahead`, vi: `Không quá ${MAX_EXCEPTION_DAYS} ngày kể từ hôm nay` };
  }
  return null;
}

/** Days to fix a finding by severity, counted from the day it was first seen (a provincial default, see the policy's note). */
export const DUE_DAYS: Readonly<Record<Severity, number>> = policy.daysBySeverity;

export const findingDueOn = (f: { severity: Severity; firstSeenOn: string }) => addDays(f.firstSeenOn, DUE_DAYS[f.severity]);

/** Overdue: still owed and its due day has passed (Vietnamese calendar day). */
export const findingOverdue = (f: { status: FindingStatus; severity: Severity; firstSeenOn: string }, today: string) =>
  isUnresolved(f.status) && findingDueOn(f) < today;

/** An exception whose expiry has come is open again. */
export const exceptionExpired = (f: { status: FindingStatus; exceptionExpiresOn: string | null }, today: string) =>
  (EXCEPTION_STATUSES as readonly FindingStatus[]).includes(f.status) && f.exceptionExpiresOn !== null && f.exceptionExpiresOn <= today;
