export const DOSSIER_STATES = ['draft', 'submitted', 'under_appraisal', 'appraised', 'returned', 'approved'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/**
 * The level dossier workflow (Decree 85/2016 Articles 12–15): the owner submits; the appraiser takes the
 * dossier, appraises it or returns it; the approver approves or returns it; a returned dossier is fixed and resubmitted.
 */
export const DOSSIER_ACTIONS = ['submit', 'start_appraisal', 'appraise', 'approve', 'return'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
export type Party = 'owner' | 'appraiser' | 'approver';

type Step = { from: DossierState; to: DossierState; by: Party };

const STEPS: Record<DossierAction, Step[]> = {
  submit: [
    { from: 'draft', to: 'submitted', by: 'owner' },
    { from: 'returned', to: 'submitted', by: 'owner' },
  ],
  start_appraisal: [{ from: 'submitted', to: 'under_appraisal', by: 'appraiser' }],
  appraise: [{ from: 'under_appraisal', to: 'appraised', by: 'appraiser' }],
  approve: [{ from: 'appraised', to: 'approved', by: 'approver' }],
  return: [
    { from: 'submitted', to: 'returned', by: 'appraiser' },
    { from: 'under_appraisal', to: 'returned', by: 'appraiser' },
    { from: 'appraised', to: 'returned', by: 'approver' },
  ],
};

/** The step an action takes from a state, or undefined when the workflow has no such move. */
export const stepOf = (state: DossierState, action: DossierAction) => STEPS[action].find((s) => s.from === state);

/** What a holder of `parties` may do to a dossier in `state`. */
export function allowedActions(state: DossierState, parties: ReadonlySet<Party>): DossierAction[] {
  return DOSSIER_ACTIONS.filter((a) => {
    const step = stepOf(state, a);
    return !!step && parties.has(step.by);
  });
}

/** The owner may edit the content only while the dossier is with them. */
export const isEditable = (state: DossierState) => state === 'draft' || state === 'returned';

/** Awaiting someone other than the owner. */
export const isPending = (state: DossierState) => state === 'submitted' || state === 'under_appraisal' || state === 'appraised';
