/** Who records a system's vulnerability scans and works its findings (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere, type Subject } from '../../../shared/core/capabilities.ts';

type Owned = { agencyId: number; agencyPath: string };

/** The owner's editors, or the specialized security unit that often runs the scans. */
export const mayRecordScans = (actor: Actor, system: Owned) => can(actor, 'systems.recordSecurity', system);

/** Assign, confirm, remediate, fix, ask for an exception, reopen: the owner's editors and the security unit. */
export const mayWorkFinding = (actor: Actor, finding: Owned) => can(actor, 'findings.work', finding);
export const mayWorkFindingsSomewhere = (actor: Actor) => canSomewhere(actor, 'findings.work');

/** The approver named on a false positive or accepted risk: an agency leader over it, or the security unit. */
export const mayApproveException = (approver: Subject, finding: Owned) => can(approver, 'findings.approve', finding);

export const mayReadOverdueOverview = (actor: Actor) => canSomewhere(actor, 'findings.overview');
