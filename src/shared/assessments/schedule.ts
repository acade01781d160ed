/**
 * When a system is due for its next vulnerability scan and its next independent assessment.
 * Scans: every 6 months (SCAN_INTERVAL_CITATIONS). Assessments: by level, levels 1–2 every 2 years,
 * 3–4 every year, 5 every 6 months (ASSESSMENT_INTERVAL_CITATIONS in compliance.ts).
 */
import type { Citation } from '../legal/citation.ts';
import { addMonths, nextAssessmentDue } from '../requirements/compliance.ts';

/** Months between vulnerability scans; the server's SQL schedule uses it too (modules/scans/facts.ts). */
export const SCAN_INTERVAL_MONTHS = 6;
/** Clauses 1 and 2 of Directive 15/CT-UBND of Quảng Nam (2022): agencies and the department scan at least once every 6 months. */
export const SCAN_INTERVAL_CITATIONS: readonly Citation[] = [
  { instrument: 'quang-nam-directive-15-2022', clause: 1 },
  { instrument: 'quang-nam-directive-15-2022', clause: 2 },
];

export const nextScanDue = (lastScanOn: string | null) => (lastScanOn ? addMonths(lastScanOn, SCAN_INTERVAL_MONTHS) : null);

export type ScheduleInput = {
  status: string;
  /** The approved level, else the proposed one; null when the system is not classified. */
  level: number | null;
  goLiveOn: string | null;
  lastScanOn: string | null;
  lastAssessedOn: string | null;
};

export type Schedule = {
  nextScanDue: string | null;
  /** Scanned in the 6 months up to today (the indicator). */
  scannedWithin6Months: boolean;
  /** In operation and not scanned in 6 months (never scanned counts). */
  scanOverdue: boolean;
  nextAssessmentDue: string | null;
  /** In operation with a known due date that has passed. */
  assessmentOverdue: boolean;
};

/** Only systems in operation owe scans and assessments; planned and retired ones are never overdue. */
export function systemSchedule(s: ScheduleInput, today: string): Schedule {
  const operating = s.status === 'in_operation';
  const scanDue = nextScanDue(s.lastScanOn);
  const scannedWithin6Months = scanDue !== null && scanDue >= today;
  const assessmentDue = s.level ? nextAssessmentDue(s.level, s.lastAssessedOn, s.goLiveOn) : null;
  return {
    nextScanDue: scanDue,
    scannedWithin6Months,
    scanOverdue: operating && !scannedWithin6Months,
    nextAssessmentDue: assessmentDue,
    assessmentOverdue: operating && assessmentDue !== null && assessmentDue < today,
  };
}
