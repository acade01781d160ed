import { describe, expect, it } from 'vitest';
import { contributionReminder, contributionState, yearlyDueDays } from './due.ts';
import { SEEDED_PERIODS } from '../parameters/province.ts';
import type { ParameterPeriod } from '../parameters/catalog.ts';

describe('yearlyDueDays: the two days by the parameters in effect on the year’s last day', () => {
  it('gives the demo province’s 10/12 for the agencies and 15/12 for the security unit', () => {
    expect(yearlyDueDays(2026, SEEDED_PERIODS)).toEqual({ contributionsDueOn: '2026-12-10', reportDueOn: '2026-12-15' });
  });
  it('has none before the text that sets the agencies’ day (Thanh Hóa, 2024)', () => {
    expect(yearlyDueDays(2023, SEEDED_PERIODS)).toBeNull();
  });
  it('follows a period the province adds', () => {
    const later: ParameterPeriod[] = [
      ...SEEDED_PERIODS.map((p) => (p.key === 'report.yearlyContributionDueDay' ? { ...p, effectiveUntil: '2027-01-01' } : p)),
      {
        key: 'report.yearlyContributionDueDay',
        value: '12-05',
        effectiveFrom: '2027-01-01',
        effectiveUntil: null,
        citation: { instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'd' },
      },
    ];
    expect(yearlyDueDays(2026, later)?.contributionsDueOn).toBe('2026-12-10');
    expect(yearlyDueDays(2027, later)?.contributionsDueOn).toBe('2027-12-05');
  });
});

describe('contributionState: late from the day after the due day', () => {
  const due = '2026-12-10';
  it('awaits a contribution up to and on the due day, then it is late', () => {
    expect(contributionState({ submittedOn: null }, due, '2026-12-09')).toBe('awaited');
    expect(contributionState({ submittedOn: null }, due, '2026-12-10')).toBe('awaited');
    expect(contributionState({ submittedOn: null }, due, '2026-12-11')).toBe('late');
  });
  it('judges a sent one by the day it was first sent, whatever today is', () => {
    expect(contributionState({ submittedOn: '2026-12-10' }, due, '2027-01-05')).toBe('submitted');
    expect(contributionState({ submittedOn: '2026-12-11' }, due, '2027-01-05')).toBe('submitted_late');
  });
});

describe('contributionReminder', () => {
  const due = '2026-12-10';
  it('reminds within 7 days of the due day and when late, never once sent', () => {
    expect(contributionReminder({ submittedOn: null }, due, '2026-12-02')).toBeNull();
    expect(contributionReminder({ submittedOn: null }, due, '2026-12-03')).toBe('contribution_due');
    expect(contributionReminder({ submittedOn: null }, due, '2026-12-10')).toBe('contribution_due');
    expect(contributionReminder({ submittedOn: null }, due, '2026-12-11')).toBe('contribution_late');
    expect(contributionReminder({ submittedOn: '2026-12-04' }, due, '2026-12-11')).toBeNull();
  });
});
