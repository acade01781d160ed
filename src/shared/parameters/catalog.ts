/**
 * The targets, deadlines and intervals that provinces and instruments set, as data: each key has periods of effect,
 * each period its value and the instrument (and clause) it comes from. The province's periods are seeded from
 * data/province-parameters.json and edited on the admin page by adding a period, never by changing a past one.
 * `parameterAt` is the one place a value is looked up for a day; the server's SQL does the same lookup
 * (modules/parameters/sql.ts).
 */
import type { Citation } from '../legal/citation.ts';

type Definition = { kind: 'number' | 'date'; unit: string; vi: string; en: string };

export const PARAMETERS = {
  'antimalware.deadline.provincial': {
    kind: 'date',
    unit: 'date',
    vi: 'Hạn phòng chống mã độc tập trung: cơ quan cấp tỉnh',
    en: 'Centralized anti-malware deadline: provincial agencies',
  },
  'antimalware.deadline.local': {
    kind: 'date',
    unit: 'date',
    vi: 'Hạn phòng chống mã độc tập trung: cấp huyện, xã',
    en: 'Centralized anti-malware deadline: districts and communes',
  },
  'antimalware.deadline.service': {
    kind: 'date',
    unit: 'date',
    vi: 'Hạn phòng chống mã độc tập trung: trường học, bệnh viện',
    en: 'Centralized anti-malware deadline: schools and hospitals',
  },
  'scan.intervalMonths': { kind: 'number', unit: 'months', vi: 'Chu kỳ rà quét lỗ hổng', en: 'Vulnerability scan interval' },
  'hunt.sharedSystemsIntervalMonths': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ săn lùng mối nguy hại trên hệ thống thông tin dùng chung của tỉnh',
    en: "Threat hunting interval for the province's shared systems",
  },
  'assessment.intervalMonths.level1': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ kiểm tra, đánh giá độc lập: cấp độ 1',
    en: 'Independent assessment interval: level 1',
  },
  'assessment.intervalMonths.level2': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ kiểm tra, đánh giá độc lập: cấp độ 2',
    en: 'Independent assessment interval: level 2',
  },
  'assessment.intervalMonths.level3': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ kiểm tra, đánh giá độc lập: cấp độ 3',
    en: 'Independent assessment interval: level 3',
  },
  'assessment.intervalMonths.level4': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ kiểm tra, đánh giá độc lập: cấp độ 4',
    en: 'Independent assessment interval: level 4',
  },
  'assessment.intervalMonths.level5': {
    kind: 'number',
    unit: 'months',
    vi: 'Chu kỳ kiểm tra, đánh giá độc lập: cấp độ 5',
    en: 'Independent assessment interval: level 5',
  },
  'inspections.perYear': {
    kind: 'number',
    unit: 'rounds',
    vi: 'Số đợt kiểm tra tuân thủ tối thiểu mỗi năm',
    en: 'Compliance inspection rounds a year, at least',
  },
  'report.quarterlyDueDay': {
    kind: 'number',
    unit: 'day_of_month',
    vi: 'Hạn báo cáo quý: trước ngày … của tháng cuối quý',
    en: "Quarterly report due: before this day of the quarter's last month",
  },
  'report.yearlyDueDay': { kind: 'date', unit: 'day_of_year', vi: 'Hạn báo cáo năm về thực hiện chỉ thị', en: 'Yearly directive report due' },
  'report.yearlyContributionDueDay': {
    kind: 'date',
    unit: 'day_of_year',
    vi: 'Hạn các cơ quan gửi kết quả thực hiện cho báo cáo năm',
    en: "Agencies' contributions to the yearly report due",
  },
  'budget.securitySharePercent': {
    kind: 'number',
    unit: 'percent',
    vi: 'Tỷ lệ kinh phí ATTT tối thiểu trong kế hoạch, dự án CNTT',
    en: 'Minimum security share of IT budgets',
  },
  'training.targetPercent': { kind: 'number', unit: 'percent', vi: 'Cán bộ được tập huấn kỹ năng ATTT', en: 'Staff trained on security' },
  'responseTeam.minimum': { kind: 'number', unit: 'experts', vi: 'Số chuyên gia tối thiểu của đội ứng cứu sự cố', en: 'Minimum experts on the response team' },
} as const satisfies Record<string, Definition>;
export type ParameterKey = keyof typeof PARAMETERS;
export const PARAMETER_KEYS = Object.keys(PARAMETERS) as [ParameterKey, ...ParameterKey[]];

/** One period of a parameter: from `effectiveFrom` up to, not including, `effectiveUntil` (open-ended when null). */
export type ParameterPeriod = {
  key: ParameterKey;
  /** A number, a date (yyyy-MM-dd) or a day of the year (MM-dd), as the key's definition says. */
  value: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  citation: Citation;
};

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_OF_YEAR = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** What is wrong with a value for the key, or null: numbers positive, dates as yyyy-MM-dd, days of the year as MM-dd. */
export function valueProblem(key: ParameterKey, value: string): string | null {
  const def: Definition = PARAMETERS[key];
  if (def.unit === 'day_of_year') return DAY_OF_YEAR.test(value) ? null : 'MM-dd';
  if (def.kind === 'date') return DATE.test(value) ? null : 'yyyy-MM-dd';
  return /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 ? null : 'number';
}

/** The period in effect on `day` (yyyy-MM-dd); periods of a key never overlap, so there is at most one. */
export function periodAt<P extends ParameterPeriod>(periods: readonly P[], key: ParameterKey, day: string): P | undefined {
  return periods.find((p) => p.key === key && p.effectiveFrom <= day && (p.effectiveUntil === null || day < p.effectiveUntil));
}

/** The value in effect on `day`; throws when the province has none, since every rule reading it needs one. */
export function parameterAt(periods: readonly ParameterPeriod[], key: ParameterKey, day: string): string {
  const p = periodAt(periods, key, day);
  if (!p) throw new Error(`no value of ${key} in effect on ${day}`);
  return p.value;
}
export const numberAt = (periods: readonly ParameterPeriod[], key: ParameterKey, day: string) => Number(parameterAt(periods, key, day));

/** The values in effect on one day, the way the rules read them. */
export type ParametersOn = {
  day: string;
  number: (key: ParameterKey) => number;
  text: (key: ParameterKey) => string;
  /** The value in effect, or undefined where the province has none that day (a deadline not set, say). */
  maybe: (key: ParameterKey) => string | undefined;
  /** Where the value in effect comes from. */
  citation: (key: ParameterKey) => Citation;
};
export const parametersOn = (periods: readonly ParameterPeriod[], day: string): ParametersOn => ({
  day,
  number: (key) => numberAt(periods, key, day),
  text: (key) => parameterAt(periods, key, day),
  maybe: (key) => periodAt(periods, key, day)?.value,
  citation: (key) => {
    const p = periodAt(periods, key, day);
    if (!p) throw new Error(`no value of ${key} in effect on ${day}`);
    return p.citation;
  },
});
