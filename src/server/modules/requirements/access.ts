/** Who may keep a system's requirements (src/shared/core/capabilities.ts): the editors of the system's record. */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

/** Update a requirement's status, owner, dates, and attach its evidence. */
export const mayTrack = (actor: Actor, system: { agencyId: number; agencyPath: string }) => can(actor, 'systems.edit', system);
/** Approve or reject a requirement marked "not applicable" (capability requirements.approveNotApplicable). */
export const mayApproveNotApplicable = (actor: Actor, system: { agencyId: number; agencyPath: string }) =>
  can(actor, 'requirements.approveNotApplicable', system);
