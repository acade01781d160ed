/**
 * Who plays which part in a level dossier (src/shared/core/capabilities.ts, applied through the approval matrix).
 * The workflow (src/shared/dossiers/workflow.ts) then says what each part may do in each state.
 */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';
import { allowedActions, isEditable, type DossierState, type Party } from '../../../shared/dossiers/workflow.ts';

type Owned = { agencyId: number; agencyPath: string };
type Rule = { appraiserKind: string; approverKind: string };

/** May the actor open a dossier for this system (or edit, submit one): the owner's part. */
export const mayOwn = (actor: Actor, owner: Owned) => can(actor, 'dossiers.edit', owner);

/**
 * The parts the actor plays under the approval rule of the dossier's level. External authorities decide outside
 * Khiên; the specialized security unit records their decisions. An internal appraiser is named by a designation:
 * `unit` is the agency holding it (none: only the platform admin appraises).
 */
export function partiesOf(actor: Actor, rule: Rule, owner: Owned, unit: Owned | null): Set<Party> {
  const parties = new Set<Party>();
  if (mayOwn(actor, owner)) parties.add('owner');
  const appraises = rule.appraiserKind === 'internal' ? can(actor, 'dossiers.appraise', unit ?? undefined) : can(actor, 'dossiers.recordExternal');
  if (appraises) parties.add('appraiser');
  const approves = rule.approverKind === 'owner' ? can(actor, 'dossiers.approve', owner) : can(actor, 'dossiers.recordExternal');
  if (approves) parties.add('approver');
  return parties;
}

/** A dossier's `can` and its workflow actions: the owner edits while it is with them; any party attaches files. */
export const dossierCan = (state: DossierState, parties: ReadonlySet<Party>) => ({
  can: { edit: isEditable(state) && parties.has('owner'), attach: parties.size > 0 },
  allowedActions: allowedActions(state, parties),
});

/** Who appraises and approves each level is the platform admin's to change. */
export const mayEditApprovalMatrix = (actor: Actor) => can(actor, 'approvalMatrix.edit');
