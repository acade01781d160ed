import { describe, expect, it } from 'vitest';
import { ATTACK_TECHNIQUE, huntProblem, mayOpenIncident, quarterBounds, quarterLabel, quarterOf, sharedHuntState } from './rules.ts';

const hunt = {
  status: 'completed' as const,
  result: 'no_threat' as const,
  resultSummary: 'Không phát hiện dấu hiệu bất thường.',
  periodFrom: '2026-10-01',
  periodTo: '2026-10-10',
  hunterKind: 'own_staff' as const,
  providerAgencyId: null,
};
const today = '2026-12-01';

describe('a hunt record', () => {
  it('is consistent when completed with a result and its summary, ended by today', () => {
    expect(huntProblem(hunt, today)).toBeNull();
    expect(huntProblem({ ...hunt, periodTo: today }, today)).toBeNull();
  });
  it('refuses a period that ends before it starts', () => {
    expect(huntProblem({ ...hunt, periodTo: '2026-09-30' }, today)?.field).toBe('periodTo');
  });
  it('refuses a completed hunt without a result, or ending after today', () => {
    expect(huntProblem({ ...hunt, result: null }, today)?.field).toBe('result');
    expect(huntProblem({ ...hunt, periodTo: '2026-12-02' }, today)?.field).toBe('periodTo');
  });
  it('refuses a result on a planned hunt, and allows one while in progress', () => {
    expect(huntProblem({ ...hunt, status: 'planned' }, today)?.field).toBe('result');
    expect(huntProblem({ ...hunt, status: 'planned', result: null, periodTo: '2027-01-10' }, today)).toBeNull();
    expect(huntProblem({ ...hunt, status: 'in_progress', result: 'threat_found', periodTo: '2027-01-10' }, today)).toBeNull();
  });
  it('needs a summary of at least 10 characters with a result', () => {
    expect(huntProblem({ ...hunt, resultSummary: 'ok' }, today)?.field).toBe('resultSummary');
    expect(huntProblem({ ...hunt, resultSummary: null }, today)?.field).toBe('resultSummary');
  });
  it("names the provider of a provider's hunt, and none of an in-house one", () => {
    expect(huntProblem({ ...hunt, hunterKind: 'provider' }, today)?.field).toBe('providerAgencyId');
    expect(huntProblem({ ...hunt, hunterKind: 'provider', providerAgencyId: 7 }, today)).toBeNull();
    expect(huntProblem({ ...hunt, providerAgencyId: 7 }, today)?.field).toBe('providerAgencyId');
  });
});

describe('opening an incident', () => {
  it('is for a hunt that found a threat and has not opened one yet', () => {
    expect(mayOpenIncident({ result: 'threat_found', incidentId: null })).toBe(true);
    expect(mayOpenIncident({ result: 'threat_found', incidentId: 4 })).toBe(false);
    expect(mayOpenIncident({ result: 'inconclusive', incidentId: null })).toBe(false);
    expect(mayOpenIncident({ result: null, incidentId: null })).toBe(false);
  });
});

describe('ATT&CK technique ids', () => {
  it('match techniques and sub-techniques only', () => {
    for (const ok of ['T1059', 'T1059.001', 'T1505.003']) expect(ATTACK_TECHNIQUE.test(ok), ok).toBe(true);
    for (const bad of ['T105', 'T10590', 'T1059.01', 't1059', 'TA0001', 'T1059.001.1', 'CVE-2024-1']) expect(ATTACK_TECHNIQUE.test(bad), bad).toBe(false);
  });
});

describe('quarters', () => {
  it('count a hunt in the quarter its period ends in, written "Quý IV/2026"', () => {
    expect(quarterOf('2026-10-01')).toBe('2026-Q4');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterLabel('2026-Q4', 'vi')).toBe('Quý IV/2026');
    expect(quarterLabel('2026-Q2', 'vi')).toBe('Quý II/2026');
    expect(quarterLabel('2026-Q4', 'en')).toBe('Q4 2026');
  });
  it('have their first and last day', () => {
    expect(quarterBounds('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterBounds('2024-Q1').to).toBe('2024-03-31');
    expect(quarterBounds('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});

describe("the security unit's hunts of the shared systems", () => {
  it('are due the interval after the last completed one, and owed with none', () => {
    expect(sharedHuntState('2026-06-12', 6, today)).toEqual({ dueOn: '2026-12-12', overdue: false });
    expect(sharedHuntState('2026-05-31', 6, today)).toEqual({ dueOn: '2026-11-30', overdue: true });
    expect(sharedHuntState(null, 6, today)).toEqual({ dueOn: null, overdue: true });
  });
});
