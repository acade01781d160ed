/** Reminder kinds users can choose to receive, and the pure rules deciding when a task reminder is due. */
import { daysBetween } from '../core/recurrence.ts';

export const REMINDER_KINDS = [
  'task_due_7',
  'task_due_1',
  'task_overdue',
  'dossier_awaiting_appraisal',
  'dossier_completeness_due',
  'dossier_appraisal_due',
  'dossier_approval_due',
  'incident_assigned',
  'incident_closing_report_due',
  'warning_received',
  'remediation_overdue',
  'assessment_due',
  'scan_due',
  'signature_token_expiring',
  'finding_due',
  'finding_overdue',
  'finding_exception_expiring',
  'contribution_due',
  'contribution_late',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_KIND_LABELS: Record<ReminderKind, { vi: string; en: string }> = {
  task_due_7: { vi: 'Nhiệm vụ đến hạn trong 7 ngày', en: 'Tasks due within 7 days' },
  task_due_1: { vi: 'Nhiệm vụ đến hạn trong 1 ngày', en: 'Tasks due within 1 day' },
  task_overdue: { vi: 'Nhiệm vụ quá hạn', en: 'Overdue tasks' },
  dossier_awaiting_appraisal: { vi: 'Hồ sơ cấp độ chờ thẩm định', en: 'Level dossiers awaiting appraisal' },
  dossier_completeness_due: { vi: 'Hồ sơ cấp độ sắp hết hạn kiểm tra tính hợp lệ', en: 'Level dossiers: completeness check due' },
  dossier_appraisal_due: { vi: 'Hồ sơ cấp độ sắp hết thời hạn thẩm định', en: 'Level dossiers: appraisal due' },
  dossier_approval_due: { vi: 'Hồ sơ cấp độ sắp hết thời hạn phê duyệt', en: 'Level dossiers: approval due' },
  incident_assigned: { vi: 'Sự cố được giao xử lý', en: 'Incidents assigned to me' },
  incident_closing_report_due: { vi: 'Báo cáo kết thúc ứng phó sự cố đến hạn', en: 'Incident closing reports due' },
  warning_received: { vi: 'Cảnh báo ATTT mới', en: 'Security warnings received' },
  remediation_overdue: { vi: 'Xử lý cảnh báo ATTT quá hạn', en: 'Warning remediation overdue' },
  assessment_due: { vi: 'Kiểm tra, đánh giá ATTT sắp đến hạn', en: 'Security assessments coming due' },
  scan_due: { vi: 'Rà quét lỗ hổng sắp đến hạn', en: 'Vulnerability scans coming due' },
  signature_token_expiring: { vi: 'Chứng thư số chuyên dùng sắp hết hạn', en: 'Special-use signature certificates expiring' },
  finding_due: { vi: 'Lỗ hổng được giao sắp đến hạn khắc phục', en: 'Assigned findings coming due' },
  finding_overdue: { vi: 'Lỗ hổng quá hạn khắc phục', en: 'Overdue findings' },
  finding_exception_expiring: { vi: 'Chấp nhận rủi ro, báo động giả sắp hết hiệu lực', en: 'Accepted risks and false positives about to lapse' },
  contribution_due: { vi: 'Sắp đến hạn gửi kết quả cho báo cáo năm', en: 'Contribution to the yearly report coming due' },
  contribution_late: { vi: 'Quá hạn gửi kết quả cho báo cáo năm', en: 'Contribution to the yearly report late' },
};

/**
 * Which task reminder a due date calls for today: within 1 day (today or tomorrow), within 7 days, or overdue.
 * Windows rather than exact days, so a scheduler that was down catches up the next time it runs.
 */
export function taskReminderKind(dueOn: string, today: string): Extract<ReminderKind, 'task_due_7' | 'task_due_1' | 'task_overdue'> | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'task_overdue';
  if (left <= 1) return 'task_due_1';
  if (left <= 7) return 'task_due_7';
  return null;
}

/** Days before a dossier's time limit ends that its reminder goes out. */
const DOSSIER_AHEAD_DAYS = 2;

/**
 * Which dossier time-limit reminder a due day calls for today: due within DOSSIER_AHEAD_DAYS days, or overdue.
 * The occurrence of each is sent once (deliver.ts), so a limit reminds at most twice.
 */
export function dossierReminderStage(dueOn: string, today: string): 'due' | 'overdue' | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= DOSSIER_AHEAD_DAYS ? 'due' : null;
}
