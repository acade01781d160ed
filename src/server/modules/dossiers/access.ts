/**
 * Who plays which part in a level dossier (src/shared/core/capabilities.ts `dossiers.*`), as the approval matrix's
 * standing (src/shared/dossiers/matrix.ts): the owner's editors prepare and submit, the owner's head approves where the
 * owner does, and the designated specialized unit does the rest. The workflow (src/shared/dossiers/workflow.ts) then
 * says what each part may do in each state.
 */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';
import type { Standing } from '../../../shared/dossiers/matrix.ts';
import { allowedActions, isEditable, type DossierState, type Flow, type Party } from '../../../shared/dossiers/workflow.ts';

type Owned = { agencyId: number; agencyPath: string };

/** May the actor open a dossier for this system (or edit, submit one): the owner's part. */
export const mayOwn = (actor: Actor, owner: Owned) => can(actor, 'dossiers.edit', owner);

/** What the actor is to a dossier of `owner` whose level the agency `unit` (the designated unit; none: only the platform admin) acts on. */
export const standingOf = (actor: Actor, owner: Owned, unit: Owned | null): Standing => ({
  ownerEditor: mayOwn(actor, owner),
  ownerHead: can(actor, 'dossiers.approve', owner),
  unit: can(actor, 'dossiers.actAsUnit', unit ?? undefined),
});

/** A dossier's `can` and its workflow actions: the owner edits while it is with them; any party attaches files. */
export const dossierCan = (state: DossierState, parties: ReadonlySet<Party>, flow: Flow) => ({
  can: { edit: isEditable(state) && parties.has('owner'), attach: parties.size > 0 },
  allowedActions: allowedActions(state, parties, flow),
});

/** Who appraises and approves each level is the platform admin's to change. */
export const mayEditApprovalMatrix = (actor: Actor) => can(actor, 'approvalMatrix.edit');
