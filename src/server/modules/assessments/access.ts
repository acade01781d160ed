/** Who records assessments and runs inspection rounds (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Owned = { agencyId: number; agencyPath: string };

/** Assessments and the monitoring provider: the owner's editors, or the specialized security unit. */
export const mayRecordAssessments = (actor: Actor, system: Owned) => can(actor, 'systems.recordSecurity', system);

/** Planning and editing inspection rounds, and a task's finding, action and deadline: the specialized security unit. */
export const mayManageInspections = (actor: Actor) => can(actor, 'inspections.manage');

/** An inspection task's `can`: the inspected agency (its officers, its admins above it) answers it; the unit may too. */
export const inspectionTaskCan = (actor: Actor, task: Owned) => ({ answer: can(actor, 'inspections.answer', task) });
