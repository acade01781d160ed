/**
 * The dispatcher: derives the new events (events.ts), then sends what is due. Several nodes may run it on one
 * database: a node claims due deliveries with `for update skip locked` and leases them (`claimed_until`, a token),
 * so no other node takes them while it sends; a crashed node's lease runs out and another node retries. A delivery
 * is `sent` only after a 2xx; each failure waits longer (RETRY_DELAYS_MS, with jitter) and counts against the
 * subscription, which is turned off after `disableAfter` failures in a row.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { unseal } from '../../auth/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import { deriveFromAudit } from './events.ts';
import { sendSigned } from './sender.ts';
import { DISABLE_AFTER_FAILURES, RETRY_DELAYS_MS, retryDelay } from '../../../shared/webhooks/events.ts';

export type DispatchOptions = {
  /** The clock deliveries are scheduled by (tests move it on instead of waiting). */
  now?: () => Date;
  /** In [0, 1): spreads each retry's wait. */
  random?: () => number;
  delays?: readonly number[];
  disableAfter?: number;
};
export type DispatchTally = { events: number; sent: number; failed: number; disabled: number };

/** How long a claim holds: beyond the sender's 10 s timeout, so a live node never loses a delivery it is sending. */
const LEASE_MS = 60_000;
const CLAIM = 20;
const ROUNDS = 10;

type Claimed = {
  id: string;
  subscription_id: number;
  message_id: string;
  type: string;
  data: unknown;
  occurred_at: string;
  attempts: number;
  url: string;
  secret_sealed: string;
};

async function claim(db: Db, now: Date, token: string): Promise<Claimed[]> {
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const at = now.toISOString();
  const rows = await db.execute(sql`with due as (
      select d.id from webhook_deliveries d
      join webhook_subscriptions s on s.id = d.subscription_id and s.active
      where d.status = 'pending' and d.next_attempt_at <= ${at}::timestamptz
        and (d.claimed_until is null or d.claimed_until <= ${at}::timestamptz)
      order by d.next_attempt_at, d.id
      limit ${CLAIM}
      for update of d skip locked)
    update webhook_deliveries d set claimed_until = ${until}::timestamptz, claim_token = ${token}
    from due, webhook_events e, webhook_subscriptions s
    where d.id = due.id and e.id = d.event_id and s.id = d.subscription_id
    returning d.id::text as id, d.subscription_id, e.message_id, e.type, e.data,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at, d.attempts, s.url, s.secret_sealed`);
  return rows.rows as Claimed[];
}

/** The body every attempt of an event sends: `{ type, timestamp, data }` (docs/api.md, Webhooks). */
const bodyOf = (c: Claimed) => JSON.stringify({ type: c.type, timestamp: c.occurred_at, data: c.data });

async function settle(
  db: Db,
  c: Claimed,
  token: string,
  result: Awaited<ReturnType<typeof sendSigned>>,
  now: Date,
  opts: Required<Omit<DispatchOptions, 'now'>>,
): Promise<'sent' | 'failed' | 'disabled' | 'lost'> {
  const attempt = c.attempts + 1;
  const wait = result.ok ? null : retryDelay(attempt, opts.random(), opts.delays);
  const status = result.ok ? 'sent' : wait === null ? 'failed' : 'pending';
  const next = new Date(now.getTime() + (wait ?? 0)).toISOString();
  return db.transaction(async (tx) => {
    const updated = await tx.execute(sql`update webhook_deliveries set
        status = ${status}, attempts = ${attempt}, next_attempt_at = ${next}::timestamptz, last_attempt_at = ${now.toISOString()}::timestamptz,
        last_status_code = ${result.statusCode}, last_error = ${result.error}, last_duration_ms = ${result.durationMs},
        delivered_at = ${result.ok ? now.toISOString() : null}::timestamptz, claimed_until = null, claim_token = null
      where id = ${c.id}::bigint and claim_token = ${token} returning id`);
    // The lease ran out and another node took the delivery over: its outcome counts, not this one.
    if (!updated.rows.length) return 'lost';
    if (result.ok) {
      await tx.execute(sql`update webhook_subscriptions set consecutive_failures = 0 where id = ${c.subscription_id} and consecutive_failures <> 0`);
      return 'sent';
    }
    const [sub] = (await tx.execute(sql`select agency_id, active, consecutive_failures from webhook_subscriptions where id = ${c.subscription_id} for update`))
      .rows as { agency_id: number; active: boolean; consecutive_failures: number }[];
    const failures = sub!.consecutive_failures + 1;
    const disable = sub!.active && failures >= opts.disableAfter;
    await tx.execute(sql`update webhook_subscriptions set consecutive_failures = ${failures}
      ${disable ? sql`, active = false, disabled_at = ${now.toISOString()}::timestamptz, disabled_reason = 'failures', updated_at = ${now.toISOString()}::timestamptz` : sql``}
      where id = ${c.subscription_id}`);
    if (disable) {
      // No person acted: the entry is the dispatcher's, and tells the owner why the subscription stopped.
      await recordAudit(tx, null, {
        action: 'disable',
        entity: 'webhook_subscription',
        entityId: c.subscription_id,
        agencyId: sub!.agency_id,
        after: { active: false, reason: 'failures', consecutiveFailures: failures, lastStatusCode: result.statusCode, lastError: result.error },
      });
      return 'disabled';
    }
    return 'failed';
  });
}

/** One dispatcher run: derive events, then claim and send due deliveries until none is left (or ROUNDS rounds). */
export async function runWebhookDispatch(db: Db, config: Config, options: DispatchOptions = {}): Promise<DispatchTally> {
  const now = options.now ?? (() => new Date());
  const opts = {
    random: options.random ?? Math.random,
    delays: options.delays ?? RETRY_DELAYS_MS,
    disableAfter: options.disableAfter ?? DISABLE_AFTER_FAILURES,
  };
  const tally: DispatchTally = { events: 0, sent: 0, failed: 0, disabled: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    const derived = await deriveFromAudit(db, now());
    tally.events += derived.events;
    if (derived.read < 1000) break;
  }
  const token = randomUUID();
  for (let round = 0; round < ROUNDS; round++) {
    const claimed = await claim(db, now(), token);
    if (!claimed.length) break;
    await Promise.all(
      claimed.map(async (c) => {
        const result = await sendSigned(
          { url: c.url, secret: unseal(config, c.secret_sealed), allowLoopback: config.webhooks.allowLoopback },
          // The signature's timestamp is the real time of sending: receivers check it against their clock.
          { id: c.message_id, timestamp: new Date(), body: bodyOf(c) },
        );
        const outcome = await settle(db, c, token, result, now(), opts);
        if (outcome === 'sent') tally.sent++;
        if (outcome === 'failed' || outcome === 'disabled') tally.failed++;
        if (outcome === 'disabled') tally.disabled++;
      }),
    );
  }
  return tally;
}

/** Runs the dispatcher every WEBHOOK_INTERVAL_SECONDS in the serving process; every node may. */
export function startWebhookDispatcher(db: Db, config: Config, log: FastifyBaseLogger) {
  if (!config.webhooks.intervalMs) return { stop() {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const tally = await runWebhookDispatch(db, config);
      if (tally.sent || tally.failed) log.info({ webhooks: tally }, 'webhooks delivered');
    } catch (err) {
      log.error({ err }, 'webhook dispatch failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, config.webhooks.intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
