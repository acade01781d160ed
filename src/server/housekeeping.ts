/** Deletes what has outlived its use, hourly, in the serving process (idempotent, so every node may run it). */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/client.ts';
import { purgeExpiredSessions } from './auth/sessions.ts';

const EVERY_MS = 3600_000;

export function startHousekeeping(db: Db, log: FastifyBaseLogger) {
  const run = () => purgeExpiredSessions(db)
    .then((n) => { if (n) log.info({ sessions: n }, 'expired sessions deleted'); })
    .catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return { stop() { clearTimeout(first); clearInterval(timer); } };
}
