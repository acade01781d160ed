/** Who operates the reminder jobs and reads the outbox (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { can } from '../../../shared/core/capabilities.ts';

/** Running the jobs by hand: the platform admin and the security unit. Reading the outbox: the platform admin. */
export const assertCanOperateReminders = (actor: Actor) => assert(can(actor, 'reminders.run'));
export const assertCanReadOutbox = (actor: Actor) => assert(can(actor, 'outbox.read'));
