import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.ts';
import { ensureReferenceData } from '../seed/reference.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { users } from '../modules/users/schema.ts';
import { sessions } from './schema.ts';
import { createSession, destroyUserSessions, purgeExpiredSessions, resolveSession } from './sessions.ts';

let database: Database;
let userId: number;
const TTL = 3600_000;

beforeAll(async () => {
  database = await openDatabase({});
  await ensureReferenceData(database.db);
  const [agency] = await database.db.insert(agencies).values({ name: 'Sở Thử nghiệm', kind: 'department', path: '/' }).returning();
  await database.db
    .update(agencies)
    .set({ path: `/${agency!.id}/` })
    .where(eq(agencies.id, agency!.id));
  const [user] = await database.db
    .insert(users)
    .values({ agencyId: agency!.id, username: 'tester', fullName: 'Người Thử', passwordHash: 'x', roles: ['agency_officer'] })
    .returning();
  userId = user!.id;
});
afterAll(() => database.close());

describe('server-side sessions', () => {
  it('stores only a hash of the token and resolves the user from it', async () => {
    const token = await createSession(database.db, userId, TTL, { ip: '10.0.0.1' });
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(rows.some((r) => r.id === token)).toBe(false);
    const s = await resolveSession(database.db, token, TTL);
    expect(s).toMatchObject({ userId, username: 'tester', roles: ['agency_officer'] });
    expect(await resolveSession(database.db, `${token}x`, TTL)).toBeNull();
  });

  it('ends at expiry', async () => {
    const token = await createSession(database.db, userId, TTL, { ip: '10.0.0.1' });
    await database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.userId, userId));
    expect(await resolveSession(database.db, token, TTL)).toBeNull();
  });

  it('deletes expired sessions and keeps live ones', async () => {
    await destroyUserSessions(database.db, userId);
    const live = await createSession(database.db, userId, TTL, { ip: '10.0.0.1' });
    await createSession(database.db, userId, TTL, { ip: '10.0.0.2' });
    await database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.ip, '10.0.0.2'));
    expect(await purgeExpiredSessions(database.db)).toBe(1);
    expect(await database.db.$count(sessions, eq(sessions.userId, userId))).toBe(1);
    expect(await resolveSession(database.db, live, TTL)).not.toBeNull();
  });

  it('ends when the user is deactivated, and all at once on demand', async () => {
    const a = await createSession(database.db, userId, TTL, { ip: '10.0.0.1' });
    const b = await createSession(database.db, userId, TTL, { ip: '10.0.0.2' });
    await destroyUserSessions(database.db, userId, a);
    expect(await resolveSession(database.db, a, TTL)).not.toBeNull();
    expect(await resolveSession(database.db, b, TTL)).toBeNull();
    await database.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await resolveSession(database.db, a, TTL)).toBeNull();
    await database.db.update(users).set({ active: true }).where(eq(users.id, userId));
  });
});
