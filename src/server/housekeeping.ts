/**
 * Deletes what has outlived its use, and opens again the finding exceptions whose expiry has come: hourly, in the
 * serving process (idempotent, so every node may run it).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/client.ts';
import { purgeExpiredSessions } from './auth/sessions.ts';
import { purgeStaleThrottle } from './auth/throttle.ts';
import { purgeExpiredChallenges } from './auth/passkeys.ts';
import { purgeStaleWindows } from './http/rate-limit.ts';
import { reopenLapsedExceptions } from './modules/scans/index.ts';

/** Runs every purge once; how many rows each deleted (or, for findings, opened again). */
export async function runHousekeeping(db: Db) {
  return {
    sessions: await purgeExpiredSessions(db),
    signInThrottle: await purgeStaleThrottle(db),
    passkeyChallenges: await purgeExpiredChallenges(db),
    rateLimitWindows: await purgeStaleWindows(db),
    lapsedFindingExceptions: await reopenLapsedExceptions(db),
  };
}

const EVERY_MS = 3600_000;

export function startHousekeeping(db: Db, log: FastifyBaseLogger) {
  const run = () =>
    runHousekeeping(db)
      .then((deleted) => {
        if (Object.values(deleted).some(Boolean)) log.info({ deleted }, 'housekeeping deleted stale rows');
      })
      .catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
