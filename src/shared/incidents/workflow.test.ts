import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from './vocabulary.ts';
import {
  allowedActions,
  closingReportGaps,
  INCIDENT_ACTIONS,
  responseReportGaps,
  isActiveCase,
  isFinal,
  isOpen,
  nextStatus,
  reporterMayEdit,
  transitionProblem,
} from './workflow.ts';

const complete = {
  damage: 'Gián đoạn 4 giờ',
  rootCause: 'Lỗ hổng chưa vá',
  origin: 'IP 203.0.113.7',
  actions: 'Cô lập, vá, khôi phục',
  lessonsLearned: 'Vá định kỳ',
};

describe('incident status flow', () => {
  it('walks received → triaged → responding → contained → recovered → closed', () => {
    expect(nextStatus('received', 'accept')).toBe('triaged');
    expect(nextStatus('triaged', 'start_response')).toBe('responding');
    expect(nextStatus('responding', 'contain')).toBe('contained');
    expect(nextStatus('contained', 'recover')).toBe('recovered');
    expect(nextStatus('recovered', 'close')).toBe('closed');
  });

  it('ends a report at triage by rejecting it, or merging it while it is not yet worked', () => {
    expect(nextStatus('received', 'reject')).toBe('rejected');
    expect(nextStatus('received', 'merge')).toBe('merged');
    expect(nextStatus('triaged', 'merge')).toBe('merged');
    expect(nextStatus('responding', 'merge')).toBeUndefined();
    expect(nextStatus('triaged', 'reject')).toBeUndefined();
  });

  it('skips no step and leaves ended cases alone', () => {
    expect(nextStatus('received', 'close')).toBeUndefined();
    expect(nextStatus('triaged', 'contain')).toBeUndefined();
    expect(nextStatus('responding', 'close')).toBeUndefined();
    for (const s of ['closed', 'rejected', 'merged'] as const) {
      for (const a of INCIDENT_ACTIONS) expect(nextStatus(s, a), `${s} ${a}`).toBeUndefined();
    }
  });

  it('lets only the team move a case', () => {
    expect(allowedActions('received', true)).toEqual(['accept', 'reject', 'merge']);
    expect(allowedActions('triaged', true)).toEqual(['merge', 'start_response']);
    expect(allowedActions('recovered', true)).toEqual(['close']);
    expect(allowedActions('closed', true)).toEqual([]);
    for (const s of INCIDENT_STATUSES) expect(allowedActions(s, false)).toEqual([]);
  });

  it('classifies statuses', () => {
    expect(INCIDENT_STATUSES.filter(isFinal)).toEqual(['closed', 'rejected', 'merged']);
    expect(INCIDENT_STATUSES.filter(isOpen)).toEqual(['received', 'triaged', 'responding', 'contained', 'recovered']);
    expect(INCIDENT_STATUSES.filter(isActiveCase)).toEqual(['triaged', 'responding', 'contained', 'recovered']);
    expect(INCIDENT_STATUSES.filter(reporterMayEdit)).toEqual(['received']);
  });
});

const ready = { id: 1, response: complete, closingRequired: false, closingFiled: false };
const none = { id: 1, response: {}, closingRequired: false, closingFiled: false };

describe('conditions of a move', () => {
  it("needs every part of the team's response report before closing", () => {
    expect(responseReportGaps(complete)).toEqual([]);
    expect(responseReportGaps({ ...complete, origin: '  ', lessonsLearned: null })).toEqual(['origin', 'lessonsLearned']);
    expect(responseReportGaps({})).toHaveLength(5);
    expect(transitionProblem('close', {}, { ...ready, response: { ...complete, damage: '' } })?.field).toBe('responseReport');
    expect(transitionProblem('close', {}, ready)).toBeNull();
  });

  it("needs the operator's closing report before closing where the texts require one (Circular 20/2017 Art. 9(2)(b))", () => {
    expect(transitionProblem('close', {}, { ...ready, closingRequired: true })?.field).toBe('closingReport');
    expect(transitionProblem('close', {}, { ...ready, closingRequired: true, closingFiled: true })).toBeNull();
    expect(closingReportGaps({ damage: 'Gián đoạn 4 giờ', cause: 'Lỗ hổng chưa vá', actions: 'Vá, khôi phục', recommendations: 'Rà quét định kỳ' })).toEqual([
      'lessonsLearned',
    ]);
  });

  it('needs a reason to reject and a different case to merge into', () => {
    expect(transitionProblem('reject', { reason: 'x' }, none)?.field).toBe('reason');
    expect(transitionProblem('reject', { reason: 'Không phải sự cố ATTT' }, none)).toBeNull();
    expect(transitionProblem('merge', {}, none)?.field).toBe('mergeIntoId');
    expect(transitionProblem('merge', { mergeIntoId: 1 }, none)?.field).toBe('mergeIntoId');
    expect(transitionProblem('merge', { mergeIntoId: 2 }, none)).toBeNull();
    expect(transitionProblem('accept', {}, none)).toBeNull();
  });
});
