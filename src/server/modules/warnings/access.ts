/** Who records warnings, answers remediation items and records a system's scans and assessments (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../../shared/core/capabilities.ts';

type Owned = { agencyId: number; agencyPath: string };

/** Recording, importing, editing and re-matching warnings: the specialized security unit (and the platform admin). */
export const mayRecordWarnings = (actor: Actor) => can(actor, 'warnings.record');

/** The warnings list's `can`: record or import warnings. */
export const warningListCan = (actor: Actor) => ({ record: mayRecordWarnings(actor) });

/** An item's `can`: only the owner answers (officers of the owner agency, its admins above it, the platform admin). */
export const itemCan = (actor: Actor, item: Owned) => ({ answer: can(actor, 'remediation.answer', item) });

/** Scans and assessments are recorded by the owner, or by the specialized security unit that often runs them. */
export const mayRecordSecurity = (actor: Actor, system: Owned) => can(actor, 'systems.recordSecurity', system);
