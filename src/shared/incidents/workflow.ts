import type { IncidentStatus } from './vocabulary.ts';

/**
 * The case flow the response team runs (Circular 20/2017/TT-BTTTT): a report is received, triaged (accepted,
 * merged into another case as a duplicate, or rejected with a reason), then responded to, contained,
 * recovered and closed. Only the team moves a case; closing needs the team's response report and, where the texts
 * require one, the operator's closing report.
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

/** The response team's own report of the case: damage, root cause, origin traced, actions, lessons. */
export const RESPONSE_REPORT_FIELDS = ['damage', 'rootCause', 'origin', 'actions', 'lessonsLearned'] as const;
export type ResponseReportField = (typeof RESPONSE_REPORT_FIELDS)[number];
export type ResponseReport = Partial<Record<ResponseReportField, string | null>>;

/**
 * The operator's closing report (báo cáo kết thúc ứng phó sự cố, Circular 20/2017/TT-BTTTT Art. 9(3)(e), form 04 of
 * Appendix I): damage, cause, actions taken, recommendations, lessons, and the organisations that supported the
 * response with their results (kept as a list). The form itself was not in the text Khiên was built from: the parts
 * follow Dispatch 33/CĐ-TTg §1.b.(3) (damage, review, lessons) and the initial report of QĐ05 Art. 11(4).
 */
export const CLOSING_REPORT_FIELDS = ['damage', 'cause', 'actions', 'recommendations', 'lessonsLearned'] as const;
export type ClosingReportField = (typeof CLOSING_REPORT_FIELDS)[number];
export type ClosingReport = Partial<Record<ClosingReportField, string | null>>;

/** The parts still too short to count: a report must say something (5 characters or more) in each. */
const gaps = <F extends string>(fields: readonly F[], report: Partial<Record<F, string | null>>) => fields.filter((f) => (report[f]?.trim().length ?? 0) < 5);

export const responseReportGaps = (report: ResponseReport) => gaps(RESPONSE_REPORT_FIELDS, report);
export const closingReportGaps = (report: ClosingReport) => gaps(CLOSING_REPORT_FIELDS, report);

export type TransitionInput = { reason?: string | null; mergeIntoId?: number | null };

/** Why the action cannot be taken with this input, or null. Scope and state are checked elsewhere. */
export function transitionProblem(
  action: IncidentAction,
  input: TransitionInput,
  incident: { id: number; response: ResponseReport; closingRequired: boolean; closingFiled: boolean },
): { field: string; en: string; vi: string } | null {
  if (action === 'reject' && (input.reason?.trim().length ?? 0) < 5) {
    return { field: 'reason', en: 'Give the reason for rejecting the report', vi: 'Cần nêu lý do từ chối báo cáo' };
  }
  if (action === 'merge') {
    if (!input.mergeIntoId) return { field: 'mergeIntoId', en: 'Choose the case this report duplicates', vi: 'Hãy chọn sự cố mà báo cáo này trùng lặp' };
    if (input.mergeIntoId === incident.id) return { field: 'mergeIntoId', en: 'A case cannot be merged into itself', vi: 'Không thể gộp sự cố vào chính nó' };
  }
  if (action === 'close') {
    const missing = responseReportGaps(incident.response);
    if (missing.length) {
      return {
        field: 'responseReport',
        en: `Complete the response team's report first (${missing.join(', ')})`,
        vi: 'Cần hoàn thành báo cáo kết quả ứng cứu của đội (thiệt hại, nguyên nhân, nguồn gốc, biện pháp, bài học kinh nghiệm) trước khi kết thúc sự cố',
      };
    }
    // Circular 20/2017 Art. 9(2)(b): the response counts as complete only with the operator's closing report.
    if (incident.closingRequired && !incident.closingFiled) {
      return {
        field: 'closingReport',
        en: "The operator's closing report is needed before the case closes",
        vi: 'Cần có báo cáo kết thúc ứng phó sự cố của đơn vị vận hành trước khi kết thúc sự cố',
      };
    }
  }
  return null;
}
