import { describe, expect, it } from 'vitest';
import { parametersOn } from '../parameters/catalog.ts';
import { SEEDED_PERIODS } from '../parameters/province.ts';
import {
  type RequirementStatus,
  addMonths,
  excusedFromTally,
  assessmentIntervalMonths,
  conditionHolds,
  nextAssessmentDue,
  percent,
  sumTallies,
  tally,
} from './compliance.ts';

describe('requirement compliance', () => {
  const row = (status: RequirementStatus, notApplicableApproved = false, minimum = false) => ({ status, notApplicableApproved, minimum });
  it('counts met over applicable, leaving out approved not-applicable rows', () => {
    expect(tally([row('met'), row('met'), row('in_progress'), row('not_applicable', true), row('not_started')])).toEqual({ applicable: 4, met: 2 });
    expect(percent({ applicable: 4, met: 2 })).toBe(50);
    expect(percent({ applicable: 3, met: 1 })).toBe(33.3);
    expect(percent({ applicable: 3, met: 2 })).toBe(66.7);
  });
  it('counts a not-applicable row awaiting approval as applicable and not met', () => {
    expect(tally([row('met'), row('not_applicable')])).toEqual({ applicable: 2, met: 1 });
    expect(excusedFromTally(row('not_applicable'))).toBe(false);
    expect(excusedFromTally(row('not_applicable', true))).toBe(true);
  });
  it('never excuses a minimum requirement, approved or not: the plan is not fully deployed', () => {
    expect(excusedFromTally(row('not_applicable', true, true))).toBe(false);
    const t = tally([row('met', false, true), row('not_applicable', true, true)]);
    expect(t).toEqual({ applicable: 2, met: 1 });
    expect(t.met === t.applicable).toBe(false);
  });
  it('has no percentage without applicable requirements', () => {
    expect(percent(tally([row('not_applicable', true)]))).toBeNull();
    expect(percent(tally([]))).toBeNull();
  });
  it('sums tallies for an agency over its systems', () => {
    expect(
      sumTallies([
        { applicable: 10, met: 5 },
        { applicable: 0, met: 0 },
        { applicable: 30, met: 30 },
      ]),
    ).toEqual({ applicable: 40, met: 35 });
    expect(sumTallies([])).toEqual({ applicable: 0, met: 0 });
  });
});

describe('assessment schedule by level', () => {
  const P = parametersOn(SEEDED_PERIODS, '2026-11-30');
  it('uses the province intervals: 24, 24, 12, 12, 6 months for levels 1–5 in the demo province', () => {
    expect([1, 2, 3, 4, 5].map((l) => assessmentIntervalMonths(l, P))).toEqual([24, 24, 12, 12, 6]);
  });
  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
  it('counts from the last assessment, else go-live, else unknown', () => {
    expect(nextAssessmentDue(3, '2025-11-24', '2020-01-01', P)).toBe('2026-11-24');
    expect(nextAssessmentDue(1, null, '2025-03-15', P)).toBe('2027-03-15');
    expect(nextAssessmentDue(5, '2026-06-30', null, P)).toBe('2026-12-30');
    expect(nextAssessmentDue(2, null, null, P)).toBeNull();
  });
});

describe('conditionHolds', () => {
  it('applies a requirement without a condition to every system', () => {
    expect(conditionHolds(null, { environment: 'production', dataKinds: [] })).toBe(true);
  });
  it('applies test_system_personal_data only to a test system holding personal information', () => {
    const c = 'test_system_personal_data' as const;
    expect(conditionHolds(c, { environment: 'test', dataKinds: ['internal', 'personal'] })).toBe(true);
    expect(conditionHolds(c, { environment: 'test', dataKinds: ['sensitive_personal'] })).toBe(true);
    expect(conditionHolds(c, { environment: 'test', dataKinds: ['internal'] })).toBe(false);
    expect(conditionHolds(c, { environment: 'production', dataKinds: ['personal'] })).toBe(false);
  });
});
