import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './db/client.ts';
import { loginThrottle } from './auth/schema.ts';
import { rateLimitWindows } from './http/rate-limit-schema.ts';
import { runHousekeeping } from './housekeeping.ts';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({});
});
afterAll(() => database.close());

describe('housekeeping', () => {
  it('deletes stale throttle rows and rate-limit windows, and keeps the ones still in force', async () => {
    const { db } = database;
    await db.insert(loginThrottle).values([
      { username: 'old', address: '203.0.113.1', failures: 3, lastFailureAt: sql`now() - interval '8 days'` },
      { username: 'known', address: '203.0.113.2', signedInAt: sql`now() - interval '30 days'` },
      { username: 'locked', address: '203.0.113.3', failures: 9, lastFailureAt: sql`now() - interval '1 hour'` },
    ]);
    await db.insert(rateLimitWindows).values([
      { key: 'login:203.0.113.1', windowStart: sql`now() - interval '25 hours'`, count: 4 },
      { key: 'login:203.0.113.2', count: 4 },
    ]);
    expect(await runHousekeeping(db)).toEqual({ sessions: 0, signInThrottle: 1, passkeyChallenges: 0, rateLimitWindows: 1, lapsedFindingExceptions: 0 });
    expect((await db.select({ u: loginThrottle.username }).from(loginThrottle)).map((r) => r.u).sort()).toEqual(['known', 'locked']);
    expect((await db.select({ k: rateLimitWindows.key }).from(rateLimitWindows)).map((r) => r.k)).toEqual(['login:203.0.113.2']);
    expect(await runHousekeeping(db)).toEqual({ sessions: 0, signInThrottle: 0, passkeyChallenges: 0, rateLimitWindows: 0, lapsedFindingExceptions: 0 });
  });
});
