import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_RULES, detectionProblem, effectivePolicy, reportTimeliness, ruleFor, ruleProblem, severityClassOf, type ReportRule,
} from './deadlines.ts';

const policy = effectivePolicy([]);
const detected = '2026-03-10T08:00:00.000Z';
const hoursAfter = (hours: number, minutes = 0) => new Date(Date.parse(detected) + hours * 3_600_000 + minutes * 60_000).toISOString();
const incident = (over: Partial<Parameters<typeof reportTimeliness>[0]> = {}) =>
  ({ serious: false, severity: 'medium' as const, detectedAt: detected, reportedAt: hoursAfter(1), source: 'agency' as const, ...over });

describe('the Decision 05/2017 defaults', () => {
  it('asks serious incidents to be reported immediately and late after 24 hours, the rest within 5 days', () => {
    expect(ruleFor(policy, { serious: true, severity: 'low' })).toMatchObject({ reportWithinHours: 0, lateAfterHours: 24 });
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
      expect(ruleFor(policy, { serious: false, severity })).toMatchObject({ reportWithinHours: 120, lateAfterHours: 120 });
    }
    expect(DEFAULT_REPORT_RULES.map((r) => r.severityClass)).toEqual(['serious', 'low', 'medium', 'high', 'critical']);
  });

  it('puts a serious incident in the serious class whatever its severity', () => {
    expect(severityClassOf({ serious: true, severity: 'low' })).toBe('serious');
    expect(severityClassOf({ serious: false, severity: 'critical' })).toBe('critical');
  });
});

describe('report timeliness', () => {
  it('is due at detection for a serious incident and late only after 24 hours', () => {
    const onTime = reportTimeliness(incident({ serious: true, reportedAt: hoursAfter(24) }), policy);
    expect(onTime).toMatchObject({ severityClass: 'serious', dueAt: detected, lateAt: hoursAfter(24), hoursToReport: 24, late: false, applies: true });
    expect(reportTimeliness(incident({ serious: true, reportedAt: hoursAfter(24, 1) }), policy).late).toBe(true);
  });

  it('gives other incidents 5 days from detection', () => {
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(119) }), policy)).toMatchObject({ dueAt: hoursAfter(120), late: false, hoursToReport: 119 });
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(120) }), policy).late).toBe(false);
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(120, 1) }), policy).late).toBe(true);
    // Well inside 24 hours, a non-serious incident is never late.
    expect(reportTimeliness(incident({ reportedAt: hoursAfter(30) }), policy).late).toBe(false);
  });

  it('does not hold a hotline caller to the agencies\' deadline', () => {
    const t = reportTimeliness(incident({ source: 'hotline', serious: true, reportedAt: hoursAfter(200) }), policy);
    expect(t).toMatchObject({ applies: false, late: false, hoursToReport: 200 });
  });

  it('follows an edited policy', () => {
    const strict: ReportRule = { severityClass: 'high', reportWithinHours: 12, lateAfterHours: 48, reference: 'Quy chế của tỉnh' };
    const p = effectivePolicy([strict]);
    expect(p).toHaveLength(DEFAULT_REPORT_RULES.length);
    expect(reportTimeliness(incident({ severity: 'high', reportedAt: hoursAfter(49) }), p)).toMatchObject({ dueAt: hoursAfter(12), late: true });
    expect(reportTimeliness(incident({ severity: 'medium', reportedAt: hoursAfter(49) }), p).late).toBe(false);
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
