import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addWorkingDays, calendarOf, isConfirmedBetween, isWorkingDay, onOrNextWorkingDay, VN_CALENDAR, type HolidayYear } from './working-days.ts';

const cal = VN_CALENDAR;

describe('working days', () => {
  it('skips weekends and does not count the starting day', () => {
    expect(addWorkingDays('2026-03-05', 1, cal)).toBe('2026-03-06'); // Thursday → Friday
    expect(addWorkingDays('2026-03-06', 1, cal)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays('2026-03-07', 5, cal)).toBe('2026-03-13'); // received on a Saturday: Monday to Friday
    expect(addWorkingDays('2026-03-05', 0, cal)).toBe('2026-03-05');
    expect(() => addWorkingDays('2026-03-05', -1, cal)).toThrow();
    expect(() => addWorkingDays('2026-03-05', 1.5, cal)).toThrow();
  });

  it('counts across Tết Bính Ngọ: nine days off from 14/02 to 22/02/2026', () => {
    for (const d of ['2026-02-14', '2026-02-16', '2026-02-17', '2026-02-20', '2026-02-22']) expect(isWorkingDay(d, cal)).toBe(false);
    expect(isWorkingDay('2026-02-13', cal)).toBe(true);
    expect(isWorkingDay('2026-02-23', cal)).toBe(true);
    // Received on Thursday 12/02: Friday 13/02 is the first working day, then 23–26/02.
    expect(addWorkingDays('2026-02-12', 5, cal)).toBe('2026-02-26');
    // Received on the eve of the break: the seven working days of approval end on 03/03.
    expect(addWorkingDays('2026-02-13', 7, cal)).toBe('2026-03-03');
  });

  it("knows the swapped New Year day, the observed Hùng Kings' day and the National Day break of 2026", () => {
    expect(isWorkingDay('2026-01-02', cal)).toBe(false);
    expect(isWorkingDay('2026-01-10', cal)).toBe(true); // a Saturday worked in exchange
    expect(addWorkingDays('2026-01-08', 2, cal)).toBe('2026-01-10');
    expect(isWorkingDay('2026-04-27', cal)).toBe(false);
    expect(addWorkingDays('2026-04-24', 3, cal)).toBe('2026-05-04'); // 27/04, 30/04, 01/05 off
    expect(addWorkingDays('2026-08-28', 1, cal)).toBe('2026-09-03');
  });

  it('moves a date falling on a day off to the next working day', () => {
    expect(onOrNextWorkingDay('2026-02-16', cal)).toBe('2026-02-23');
    expect(onOrNextWorkingDay('2026-02-23', cal)).toBe('2026-02-23');
  });

  it('tells whether a period runs through a year whose days off are not announced', () => {
    expect(isConfirmedBetween('2026-02-01', '2026-12-31', cal)).toBe(true);
    expect(isConfirmedBetween('2026-12-20', '2027-01-10', cal)).toBe(false);
    expect(isConfirmedBetween('2025-12-30', '2026-01-05', cal)).toBe(false);
  });

  it('builds a calendar from any years', () => {
    const c = calendarOf([{ year: 2030, confirmed: true, daysOff: [{ date: '2030-01-01', nameVi: 'x', nameEn: 'x' }], workingWeekendDays: [] }]);
    expect(isWorkingDay('2030-01-01', c)).toBe(false);
    expect(isConfirmedBetween('2030-01-01', '2030-02-01', c)).toBe(true);
  });
});

describe('the holiday files', () => {
  const dir = path.resolve(import.meta.dirname, '../../../data/holidays');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('are all loaded into the calendar', () => {
    const years = files.map((f) => Number(f.slice(0, 4)));
    const loaded = new Set([...VN_CALENDAR.daysOff].map((d) => Number(d.slice(0, 4))));
    for (const y of years) expect(loaded.has(y), `data/holidays/${y}.json is imported in working-days.ts`).toBe(true);
  });

  it.each(files)('%s holds real dates of its own year, weekdays off and weekend days worked, with sources', (f) => {
    const y = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as HolidayYear & { sources: string[]; toConfirm: string[] };
    expect(y.year).toBe(Number(f.slice(0, 4)));
    expect(y.sources.length).toBeGreaterThan(0);
    if (!y.confirmed) expect(y.toConfirm.length).toBeGreaterThan(0);
    for (const d of y.daysOff) {
      expect(new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.date);
      expect(d.date.slice(0, 4)).toBe(String(y.year));
      expect([0, 6], `${d.date} is a weekday`).not.toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
    }
    for (const d of y.workingWeekendDays) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });
});
