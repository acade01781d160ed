import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  DUE_DAYS,
  exceptionExpired,
  FINDING_STATUSES,
  findingDueOn,
  findingOverdue,
  MAX_EXCEPTION_DAYS,
  targetOf,
  transitionProblem,
  type FindingStatus,
} from './workflow.ts';

const ctx = { actorUserId: 1, today: '2026-12-01' };
const exception = { reason: 'Máy chủ chỉ dùng nội bộ, đã chặn cổng', approverUserId: 2, expiresOn: '2027-03-01' };

describe('finding transitions', () => {
  it('allows each state only its actions', () => {
    const table = Object.fromEntries(FINDING_STATUSES.map((s) => [s, allowedActions(s)]));
    expect(table).toEqual({
      open: ['confirm', 'start_remediation', 'mark_fixed', 'mark_false_positive', 'accept_risk'],
      confirmed: ['start_remediation', 'mark_fixed', 'mark_false_positive', 'accept_risk'],
      in_remediation: ['mark_fixed', 'mark_false_positive', 'accept_risk'],
      fixed: ['reopen'],
      false_positive: ['reopen'],
      accepted_risk: ['reopen'],
    });
    expect(targetOf('start_remediation')).toBe('in_remediation');
    expect(transitionProblem('fixed', { action: 'confirm' }, ctx)?.field).toBe('action');
    expect(transitionProblem('open', { action: 'confirm' }, ctx)).toBeNull();
  });

  it('needs evidence to mark fixed by hand', () => {
    expect(transitionProblem('confirmed', { action: 'mark_fixed' }, ctx)?.field).toBe('reason');
    expect(transitionProblem('confirmed', { action: 'mark_fixed', reason: 'ngắn' }, ctx)?.field).toBe('reason');
    expect(transitionProblem('confirmed', { action: 'mark_fixed', reason: 'Đã cập nhật bản vá 2026-11' }, ctx)).toBeNull();
  });

  it.each(['mark_false_positive', 'accept_risk'] as const)('%s needs a reason, another approver and an expiry within the limit', (action) => {
    const at = (over: object) => transitionProblem('open', { action, ...exception, ...over }, ctx)?.field ?? null;
    expect(at({})).toBeNull();
    expect(at({ reason: '  ' })).toBe('reason');
    expect(at({ approverUserId: null })).toBe('approverUserId');
    expect(at({ approverUserId: ctx.actorUserId })).toBe('approverUserId');
    expect(at({ expiresOn: null })).toBe('expiresOn');
    expect(at({ expiresOn: ctx.today })).toBe('expiresOn');
    expect(MAX_EXCEPTION_DAYS).toBe(365);
    expect(at({ expiresOn: '2027-12-02' })).toBe('expiresOn');
    expect(at({ expiresOn: '2027-12-01' })).toBeNull();
  });

  it('reopens an exception on its expiry day, not before, and never a finding still owed', () => {
    const ar = (exceptionExpiresOn: string | null, status: FindingStatus = 'accepted_risk') => exceptionExpired({ status, exceptionExpiresOn }, ctx.today);
    expect([ar('2026-11-30'), ar('2026-12-01'), ar('2026-12-02'), ar(null), ar('2026-11-30', 'open')]).toEqual([true, true, false, false, false]);
  });
});

describe('finding due dates', () => {
  it('follow the policy by severity from the day first seen', () => {
    expect(DUE_DAYS).toEqual({ critical: 7, high: 30, medium: 90, low: 180 });
    expect(findingDueOn({ severity: 'critical', firstSeenOn: '2026-11-28' })).toBe('2026-12-05');
    expect(findingDueOn({ severity: 'medium', firstSeenOn: '2026-01-01' })).toBe('2026-04-01');
  });

  it('are overdue after the due day only while the finding is owed', () => {
    const f = (status: FindingStatus, firstSeenOn: string) => findingOverdue({ status, severity: 'high', firstSeenOn }, ctx.today);
    // First seen 31/10: due 30/11, overdue from 01/12. First seen 01/11: due today, not yet overdue.
    expect([f('open', '2026-10-31'), f('confirmed', '2026-10-31'), f('in_remediation', '2026-10-31'), f('open', '2026-11-01')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([f('fixed', '2026-01-01'), f('false_positive', '2026-01-01'), f('accepted_risk', '2026-01-01')]).toEqual([false, false, false]);
  });
});
