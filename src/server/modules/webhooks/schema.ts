import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/**
 * Where an agency (or, province-wide, the security unit) wants events sent: a URL, the event types it chose and the
 * signing secret (sealed, auth/secret-box.ts). It receives only events about its agency subtree unless province-wide.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    provinceWide: boolean().notNull().default(false),
    url: text().notNull(),
    description: text(),
    /** WEBHOOK_EVENT_TYPES of src/shared/webhooks/events.ts. */
    eventTypes: text().array().notNull(),
    /** The `whsec_…` secret, sealed. */
    secretSealed: text().notNull(),
    active: boolean().notNull().default(true),
    /** Failed attempts in a row, over all its deliveries; reset by a 2xx. */
    consecutiveFailures: integer().notNull().default(0),
    disabledAt: timestamp({ withTimezone: true }),
    /** `failures` (turned off by the dispatcher) or `owner`. */
    disabledReason: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_agency_idx').on(t.agencyId)],
);

/**
 * One event, as subscribers receive it. `key` names its source once (an audit entry and the type derived from it, a
 * reminder's kind, subject and occurrence, a test), so deriving it again — a restart, a second node — adds nothing.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull().unique('webhook_events_key_key'),
    /** The webhook-id header: the same on every attempt and redelivery, so receivers can drop duplicates. */
    messageId: text().notNull().unique('webhook_events_message_id_key'),
    type: text().notNull(),
    /** The agencies whose data it is about; empty for province-level events (province-wide subscriptions only). */
    agencyIds: integer().array().notNull(),
    data: jsonb().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_events_occurred_idx').on(t.occurredAt)],
);

/**
 * The outbox: one row per (event, subscription). A node claims due rows with `for update skip locked` and holds them
 * until `claimedUntil` (a lease: a crashed node's rows come due again); a row is `sent` only after a 2xx answer.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: bigint({ mode: 'number' })
      .notNull()
      .references(() => webhookEvents.id),
    subscriptionId: integer()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** pending, sent, failed (gave up after the last retry). */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    claimedUntil: timestamp({ withTimezone: true }),
    claimToken: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    lastDurationMs: integer(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_idx').on(t.eventId, t.subscriptionId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.id),
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

/** How far the dispatcher has read the audit log (one row): the events of entries past it are still to derive. */
export const webhookCursor = pgTable(
  'webhook_cursor',
  {
    id: integer().primaryKey(),
    lastAuditId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [check('webhook_cursor_one_row', sql`${t.id} = 1`)],
);
