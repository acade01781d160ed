import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { loginThrottle } from './schema.ts';

/**
 * The sign-in throttle, per (account, client address) and kept in the database so every app node sees the same
 * counts. Guessing from one address locks only that address out of that account, with a wait that doubles after
 * each further failure: an attacker elsewhere cannot lock the owner out. An address the account signed in from
 * recently is known and never throttled, so the owner's usual place always gets in with the right password.
 * Failures are counted for the attempted username whether or not it exists.
 */
const LOCK_CAP_MS = 24 * 3_600_000;
/** Failures are forgotten this long after the last one (longer than the capped lock, so a patient guesser keeps waiting). */
const FORGET_AFTER = sql`interval '7 days'`;
/** An address stays known this long after the last successful sign-in from it. */
const KNOWN_FOR = sql`interval '90 days'`;

export type Attempt = { username: string; address: string };

const where = (a: Attempt) => and(eq(loginThrottle.username, a.username), eq(loginThrottle.address, a.address));

/** The wait after `failures` failures: none below `maxFailures`, then `firstLockMs` doubling each time, capped at a day. */
const lockMs = (failures: number, maxFailures: number, firstLockMs: number) =>
  failures < maxFailures ? 0 : Math.min(firstLockMs * 2 ** (failures - maxFailures), LOCK_CAP_MS);

/** Whether the address is known for the account, and else how many seconds it must still wait (0: it may try). */
export async function signInWait(db: Queryable, a: Attempt, maxFailures: number, firstLockMs: number) {
  const [row] = await db
    .select({
      failures: loginThrottle.failures,
      lastFailureAt: loginThrottle.lastFailureAt,
      known: sql<boolean>`coalesce(${loginThrottle.signedInAt} > now() - ${KNOWN_FOR}, false)`,
    })
    .from(loginThrottle)
    .where(where(a));
  if (!row) return { known: false, waitSeconds: 0 };
  if (row.known) return { known: true, waitSeconds: 0 };
  const until = (row.lastFailureAt?.getTime() ?? 0) + lockMs(row.failures, maxFailures, firstLockMs);
  return { known: false, waitSeconds: Math.max(0, Math.ceil((until - Date.now()) / 1000)) };
}

export async function recordFailure(db: Queryable, a: Attempt) {
  await db
    .insert(loginThrottle)
    .values({ ...a, failures: 1, lastFailureAt: sql`now()` })
    .onConflictDoUpdate({
      target: [loginThrottle.username, loginThrottle.address],
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < now() - ${FORGET_AFTER} then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: sql`now()`,
      },
    });
}

/** Deletes rows that neither lock nor vouch for an address any more (run by housekeeping.ts); returns how many. */
export async function purgeStaleThrottle(db: Queryable): Promise<number> {
  return (
    await db
      .delete(loginThrottle)
      .where(
        and(
          or(isNull(loginThrottle.signedInAt), lt(loginThrottle.signedInAt, sql`now() - ${KNOWN_FOR}`)),
          or(isNull(loginThrottle.lastFailureAt), lt(loginThrottle.lastFailureAt, sql`now() - ${FORGET_AFTER}`)),
        ),
      )
      .returning({ username: loginThrottle.username })
  ).length;
}

/** A successful sign-in clears the address's failures and makes it known for the account. */
export async function recordSuccess(db: Queryable, a: Attempt) {
  await db
    .insert(loginThrottle)
    .values({ ...a, failures: 0, signedInAt: sql`now()` })
    .onConflictDoUpdate({
      target: [loginThrottle.username, loginThrottle.address],
      set: { failures: 0, lastFailureAt: null, signedInAt: sql`now()` },
    });
}
