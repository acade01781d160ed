/** Baseline requirement tracking (TCVN 11930:2017, REQUIREMENT_CATALOG_CITATIONS) and assessment schedule arithmetic. */
import type { Citation } from '../legal/citation.ts';
import type { ParametersOn } from '../parameters/catalog.ts';

/** The baseline catalog (data/requirements.json) groups requirements as the standard does; each entry cites its section. */
export const REQUIREMENT_CATALOG_CITATIONS: readonly Citation[] = [{ instrument: 'tcvn-11930-2017' }];

export const REQUIREMENT_STATUSES = ['not_started', 'in_progress', 'met', 'not_applicable'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export type Tally = { applicable: number; met: number };

/** A tracked requirement as the count sees it. */
export type TrackedRequirement = {
  status: RequirementStatus;
  /** Set by a law or directive for every system of its levels (data/requirements.json `basis`). */
  minimum: boolean;
  /** Someone with `requirements.approveNotApplicable` approved the "not applicable" and its reason. */
  notApplicableApproved: boolean;
};

/**
 * Leaves the tally only when "not applicable" is approved and the requirement is not a minimum one: until it is
 * approved, and always for a minimum requirement, it counts as applicable and not met, so it never makes a plan
 * "fully deployed". The database's tally (refresh_system_tally, migrations) applies the same rule.
 */
export const excusedFromTally = (r: TrackedRequirement) => r.status === 'not_applicable' && r.notApplicableApproved && !r.minimum;

export function tally(rows: readonly TrackedRequirement[]): Tally {
  return {
    applicable: rows.filter((r) => !excusedFromTally(r)).length,
    met: rows.filter((r) => r.status === 'met').length,
  };
}

/** Share met, one decimal; null when nothing applies (no denominator is not 0% nor 100%). */
export function percent(t: Tally): number | null {
  if (!t.applicable) return null;
  return Math.round((t.met / t.applicable) * 1000) / 10;
}

export const sumTallies = (ts: readonly Tally[]): Tally =>
  ts.reduce((acc, t) => ({ applicable: acc.applicable + t.applicable, met: acc.met + t.met }), { applicable: 0, met: 0 });

/**
 * Independent assessment interval of a level, in months: the province parameter `assessment.intervalMonths.level<n>`
 * (24, 24, 12, 12, 6 in the demo province, from Official Dispatch 33/CĐ-TTg; data/province-parameters.json).
 */
export const assessmentIntervalMonths = (level: number, p: ParametersOn): number =>
  p.number(`assessment.intervalMonths.level${Math.min(5, Math.max(1, level)) as 1 | 2 | 3 | 4 | 5}`);

/** Adds months to an ISO date (yyyy-MM-dd), clamping to the month's last day (31/01 + 1 month = 28/02). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** When the next assessment is due: from the last one, else from go-live; null if neither is known. */
export function nextAssessmentDue(level: number, lastAssessedOn: string | null, goLiveOn: string | null, p: ParametersOn): string | null {
  const from = lastAssessedOn ?? goLiveOn;
  return from ? addMonths(from, assessmentIntervalMonths(level, p)) : null;
}

/**
 * Conditions a requirement may carry besides its levels (`condition` in data/requirements.json).
 * `test_system_personal_data`: a test system that collects, processes or stores personal information is secured like a
 * system in real operation (Vĩnh Phúc directive 1.g), so the requirement applies to it. The SQL function
 * requirement_condition_holds (migration 0022) is the same rule for the database's tally and queries.
 */
export const REQUIREMENT_CONDITIONS = ['test_system_personal_data'] as const;
export type RequirementCondition = (typeof REQUIREMENT_CONDITIONS)[number];
export const REQUIREMENT_CONDITION_CITATIONS: Record<RequirementCondition, readonly Citation[]> = {
  test_system_personal_data: [{ instrument: 'vinh-phuc-directive-2023', clause: 1, point: 'g' }],
};
const PERSONAL_KINDS = ['personal', 'sensitive_personal'];

export function conditionHolds(condition: RequirementCondition | null, system: { environment: string; dataKinds: readonly string[] }): boolean {
  if (!condition) return true;
  return system.environment === 'test' && system.dataKinds.some((k) => PERSONAL_KINDS.includes(k));
}
