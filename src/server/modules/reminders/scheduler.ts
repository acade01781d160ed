/** Runs the reminder jobs on an interval in the process `main.ts` starts. Several nodes may each run it: delivery is idempotent. */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { runReminderJobs } from './jobs.ts';

export function startReminderScheduler(db: Db, config: Config, log: FastifyBaseLogger) {
  if (!config.reminderIntervalMs) return { stop() {} };
  let running = false;
  const tick = async () => {
    // A slow run is not overlapped by the next tick of the same process.
    if (running) return;
    running = true;
    try {
      const tally = await runReminderJobs(db, config);
      if (tally.delivered || tally.failed) log.info({ reminders: tally }, 'reminders delivered');
    } catch (err) {
      log.error({ err }, 'reminder run failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, config.reminderIntervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
