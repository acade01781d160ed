/** Who records an agency's threat hunts (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };

/** The agency's editors and the response team: record a hunt, correct it, open the incident it found. */
export const mayRecordHunts = (actor: Actor, place: Place) => can(actor, 'hunts.record', place);
export const mayRecordHuntsSomewhere = (actor: Actor) => canSomewhere(actor, 'hunts.record');
