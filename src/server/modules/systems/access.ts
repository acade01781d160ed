/** Who may register, import and edit information systems (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';

type Owned = { agencyId: number; agencyPath: string };

/** A system's `can`: edit its record (details, software, links, classification, requirements). */
export const systemCan = (actor: Actor, s: Owned) => ({ edit: can(actor, 'systems.edit', s) });

/** May the actor register a system for this owner agency? */
export const mayRegisterFor = (actor: Actor, owner: { id: number; path: string }) =>
  can(actor, 'systems.create', { agencyId: owner.id, agencyPath: owner.path });

/** Importing is for whoever may import for their own agency; each row's owner is then checked like a registration. */
export const mayImport = (actor: Actor) => can(actor, 'systems.import', actor);

/** The list's `can`: register a system (for some agency) and import an inventory file. */
export const systemListCan = (actor: Actor) => ({ create: canSomewhere(actor, 'systems.create'), import: mayImport(actor) });
