/** Who answers an operator's duties (src/shared/core/capabilities.ts): the operator's own staff, read by the security unit. */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };

/** Record a customer warning or shared incident information: the operator's editors (and platform admins). */
export const mayRecord = (actor: Actor, place: Place) => can(actor, 'operators.record', place);
/** The contact point is the agency's own (PATCH /api/agencies/:id): the same editors. */
export const mayEditContact = (actor: Actor, place: Place) => can(actor, 'agencies.edit', place);
