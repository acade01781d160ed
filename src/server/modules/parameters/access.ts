/** Who may change the province's parameters (src/shared/core/capabilities.ts provinceParameters.edit). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

export const mayEditParameters = (actor: Actor) => can(actor, 'provinceParameters.edit');
