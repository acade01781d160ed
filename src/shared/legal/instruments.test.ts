import { describe, expect, it } from 'vitest';
import data from '../../../data/legal/instruments.json' with { type: 'json' };
import { INSTRUMENTS, InstrumentList, inForceOn, instrumentById, standingOn, type Instrument } from './instruments.ts';

const DAY = '2026-12-01';
const valid: Instrument = {
  id: 'decree-1-2020',
  kindVi: 'Nghị định',
  kindEn: 'Decree',
  number: '1/2020/NĐ-CP',
  nameVi: null,
  nameEn: null,
  titleVi: 'Thử',
  titleEn: 'Test',
  issuerVi: 'Chính phủ',
  issuerEn: 'Government',
  issuedOn: '2020-01-01',
  issuedIn: null,
  inForceFrom: '2020-02-01',
  inForceUntil: null,
  replacedBy: null,
  status: 'in_force',
  checkedOn: DAY,
  noteVi: null,
  noteEn: null,
  sources: [{ kind: 'official_text', ref: 'somewhere', read: 'Art. 1' }],
};
const problems = (list: unknown[]) => {
  const r = InstrumentList.safeParse(list);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('the legal registry data', () => {
  it('parses with the schema and holds every instrument issue 14 asks for', () => {
    expect(InstrumentList.safeParse(data).success).toBe(true);
    for (const id of [
      'law-86-2015',
      'law-116-2025',
      'law-24-2018',
      'decree-85-2016',
      'circular-12-2022',
      'circular-03-2017',
      'decision-05-2017',
      'circular-20-2017',
      'decree-13-2023',
      'law-91-2025',
      'directive-14-2018',
      'directive-14-2019',
      'directive-18-2022',
      'directive-09-2024',
      'directive-41-2020',
      'dispatch-33-2024',
      'decree-30-2020',
      'decree-02-2025',
      'vinh-phuc-directive-2023',
      'thanh-hoa-letter-2024',
      'quang-nam-directive-15-2022',
      'bac-giang-letter-2236-2019',
      'hai-phong-letter-812-2024',
    ]) {
      expect(() => instrumentById(id), id).not.toThrow();
    }
    expect(new Set(INSTRUMENTS.map((i) => i.id)).size).toBe(INSTRUMENTS.length);
  });

  it('records the dates as the sources give them', () => {
    expect(instrumentById('law-116-2025')).toMatchObject({ issuedOn: '2025-12-10', inForceFrom: '2026-07-01', status: 'in_force' });
    for (const id of ['law-86-2015', 'law-24-2018'])
      expect(instrumentById(id)).toMatchObject({ inForceUntil: '2026-07-01', replacedBy: 'law-116-2025', status: 'replaced' });
    expect(instrumentById('decree-13-2023')).toMatchObject({ inForceFrom: '2023-07-01', inForceUntil: '2026-01-01', replacedBy: 'decree-356-2025' });
    expect(instrumentById('law-91-2025')).toMatchObject({ inForceFrom: '2026-01-01', status: 'in_force' });
    expect(instrumentById('circular-03-2017')).toMatchObject({ replacedBy: 'circular-12-2022', status: 'replaced' });
    expect(instrumentById('quang-nam-directive-15-2022').issuedOn).toBe('2022-11-09');
    expect(instrumentById('bac-giang-letter-2236-2019').issuedOn).toBe('2019-06-27');
    expect(instrumentById('hai-phong-letter-812-2024').issuedOn).toBe('2024-04-12');
    expect(instrumentById('dispatch-33-2024').issuedOn).toBe('2024-04-07');
  });

  it('leaves unknown days blank rather than guessing them', () => {
    expect(instrumentById('vinh-phuc-directive-2023')).toMatchObject({ number: null, issuedOn: null, issuedIn: '2023-06', status: 'to_confirm' });
    expect(instrumentById('thanh-hoa-letter-2024')).toMatchObject({ number: null, issuedOn: null, issuedIn: '2024', status: 'to_confirm' });
    expect(instrumentById('circular-12-2022')).toMatchObject({ issuedOn: '2022-08-12', inForceFrom: null, status: 'to_confirm' });
    for (const i of INSTRUMENTS.filter((x) => x.status === 'to_confirm')) expect(i.noteVi && i.noteEn, i.id).toBeTruthy();
  });
});

describe('the registry schema', () => {
  it('accepts a consistent instrument', () => {
    expect(problems([valid])).toEqual([]);
  });

  it('refuses duplicate ids and a replacement it does not hold', () => {
    expect(problems([valid, valid])).toContain('duplicate id decree-1-2020');
    expect(problems([{ ...valid, status: 'replaced', replacedBy: 'law-9-2099', inForceUntil: '2026-01-01' }])).toContain(
      'decree-1-2020: replacedBy law-9-2099 is not in the registry',
    );
  });

  it('refuses dates that are not calendar days', () => {
    expect(InstrumentList.safeParse([{ ...valid, inForceFrom: '2026-02-30' }]).success).toBe(false);
    expect(InstrumentList.safeParse([{ ...valid, issuedOn: '01/02/2020' }]).success).toBe(false);
    expect(InstrumentList.safeParse([{ ...valid, issuedOn: null, issuedIn: '2023-13' }]).success).toBe(false);
  });

  it('checks the status against the dates on the day it was checked', () => {
    expect(problems([{ ...valid, inForceUntil: '2026-07-01' }])).toContain(`decree-1-2020: not in force on ${DAY} by its dates`);
    expect(problems([{ ...valid, inForceFrom: '2027-01-01' }])).toContain(`decree-1-2020: not in force on ${DAY} by its dates`);
    expect(problems([{ ...valid, inForceFrom: null }])).toContain(`decree-1-2020: not in force on ${DAY} by its dates`);
    expect(problems([{ ...valid, status: 'expired' }])).toContain(`decree-1-2020: no end date on or before ${DAY}`);
    expect(problems([{ ...valid, status: 'expired', inForceUntil: '2026-06-30' }])).toEqual([]);
    expect(problems([{ ...valid, status: 'replaced' }])).toContain('decree-1-2020: replaced by nothing');
    expect(problems([valid, { ...valid, id: 'decree-2-2020', status: 'replaced', replacedBy: 'decree-1-2020', inForceUntil: '2027-01-01' }])).toContain(
      `decree-2-2020: still in force on ${DAY} by its dates`,
    );
    expect(problems([{ ...valid, status: 'to_confirm' }])).toContain('decree-1-2020: to_confirm without a note of what is unknown');
    expect(problems([{ ...valid, status: 'to_confirm', noteVi: 'Chưa rõ ngày', noteEn: 'Day unknown' }])).toEqual([]);
  });

  it('refuses dates out of order and an instrument with neither number nor name', () => {
    expect(problems([{ ...valid, inForceFrom: '2019-12-31' }])).toContain('decree-1-2020: in force before it was issued');
    expect(problems([{ ...valid, status: 'expired', inForceUntil: '2020-02-01' }])).toContain('decree-1-2020: ends before it starts');
    expect(problems([{ ...valid, number: null }])).toContain('decree-1-2020: no number and no name');
  });
});

describe('standing on a day', () => {
  it('is in force only between its dates while its status is in force', () => {
    const law91 = instrumentById('law-91-2025');
    expect(inForceOn(law91, '2025-12-31')).toBe(false);
    expect(inForceOn(law91, '2026-01-01')).toBe(true);
    expect(standingOn(law91, DAY)).toBe('in_force');
    expect(standingOn({ ...valid, inForceUntil: '2027-01-01' }, '2027-01-01')).toBe('not_in_force');
  });

  it('says replaced instruments are not in force and unknown ones are to confirm', () => {
    expect(standingOn(instrumentById('decree-13-2023'), DAY)).toBe('not_in_force');
    expect(standingOn(instrumentById('law-86-2015'), DAY)).toBe('not_in_force');
    expect(standingOn(instrumentById('decree-85-2016'), DAY)).toBe('to_confirm');
  });
});
