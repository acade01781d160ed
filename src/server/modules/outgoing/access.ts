/** Who may do what to the register of outgoing documents (src/shared/core/capabilities.ts `documents.register`). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };

export const mayRegister = (actor: Actor, issuer: Place) => can(actor, 'documents.register', issuer);

export const outgoingCan = (actor: Actor, entry: Place & { status: string }) => {
  const open = entry.status === 'reserved' && mayRegister(actor, entry);
  return { edit: open, issue: open };
};
