export const DOSSIER_STATES = ['draft', 'awaiting_opinion', 'submitted', 'under_appraisal', 'appraised', 'listed', 'returned', 'approved'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/**
 * The level dossier workflow (Decree 85/2016 Articles 12, 14–17; re-classification takes the same path, Art. 18).
 * For levels 4–5 the operator first obtains the professional opinion of the owner's specialized security unit
 * (Art. 14 k1 d, Art. 15 k5): request_opinion, give_opinion. The owner submits; the appraiser checks completeness
 * (start_appraisal when complete, return when not), appraises (a disagreeing appraisal sends the dossier back) or
 * returns it. For level 5 the Prime Minister's approval of the list of level-5 systems is recorded (record_list,
 * Art. 12 k3 đ) before the owner approves the security plan (Art. 12 k3 d). The approver approves or returns.
 */
export const DOSSIER_ACTIONS = ['request_opinion', 'give_opinion', 'submit', 'start_appraisal', 'appraise', 'record_list', 'approve', 'return'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
/** owner: the operator's side; unit: the owner's specialized security unit; appraiser, approver: under the approval matrix. */
export type Party = 'owner' | 'unit' | 'appraiser' | 'approver';
/** The optional steps a level's row of the approval matrix turns on. */
export type Flow = { opinion: boolean; list: boolean };

type Step = { from: DossierState; to: DossierState; by: Party; only?: (f: Flow) => boolean };

const withOpinion = (f: Flow) => f.opinion;
const withList = (f: Flow) => f.list;
const withoutList = (f: Flow) => !f.list;

const STEPS: Record<DossierAction, Step[]> = {
  request_opinion: [
    { from: 'draft', to: 'awaiting_opinion', by: 'owner', only: withOpinion },
    { from: 'returned', to: 'awaiting_opinion', by: 'owner', only: withOpinion },
  ],
  give_opinion: [{ from: 'awaiting_opinion', to: 'draft', by: 'unit', only: withOpinion }],
  submit: [
    { from: 'draft', to: 'submitted', by: 'owner' },
    { from: 'returned', to: 'submitted', by: 'owner' },
  ],
  start_appraisal: [{ from: 'submitted', to: 'under_appraisal', by: 'appraiser' }],
  appraise: [{ from: 'under_appraisal', to: 'appraised', by: 'appraiser' }],
  record_list: [{ from: 'appraised', to: 'listed', by: 'unit', only: withList }],
  approve: [
    { from: 'appraised', to: 'approved', by: 'approver', only: withoutList },
    { from: 'listed', to: 'approved', by: 'approver', only: withList },
  ],
  return: [
    { from: 'awaiting_opinion', to: 'returned', by: 'unit' },
    { from: 'submitted', to: 'returned', by: 'appraiser' },
    { from: 'under_appraisal', to: 'returned', by: 'appraiser' },
    { from: 'appraised', to: 'returned', by: 'approver' },
    { from: 'listed', to: 'returned', by: 'approver' },
  ],
};

/** The step an action takes from a state under a flow, or undefined when the workflow has no such move. */
export const stepOf = (state: DossierState, action: DossierAction, flow: Flow) => STEPS[action].find((s) => s.from === state && (!s.only || s.only(flow)));

/** Where an appraisal leads: an appraisal that does not agree with the proposed level sends the dossier back to the owner. */
export const afterAppraisal = (agreed: boolean): DossierState => (agreed ? 'appraised' : 'returned');

/** What a holder of `parties` may do to a dossier in `state`. */
export function allowedActions(state: DossierState, parties: ReadonlySet<Party>, flow: Flow): DossierAction[] {
  return DOSSIER_ACTIONS.filter((a) => {
    const step = stepOf(state, a, flow);
    return !!step && parties.has(step.by);
  });
}

/** The owner may edit the content only while the dossier is with them. */
export const isEditable = (state: DossierState) => state === 'draft' || state === 'returned';

/** Awaiting someone other than the owner. */
export const PENDING_STATES = ['awaiting_opinion', 'submitted', 'under_appraisal', 'appraised', 'listed'] as const satisfies readonly DossierState[];
export const isPending = (state: DossierState) => (PENDING_STATES as readonly DossierState[]).includes(state);

/** Not yet closed by an approval: a system has at most one such dossier. */
export const OPEN_STATES = DOSSIER_STATES.filter((s) => s !== 'approved');
