/** The events a webhook subscription may choose, and how deliveries are retried. */

export const WEBHOOK_EVENT_TYPES = [
  'incident.reported',
  'incident.status_changed',
  'incident.closed',
  'warning.recorded',
  'remediation.overdue',
  'dossier.state_changed',
  'task.overdue',
  'finding.due',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by "send a test event" to the one subscription tested, whatever it chose. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * The wait before each retry (ms): 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h; after the last the delivery is given up.
 * Each wait is spread by ±JITTER so receivers coming back are not hit by every retry at once.
 */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000];
const RETRY_JITTER = 0.1;
/** Failed attempts in a row after which a subscription is turned off (its owner turns it on again). */
export const DISABLE_AFTER_FAILURES = 15;

/** The wait after failed attempt `attempt` (1-based), or null when no retry is left; `random` in [0, 1). */
export function retryDelay(attempt: number, random: number, delays: readonly number[] = RETRY_DELAYS_MS): number | null {
  const base = delays[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random));
}
