import { describe, expect, it } from 'vitest';
import { numberAt, parameterAt, parametersOn, periodAt, valueProblem, PARAMETER_KEYS, type ParameterPeriod } from './catalog.ts';
import { SEED, SEEDED_PERIODS, seededCitations } from './province.ts';
import { formatCitation } from '../legal/citation.ts';

const cite = { instrument: 'vinh-phuc-directive-2023', clause: 2, point: 'b' };
const periods: ParameterPeriod[] = [
  {
    key: 'inspections.perYear',
    value: '1',
    effectiveFrom: '2024-01-01',
    effectiveUntil: '2025-07-01',
    citation: { instrument: 'thanh-hoa-letter-2024', clause: 2, point: 'b' },
  },
  { key: 'inspections.perYear', value: '2', effectiveFrom: '2025-07-01', effectiveUntil: null, citation: cite },
];

describe('parameterAt: the value in effect on a day', () => {
  it('takes the period that contains the day: from its first day, up to but not including its end', () => {
    expect(parameterAt(periods, 'inspections.perYear', '2024-01-01')).toBe('1');
    expect(parameterAt(periods, 'inspections.perYear', '2025-06-30')).toBe('1');
    expect(parameterAt(periods, 'inspections.perYear', '2025-07-01')).toBe('2');
    expect(numberAt(periods, 'inspections.perYear', '2040-01-01')).toBe(2);
  });
  it('has nothing before the first period, and says so', () => {
    expect(periodAt(periods, 'inspections.perYear', '2023-12-31')).toBeUndefined();
    expect(() => parameterAt(periods, 'inspections.perYear', '2023-12-31')).toThrow(/no value of inspections.perYear/);
    expect(parametersOn(periods, '2023-12-31').maybe('inspections.perYear')).toBeUndefined();
  });
  it('gives the citation of the period in effect', () => {
    expect(parametersOn(periods, '2024-06-01').citation('inspections.perYear').instrument).toBe('thanh-hoa-letter-2024');
    expect(parametersOn(periods, '2026-06-01').citation('inspections.perYear')).toEqual(cite);
  });
  it('checks a value by the form of its key', () => {
    expect(valueProblem('scan.intervalMonths', '6')).toBeNull();
    expect(valueProblem('scan.intervalMonths', '0')).toBe('number');
    expect(valueProblem('scan.intervalMonths', 'sáu')).toBe('number');
    expect(valueProblem('antimalware.deadline.local', '2024-12-31')).toBeNull();
    expect(valueProblem('antimalware.deadline.local', '31/12/2024')).toBe('yyyy-MM-dd');
    expect(valueProblem('report.yearlyDueDay', '12-15')).toBeNull();
    expect(valueProblem('report.yearlyDueDay', '2026-12-15')).toBe('MM-dd');
  });
});

describe('the demo province (data/province-parameters.json)', () => {
  it('sets every parameter, in effect today, each citing the registry', () => {
    const today = parametersOn(SEEDED_PERIODS, '2026-12-01');
    for (const key of PARAMETER_KEYS) expect(() => today.text(key), key).not.toThrow();
    expect(SEED.province).toBe('Tỉnh Demo');
  });
  it('takes each figure from the text and clause the seeds give', () => {
    const p = parametersOn(SEEDED_PERIODS, '2026-12-01');
    expect(p.number('inspections.perYear')).toBe(2);
    expect(formatCitation(p.citation('inspections.perYear'))).toMatch(/^Điểm b khoản 2 .*Vĩnh Phúc/);
    expect(p.number('scan.intervalMonths')).toBe(6);
    expect([1, 2, 3, 4, 5].map((l) => p.number(`assessment.intervalMonths.level${l as 1 | 2 | 3 | 4 | 5}`))).toEqual([24, 24, 12, 12, 6]);
    expect(p.citation('assessment.intervalMonths.level5')).toEqual({ instrument: 'dispatch-33-2024', clause: 2, point: 'a', item: '(3)' });
    expect([p.number('budget.securitySharePercent'), p.number('training.targetPercent'), p.number('responseTeam.minimum')]).toEqual([10, 100, 5]);
    expect([p.text('antimalware.deadline.provincial'), p.text('antimalware.deadline.local'), p.text('antimalware.deadline.service')]).toEqual([
      '2023-12-31',
      '2024-12-31',
      '2026-12-31',
    ]);
    expect([p.number('report.quarterlyDueDay'), p.text('report.yearlyDueDay')]).toEqual([20, '12-15']);
    expect(seededCitations('scan.intervalMonths')).toEqual([{ instrument: 'quang-nam-directive-15-2022', clause: 1 }]);
  });
});
