/** Who keeps an agency's register of signature tokens (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };

/** The agency's editors: add a token, correct it, record its revocation or loss. */
export const mayKeepTokens = (actor: Actor, place: Place) => can(actor, 'signatureTokens.manage', place);
export const mayKeepTokensSomewhere = (actor: Actor) => canSomewhere(actor, 'signatureTokens.manage');
