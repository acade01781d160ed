/**
 * Threat hunting (săn lùng mối nguy hại). Vĩnh Phúc's directive, point 1.đ, asks agencies to move incident response
 * "sang chủ động săn lùng các mối nguy hại để phòng ngừa, ngăn chặn"; Quảng Nam's 15/CT-UBND gives the provincial
 * response team hunting as a standing task (clause 1, second bullet) and asks the Sở Thông tin và Truyền thông to hunt
 * and scan the province's shared systems "tối thiểu 01 lần/6 tháng" (clause 2, first bullet, printed there as "sẵn
 * lòng mỗi nguy hại"). Neither text says what a hunt record holds: the fields below are Khiên's choice.
 */
import type { Citation } from '../legal/citation.ts';
import { addMonths } from '../incidents/readiness.ts';

/** Where agencies are asked to hunt (Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND clause 1, second bullet). */
export const HUNT_CITATIONS: readonly Citation[] = [
  { instrument: 'vinh-phuc-directive-2023', clause: 1, point: 'đ' },
  { instrument: 'quang-nam-directive-15-2022', clause: 1 },
];

export const HUNT_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export type HuntStatus = (typeof HUNT_STATUSES)[number];
export const HUNT_RESULTS = ['no_threat', 'threat_found', 'inconclusive'] as const;
export type HuntResult = (typeof HUNT_RESULTS)[number];
/** Who hunted: the agency's own staff, or an outside provider (a security firm). */
export const HUNTER_KINDS = ['own_staff', 'provider'] as const;
export type HunterKind = (typeof HUNTER_KINDS)[number];

/** A MITRE ATT&CK technique or sub-technique id (T1059, T1059.001): the pattern only, no bundled catalog. */
export const ATTACK_TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

type Problem = { field: string; en: string; vi: string };
type HuntFacts = {
  status: HuntStatus;
  result: HuntResult | null;
  resultSummary: string | null;
  periodFrom: string;
  periodTo: string;
  hunterKind: HunterKind;
  providerAgencyId: number | null;
};

/**
 * What makes a hunt record inconsistent, or null: the period ends on or after it starts; a planned hunt has no
 * result yet; a completed one has a result and has ended (its last day is not after today); a result comes with
 * its summary; a provider's hunt names the provider, an in-house one names none.
 */
export function huntProblem(h: HuntFacts, today: string): Problem | null {
  if (h.periodTo < h.periodFrom) return { field: 'periodTo', en: 'The period cannot end before it starts', vi: 'Ngày kết thúc không được trước ngày bắt đầu' };
  if (h.hunterKind === 'provider' && h.providerAgencyId === null)
    return { field: 'providerAgencyId', en: 'Name the provider that hunted', vi: 'Cần chọn tổ chức cung cấp dịch vụ thực hiện săn lùng' };
  if (h.hunterKind === 'own_staff' && h.providerAgencyId !== null)
    return {
      field: 'providerAgencyId',
      en: 'An in-house hunt has no provider',
      vi: 'Săn lùng do cán bộ của cơ quan thực hiện thì không chọn tổ chức cung cấp',
    };
  if (h.status === 'planned' && h.result !== null)
    return { field: 'result', en: 'A planned hunt has no result yet', vi: 'Đợt săn lùng mới lập kế hoạch chưa có kết quả' };
  if (h.status === 'completed' && h.result === null)
    return { field: 'result', en: 'A completed hunt needs its result', vi: 'Đợt săn lùng đã hoàn thành cần có kết quả' };
  if (h.status === 'completed' && h.periodTo > today)
    return { field: 'periodTo', en: 'A completed hunt cannot end after today', vi: 'Đợt săn lùng đã hoàn thành không thể kết thúc sau ngày hôm nay' };
  if (h.result !== null && (h.resultSummary ?? '').trim().length < 10)
    return { field: 'resultSummary', en: 'Summarize the result (at least 10 characters)', vi: 'Cần tóm tắt kết quả (tối thiểu 10 ký tự)' };
  return null;
}

/** Only a hunt that found a threat opens an incident, and only one. */
export const mayOpenIncident = (h: { result: HuntResult | null; incidentId: number | null }) => h.result === 'threat_found' && h.incidentId === null;

/** The quarter a hunt counts in: the one its period ends in, "2026-Q4". */
export function quarterOf(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
/** "2026-Q4" as people write it: "Quý IV/2026", "Q4 2026". */
export const quarterLabel = (quarter: string, locale: 'vi' | 'en') =>
  locale === 'vi' ? `Quý ${ROMAN[Number(quarter.slice(6)) - 1]}/${quarter.slice(0, 4)}` : `Q${quarter.slice(6)} ${quarter.slice(0, 4)}`;

/** The first and last day of a quarter. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const last = new Date(Date.UTC(y, q * 3, 0)).getUTCDate();
  return { from: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${y}-${String(q * 3).padStart(2, '0')}-${last}` };
}

/**
 * The security unit's hunts of the province's shared systems (Quảng Nam 15/CT-UBND clause 2, first bullet: at least
 * once every 6 months, the province parameter `hunt.sharedSystemsIntervalMonths`): the next one is due that many
 * months after the last completed hunt ended; with none on record it is owed now.
 */
export function sharedHuntState(lastCompletedOn: string | null, months: number, today: string) {
  if (lastCompletedOn === null) return { dueOn: null, overdue: true };
  const dueOn = addMonths(lastCompletedOn, months);
  return { dueOn, overdue: dueOn < today };
}
