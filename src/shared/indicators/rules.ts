/**
 * The indicators the directives set for every agency (DOMAIN.md §4): their arithmetic, targets,
 * red/amber/green status and the composite score used to rank agencies. Pure functions, shared by
 * the server (dashboard API, reports) and the web UI.
 */
import type { Citation } from '../legal/citation.ts';
import { instrumentById } from '../legal/instruments.ts';
import type { ParameterKey, ParametersOn } from '../parameters/catalog.ts';
import { seededCitations } from '../parameters/province.ts';

/** A point of a clause of the Vĩnh Phúc directive (2023), the source of most agency-level targets. */
const VP = (clause: number, point: string): Citation => ({ instrument: 'vinh-phuc-directive-2023', clause, point });

/** A share: numerator over denominator. An empty denominator means "nothing to measure", not 0%. */
export type Ratio = { num: number; den: number };
/** Statuses from best to worst; `none` when there is nothing to measure. */
export const RAGS = ['none', 'green', 'amber', 'red'] as const;
export type Rag = (typeof RAGS)[number];

export const pct = (r: Ratio): number | null => (r.den > 0 ? Math.round((r.num / r.den) * 1000) / 10 : null);
const addRatio = (a: Ratio, b: Ratio): Ratio => ({ num: a.num + b.num, den: a.den + b.den });
const yes = (b: boolean): Ratio => ({ num: b ? 1 : 0, den: 1 });

/**
 * The agencies' link to the province's security operations centre: "duy trì liên tục, ổn định kết nối, chia sẻ thông
 * tin với Trung tâm điều hành an toàn, an ninh mạng của tỉnh" (Thanh Hóa, 1.d), recorded as the 4th layer's evidence.
 */
export const SOC_LINK_CITATIONS: readonly Citation[] = [{ instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'd' }];
/** Connected on `today`: the link has started and has not stopped (a stop on a later day is still ahead). */
export const socConnected = (link: { connectedOn: string; disconnectedOn: string | null } | null | undefined, today: string) =>
  !!link && link.connectedOn <= today && (!link.disconnectedOn || link.disconnectedOn > today);
/** Agency tiers: the anti-malware deadline (a province parameter per tier) and the dashboard drill-down follow them. */
export const TIERS = {
  provincial: {
    kinds: ['province_committee', 'department', 'police', 'military', 'public_unit'],
    vi: 'Cấp tỉnh',
    en: 'Provincial level',
    deadlineKey: 'antimalware.deadline.provincial',
  },
  local: { kinds: ['district_committee', 'commune_committee'], vi: 'Cấp huyện, xã', en: 'Districts and communes', deadlineKey: 'antimalware.deadline.local' },
  service: { kinds: ['school', 'hospital'], vi: 'Trường học, bệnh viện', en: 'Schools and hospitals', deadlineKey: 'antimalware.deadline.service' },
} as const satisfies Record<string, { kinds: readonly string[]; vi: string; en: string; deadlineKey: ParameterKey }>;
export type Tier = keyof typeof TIERS;
export const tierOf = (kind: string): Tier | null => (Object.keys(TIERS) as Tier[]).find((t) => (TIERS[t].kinds as readonly string[]).includes(kind)) ?? null;

/** What one agency reports for a period, plus what its systems show. */
export type AgencyFigures = {
  kind: string;
  servers: number;
  workstations: number;
  protectedEndpoints: number;
  staffTotal: number;
  staffTrained: number;
  budgetTotal: number;
  budgetSecurity: number;
  layers: [boolean, boolean, boolean, boolean];
  contactDesignated: boolean;
  contactPublished: boolean;
  cleanCyberspace: boolean;
  pdpSelfAssessment: boolean;
  systems: { total: number; approved: number; planDeployed: number; responsePlan: number; scanned: number; assessmentOnTime: number };
};

export const INDICATOR_IDS = [
  'antimalware',
  'approvedLevel',
  'planDeployed',
  'responsePlan',
  'scanned',
  'assessmentOnTime',
  'budget',
  'training',
  'fourLayers',
  'contactPoint',
  'cleanCyberspace',
  'pdp',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];
/** Indicators the agencies report each quarter, so with a trend; the systems-derived ones exist only as of today. */
export const TREND_IDS = ['antimalware', 'training', 'budget', 'fourLayers', 'cleanCyberspace', 'pdp'] as const satisfies readonly IndicatorId[];

type Definition = {
  vi: string;
  en: string;
  /** Where the indicator and its target come from (every instrument it cites on some day). */
  citations: readonly Citation[];
  /** Those in force on a day, where that changes with the day. */
  citationsOn?: (day: string) => readonly Citation[];
  /** Target share in percent, or the province parameter that sets it. */
  target: number | ParameterKey;
  /** Composite score weight (sums to 100). */
  weight: number;
  /** Per agency. Agency-level yes/no indicators count agencies: 1 of 1 or 0 of 1. */
  measure: (f: AgencyFigures) => Ratio;
};

export const INDICATORS: Record<IndicatorId, Definition> = {
  antimalware: {
    vi: 'Máy chủ, máy trạm cài phần mềm phòng chống mã độc tập trung',
    en: 'Servers and workstations under centralized anti-malware',
    citations: [
      { instrument: 'directive-14-2018' },
      ...seededCitations('antimalware.deadline.provincial', 'antimalware.deadline.local', 'antimalware.deadline.service'),
    ],
    target: 100,
    weight: 15,
    measure: (f) => ({ num: Math.min(f.protectedEndpoints, f.servers + f.workstations), den: f.servers + f.workstations }),
  },
  approvedLevel: {
    vi: 'Hệ thống được phê duyệt cấp độ',
    en: 'Systems with an approved level',
    citations: [{ instrument: 'directive-09-2024' }, { instrument: 'dispatch-33-2024', clause: 1, point: 'a', item: '(3)' }],
    target: 100,
    weight: 15,
    measure: (f) => ({ num: f.systems.approved, den: f.systems.total }),
  },
  planDeployed: {
    vi: 'Hệ thống triển khai đầy đủ phương án bảo đảm ATTT',
    en: 'Systems with the security plan fully deployed',
    citations: [{ instrument: 'directive-09-2024' }, { instrument: 'dispatch-33-2024', clause: 1, point: 'a', item: '(3)' }],
    target: 100,
    weight: 10,
    measure: (f) => ({ num: f.systems.planDeployed, den: f.systems.total }),
  },
  responsePlan: {
    vi: 'Hệ thống có phương án, kịch bản ứng cứu sự cố',
    en: 'Systems with an incident response plan',
    citations: [{ instrument: 'directive-18-2022' }, VP(1, 'đ'), { instrument: 'quang-nam-directive-15-2022', clause: 1 }],
    target: 100,
    weight: 10,
    measure: (f) => ({ num: f.systems.responsePlan, den: f.systems.total }),
  },
  scanned: {
    vi: 'Hệ thống được rà quét lỗ hổng trong 6 tháng',
    en: 'Systems scanned in the last 6 months',
    citations: seededCitations('scan.intervalMonths'),
    target: 100,
    weight: 10,
    measure: (f) => ({ num: f.systems.scanned, den: f.systems.total }),
  },
  assessmentOnTime: {
    vi: 'Hệ thống kiểm tra, đánh giá định kỳ đúng hạn',
    en: 'Systems with periodic assessment on time',
    citations: [
      ...seededCitations(
        'assessment.intervalMonths.level1',
        'assessment.intervalMonths.level2',
        'assessment.intervalMonths.level3',
        'assessment.intervalMonths.level4',
        'assessment.intervalMonths.level5',
      ),
      { instrument: 'decree-85-2016' },
    ],
    target: 100,
    weight: 5,
    measure: (f) => ({ num: f.systems.assessmentOnTime, den: f.systems.total }),
  },
  budget: {
    vi: 'Tỷ lệ kinh phí cho ATTT trong kế hoạch, dự án CNTT',
    en: 'Security share of IT budgets',
    citations: [
      { instrument: 'directive-14-2019' },
      { instrument: 'dispatch-33-2024', clause: 1, point: 'a', item: '(5)' },
      ...seededCitations('budget.securitySharePercent'),
    ],
    target: 'budget.securitySharePercent',
    weight: 10,
    measure: (f) => ({ num: f.budgetSecurity, den: f.budgetTotal }),
  },
  training: {
    vi: 'Cán bộ được phổ biến, tập huấn kỹ năng ATTT',
    en: 'Staff informed and trained on security',
    citations: seededCitations('training.targetPercent'),
    target: 'training.targetPercent',
    weight: 10,
    measure: (f) => ({ num: Math.min(f.staffTrained, f.staffTotal), den: f.staffTotal }),
  },
  fourLayers: {
    vi: 'Triển khai đủ mô hình bảo vệ 4 lớp',
    en: 'All four protection layers in place',
    citations: [{ instrument: 'directive-41-2020' }, VP(2, 'c'), { instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'd' }],
    target: 100,
    weight: 8,
    measure: (f) => yes(f.layers.every(Boolean)),
  },
  contactPoint: {
    vi: 'Cử và công bố đầu mối ATTT',
    en: 'Security contact point designated and published',
    citations: [VP(1, 'b'), { instrument: 'quang-nam-directive-15-2022', clause: 1 }, { instrument: 'bac-giang-letter-2236-2019', clause: 1 }],
    target: 100,
    weight: 4,
    measure: (f) => yes(f.contactDesignated && f.contactPublished),
  },
  cleanCyberspace: {
    vi: 'Tham gia chiến dịch làm sạch mã độc năm nay',
    en: "Took part in this year's clean-cyberspace campaign",
    citations: [VP(1, 'e'), VP(2, 'e')],
    target: 100,
    weight: 1.5,
    measure: (f) => yes(f.cleanCyberspace),
  },
  pdp: {
    vi: 'Tự đánh giá bảo vệ dữ liệu cá nhân',
    en: 'Personal data protection self-assessment',
    citations: [{ instrument: 'law-91-2025' }, { instrument: 'decree-13-2023' }, VP(1, 'g')],
    // The Personal Data Protection Law from the day it takes effect (01/01/2026), Decree 13/2023 before it.
    citationsOn: (day) => [{ instrument: personalDataLaw(day) }, VP(1, 'g')],
    target: 100,
    weight: 1.5,
    measure: (f) => yes(f.pdpSelfAssessment),
  },
};

const LAW_91 = instrumentById('law-91-2025');
const personalDataLaw = (day: string) => (LAW_91.inForceFrom !== null && day >= LAW_91.inForceFrom ? 'law-91-2025' : 'decree-13-2023');

/** What an indicator cites on a day. */
export const indicatorCitations = (id: IndicatorId, day: string): readonly Citation[] => INDICATORS[id].citationsOn?.(day) ?? INDICATORS[id].citations;

/** The target in percent on the parameters' day. */
const targetOf = (id: IndicatorId, p: ParametersOn): number => {
  const t = INDICATORS[id].target;
  return typeof t === 'number' ? t : p.number(t);
};

export type IndicatorValue = {
  id: IndicatorId;
  num: number;
  den: number;
  percent: number | null;
  target: number;
  rag: Rag;
  /** The deadline the province set for reaching the target; null where none is set (then it is never "overdue"). */
  deadline: string | null;
};

/**
 * Red/amber/green of a share against its target.
 * Green: target met. With a deadline: red once it has passed, amber before.
 * Without one: amber within 80% of the target, red below (budget: amber from half the target).
 */
export function ragOf(percent: number | null, target: number, opts: { deadline?: string | null; today?: string } = {}): Rag {
  if (percent === null) return 'none';
  if (percent >= target) return 'green';
  if (opts.deadline && opts.today) return opts.today > opts.deadline ? 'red' : 'amber';
  return percent >= target * 0.8 || (target <= 10 && percent >= target / 2) ? 'amber' : 'red';
}

/** The status in words: "overdue" and "within the deadline" only where a deadline exists. */
export function ragLabel(v: Pick<IndicatorValue, 'rag' | 'deadline'>, locale: 'vi' | 'en' = 'vi'): string {
  const vi = {
    green: 'Đạt',
    amber: v.deadline ? 'Chưa đạt (còn hạn)' : 'Chưa đạt',
    red: v.deadline ? 'Không đạt, quá hạn' : 'Không đạt',
    none: 'Chưa có số liệu',
  };
  const en = {
    green: 'Met',
    amber: v.deadline ? 'Not met (before the deadline)' : 'Not met',
    red: v.deadline ? 'Not met, overdue' : 'Not met',
    none: 'No data',
  };
  return (locale === 'vi' ? vi : en)[v.rag];
}

/** The indicators of one agency, by the province parameters in effect on the parameters' day (today). */
export function agencyIndicators(f: AgencyFigures, p: ParametersOn): IndicatorValue[] {
  return INDICATOR_IDS.map((id) => {
    const r = INDICATORS[id].measure(f);
    const percent = pct(r);
    const target = targetOf(id, p);
    const deadline = id === 'antimalware' ? (p.maybe(TIERS[tierOf(f.kind) ?? 'provincial'].deadlineKey) ?? null) : null;
    return { id, ...r, percent, target, rag: ragOf(percent, target, { deadline, today: p.day }), deadline };
  });
}

/**
 * Indicators of a group of agencies: shares summed. Anti-malware deadlines differ by tier, so a group
 * short of the target is red when a member is past its deadline, amber otherwise; its deadline is its members' earliest.
 */
export function combineIndicators(members: IndicatorValue[][], p: ParametersOn): IndicatorValue[] {
  return INDICATOR_IDS.map((id, i) => {
    const rows = members.map((m) => m[i]!);
    const r = rows.reduce<Ratio>((acc, v) => addRatio(acc, v), { num: 0, den: 0 });
    const percent = pct(r);
    const target = targetOf(id, p);
    const deadline =
      rows
        .map((v) => v.deadline)
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null;
    const rag = id === 'antimalware' && percent !== null && percent < target ? (rows.some((v) => v.rag === 'red') ? 'red' : 'amber') : ragOf(percent, target);
    return { id, ...r, percent, target, rag, deadline };
  });
}

export const worstRag = (rags: Rag[]): Rag => rags.reduce((w, r) => (RAGS.indexOf(r) > RAGS.indexOf(w) ? r : w), 'none');

/**
 * Composite score 0–100: the weighted mean of each indicator's attainment (share ÷ target, at most 1).
 * Indicators with nothing to measure (e.g. no systems) are left out and the weights of the rest rescaled,
 * so an agency is neither rewarded nor punished for what it does not have.
 */
export function compositeScore(values: IndicatorValue[]): number | null {
  let weight = 0;
  let sum = 0;
  for (const v of values) {
    if (v.percent === null) continue;
    const w = INDICATORS[v.id].weight;
    weight += w;
    sum += w * Math.min(1, v.percent / v.target);
  }
  return weight ? Math.round((sum / weight) * 1000) / 10 : null;
}

/** Reporting periods are quarters: "2026-Q4". */
export function periodOf(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
}
export const PERIOD_RE = /^\d{4}-Q[1-4]$/;
/** "2026-Q4" as people write it: "Quý 4/2026", "Q4 2026". */
export const periodLabel = (period: string, locale: 'vi' | 'en') =>
  locale === 'vi' ? `Quý ${period.slice(6)}/${period.slice(0, 4)}` : `Q${period.slice(6)} ${period.slice(0, 4)}`;
export function previousPeriods(period: string, count: number): string[] {
  let [y, q] = [Number(period.slice(0, 4)), Number(period.slice(6))];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}
export const yearOf = (period: string) => Number(period.slice(0, 4));
