/** Who may do what to an agency: the capability checks of this module (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Place = { id: number; path: string; external: boolean };

/**
 * What the actor may do to or for one agency: the agency's `can`, and the checks its routes make. The flags for
 * other modules' records (systems, incidents, exercises, indicators) tell forms which agencies to offer.
 */
export function agencyCan(actor: Actor, a: Place) {
  const target = { agencyId: a.id, agencyPath: a.path };
  return {
    edit: can(actor, 'agencies.edit', target),
    restructure: can(actor, 'agencies.restructure', target),
    addChild: can(actor, 'agencies.addChild', target),
    manageUsers: can(actor, 'users.manage', target),
    manageTokens: !a.external && can(actor, 'apiTokens.manage', target),
    registerSystems: can(actor, 'systems.create', target),
    reportIncidents: can(actor, 'incidents.report', target),
    recordExercises: can(actor, 'exercises.edit', target),
    reportIndicators: !a.external && can(actor, 'indicators.report', target),
    keepSignatureTokens: !a.external && can(actor, 'signatureTokens.manage', target),
    recordHunts: !a.external && can(actor, 'hunts.record', target),
  };
}

export const mayAddExternal = (actor: Actor) => can(actor, 'agencies.addExternal');
export const mayEditDesignations = (actor: Actor) => can(actor, 'designations.edit');

/** The agency's document settings: its admins (and platform admins). */
export const mayEditDocumentSettings = (actor: Actor, a: Place) => !a.external && can(actor, 'documents.settings', { agencyId: a.id, agencyPath: a.path });
