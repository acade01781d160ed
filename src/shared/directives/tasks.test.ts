import { describe, expect, it } from 'vitest';
import { SEEDED_PERIODS } from '../parameters/province.ts';
import { readFileSync } from 'node:fs';
import { afterAcceptance, firstDueDate, isOverdue, reportDueOn, reportPeriod, resolveAssignees, unknownAssignees } from './tasks.ts';
import { taskReminderKind } from '../reminders/kinds.ts';
import type { DeadlineRule } from '../core/recurrence.ts';

const kinds = (JSON.parse(readFileSync(new URL('../../../data/agency-kinds.json', import.meta.url), 'utf8')) as { code: string }[]).map((k) => k.code);

// A small province: kinds as in data/agency-kinds.json.
const AGENCIES = [
  { id: 1, kind: 'province_committee', active: true },
  { id: 2, kind: 'department', active: true },
  { id: 3, kind: 'department', active: true },
  { id: 4, kind: 'department', active: false },
  { id: 5, kind: 'commune_committee', active: true },
  { id: 6, kind: 'commune_committee', active: true },
  { id: 7, kind: 'hospital', active: true },
  { id: 8, kind: 'telecom', active: true },
  { id: 9, kind: 'telecom', active: true },
  { id: 10, kind: 'police', active: true },
];

describe('task assignment by agency kind', () => {
  it('uses kinds that exist in the catalog', () => {
    for (const a of AGENCIES) expect(kinds).toContain(a.kind);
  });

  it('assigns every active agency of a kind: all departments', () => {
    expect(resolveAssignees(AGENCIES, { kinds: ['department'], agencyIds: [] })).toEqual([2, 3]);
  });

  it('combines kinds: all communes and telecom operators', () => {
    expect(resolveAssignees(AGENCIES, { kinds: ['commune_committee', 'telecom'], agencyIds: [] })).toEqual([5, 6, 8, 9]);
  });

  it('adds explicitly named agencies, once each', () => {
    expect(resolveAssignees(AGENCIES, { kinds: ['department'], agencyIds: [10, 2, 10] })).toEqual([2, 3, 10]);
  });

  it('assigns nobody for a kind without agencies (no districts after 07/2025)', () => {
    expect(resolveAssignees(AGENCIES, { kinds: ['district_committee'], agencyIds: [] })).toEqual([]);
  });

  it('reports named agencies that are unknown or inactive', () => {
    expect(unknownAssignees(AGENCIES, [2, 4, 99])).toEqual([4, 99]);
  });
});

describe('assignment status', () => {
  const today = '2026-12-01';
  it('is overdue once the due day has passed and nothing was handed in', () => {
    expect(isOverdue({ dueOn: '2026-11-30', status: 'not_started' }, today)).toBe(true);
    expect(isOverdue({ dueOn: '2026-11-30', status: 'returned' }, today)).toBe(true);
    expect(isOverdue({ dueOn: '2026-12-01', status: 'in_progress' }, today)).toBe(false);
  });
  it('is not overdue while a report awaits review, nor once completed', () => {
    expect(isOverdue({ dueOn: '2026-11-30', status: 'submitted' }, today)).toBe(false);
    expect(isOverdue({ dueOn: '2026-11-30', status: 'completed' }, today)).toBe(false);
  });

  it('moves a recurring task to its next occurrence when accepted, and completes a one-off one', () => {
    const quarterly: DeadlineRule = { kind: 'quarterly', day: 20, monthOfQuarter: 3 };
    expect(afterAcceptance(quarterly, '2026-12-20')).toEqual({ status: 'not_started', dueOn: '2027-03-20' });
    expect(afterAcceptance({ kind: 'once', date: '2023-06-30' }, '2023-06-30')).toEqual({ status: 'completed', dueOn: '2023-06-30' });
    expect(afterAcceptance({ ...quarterly, until: '2026-12-31' }, '2026-12-20')).toEqual({ status: 'completed', dueOn: '2026-12-20' });
  });

  it('keeps a standing duty (no date in the text) open without a due date: never overdue, an accepted report counts but closes nothing', () => {
    const standing: DeadlineRule = { kind: 'standing' };
    expect(firstDueDate(standing, '2026-12-01')).toBeNull();
    expect(afterAcceptance(standing, null)).toEqual({ status: 'in_progress', dueOn: null });
    expect(isOverdue({ dueOn: firstDueDate(standing, '2026-12-01'), status: 'not_started' }, '2030-01-01')).toBe(false);
  });

  it('starts a new recurring assignment at the next occurrence, a one-off one at its date even if past', () => {
    expect(firstDueDate({ kind: 'quarterly', day: 20, monthOfQuarter: 3 }, '2026-12-21')).toBe('2027-03-20');
    expect(firstDueDate({ kind: 'once', date: '2023-06-30' }, '2026-12-01')).toBe('2023-06-30');
  });
});

describe('report periods and deadlines', () => {
  it("dates the quarterly report to the Ministry and the yearly one to the People's Committee", () => {
    expect(reportDueOn('quarterly_security', 2026, 4, SEEDED_PERIODS)).toBe('2026-12-20');
    expect(reportDueOn('quarterly_security', 2027, 1, SEEDED_PERIODS)).toBe('2027-03-20');
    expect(reportDueOn('directive_yearly', 2026, null, SEEDED_PERIODS)).toBe('2026-12-15');
    expect(reportDueOn('agency_compliance', 2026, null, SEEDED_PERIODS)).toBeNull();
    // No due day before the instrument that sets it: a 2023 quarter has none (Dispatch 33/CĐ-TTg is of 2024).
    expect(reportDueOn('quarterly_security', 2023, 1, SEEDED_PERIODS)).toBeNull();
  });
  it('covers the quarter or the year', () => {
    expect(reportPeriod('quarterly_security', 2028, 1)).toEqual({ from: '2028-01-01', to: '2028-03-31', label: 'quý I năm 2028' });
    expect(reportPeriod('directive_yearly', 2026, null)).toEqual({ from: '2026-01-01', to: '2026-12-31', label: 'năm 2026' });
  });
});

describe('task reminder windows', () => {
  it('reminds 7 days ahead, 1 day ahead and when overdue', () => {
    expect(taskReminderKind('2026-12-20', '2026-12-12')).toBeNull();
    expect(taskReminderKind('2026-12-20', '2026-12-13')).toBe('task_due_7');
    expect(taskReminderKind('2026-12-20', '2026-12-18')).toBe('task_due_7');
    expect(taskReminderKind('2026-12-20', '2026-12-19')).toBe('task_due_1');
    expect(taskReminderKind('2026-12-20', '2026-12-20')).toBe('task_due_1');
    expect(taskReminderKind('2026-12-20', '2026-12-21')).toBe('task_overdue');
  });
});
