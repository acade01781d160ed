import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  deadlineState,
  describeRule,
  endOfQuarter,
  isLeapYear,
  nextOccurrence,
  occurrencesBetween,
  previousOccurrence,
  quarterBounds,
  quarterlyDue,
  quarterOf,
  ruleProblem,
  type DeadlineRule,
} from './recurrence.ts';

const quarterly: DeadlineRule = { kind: 'quarterly', day: 20, monthOfQuarter: 3 };

describe('quarters', () => {
  it("knows each quarter's first and last day", () => {
    expect(quarterBounds(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterBounds(2026, 2)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterBounds(2026, 3)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterBounds(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('finds the end of the quarter of any day, across the year boundary', () => {
    expect(endOfQuarter('2026-02-10')).toBe('2026-03-31');
    expect(endOfQuarter('2026-03-31')).toBe('2026-03-31');
    expect(endOfQuarter('2026-04-01')).toBe('2026-06-30');
    expect(endOfQuarter('2026-12-31')).toBe('2026-12-31');
    expect(quarterOf('2026-12-31')).toBe(4);
    expect(quarterOf('2027-01-01')).toBe(1);
  });

  it("puts the Ministry report on the 20th of the quarter's last month", () => {
    expect([1, 2, 3, 4].map((q) => quarterlyDue(2026, q))).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
  });
});

describe('quarterly deadlines', () => {
  it("is due on the 20th itself, and the next quarter's from the 21st", () => {
    expect(nextOccurrence(quarterly, '2026-03-20')).toBe('2026-03-20');
    expect(nextOccurrence(quarterly, '2026-03-21')).toBe('2026-06-20');
  });

  it('rolls over the end of the year', () => {
    expect(nextOccurrence(quarterly, '2026-12-21')).toBe('2027-03-20');
    expect(previousOccurrence(quarterly, '2027-01-05')).toBe('2026-12-20');
  });

  it('supports another day and month of the quarter, clamping to short months', () => {
    expect(nextOccurrence({ kind: 'quarterly', day: 31, monthOfQuarter: 2 }, '2026-01-01')).toBe('2026-02-28');
    expect(nextOccurrence({ kind: 'quarterly', day: 31, monthOfQuarter: 2 }, '2028-01-01')).toBe('2028-02-29');
    expect(nextOccurrence({ kind: 'quarterly', day: 31, monthOfQuarter: 3 }, '2026-04-01')).toBe('2026-06-30');
  });

  it('lists every occurrence of a year', () => {
    expect(occurrencesBetween(quarterly, '2026-01-01', '2026-12-31')).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
  });

  it('stops at its end date', () => {
    const rule: DeadlineRule = { ...quarterly, until: '2026-09-30' };
    expect(nextOccurrence(rule, '2026-09-01')).toBe('2026-09-20');
    expect(nextOccurrence(rule, '2026-09-21')).toBeNull();
    expect(previousOccurrence(rule, '2027-06-01')).toBe('2026-09-20');
  });
});

describe('yearly deadlines and leap years', () => {
  it('knows leap years (every 4 years, not centuries, except every 400)', () => {
    expect([2024, 2026, 2028, 2100, 2000].map(isLeapYear)).toEqual([true, false, true, false, true]);
  });

  it('puts a 29 February deadline on 28 February in common years', () => {
    const rule: DeadlineRule = { kind: 'yearly', month: 2, day: 29 };
    expect(nextOccurrence(rule, '2027-01-01')).toBe('2027-02-28');
    expect(nextOccurrence(rule, '2028-01-01')).toBe('2028-02-29');
    expect(occurrencesBetween(rule, '2027-01-01', '2029-12-31')).toEqual(['2027-02-28', '2028-02-29', '2029-02-28']);
  });

  it("moves to next year once this year's date has passed", () => {
    const rule: DeadlineRule = { kind: 'yearly', month: 12, day: 15 };
    expect(nextOccurrence(rule, '2026-12-15')).toBe('2026-12-15');
    expect(nextOccurrence(rule, '2026-12-16')).toBe('2027-12-15');
    expect(previousOccurrence(rule, '2026-12-15')).toBe('2025-12-15');
  });

  it('refuses a day the month never has', () => {
    expect(ruleProblem({ kind: 'yearly', month: 2, day: 30 })).not.toBeNull();
    expect(ruleProblem({ kind: 'yearly', month: 4, day: 31 })).not.toBeNull();
    expect(ruleProblem({ kind: 'yearly', month: 2, day: 29 })).toBeNull();
  });
});

describe('every N months', () => {
  it('keeps the original day, clamped in short months, without drifting', () => {
    const rule: DeadlineRule = { kind: 'every_months', months: 6, from: '2023-08-31' };
    expect(occurrencesBetween(rule, '2023-01-01', '2025-12-31')).toEqual(['2023-08-31', '2024-02-29', '2024-08-31', '2025-02-28', '2025-08-31']);
  });

  it('starts at its first date and never before', () => {
    const rule: DeadlineRule = { kind: 'every_months', months: 3, from: '2027-01-15' };
    expect(nextOccurrence(rule, '2026-06-01')).toBe('2027-01-15');
    expect(previousOccurrence(rule, '2027-01-15')).toBeNull();
    expect(previousOccurrence(rule, '2027-05-01')).toBe('2027-04-15');
  });

  it('handles intervals longer than a year', () => {
    const rule: DeadlineRule = { kind: 'every_months', months: 24, from: '2022-03-01' };
    expect(nextOccurrence(rule, '2024-03-02')).toBe('2026-03-01');
    expect(previousOccurrence(rule, '2026-01-01')).toBe('2024-03-01');
  });
});

describe('one-off deadlines', () => {
  it('has a single occurrence, however far', () => {
    const rule: DeadlineRule = { kind: 'once', date: '2023-06-30' };
    expect(nextOccurrence(rule, '2020-01-01')).toBe('2023-06-30');
    expect(nextOccurrence(rule, '2023-07-01')).toBeNull();
    expect(previousOccurrence(rule, '2030-01-01')).toBe('2023-06-30');
  });
});

describe('the Vietnamese calendar day decides (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('is not overdue until the due day ends in Vietnam', () => {
    // 23:59 on 20/03 in Hà Nội is 16:59 UTC.
    expect(deadlineState('2026-03-20', new Date('2026-03-20T16:59:00Z'))).toBe('due_today');
    // Midnight in Hà Nội, still 20/03 in UTC: already overdue.
    expect(deadlineState('2026-03-20', new Date('2026-03-20T17:00:00Z'))).toBe('overdue');
  });

  it('counts the due day as today from 00:00 Vietnamese time, while UTC is still on the day before', () => {
    expect(deadlineState('2026-03-20', new Date('2026-03-19T17:30:00Z'))).toBe('due_today');
    expect(deadlineState('2026-03-20', new Date('2026-03-19T16:30:00Z'))).toBe('due_soon');
    expect(deadlineState('2026-03-30', new Date('2026-03-19T16:30:00Z'))).toBe('upcoming');
  });

  it("turns a year on Vietnamese new year's night", () => {
    expect(deadlineState('2026-12-31', new Date('2026-12-31T17:00:00Z'))).toBe('overdue');
  });
});

describe('day arithmetic', () => {
  it('counts and adds calendar days across months and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-12-20', '2026-12-13')).toBe(-7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('rules in words', () => {
  it('reads like a directive', () => {
    expect(describeRule(quarterly)).toBe('Hằng quý, trước ngày 20 tháng cuối quý');
    expect(describeRule({ kind: 'yearly', month: 12, day: 15 })).toBe('Hằng năm, trước ngày 15/12');
    expect(describeRule({ kind: 'once', date: '2023-06-30' })).toBe('Trước ngày 30/06/2023');
    expect(describeRule({ kind: 'every_months', months: 6, from: '2023-08-31' }, 'en')).toBe('Every 6 months from 31/08/2023');
  });
});

describe('standing duties', () => {
  it('has no occurrence at all and says the text sets no deadline', () => {
    const standing: DeadlineRule = { kind: 'standing' };
    expect([nextOccurrence(standing, '2026-12-01'), previousOccurrence(standing, '2026-12-01')]).toEqual([null, null]);
    expect(occurrencesBetween(standing, '2020-01-01', '2030-12-31')).toEqual([]);
    expect(describeRule(standing)).toBe('Thường xuyên (văn bản không ấn định thời hạn)');
    expect(describeRule(standing, 'en')).toBe('Standing (the text sets no deadline)');
  });
});
