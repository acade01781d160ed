import type { IncidentStatus } from './vocabulary.ts';

/**
 * The case flow the response team runs (Circular 20/2017/TT-BTTTT): a report is received, triaged (accepted,
 * merged into another case as a duplicate, or rejected with a reason), then responded to, contained,
 * recovered and closed. Only the team moves a case; closing needs the closing report.
 */
export const INCIDENT_ACTIONS = ['accept', 'reject', 'merge', 'start_response', 'contain', 'recover', 'close'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

const STEPS: Record<IncidentAction, { from: IncidentStatus[]; to: IncidentStatus }> = {
  accept: { from: ['received'], to: 'triaged' },
  reject: { from: ['received'], to: 'rejected' },
  merge: { from: ['received', 'triaged'], to: 'merged' },
  start_response: { from: ['triaged'], to: 'responding' },
  contain: { from: ['responding'], to: 'contained' },
  recover: { from: ['contained'], to: 'recovered' },
  close: { from: ['recovered'], to: 'closed' },
};

/** The status an action leads to from `status`, or undefined when the flow has no such move. */
export function nextStatus(status: IncidentStatus, action: IncidentAction): IncidentStatus | undefined {
  const step = STEPS[action];
  return step.from.includes(status) ? step.to : undefined;
}

/** What the caller may do to a case in `status`: the team moves cases, nobody else does. */
export function allowedActions(status: IncidentStatus, worksCases: boolean): IncidentAction[] {
  if (!worksCases) return [];
  return INCIDENT_ACTIONS.filter((a) => nextStatus(status, a) !== undefined);
}

/** Ended: no more work, edits or evidence. */
export const isFinal = (s: IncidentStatus) => s === 'closed' || s === 'rejected' || s === 'merged';

/** Open cases: reported and not yet ended. */
export const isOpen = (s: IncidentStatus) => !isFinal(s);

/** A case being worked: accepted and not yet ended (tasks, observables, closing report). */
export const isActiveCase = (s: IncidentStatus) => s === 'triaged' || s === 'responding' || s === 'contained' || s === 'recovered';

/** The reporting agency may still correct its own report until triage. */
export const reporterMayEdit = (s: IncidentStatus) => s === 'received';

export const CLOSING_FIELDS = ['damage', 'rootCause', 'origin', 'actions', 'lessonsLearned'] as const;
export type ClosingField = (typeof CLOSING_FIELDS)[number];
export type ClosingReport = Partial<Record<ClosingField, string | null>>;

/** The closing report (báo cáo kết thúc) must say something in each part before a case can close. */
export function closingReportGaps(report: ClosingReport): ClosingField[] {
  return CLOSING_FIELDS.filter((f) => (report[f]?.trim().length ?? 0) < 5);
}

export type TransitionInput = { reason?: string | null; mergeIntoId?: number | null };

/** Why the action cannot be taken with this input, or null. Scope and state are checked elsewhere. */
export function transitionProblem(
  action: IncidentAction,
  input: TransitionInput,
  incident: { id: number; closing: ClosingReport },
): { field: string; en: string; vi: string } | null {
  if (action === 'reject' && (input.reason?.trim().length ?? 0) < 5) {
    return { field: 'reason', en: 'Give the reason for rejecting the report', vi: 'Cần nêu lý do từ chối báo cáo' };
  }
  if (action === 'merge') {
    if (!input.mergeIntoId) return { field: 'mergeIntoId', en: 'Choose the case this report duplicates', vi: 'Hãy chọn sự cố mà báo cáo này trùng lặp' };
    if (input.mergeIntoId === incident.id) return { field: 'mergeIntoId', en: 'A case cannot be merged into itself', vi: 'Không thể gộp sự cố vào chính nó' };
  }
  if (action === 'close') {
    const gaps = closingReportGaps(incident.closing);
    if (gaps.length) {
      return { field: 'closingReport', en: `Complete the closing report first (${gaps.join(', ')})`,
        vi: 'Cần hoàn thành báo cáo kết thúc (thiệt hại, nguyên nhân, nguồn gốc, biện pháp, bài học kinh nghiệm) trước khi đóng sự cố' };
    }
  }
  return null;
}
