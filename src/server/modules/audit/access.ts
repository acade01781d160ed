/** Who reads and verifies the audit log (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';

/** The log is read by the security unit and platform admins (all of it) and agency admins (their subtree). */
export const mayReadAudit = (actor: Actor) => canSomewhere(actor, 'audit.read');
/** Whether the actor reads every entry, or only those about their agency subtree. */
export const readsWholeAudit = (actor: Actor) => can(actor, 'audit.read');
export const mayVerifyAudit = (actor: Actor) => can(actor, 'audit.verify');
