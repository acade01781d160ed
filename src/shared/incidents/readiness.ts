/**
 * Readiness for incidents: every system keeps a response plan and playbooks under review, systems of level 3 and
 * above exercise at least once a year, and the provincial response team has the minimum of qualified experts the
 * province sets. Each rule's source is in the *_CITATIONS beside it, or the parameter's period.
 */
import { formatCitation, type Citation } from '../legal/citation.ts';
import type { ParametersOn } from '../parameters/catalog.ts';

/** Every system has a response plan and playbooks, kept up to date. */
export const RESPONSE_PLAN_CITATIONS: readonly Citation[] = [
  { instrument: 'directive-18-2022' },
  { instrument: 'vinh-phuc-directive-2023', clause: 1, point: 'đ' },
  { instrument: 'quang-nam-directive-15-2022', clause: 1 },
];

/** Calendar dates are YYYY-MM-DD strings (Vietnamese calendar days). */
type IsoDate = string;

/** `date` moved by whole months, clamped to the month's last day (2025-03-31 − 1 month → 2025-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A plan document is due for review once its next review date has passed. */
export const reviewOverdue = (nextReviewOn: IsoDate | null, today: IsoDate) => nextReviewOn !== null && nextReviewOn < today;

/** Systems of this level and above must take part in an exercise every 12 months. */
export const EXERCISE_CITATIONS: readonly Citation[] = [
  { instrument: 'quang-nam-directive-15-2022', clause: 2 },
  { instrument: 'vinh-phuc-directive-2023', clause: 2, point: 'h' },
];
export const EXERCISE_LEVEL = 3;
export const EXERCISE_EVERY_MONTHS = 12;

/** Does the system need an exercise now (it is level 3+ and its last one, if any, is more than 12 months old)? */
export function exerciseOverdue(level: number | null, lastExerciseOn: IsoDate | null, today: IsoDate): boolean {
  if (level === null || level < EXERCISE_LEVEL) return false;
  return lastExerciseOn === null || lastExerciseOn < addMonths(today, -EXERCISE_EVERY_MONTHS);
}

/** The plan that counts for a system: its newest plan document (playbooks come on top of it). */
export function currentPlan<T extends { kind: string; issuedOn: IsoDate; id: number }>(docs: readonly T[]): T | null {
  return docs.filter((d) => d.kind === 'plan').sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.id - a.id)[0] ?? null;
}

/** Certificates expiring within this many days are flagged. */
export const CERTIFICATE_WARNING_DAYS = 60;

export type RosterMember = { id: number; active: boolean; certificates: { expiresOn: IsoDate | null }[] };

export const certificateValid = (c: { expiresOn: IsoDate | null }, today: IsoDate) => c.expiresOn === null || c.expiresOn >= today;

/** Qualified: an active member holding at least one certificate valid today. */
export const isQualified = (m: RosterMember, today: IsoDate) => m.active && m.certificates.some((c) => certificateValid(c, today));

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The team against its minimum of qualified experts: the province parameter `responseTeam.minimum` (5 in the demo
 * province, from clause 2 of the Vĩnh Phúc directive, which prints that point as a second "d)": point đ in sequence).
 */
export function teamStrength(members: readonly RosterMember[], p: ParametersOn) {
  const today = p.day;
  const minimum = p.number('responseTeam.minimum');
  const horizon = addDays(today, CERTIFICATE_WARNING_DAYS);
  const active = members.filter((m) => m.active);
  const qualified = active.filter((m) => isQualified(m, today));
  // Members who are qualified today but whose every valid certificate runs out within the warning window.
  const expiringSoon = qualified.filter((m) => m.certificates.every((c) => !certificateValid(c, today) || (c.expiresOn !== null && c.expiresOn <= horizon)));
  return {
    required: minimum,
    requiredSource: formatCitation(p.citation('responseTeam.minimum')),
    active: active.length,
    qualified: qualified.length,
    underStrength: qualified.length < minimum,
    /** Qualified members who lose their qualification within the warning window unless they renew. */
    expiringSoonIds: expiringSoon.map((m) => m.id),
    /** Would the team drop under strength when those certificates expire? */
    atRisk: qualified.length - expiringSoon.length < minimum,
  };
}
