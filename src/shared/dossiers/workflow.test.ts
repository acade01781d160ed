import { describe, expect, it } from 'vitest';
import { afterAppraisal, allowedActions, DOSSIER_STATES, isEditable, isPending, OPEN_STATES, stepOf, type Flow, type Party } from './workflow.ts';

const as = (...p: Party[]) => new Set<Party>(p);
const plain: Flow = { opinion: false, list: false }; // levels 1–3
const level4: Flow = { opinion: true, list: false };
const level5: Flow = { opinion: true, list: true };

describe('dossier workflow', () => {
  it('walks draft → submitted → under appraisal → appraised → approved', () => {
    expect(stepOf('draft', 'submit', plain)?.to).toBe('submitted');
    expect(stepOf('submitted', 'start_appraisal', plain)?.to).toBe('under_appraisal');
    expect(stepOf('under_appraisal', 'appraise', plain)?.to).toBe('appraised');
    expect(stepOf('appraised', 'approve', plain)?.to).toBe('approved');
  });

  it('asks the specialized unit for its opinion first only where the level calls for it (Art. 14 k1 d)', () => {
    expect(stepOf('draft', 'request_opinion', plain)).toBeUndefined();
    expect(stepOf('draft', 'request_opinion', level4)?.to).toBe('awaiting_opinion');
    expect(stepOf('returned', 'request_opinion', level4)?.to).toBe('awaiting_opinion');
    expect(stepOf('awaiting_opinion', 'give_opinion', level4)?.to).toBe('draft');
    expect(stepOf('awaiting_opinion', 'return', level4)?.to).toBe('returned');
    expect(stepOf('awaiting_opinion', 'submit', level4)).toBeUndefined();
  });

  it("records the Prime Minister's list before the owner approves a level-5 plan, and only at level 5", () => {
    expect(stepOf('appraised', 'record_list', level5)?.to).toBe('listed');
    expect(stepOf('appraised', 'approve', level5)).toBeUndefined();
    expect(stepOf('listed', 'approve', level5)?.to).toBe('approved');
    expect(stepOf('appraised', 'record_list', level4)).toBeUndefined();
    expect(stepOf('appraised', 'approve', level4)?.to).toBe('approved');
  });

  it('sends a disagreeing appraisal back to the owner', () => {
    expect(afterAppraisal(true)).toBe('appraised');
    expect(afterAppraisal(false)).toBe('returned');
  });

  it('returns from every pending state and resubmits from returned', () => {
    for (const s of ['submitted', 'under_appraisal', 'appraised'] as const) expect(stepOf(s, 'return', plain)?.to).toBe('returned');
    expect(stepOf('listed', 'return', level5)?.to).toBe('returned');
    expect(stepOf('returned', 'submit', plain)?.to).toBe('submitted');
  });

  it('has no move out of approved and no skipping of appraisal', () => {
    for (const flow of [plain, level5]) {
      for (const a of ['submit', 'start_appraisal', 'appraise', 'approve', 'return', 'record_list', 'give_opinion'] as const)
        expect(stepOf('approved', a, flow)).toBeUndefined();
      expect(stepOf('submitted', 'approve', flow)).toBeUndefined();
      expect(stepOf('draft', 'approve', flow)).toBeUndefined();
      expect(stepOf('under_appraisal', 'approve', flow)).toBeUndefined();
      expect(stepOf('draft', 'return', flow)).toBeUndefined();
    }
  });

  it('gives each party only its own moves', () => {
    expect(allowedActions('draft', as('owner'), plain)).toEqual(['submit']);
    expect(allowedActions('draft', as('owner'), level4)).toEqual(['request_opinion', 'submit']);
    expect(allowedActions('draft', as('appraiser', 'approver', 'unit'), level4)).toEqual([]);
    expect(allowedActions('awaiting_opinion', as('unit'), level4)).toEqual(['give_opinion', 'return']);
    expect(allowedActions('awaiting_opinion', as('owner', 'appraiser', 'approver'), level4)).toEqual([]);
    expect(allowedActions('submitted', as('owner'), plain)).toEqual([]);
    expect(allowedActions('submitted', as('appraiser'), plain)).toEqual(['start_appraisal', 'return']);
    expect(allowedActions('under_appraisal', as('appraiser'), plain)).toEqual(['appraise', 'return']);
    expect(allowedActions('appraised', as('appraiser'), plain)).toEqual([]);
    expect(allowedActions('appraised', as('approver'), plain)).toEqual(['approve', 'return']);
    expect(allowedActions('appraised', as('unit'), level5)).toEqual(['record_list']);
    expect(allowedActions('appraised', as('approver'), level5)).toEqual(['return']);
    expect(allowedActions('listed', as('approver'), level5)).toEqual(['approve', 'return']);
    expect(allowedActions('returned', as('owner', 'approver'), plain)).toEqual(['submit']);
  });

  it('lets the owner edit only a draft or returned dossier, and counts the rest as pending except approved', () => {
    expect(DOSSIER_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(DOSSIER_STATES.filter(isPending)).toEqual(['awaiting_opinion', 'submitted', 'under_appraisal', 'appraised', 'listed']);
    expect(OPEN_STATES).not.toContain('approved');
    expect(OPEN_STATES).toHaveLength(DOSSIER_STATES.length - 1);
  });
});
