/**
 * When a system is due for its next vulnerability scan and its next independent assessment, by the province
 * parameters in effect (`scan.intervalMonths`, `assessment.intervalMonths.level<n>`). The server's SQL schedule
 * (modules/scans/facts.ts, modules/assessments/schedule.ts) reads the same parameters.
 */
import type { ParametersOn } from '../parameters/catalog.ts';
import { addMonths, nextAssessmentDue } from '../requirements/compliance.ts';

export const nextScanDue = (lastScanOn: string | null, p: ParametersOn) => (lastScanOn ? addMonths(lastScanOn, p.number('scan.intervalMonths')) : null);

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
  /** Scanned within the interval up to today (the indicator). */
  scannedWithin6Months: boolean;
  /** In operation and not scanned within the interval (never scanned counts). */
  scanOverdue: boolean;
  nextAssessmentDue: string | null;
  /** In operation with a known due date that has passed. */
  assessmentOverdue: boolean;
};

/** Only systems in operation owe scans and assessments; planned and retired ones are never overdue. */
export function systemSchedule(s: ScheduleInput, p: ParametersOn): Schedule {
  const today = p.day;
  const operating = s.status === 'in_operation';
  const scanDue = nextScanDue(s.lastScanOn, p);
  const scannedWithin6Months = scanDue !== null && scanDue >= today;
  const assessmentDue = s.level ? nextAssessmentDue(s.level, s.lastAssessedOn, s.goLiveOn, p) : null;
  return {
    nextScanDue: scanDue,
    scannedWithin6Months,
    scanOverdue: operating && !scannedWithin6Months,
    nextAssessmentDue: assessmentDue,
    assessmentOverdue: operating && assessmentDue !== null && assessmentDue < today,
  };
}
