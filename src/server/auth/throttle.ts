import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { loginThrottle } from '../modules/users/schema.ts';

/**
 * Per-account sign-in throttle, kept in the database so every app node sees the same count.
 * Counts failures for the attempted username whether or not it exists.
 */
export async function isThrottled(db: Queryable, username: string, max: number, windowMs: number): Promise<boolean> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, username));
  return !!row && row.failures >= max && Date.now() - row.windowStart.getTime() < windowMs;
}

export async function recordFailure(db: Queryable, username: string, windowMs: number) {
  const windowStart = sql`case when ${loginThrottle.windowStart} < now() - make_interval(secs => ${windowMs / 1000}) then now() else ${loginThrottle.windowStart} end`;
  await db
    .insert(loginThrottle)
    .values({ username, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.username,
      set: {
        failures: sql`case when ${loginThrottle.windowStart} < now() - make_interval(secs => ${windowMs / 1000}) then 1 else ${loginThrottle.failures} + 1 end`,
        windowStart,
      },
    });
}

export async function clearFailures(db: Queryable, username: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.username, username));
}
