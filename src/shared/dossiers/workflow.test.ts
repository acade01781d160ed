import { describe, expect, it } from 'vitest';
import { allowedActions, isEditable, isPending, stepOf, type Party } from './workflow.ts';
import { DOSSIER_STATES } from './workflow.ts';

const as = (...p: Party[]) => new Set<Party>(p);

describe('dossier workflow', () => {
  it('walks draft → submitted → under appraisal → appraised → approved', () => {
    expect(stepOf('draft', 'submit')?.to).toBe('submitted');
    expect(stepOf('submitted', 'start_appraisal')?.to).toBe('under_appraisal');
    expect(stepOf('under_appraisal', 'appraise')?.to).toBe('appraised');
    expect(stepOf('appraised', 'approve')?.to).toBe('approved');
  });

  it('returns from every pending state and resubmits from returned', () => {
    for (const s of ['submitted', 'under_appraisal', 'appraised'] as const) expect(stepOf(s, 'return')?.to).toBe('returned');
    expect(stepOf('returned', 'submit')?.to).toBe('submitted');
  });

  it('has no move out of approved and no skipping of appraisal', () => {
    for (const a of ['submit', 'start_appraisal', 'appraise', 'approve', 'return'] as const) expect(stepOf('approved', a)).toBeUndefined();
    expect(stepOf('submitted', 'approve')).toBeUndefined();
    expect(stepOf('draft', 'approve')).toBeUndefined();
    expect(stepOf('under_appraisal', 'approve')).toBeUndefined();
    expect(stepOf('draft', 'return')).toBeUndefined();
  });

  it('gives each party only its own moves', () => {
    expect(allowedActions('draft', as('owner'))).toEqual(['submit']);
    expect(allowedActions('draft', as('appraiser', 'approver'))).toEqual([]);
    expect(allowedActions('submitted', as('owner'))).toEqual([]);
    expect(allowedActions('submitted', as('appraiser'))).toEqual(['start_appraisal', 'return']);
    expect(allowedActions('under_appraisal', as('appraiser'))).toEqual(['appraise', 'return']);
    expect(allowedActions('appraised', as('appraiser'))).toEqual([]);
    expect(allowedActions('appraised', as('approver'))).toEqual(['approve', 'return']);
    expect(allowedActions('returned', as('owner', 'approver'))).toEqual(['submit']);
  });

  it('lets the owner edit only a draft or returned dossier, and counts the rest as pending except approved', () => {
    expect(DOSSIER_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(DOSSIER_STATES.filter(isPending)).toEqual(['submitted', 'under_appraisal', 'appraised']);
  });
});
