/**
 * Deadlines of directive tasks: calendar dates in Asia/Ho_Chi_Minh, one-off or recurring.
 * Every function works on ISO calendar days ("2026-03-20"), never on instants, except `todayVn`
 * (from dates.ts), which turns "now" into the Vietnamese calendar day.
 */
import { todayVn } from './dates.ts';

export type DeadlineRule =
  /** A single date. */
  | { kind: 'once'; date: string }
  /** Every year on day/month, e.g. the yearly report before 15/12. 29/02 falls on 28/02 in common years. */
  | { kind: 'yearly'; month: number; day: number; until?: string | null }
  /** Every quarter on `day` of the quarter's `monthOfQuarter`-th month: the Ministry report is day 20 of month 3. */
  | { kind: 'quarterly'; day: number; monthOfQuarter: number; until?: string | null }
  /** Every `months` months counted from `from` (its day kept, clamped to short months): scans every 6 months. */
  | { kind: 'every_months'; months: number; from: string; until?: string | null }
  /**
   * A standing duty the text sets without any date ("thường xuyên"): no due date, never overdue. Used where a text
   * gives none, rather than a date Khiên would have to invent (the operators' duties of Vĩnh Phúc 7, Quảng Nam 4–5…).
   */
  | { kind: 'standing' };

export type DeadlineKind = DeadlineRule['kind'];
export const DEADLINE_KINDS = ['once', 'yearly', 'quarterly', 'every_months', 'standing'] as const satisfies readonly DeadlineKind[];

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Day `d` of month m/y, or the month's last day when it has fewer days (31/04 → 30/04, 29/02 → 28/02). */
const clampedDay = (y: number, m: number, d: number) => isoDay(y, m, Math.min(d, daysInMonth(y, m)));

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const quarterOf = (day: string) => Math.ceil(parts(day)[1] / 3);

/** First and last day of quarter q (1–4) of year y. */
export function quarterBounds(y: number, q: number): { from: string; to: string } {
  const last = q * 3;
  return { from: isoDay(y, last - 2, 1), to: isoDay(y, last, daysInMonth(y, last)) };
}

/** The last day of the quarter `day` falls in. */
export const endOfQuarter = (day: string) => quarterBounds(parts(day)[0], quarterOf(day)).to;

/** When the quarterly report of quarter q of year y is due (the 20th of the quarter's last month by default). */
export function quarterlyDue(y: number, q: number, rule: { day: number; monthOfQuarter: number } = { day: 20, monthOfQuarter: 3 }): string {
  const month = (q - 1) * 3 + rule.monthOfQuarter;
  return clampedDay(y, month, rule.day);
}

type RecurringRule = Exclude<DeadlineRule, { kind: 'once' } | { kind: 'standing' }>;

/** The occurrences of a recurring rule in year y, in order. */
function occurrencesInYear(rule: RecurringRule, y: number): string[] {
  switch (rule.kind) {
    case 'yearly':
      return [clampedDay(y, rule.month, rule.day)];
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => quarterlyDue(y, q, rule));
    case 'every_months': {
      const [fy, fm, fd] = parts(rule.from);
      const out: string[] = [];
      // Month indexes counted from year 0, so the k-th occurrence is from + k·months with the original day.
      const start = fy * 12 + (fm - 1);
      for (let index = y * 12; index < (y + 1) * 12; index++) {
        const offset = index - start;
        if (offset >= 0 && offset % rule.months === 0) out.push(clampedDay(y, (index % 12) + 1, fd));
      }
      return out;
    }
  }
}

const untilOf = (rule: RecurringRule) => rule.until ?? null;

/** The first due date on or after `day`; null when the rule has no more. */
export function nextOccurrence(rule: DeadlineRule, day: string): string | null {
  if (rule.kind === 'standing') return null;
  if (rule.kind === 'once') return rule.date >= day ? rule.date : null;
  const until = untilOf(rule);
  if (until && until < day) return null;
  if (rule.kind === 'every_months' && day <= rule.from) return until && rule.from > until ? null : rule.from;
  const [y] = parts(day);
  // A year always holds an occurrence of a recurring rule unless it runs every more than 12 months.
  const horizon = rule.kind === 'every_months' ? Math.ceil(rule.months / 12) + 1 : 1;
  for (let year = y; year <= y + horizon; year++) {
    const found = occurrencesInYear(rule, year).find((d) => d >= day);
    if (found) return until && found > until ? null : found;
  }
  return null;
}

/** The last due date strictly before `day`; null when there is none. */
export function previousOccurrence(rule: DeadlineRule, day: string): string | null {
  if (rule.kind === 'standing') return null;
  if (rule.kind === 'once') return rule.date < day ? rule.date : null;
  const until = untilOf(rule);
  const before = until && until < day ? addDays(until, 1) : day;
  const [y] = parts(before);
  const horizon = rule.kind === 'every_months' ? Math.ceil(rule.months / 12) + 1 : 1;
  for (let year = y; year >= y - horizon; year--) {
    const found = occurrencesInYear(rule, year)
      .filter((d) => d < before)
      .pop();
    if (found) return found;
  }
  return null;
}

/** Due dates from `from` to `to`, both included. */
export function occurrencesBetween(rule: DeadlineRule, from: string, to: string): string[] {
  const out: string[] = [];
  for (let next = nextOccurrence(rule, from); next && next <= to; next = nextOccurrence(rule, addDays(next, 1))) out.push(next);
  return out;
}

/** Where a dated obligation stands on the Vietnamese calendar day of `now`. */
export type DeadlineState = 'overdue' | 'due_today' | 'due_soon' | 'upcoming';

export function deadlineState(dueOn: string, now: Date = new Date(), soonDays = 7): DeadlineState {
  const left = daysBetween(todayVn(now), dueOn);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due_today';
  return left <= soonDays ? 'due_soon' : 'upcoming';
}

/** Validates a rule's own consistency (the zod schema checks types and ranges). */
export function ruleProblem(rule: DeadlineRule): { en: string; vi: string } | null {
  if (rule.kind === 'yearly' && rule.day > daysInMonth(2024, rule.month)) {
    return { en: `Month ${rule.month} has no day ${rule.day}`, vi: `Tháng ${rule.month} không có ngày ${rule.day}` };
  }
  if (rule.kind === 'every_months' && rule.until && rule.until < rule.from) {
    return { en: 'The end date is before the first deadline', vi: 'Ngày kết thúc trước hạn đầu tiên' };
  }
  return null;
}

const dm = (d: number, m: number) => `${pad(d)}/${pad(m)}`;
const viDate = (day: string) => day.split('-').reverse().join('/');

/** The rule in words, as a directive would write it. */
export function describeRule(rule: DeadlineRule, lang: 'vi' | 'en' = 'vi'): string {
  const until =
    rule.kind !== 'once' && rule.kind !== 'standing' && rule.until ? (lang === 'vi' ? ` (đến ${viDate(rule.until)})` : ` (until ${viDate(rule.until)})`) : '';
  switch (rule.kind) {
    case 'once':
      return lang === 'vi' ? `Trước ngày ${viDate(rule.date)}` : `By ${viDate(rule.date)}`;
    case 'yearly':
      return (lang === 'vi' ? `Hằng năm, trước ngày ${dm(rule.day, rule.month)}` : `Every year by ${dm(rule.day, rule.month)}`) + until;
    case 'quarterly': {
      const month = ['', 'đầu', 'giữa', 'cuối'][rule.monthOfQuarter];
      const monthEn = ['', 'first', 'second', 'last'][rule.monthOfQuarter];
      return (lang === 'vi' ? `Hằng quý, trước ngày ${rule.day} tháng ${month} quý` : `Every quarter by day ${rule.day} of its ${monthEn} month`) + until;
    }
    case 'every_months':
      return (
        (lang === 'vi' ? `Định kỳ ${rule.months} tháng một lần, từ ngày ${viDate(rule.from)}` : `Every ${rule.months} months from ${viDate(rule.from)}`) + until
      );
    case 'standing':
      return lang === 'vi' ? 'Thường xuyên (văn bản không ấn định thời hạn)' : 'Standing (the text sets no deadline)';
  }
}
