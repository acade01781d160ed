/** The scheduled reminder run: every registered source, then idempotent delivery. */
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Mailer } from './mailer.ts';
import { reminderListeners, reminderSources } from './registry.ts';
import { deliverReminder, emptyTally, type DeliveryTally } from './deliver.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { remindersDelivered } from '../../http/metrics.ts';

/** Runs every registered source once: what the scheduler calls, and what tests call directly. */
export async function runReminderJobs(db: Db, config: Config, opts: { now?: Date; mailer?: Mailer } = {}): Promise<DeliveryTally> {
  const now = opts.now ?? new Date();
  const ctx = { now, today: todayVn(now) };
  const total = emptyTally();
  for (const source of reminderSources()) {
    const collected = await source.collect(db, ctx);
    for (const listener of reminderListeners()) await listener(db, collected, now);
    for (const reminder of collected) {
      const t = await deliverReminder(db, config, reminder, opts.mailer);
      for (const k of Object.keys(total) as (keyof DeliveryTally)[]) {
        total[k] += t[k];
        if (t[k]) remindersDelivered.inc({ outcome: k }, t[k]);
      }
    }
  }
  return total;
}
