import { describe, expect, it } from 'vitest';
import { addMonths, assessmentIntervalMonths, conditionHolds, nextAssessmentDue, percent, sumTallies, tally } from './compliance.ts';

describe('requirement compliance', () => {
  it('counts met over applicable, ignoring not-applicable rows', () => {
    expect(tally(['met', 'met', 'in_progress', 'not_applicable', 'not_started'])).toEqual({ applicable: 4, met: 2 });
    expect(percent({ applicable: 4, met: 2 })).toBe(50);
    expect(percent({ applicable: 3, met: 1 })).toBe(33.3);
    expect(percent({ applicable: 3, met: 2 })).toBe(66.7);
  });
  it('has no percentage without applicable requirements', () => {
    expect(percent(tally(['not_applicable']))).toBeNull();
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
  it('uses 24, 24, 12, 12, 6 months for levels 1–5', () => {
    expect([1, 2, 3, 4, 5].map(assessmentIntervalMonths)).toEqual([24, 24, 12, 12, 6]);
  });
  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
  it('counts from the last assessment, else go-live, else unknown', () => {
    expect(nextAssessmentDue(3, '2025-11-24', '2020-01-01')).toBe('2026-11-24');
    expect(nextAssessmentDue(1, null, '2025-03-15')).toBe('2027-03-15');
    expect(nextAssessmentDue(5, '2026-06-30', null)).toBe('2026-12-30');
    expect(nextAssessmentDue(2, null, null)).toBeNull();
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
