import { describe, expect, it } from 'vitest';
import {
  agencyIndicators,
  combineIndicators,
  compositeScore,
  INDICATORS,
  pct,
  periodOf,
  socConnected,
  previousPeriods,
  ragOf,
  indicatorCitations,
  ragLabel,
  tierOf,
  type AgencyFigures,
  type IndicatorValue,
} from './rules.ts';
import { parametersOn, type ParameterPeriod } from '../parameters/catalog.ts';
import { SEEDED_PERIODS } from '../parameters/province.ts';

const base: AgencyFigures = {
  kind: 'department',
  servers: 10,
  workstations: 90,
  protectedEndpoints: 100,
  staffTotal: 50,
  staffTrained: 50,
  budgetTotal: 1_000_000_000,
  budgetSecurity: 100_000_000,
  layers: [true, true, true, true],
  contactDesignated: true,
  contactPublished: true,
  cleanCyberspace: true,
  pdpSelfAssessment: true,
  systems: { total: 4, approved: 4, planDeployed: 4, responsePlan: 4, scanned: 4, assessmentOnTime: 4 },
};
const fig = (over: Partial<AgencyFigures> = {}): AgencyFigures => ({ ...base, ...over });
const byId = (vs: IndicatorValue[]) => Object.fromEntries(vs.map((v) => [v.id, v]));
const TODAY = '2026-11-30';
/** The demo province's parameters in effect on a day (data/province-parameters.json). */
const P = (day: string) => parametersOn(SEEDED_PERIODS, day);

describe('indicator arithmetic', () => {
  it('weights sum to 100', () => {
    expect(Object.values(INDICATORS).reduce((s, d) => s + d.weight, 0)).toBe(100);
  });

  it('gives a full-marks agency 100% everywhere, green, score 100', () => {
    const v = agencyIndicators(fig(), P(TODAY));
    expect(v.every((x) => x.rag === 'green')).toBe(true);
    expect(byId(v).budget!.percent).toBe(10);
    expect(compositeScore(v)).toBe(100);
  });

  it('computes shares with one decimal and caps numerators at denominators', () => {
    const v = byId(agencyIndicators(fig({ protectedEndpoints: 67, servers: 0, workstations: 300, staffTrained: 80 }), P(TODAY)));
    expect(v.antimalware).toMatchObject({ num: 67, den: 300, percent: 22.3 });
    expect(v.training).toMatchObject({ num: 50, den: 50, percent: 100 });
    expect(pct({ num: 1, den: 3 })).toBe(33.3);
  });

  it('has no value (not 0%) when the denominator is empty: no systems, no budget, no machines', () => {
    const v = byId(
      agencyIndicators(
        fig({
          servers: 0,
          workstations: 0,
          protectedEndpoints: 0,
          budgetTotal: 0,
          budgetSecurity: 0,
          systems: { total: 0, approved: 0, planDeployed: 0, responsePlan: 0, scanned: 0, assessmentOnTime: 0 },
        }),
        P(TODAY),
      ),
    );
    for (const id of ['antimalware', 'approvedLevel', 'planDeployed', 'budget'] as const) {
      expect(v[id]!.percent).toBeNull();
      expect(v[id]!.rag).toBe('none');
    }
  });

  it('leaves indicators without value out of the score instead of counting them as zero', () => {
    const noSystems = agencyIndicators(
      fig({ systems: { total: 0, approved: 0, planDeployed: 0, responsePlan: 0, scanned: 0, assessmentOnTime: 0 } }),
      P(TODAY),
    );
    expect(compositeScore(noSystems)).toBe(100);
    const half = agencyIndicators(fig({ systems: { total: 2, approved: 1, planDeployed: 1, responsePlan: 1, scanned: 1, assessmentOnTime: 1 } }), P(TODAY));
    // Systems indicators weigh 15+10+10+10+5 = 50 of 100, each half attained: 100 - 25 = 75.
    expect(compositeScore(half)).toBe(75);
    expect(compositeScore([])).toBeNull();
  });

  it('scores the budget against its 10% target: 5% is half attained', () => {
    const v = agencyIndicators(fig({ budgetSecurity: 50_000_000 }), P(TODAY));
    expect(byId(v).budget).toMatchObject({ percent: 5, rag: 'amber' });
    expect(compositeScore(v)).toBe(95);
  });

  it('counts agency-level yes/no indicators as agencies meeting them', () => {
    const v = byId(agencyIndicators(fig({ layers: [true, true, false, true], contactPublished: false }), P(TODAY)));
    expect(v.fourLayers).toMatchObject({ num: 0, den: 1, rag: 'red' });
    expect(v.contactPoint).toMatchObject({ num: 0, den: 1 });
  });
});

describe('red / amber / green', () => {
  it('follows the anti-malware deadline of the agency tier', () => {
    const short = { protectedEndpoints: 50 };
    expect(byId(agencyIndicators(fig({ ...short, kind: 'department' }), P(TODAY))).antimalware!.rag).toBe('red');
    expect(byId(agencyIndicators(fig({ ...short, kind: 'commune_committee' }), P(TODAY))).antimalware!.rag).toBe('red');
    expect(byId(agencyIndicators(fig({ ...short, kind: 'school' }), P(TODAY))).antimalware!.rag).toBe('amber');
    expect(byId(agencyIndicators(fig({ ...short, kind: 'commune_committee' }), P('2024-12-31'))).antimalware!.rag).toBe('amber');
    expect(byId(agencyIndicators(fig({ ...short, kind: 'commune_committee' }), P('2025-01-01'))).antimalware!.rag).toBe('red');
  });
  it('is amber within 80% of a target without deadline, red below', () => {
    expect(ragOf(80, 100)).toBe('amber');
    expect(ragOf(79.9, 100)).toBe('red');
    expect(ragOf(100, 100)).toBe('green');
    expect(ragOf(null, 100)).toBe('none');
  });
  it('maps agency kinds to tiers', () => {
    expect(tierOf('department')).toBe('provincial');
    expect(tierOf('district_committee')).toBe('local');
    expect(tierOf('hospital')).toBe('service');
    expect(tierOf('telecom')).toBeNull();
  });
});

describe('combining agencies', () => {
  it('sums numerators and denominators rather than averaging percentages', () => {
    const a = agencyIndicators(fig({ servers: 0, workstations: 10, protectedEndpoints: 10 }), P(TODAY));
    const b = agencyIndicators(fig({ servers: 0, workstations: 90, protectedEndpoints: 0, kind: 'school' }), P(TODAY));
    const c = byId(combineIndicators([a, b], P(TODAY)));
    expect(c.antimalware).toMatchObject({ num: 10, den: 100, percent: 10, rag: 'amber' });
    expect(c.fourLayers).toMatchObject({ num: 2, den: 2, percent: 100 });
  });
  it('is red when a member is past its anti-malware deadline', () => {
    const late = agencyIndicators(fig({ protectedEndpoints: 0 }), P(TODAY));
    const ok = agencyIndicators(fig(), P(TODAY));
    expect(byId(combineIndicators([late, ok], P(TODAY))).antimalware!.rag).toBe('red');
  });
  it('combines nothing into empty values', () => {
    expect(combineIndicators([], P(TODAY)).every((v) => v.percent === null && v.rag === 'none')).toBe(true);
  });
});

describe('reporting periods', () => {
  it('are quarters', () => {
    expect(periodOf('2026-11-30')).toBe('2026-Q4');
    expect(periodOf('2026-01-01')).toBe('2026-Q1');
    expect(periodOf('2026-03-31')).toBe('2026-Q1');
    expect(previousPeriods('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });
});

describe('the link to the provincial operations centre', () => {
  it('is connected from its day on, until the day it stopped', () => {
    const link = { connectedOn: '2026-03-15', disconnectedOn: null };
    expect(socConnected(null, '2026-04-01')).toBe(false);
    expect(socConnected(link, '2026-03-14')).toBe(false);
    expect(socConnected(link, '2026-03-15')).toBe(true);
    expect(socConnected({ ...link, disconnectedOn: '2026-11-02' }, '2026-11-01')).toBe(true);
    expect(socConnected({ ...link, disconnectedOn: '2026-11-02' }, '2026-11-02')).toBe(false);
  });
});

describe('targets and deadlines as the province sets them', () => {
  it('says "overdue" only where a deadline exists', () => {
    const v = byId(agencyIndicators(fig({ protectedEndpoints: 50, staffTrained: 10 }), P(TODAY)));
    expect(v.antimalware).toMatchObject({ rag: 'red', deadline: '2023-12-31' });
    expect(ragLabel(v.antimalware!)).toBe('Không đạt, quá hạn');
    expect(v.training).toMatchObject({ rag: 'red', deadline: null });
    expect(ragLabel(v.training!)).toBe('Không đạt');
    const school = byId(agencyIndicators(fig({ protectedEndpoints: 50, kind: 'school' }), P(TODAY)));
    expect(ragLabel(school.antimalware!)).toBe('Chưa đạt (còn hạn)');
  });
  it('reads the budget target from the period in effect', () => {
    const raised: ParameterPeriod[] = [
      ...SEEDED_PERIODS.map((p) => (p.key === 'budget.securitySharePercent' ? { ...p, effectiveUntil: '2027-01-01' } : p)),
      { key: 'budget.securitySharePercent', value: '15', effectiveFrom: '2027-01-01', effectiveUntil: null, citation: { instrument: 'directive-14-2019' } },
    ];
    const before = byId(agencyIndicators(fig(), parametersOn(raised, '2026-12-31')));
    const after = byId(agencyIndicators(fig(), parametersOn(raised, '2027-01-01')));
    expect(before.budget).toMatchObject({ target: 10, rag: 'green' });
    expect(after.budget).toMatchObject({ target: 15, rag: 'red' });
  });
  it('cites the Personal Data Protection Law from 01/01/2026 and Decree 13/2023 before', () => {
    expect(indicatorCitations('pdp', '2025-12-31')[0]).toEqual({ instrument: 'decree-13-2023' });
    expect(indicatorCitations('pdp', '2026-01-01')[0]).toEqual({ instrument: 'law-91-2025' });
    expect(indicatorCitations('budget', '2026-01-01')).toBe(INDICATORS.budget.citations);
  });
});
