/** Who records a system's vulnerability scans (src/shared/core/capabilities.ts `systems.recordSecurity`). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

/** The owner's editors, or the specialized security unit that often runs the scans. */
export const mayRecordScans = (actor: Actor, system: { agencyId: number; agencyPath: string }) => can(actor, 'systems.recordSecurity', system);
