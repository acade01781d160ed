/** Who manages webhook subscriptions (src/shared/core/capabilities.ts). */
import type { Actor } from '../../auth/actor.ts';
import { can, canSomewhere } from '../../../shared/core/capabilities.ts';

type Place = { agencyId: number; agencyPath: string };
type Subscription = Place & { provinceWide: boolean };

/** A province-wide subscription is the security unit's business, whatever agency holds it. */
const reaches = (actor: Actor, s: Subscription) => !s.provinceWide || can(actor, 'webhooks.provinceWide');

export const mayReadWebhook = (actor: Actor, s: Subscription) => can(actor, 'webhooks.read', s) && reaches(actor, s);
export const mayManageWebhook = (actor: Actor, s: Subscription) => can(actor, 'webhooks.manage', s) && reaches(actor, s);
export const mayReadWebhooksSomewhere = (actor: Actor) => canSomewhere(actor, 'webhooks.read');
export const mayManageWebhooksSomewhere = (actor: Actor) => canSomewhere(actor, 'webhooks.manage');
export const mayMakeProvinceWide = (actor: Actor) => can(actor, 'webhooks.provinceWide');
