import { describe, expect, it } from 'vitest';
import { parametersOn } from '../parameters/catalog.ts';
import { SEEDED_PERIODS } from '../parameters/province.ts';
import { addDays, missingAnswerField, remediationDue, remediationOutcome, warningReceivedOn } from './remediation.ts';
import { nextScanDue, systemSchedule } from '../assessments/schedule.ts';

describe('remediation deadlines', () => {
  it('uses the warning deadline, else days by severity from the warning date', () => {
    expect(remediationDue({ issuedOn: '2026-11-01', severity: 'critical', deadline: '2026-11-05' })).toBe('2026-11-05');
    expect(remediationDue({ issuedOn: '2026-11-01', severity: 'critical' })).toBe('2026-11-08');
    expect(remediationDue({ issuedOn: '2026-11-01', severity: 'high' })).toBe('2026-11-16');
    expect(remediationDue({ issuedOn: '2026-12-15', severity: 'medium' })).toBe('2027-01-14');
    expect(remediationDue({ issuedOn: '2026-11-01', severity: 'low' })).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
  it("counts an imported warning's days from the day it was received when that is later", () => {
    expect(remediationDue({ issuedOn: '2021-12-10', severity: 'critical', receivedOn: '2026-11-01' })).toBe('2026-11-08');
    expect(remediationDue({ issuedOn: '2026-11-03', severity: 'critical', receivedOn: '2026-11-01' })).toBe('2026-11-10');
    expect(remediationDue({ issuedOn: '2021-12-10', severity: 'critical', deadline: '2021-12-24', receivedOn: '2026-11-01' })).toBe('2021-12-24');
  });
});

describe('the quarterly report: received and answered in time', () => {
  it('dates a warning by the later of its date and the day a feed brought it', () => {
    expect(warningReceivedOn({ issuedOn: '2021-12-10', receivedOn: '2026-11-01' })).toBe('2026-11-01');
    expect(warningReceivedOn({ issuedOn: '2026-11-03', receivedOn: '2026-11-01' })).toBe('2026-11-03');
    expect(warningReceivedOn({ issuedOn: '2026-11-03', receivedOn: null })).toBe('2026-11-03');
  });
  it('counts an answer by its due day as on time, one after it late, no answer open', () => {
    expect(remediationOutcome({ status: 'patched', dueOn: '2026-11-08', resolvedOn: '2026-11-08' })).toBe('on_time');
    expect(remediationOutcome({ status: 'not_affected', dueOn: '2026-11-08', resolvedOn: '2026-11-01' })).toBe('on_time');
    expect(remediationOutcome({ status: 'mitigated', dueOn: '2026-11-08', resolvedOn: '2026-11-09' })).toBe('late');
    expect(remediationOutcome({ status: 'open', dueOn: '2026-11-08', resolvedOn: null })).toBe('open');
  });
});

describe('answers', () => {
  it('requires how, why and who approved, by answer', () => {
    expect(missingAnswerField({ status: 'patched' })).toBeNull();
    expect(missingAnswerField({ status: 'mitigated', response: '' })).toBe('response');
    expect(missingAnswerField({ status: 'mitigated', response: 'Chặn cổng 443 từ Internet bằng tường lửa' })).toBeNull();
    expect(missingAnswerField({ status: 'not_affected', response: 'ok' })).toBe('response');
    expect(missingAnswerField({ status: 'accepted_risk', response: 'Hệ thống sắp thay thế trong quý I' })).toBe('approvedBy');
    expect(missingAnswerField({ status: 'accepted_risk', response: 'Hệ thống sắp thay thế trong quý I', approvedBy: 'Giám đốc Sở Y tế' })).toBeNull();
  });
});

describe('scan and assessment schedule', () => {
  const base = { status: 'in_operation', level: 3, goLiveOn: '2020-01-15', lastScanOn: null, lastAssessedOn: null };
  const today = '2026-11-30';
  const P = parametersOn(SEEDED_PERIODS, today);

  it('wants a scan every 6 months; never scanned is overdue', () => {
    expect(nextScanDue('2026-05-31', P)).toBe('2026-11-30');
    expect(systemSchedule({ ...base, lastScanOn: '2026-05-31' }, P)).toMatchObject({
      scannedWithin6Months: true,
      scanOverdue: false,
      nextScanDue: '2026-11-30',
    });
    expect(systemSchedule({ ...base, lastScanOn: '2026-05-29' }, P)).toMatchObject({ scannedWithin6Months: false, scanOverdue: true });
    expect(systemSchedule(base, P)).toMatchObject({ scannedWithin6Months: false, scanOverdue: true, nextScanDue: null });
  });

  it.each([
    [1, '2024-12-01', '2026-12-01', false],
    [2, '2024-11-29', '2026-11-29', true],
    [3, '2025-12-01', '2026-12-01', false],
    [4, '2025-11-15', '2026-11-15', true],
    [5, '2026-06-01', '2026-12-01', false],
    [5, '2026-05-15', '2026-11-15', true],
  ])('level %i assessed on %s is next due %s (overdue: %s)', (level, lastAssessedOn, due, overdue) => {
    expect(systemSchedule({ ...base, level, lastAssessedOn }, P)).toMatchObject({ nextAssessmentDue: due, assessmentOverdue: overdue });
  });

  it('counts from go-live before the first assessment, and owes nothing when not classified or not operating', () => {
    expect(systemSchedule({ ...base, level: 1, goLiveOn: '2025-06-01' }, P)).toMatchObject({ nextAssessmentDue: '2027-06-01', assessmentOverdue: false });
    expect(systemSchedule({ ...base, level: null }, P)).toMatchObject({ nextAssessmentDue: null, assessmentOverdue: false });
    expect(systemSchedule({ ...base, status: 'retired' }, P)).toMatchObject({ scanOverdue: false, assessmentOverdue: false });
  });
});
