/**
 * Working days of Vietnamese state agencies: Monday to Friday, less the public holidays and the Government's
 * announced breaks, plus the Saturdays worked in exchange. The calendar of each year is data
 * (data/holidays/<year>.json, with its sources and what is still to confirm); a year that is missing or not yet
 * announced counts weekends only and makes any period running through it provisional.
 */
import y2026 from '../../../data/holidays/2026.json' with { type: 'json' };
import y2027 from '../../../data/holidays/2027.json' with { type: 'json' };
import { addDays } from './recurrence.ts';

type Day = { date: string; nameVi: string; nameEn: string };
export type HolidayYear = { year: number; confirmed: boolean; daysOff: Day[]; workingWeekendDays: Day[] };

export type WorkingCalendar = {
  daysOff: ReadonlySet<string>;
  /** Saturdays or Sundays worked in exchange for a weekday off. */
  workedWeekendDays: ReadonlySet<string>;
  /** Years whose days off have been announced. */
  confirmedYears: ReadonlySet<number>;
};

export function calendarOf(years: HolidayYear[]): WorkingCalendar {
  return {
    daysOff: new Set(years.flatMap((y) => y.daysOff.map((d) => d.date))),
    workedWeekendDays: new Set(years.flatMap((y) => y.workingWeekendDays.map((d) => d.date))),
    confirmedYears: new Set(years.filter((y) => y.confirmed).map((y) => y.year)),
  };
}

/** The calendar of the years held in data/holidays. */
export const VN_CALENDAR = calendarOf([y2026, y2027]);

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

export function isWorkingDay(day: string, cal: WorkingCalendar): boolean {
  if (cal.workedWeekendDays.has(day)) return true;
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !cal.daysOff.has(day);
}

/** `day` if it is a working day, else the first working day after it. */
export function onOrNextWorkingDay(day: string, cal: WorkingCalendar): string {
  let d = day;
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/**
 * The n-th working day after `day`, which itself is not counted ("within 5 working days of receipt": received on
 * a Thursday, the first day counted is the Friday). n = 0 is `day`.
 */
export function addWorkingDays(day: string, n: number, cal: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays: ${n} is not a count of days`);
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Whether every day from `from` to `to` lies in an announced year of the calendar. */
export function isConfirmedBetween(from: string, to: string, cal: WorkingCalendar): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!cal.confirmedYears.has(y)) return false;
  return true;
}
