import { describe, expect, it } from 'vitest';
import { parametersOn } from '../parameters/catalog.ts';
import { SEEDED_PERIODS } from '../parameters/province.ts';
import { addDays, addMonths, currentPlan, exerciseOverdue, reviewOverdue, teamStrength, type RosterMember } from './readiness.ts';

describe('calendar helpers', () => {
  it('moves by months and clamps to the end of the month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
    expect(addMonths('2025-12-10', 1)).toBe('2026-01-10');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});

describe('plans and exercises', () => {
  it('flags a plan once its next review date has passed', () => {
    expect(reviewOverdue('2026-05-01', '2026-05-01')).toBe(false);
    expect(reviewOverdue('2026-04-30', '2026-05-01')).toBe(true);
    expect(reviewOverdue(null, '2026-05-01')).toBe(false);
  });

  it('takes the newest plan document, not a playbook, as the current plan', () => {
    const docs = [
      { id: 1, kind: 'plan', issuedOn: '2024-01-10' },
      { id: 2, kind: 'playbook', issuedOn: '2025-06-01' },
      { id: 3, kind: 'plan', issuedOn: '2025-02-01' },
    ];
    expect(currentPlan(docs)?.id).toBe(3);
    expect(currentPlan(docs.filter((d) => d.kind === 'playbook'))).toBeNull();
  });

  it('wants a yearly exercise from systems of level 3 and above only', () => {
    const today = '2026-06-15';
    expect(exerciseOverdue(3, null, today)).toBe(true);
    expect(exerciseOverdue(3, '2025-06-15', today)).toBe(false);
    expect(exerciseOverdue(4, '2025-06-14', today)).toBe(true);
    expect(exerciseOverdue(2, null, today)).toBe(false);
    expect(exerciseOverdue(null, null, today)).toBe(false);
  });
});

describe('team strength', () => {
  const today = '2026-06-15';
  const P = parametersOn(SEEDED_PERIODS, today);
  const member = (id: number, expiresOn: (string | null)[], active = true): RosterMember => ({
    id,
    active,
    certificates: expiresOn.map((e) => ({ expiresOn: e })),
  });

  it('counts active members holding a valid certificate against the minimum of five', () => {
    const roster = [
      member(1, [null]),
      member(2, ['2027-01-01']),
      member(3, ['2026-06-15']),
      member(4, ['2026-06-14']),
      member(5, []),
      member(6, [null], false),
    ];
    expect(teamStrength(roster, P)).toMatchObject({ required: 5, active: 5, qualified: 3, underStrength: true });
    const full = [1, 2, 3, 4, 5].map((id) => member(id, [null]));
    expect(teamStrength(full, P)).toMatchObject({ qualified: 5, underStrength: false, atRisk: false, expiringSoonIds: [] });
  });

  it('cites the Vĩnh Phúc directive for the minimum of five, not Decision 05/2017', () => {
    const { requiredSource } = teamStrength([], P);
    expect(requiredSource).toMatch(/^Điểm đ khoản 2 .*Vĩnh Phúc/);
    expect(requiredSource).not.toContain('05/2017');
  });

  it('warns about certificates running out within 60 days', () => {
    const roster = [1, 2, 3, 4].map((id) => member(id, [null])).concat(member(5, ['2026-07-01']), member(6, ['2026-07-01', '2030-01-01']));
    const s = teamStrength(roster, P);
    expect(s).toMatchObject({ qualified: 6, underStrength: false, expiringSoonIds: [5], atRisk: false });
    const tight = [1, 2, 3, 4].map((id) => member(id, [null])).concat(member(5, ['2026-08-01']));
    expect(teamStrength(tight, P)).toMatchObject({ underStrength: false, atRisk: true, expiringSoonIds: [5] });
  });
});
