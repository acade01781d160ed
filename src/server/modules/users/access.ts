/** Who may manage which user accounts and hand out which roles (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';
import { AGENCY_ROLES, ROLES, type Role } from '../../../shared/core/roles.ts';

/** What the actor may do to the accounts of the agency at `agencyPath`: a user's `can`. */
export const userCan = (actor: Actor, u: { agencyId: number; agencyPath: string }) => ({ manage: can(actor, 'users.manage', u) });

/** Roles the actor may hand out: the province-wide ones need their own capability, the agency ones come with managing users. */
export function grantable(actor: Actor): readonly Role[] {
  if (can(actor, 'users.grantProvinceRoles')) return ROLES;
  return canSomewhere(actor, 'users.manage') ? AGENCY_ROLES : [];
}
