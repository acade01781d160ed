import { z } from 'zod';
import { Can, id, idText, intText, optionalText } from '../core/schemas.ts';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from './events.ts';

/**
 * Where events may be sent: an absolute http or https URL without credentials in it. Which hosts are refused
 * (loopback, link-local, multicast) is decided by the server (modules/webhooks/address.ts), also at each send.
 */
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'An http:// or https:// address without a user name or password');

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((v) => [...new Set(v)]);

export const WebhookInput = z.object({
  /** The agency that owns it: its subtree's events are sent (all of the province's when `provinceWide`). */
  agencyId: id(),
  provinceWide: z.boolean().default(false),
  url: webhookUrl,
  description: optionalText(500),
  eventTypes,
});
/** `active: true` turns a disabled subscription on again (its count of failures starts over). */
export const WebhookPatch = z.object({ url: webhookUrl, description: optionalText(500), eventTypes, active: z.boolean() }).partial();

export const WebhookQuery = z.object({ agencyId: idText().optional() });
export const DeliveryQuery = z.object({ limit: intText(1, 200).default(50) });
export const DeliveryParams = z.object({ id: idText(), deliveryId: idText() });

export const Webhook = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  provinceWide: z.boolean(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  active: z.boolean(),
  consecutiveFailures: z.number(),
  disabledAt: z.string().nullable(),
  disabledReason: z.enum(['failures', 'owner']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: Can('edit'),
});
/** What creation answers: the signing secret, shown this once. */
export const WebhookCreated = Webhook.extend({ secret: z.string() });
export const WebhookList = z.object({ items: z.array(Webhook), can: Can('create', 'provinceWide') });

export const WebhookDelivery = z.object({
  id: z.number(),
  /** The webhook-id header of every attempt. */
  messageId: z.string(),
  type: z.union([z.enum(WEBHOOK_EVENT_TYPES), z.literal(TEST_EVENT_TYPE)]),
  occurredAt: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().nullable(),
  deliveredAt: z.string().nullable(),
});
export const WebhookDeliveries = z.object({ items: z.array(WebhookDelivery) });
