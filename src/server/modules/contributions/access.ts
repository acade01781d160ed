/** Who runs the yearly call for contributions and who contributes (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };

/** The security unit: opens and closes the call, reads every contribution. */
export const mayRunCall = (actor: Actor) => can(actor, 'yearlyReport.manage');
/** The asked agency's own editors, while the call is open. */
export const mayContribute = (actor: Actor, place: Place, callState: string) => callState === 'open' && can(actor, 'yearlyReport.contribute', place);
/** A contribution is read by its own agency and by the security unit; to everyone else it does not exist. */
export const mayReadContribution = (actor: Actor, agencyId: number) => actor.agencyId === agencyId || mayRunCall(actor);
