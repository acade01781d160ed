import { describe, expect, it } from 'vitest';
import { VN_CALENDAR } from '../core/working-days.ts';
import { formatCitation } from '../legal/citation.ts';
import { dossierDeadlines, dueOn, timeLimit, type StageEvent } from './deadlines.ts';
import type { Flow } from './workflow.ts';

const cal = VN_CALENDAR;
const plain: Flow = { opinion: false, list: false };
const level5: Flow = { opinion: true, list: true };
const ev = (toState: StageEvent['toState'], on: string): StageEvent => ({ toState, on });

describe('dossier time limits', () => {
  it('are 5 working days to check completeness, 15 or 30 days to appraise, 7 working days to approve', () => {
    expect(timeLimit('completeness', 1)).toMatchObject({ days: 5, unit: 'working' });
    expect(timeLimit('appraisal', 1)).toBeNull();
    expect(timeLimit('appraisal', 2)).toBeNull();
    expect(timeLimit('appraisal', 3)).toMatchObject({ days: 15, unit: 'calendar' });
    expect(timeLimit('appraisal', 4)).toMatchObject({ days: 30, unit: 'calendar' });
    expect(timeLimit('appraisal', 5)).toMatchObject({ days: 30, unit: 'calendar' });
    expect(timeLimit('approval', 4)).toMatchObject({ days: 7, unit: 'working' });
  });

  it('cite the clause each comes from', () => {
    expect(formatCitation(timeLimit('completeness', 3)!.citation)).toBe('Khoản 3 Điều 14 Thông tư số 03/2017/TT-BTTTT');
    expect(formatCitation(timeLimit('appraisal', 3)!.citation)).toBe('Điểm a khoản 2 Điều 16 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation(timeLimit('appraisal', 5)!.citation)).toBe('Điểm b khoản 2 Điều 16 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation(timeLimit('approval', 1)!.citation)).toBe('Khoản 2 Điều 17 Nghị định số 85/2016/NĐ-CP');
  });

  it('move a calendar-day limit ending in Tết to the next working day', () => {
    // Complete on 01/02/2026: the 15th day is Monday 16/02, in the Tết break; the limit ends on 23/02.
    expect(dueOn('2026-02-01', timeLimit('appraisal', 3)!, cal)).toBe('2026-02-23');
    expect(dueOn('2026-03-02', timeLimit('appraisal', 3)!, cal)).toBe('2026-03-17');
    expect(dueOn('2026-02-12', timeLimit('completeness', 3)!, cal)).toBe('2026-02-26');
  });
});

describe('the deadlines of a dossier', () => {
  it('has none before it is submitted', () => {
    expect(dossierDeadlines(3, plain, [ev('draft', '2026-02-01')], cal, '2026-03-01')).toEqual([]);
  });

  it('tracks a dossier received just before Tết through completeness, appraisal and approval', () => {
    const events = [ev('draft', '2026-02-02'), ev('submitted', '2026-02-12'), ev('under_appraisal', '2026-02-25'), ev('appraised', '2026-03-16')];
    const [check, appraisal, approval] = dossierDeadlines(3, plain, events, cal, '2026-03-20');
    expect(check).toMatchObject({
      stage: 'completeness',
      startedOn: '2026-02-12',
      dueOn: '2026-02-26',
      doneOn: '2026-02-25',
      status: 'met',
      provisional: false,
    });
    expect(appraisal).toMatchObject({ stage: 'appraisal', startedOn: '2026-02-25', dueOn: '2026-03-12', doneOn: '2026-03-16', status: 'late' });
    expect(approval).toMatchObject({ stage: 'approval', startedOn: '2026-03-16', dueOn: '2026-03-25', doneOn: null, status: 'running' });
    expect(dossierDeadlines(3, plain, events, cal, '2026-03-26')[2]!.status).toBe('overdue');
    expect(dossierDeadlines(3, plain, events, cal, '2026-03-25')[2]!.status).toBe('running');
  });

  it('has no appraisal limit for levels 1–2', () => {
    const events = [ev('submitted', '2026-03-02'), ev('under_appraisal', '2026-03-03'), ev('appraised', '2026-05-04')];
    expect(dossierDeadlines(2, plain, events, cal, '2026-05-05').map((d) => d.stage)).toEqual(['completeness', 'approval']);
  });

  it('starts again from a resubmission', () => {
    const events = [ev('submitted', '2026-03-02'), ev('returned', '2026-03-04'), ev('submitted', '2026-04-01')];
    expect(dossierDeadlines(3, plain, events, cal, '2026-04-02')).toEqual([
      expect.objectContaining({ stage: 'completeness', startedOn: '2026-04-01', dueOn: '2026-04-08', doneOn: null }),
    ]);
  });

  it("counts a level-5 approval from the Prime Minister's list, not from the appraisal", () => {
    const events = [ev('submitted', '2026-03-02'), ev('under_appraisal', '2026-03-05'), ev('appraised', '2026-03-30'), ev('listed', '2026-06-01')];
    const got = dossierDeadlines(5, level5, events, cal, '2026-06-02');
    expect(got.map((d) => d.stage)).toEqual(['completeness', 'appraisal', 'approval']);
    expect(got[1]).toMatchObject({ dueOn: '2026-04-06', doneOn: '2026-03-30', status: 'met' }); // 04/04 is a Saturday
    expect(got[2]).toMatchObject({ startedOn: '2026-06-01', dueOn: '2026-06-10' });
  });

  it('marks as provisional a period running into a year whose days off are not announced', () => {
    const events = [ev('submitted', '2026-12-28')];
    expect(dossierDeadlines(3, plain, events, cal, '2026-12-29')[0]).toMatchObject({ dueOn: '2027-01-05', provisional: true });
  });
});
