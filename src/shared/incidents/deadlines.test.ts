import { describe, expect, it } from 'vitest';
import {
  closingReportRequired,
  closingReportTimeliness,
  DEFAULT_REPORT_RULES,
  detectionProblem,
  effectivePolicy,
  reportTimeliness,
  ruleFor,
  ruleProblem,
  severityClassOf,
  type ReportRule,
} from './deadlines.ts';

const policy = effectivePolicy([]);
const detected = '2026-03-10T08:00:00.000Z';
const hoursAfter = (hours: number, minutes = 0, from = detected) => new Date(Date.parse(from) + hours * 3_600_000 + minutes * 60_000).toISOString();
const incident = (over: Partial<Parameters<typeof reportTimeliness>[0]> = {}) => ({
  serious: false,
  capacity: 'within' as const,
  severity: 'medium' as const,
  detectedAt: detected,
  reportedAt: hoursAfter(1),
  source: 'agency' as const,
  ...over,
});

describe('the defaults of Decision 05/2017 and Circular 20/2017', () => {
  it('gives every incident 5 days from detection (QĐ05 Art. 11(1)(a); TT20 Art. 9(2)(a)), whatever its severity', () => {
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
      expect(ruleFor(policy, { serious: false, capacity: 'within', severity })).toMatchObject({ reportWithinHours: 120, lateAfterHours: 120 });
    }
    expect(DEFAULT_REPORT_RULES.map((r) => r.severityClass)).toEqual(['immediate', 'low', 'medium', 'high', 'critical']);
    expect(ruleFor(policy, { serious: false, capacity: 'within', severity: 'low' }).reference).toBe(
      'Điểm a khoản 1 Điều 11 Quyết định số 05/2017/QĐ-TTg; Điểm a khoản 2 Điều 9 Thông tư số 20/2017/TT-BTTTT',
    );
  });

  it('asks for the report at once when the operator may not cope or the incident is likely serious, with no 24-hour mark', () => {
    const atOnce = ruleFor(policy, { serious: false, capacity: 'beyond_operator', severity: 'low' });
    expect(atOnce).toMatchObject({ severityClass: 'immediate', reportWithinHours: 0, lateAfterHours: 120 });
    expect(atOnce.reference).toContain('Điểm b khoản 2 Điều 9 Thông tư số 20/2017/TT-BTTTT');
    expect(DEFAULT_REPORT_RULES.some((r) => r.lateAfterHours === 24)).toBe(false);
    expect(severityClassOf({ serious: true, capacity: 'beyond_owner', severity: 'low' })).toBe('immediate');
    expect(severityClassOf({ serious: false, capacity: 'beyond_owner', severity: 'low' })).toBe('immediate');
    expect(severityClassOf({ serious: false, capacity: 'within', severity: 'critical' })).toBe('critical');
  });
});

describe('report timeliness', () => {
  it('is due at detection when the report is owed at once, and late only after the 5-day limit', () => {
    const onTime = reportTimeliness(incident({ capacity: 'beyond_operator', reportedAt: hoursAfter(30) }), policy);
    expect(onTime).toMatchObject({ severityClass: 'immediate', dueAt: detected, lateAt: hoursAfter(120), hoursToReport: 30, late: false, applies: true });
    expect(reportTimeliness(incident({ capacity: 'beyond_operator', reportedAt: hoursAfter(120, 1) }), policy).late).toBe(true);
  });

  it('gives other incidents 5 days from detection', () => {
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(119) }), policy)).toMatchObject({ dueAt: hoursAfter(120), late: false, hoursToReport: 119 });
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(120) }), policy).late).toBe(false);
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(120, 1) }), policy).late).toBe(true);
  });

  it("does not hold a hotline caller to the agencies' deadline", () => {
    const t = reportTimeliness(incident({ source: 'hotline', serious: true, reportedAt: hoursAfter(200) }), policy);
    expect(t).toMatchObject({ applies: false, late: false, hoursToReport: 200 });
  });

  it('follows a provincial rule laid over the defaults', () => {
    const strict: ReportRule = { severityClass: 'immediate', reportWithinHours: 0, lateAfterHours: 24, reference: 'Quy chế của tỉnh' };
    const p = effectivePolicy([strict]);
    expect(p).toHaveLength(DEFAULT_REPORT_RULES.length);
    expect(reportTimeliness(incident({ capacity: 'beyond_operator', reportedAt: hoursAfter(25) }), p)).toMatchObject({ lateAt: hoursAfter(24), late: true });
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(25) }), p).late).toBe(false);
  });
});

describe("the operator's closing report (Circular 20/2017 Art. 9(2)(b))", () => {
  const recovered = '2026-03-12T10:00:00.000Z';
  const of = (over: Partial<Parameters<typeof closingReportTimeliness>[0]> = {}) => ({
    source: 'agency' as const,
    serious: false,
    capacity: 'beyond_operator' as const,
    recoveredAt: recovered,
    closingFiledAt: null,
    ...over,
  });

  it('is owed by an operator that found the incident beyond its capacity, or a likely serious one', () => {
    expect(closingReportRequired(of())).toBe(true);
    expect(closingReportRequired(of({ capacity: 'within', serious: true }))).toBe(true);
    expect(closingReportRequired(of({ capacity: 'within' }))).toBe(false);
    expect(closingReportRequired(of({ source: 'hotline' }))).toBe(false);
  });

  it('is due 5 days after the response ends, and has no due date while it goes on', () => {
    expect(closingReportTimeliness(of({ recoveredAt: null }), recovered)).toMatchObject({ required: true, dueAt: null, overdue: false });
    const due = hoursAfter(120, 0, recovered);
    expect(closingReportTimeliness(of(), hoursAfter(119, 0, recovered))).toMatchObject({ dueAt: due, overdue: false, late: false });
    expect(closingReportTimeliness(of(), hoursAfter(120, 1, recovered))).toMatchObject({ overdue: true, filedAt: null });
    expect(closingReportTimeliness(of({ closingFiledAt: hoursAfter(100, 0, recovered) }), hoursAfter(200, 0, recovered))).toMatchObject({
      overdue: false,
      late: false,
    });
    expect(closingReportTimeliness(of({ closingFiledAt: hoursAfter(121, 0, recovered) }), hoursAfter(200, 0, recovered))).toMatchObject({
      overdue: false,
      late: true,
    });
    // Not owed: never overdue.
    expect(closingReportTimeliness(of({ capacity: 'within' }), hoursAfter(500, 0, recovered)).overdue).toBe(false);
  });
});

describe('checks', () => {
  it('refuses a detection time in the future beyond a small clock skew', () => {
    const now = '2026-03-10T08:00:00.000Z';
    expect(detectionProblem('2026-03-10T08:05:00.000Z', now)).toBeNull();
    expect(detectionProblem('2026-03-10T09:00:00.000Z', now)?.vi).toContain('tương lai');
    expect(detectionProblem('not a time', now)).not.toBeNull();
    expect(detectionProblem('2025-01-01T00:00:00.000Z', now)).toBeNull();
  });

  it('refuses a policy row whose late mark comes before its target', () => {
    expect(ruleProblem({ reportWithinHours: 48, lateAfterHours: 24 })?.field).toBe('lateAfterHours');
    expect(ruleProblem({ reportWithinHours: 0, lateAfterHours: 24 * 31 })).not.toBeNull();
    expect(ruleProblem({ reportWithinHours: 0, lateAfterHours: 24 })).toBeNull();
  });
});
