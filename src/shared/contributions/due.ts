/**
 * The yearly report's call for contributions: when the agencies' contributions and the security unit's own report
 * are due, and whether an agency's contribution is late. Both days are province parameters: the agencies' day
 * `report.yearlyContributionDueDay` (10/12 in the demo province, from Thanh Hóa 1.d) and the unit's own
 * `report.yearlyDueDay` (15/12, Vĩnh Phúc 2.l and Thanh Hóa 2.c). As for every deadline in Khiên, the day named
 * ("trước ngày 10/12") is the due day, and a contribution is late from the day after it.
 */
import { periodAt, type ParameterPeriod } from '../parameters/catalog.ts';
import { daysBetween } from '../core/recurrence.ts';
import type { Citation } from '../legal/citation.ts';

/**
 * The security unit's own clauses: report the directive's results to the People's Committee yearly before 15/12
 * (Vĩnh Phúc 2.l); compile the agencies' results and draft the Chairman's report before 15/12 (Thanh Hóa 2.c).
 */
export const YEARLY_REPORT_BASIS: readonly Citation[] = [
  { instrument: 'vinh-phuc-directive-2023', clause: 2, point: 'l' },
  { instrument: 'thanh-hoa-letter-2024', clause: 2, point: 'c' },
];
/** The agencies' clause: report their results to the Chairman through the Sở before 10/12 yearly (Thanh Hóa 1.d). */
export const CONTRIBUTION_BASIS: Citation = { instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'd' };
/**
 * The obligations the yearly report screen carries instead of directive tasks, each with its clause and the day the
 * text names (`dueDay`, MM-dd; the province parameters hold the days in force): shown on their directive's page.
 */
export const YEARLY_REPORT_OBLIGATIONS = [
  {
    citation: YEARLY_REPORT_BASIS[0]!,
    dueDay: '12-15',
    vi: 'Đơn vị chuyên trách báo cáo UBND tỉnh kết quả thực hiện Chỉ thị hằng năm, trước ngày 15/12.',
    en: "The security unit reports the directive's results to the Provincial People's Committee every year, before 15/12.",
  },
  {
    citation: CONTRIBUTION_BASIS,
    dueDay: '12-10',
    vi: 'Các cơ quan, đơn vị báo cáo Chủ tịch UBND tỉnh kết quả thực hiện (qua Sở Thông tin và Truyền thông) trước ngày 10/12 hằng năm.',
    en: 'Agencies report their results to the Chairman of the Provincial People’s Committee (through the Department) before 10/12 every year.',
  },
  {
    citation: YEARLY_REPORT_BASIS[1]!,
    dueDay: '12-15',
    vi: 'Đơn vị chuyên trách tổng hợp kết quả của các cơ quan, đơn vị; dự thảo báo cáo của Chủ tịch UBND tỉnh gửi Bộ trước ngày 15/12 hằng năm.',
    en: "The security unit compiles the agencies' results and drafts the Chairman's report to the Ministry before 15/12 every year.",
  },
] as const satisfies readonly { citation: Citation; dueDay: string; vi: string; en: string }[];
/** Every clause the yearly report screen carries. */
export const YEARLY_REPORT_CITATIONS: readonly Citation[] = YEARLY_REPORT_OBLIGATIONS.map((o) => o.citation);

/** Days before the due day that an agency is reminded of a contribution it has not sent. */
export const CONTRIBUTION_NOTICE_DAYS = 7;

export type YearlyDueDays = { contributionsDueOn: string; reportDueOn: string };

/**
 * The two due days of a year, by the parameters in effect on the year's last day; null where the province has set
 * either day for no period covering it (the call cannot be opened then).
 */
export function yearlyDueDays(year: number, periods: readonly ParameterPeriod[]): YearlyDueDays | null {
  const day = `${year}-12-31`;
  const contributions = periodAt(periods, 'report.yearlyContributionDueDay', day)?.value;
  const report = periodAt(periods, 'report.yearlyDueDay', day)?.value;
  return contributions && report ? { contributionsDueOn: `${year}-${contributions}`, reportDueOn: `${year}-${report}` } : null;
}

export const CONTRIBUTION_STATES = ['awaited', 'late', 'submitted', 'submitted_late'] as const;
export type ContributionState = (typeof CONTRIBUTION_STATES)[number];

/**
 * Where a contribution stands on `today`: sent (on time, or after the due day), or awaited (still in time, or late).
 * `submittedOn` is the Vietnamese calendar day it was first sent.
 */
export function contributionState(c: { submittedOn: string | null }, dueOn: string, today: string): ContributionState {
  if (c.submittedOn) return c.submittedOn > dueOn ? 'submitted_late' : 'submitted';
  return today > dueOn ? 'late' : 'awaited';
}

/**
 * The reminder an unsent contribution calls for today in an open call: within CONTRIBUTION_NOTICE_DAYS of the due
 * day, or late. A window rather than a day, so a scheduler that was down catches up.
 */
export function contributionReminder(c: { submittedOn: string | null }, dueOn: string, today: string): 'contribution_due' | 'contribution_late' | null {
  if (c.submittedOn) return null;
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'contribution_late';
  return left <= CONTRIBUTION_NOTICE_DAYS ? 'contribution_due' : null;
}
