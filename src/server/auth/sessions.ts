import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.ts';
import { preparedFor } from '../db/prepared.ts';
import { agencies } from '../modules/agencies/index.ts';
import { users } from '../modules/users/index.ts';
import { sessions } from './schema.ts';
import type { Role } from '../../shared/core/roles.ts';
import type { Capability } from '../../shared/core/capabilities.ts';

export const SESSION_COOKIE = 'khien_session';
/** Refresh the sliding expiry at most this often, so reads do not each write. */
const TOUCH_INTERVAL_MS = 60_000;
/** However active, a session ends a week after sign-in. */
const ABSOLUTE_LIFETIME_MS = 7 * 24 * 3600_000;

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a password-only session may wait for its second factor. */
const SECOND_FACTOR_WAIT_MS = 5 * 60_000;

/**
 * An unfinished sign-in: `verify` while the second factor is awaited (only that and sign-out are reachable), `enrol`
 * while the user's role requires a second factor they have not set up (only their account page is reachable).
 */
export type SignInStep = 'verify' | 'enrol';

export async function createSession(
  db: Queryable,
  userId: number,
  ttlMs: number,
  meta: { ip: string; userAgent?: string },
  signInStep: SignInStep | null = null,
) {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: tokenId(token),
    userId,
    expiresAt: new Date(Date.now() + (signInStep === 'verify' ? SECOND_FACTOR_WAIT_MS : ttlMs)),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300),
    signInStep,
  });
  return token;
}

export type SessionUser = {
  sessionId: string;
  userId: number;
  username: string;
  fullName: string;
  agencyId: number;
  agencyName: string;
  agencyPath: string;
  roles: Role[];
  locale: 'vi' | 'en';
  mustChangePassword: boolean;
  signInStep: SignInStep | null;
  /** Set when the request came with an API token instead of a session (see modules/tokens). */
  tokenId?: number;
  tokenCapabilities?: ReadonlySet<Capability>;
};

/** Runs on every request: planned once per connection (a named statement), not rebuilt and re-planned each time. */
const sessionLookup = preparedFor((db) =>
  db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      agencyPath: agencies.path,
      roles: users.roles,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      signInStep: sessions.signInStep,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql`now()`), eq(users.active, true), eq(agencies.active, true)))
    .prepare('session_lookup'),
);

/** The user behind a cookie token, or null when the session is unknown, expired or the user inactive. */
export async function resolveSession(db: Db, token: string, ttlMs: number): Promise<SessionUser | null> {
  const id = tokenId(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  const now = Date.now();
  // A session waiting for its second factor keeps its short expiry.
  if (row.signInStep !== 'verify' && now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(Math.min(now + ttlMs, row.createdAt.getTime() + ABSOLUTE_LIFETIME_MS));
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt })
      .where(eq(sessions.id, id));
  }
  const { lastSeenAt: _l, createdAt: _c, ...user } = row;
  return { ...user, roles: user.roles as Role[], locale: user.locale === 'en' ? 'en' : 'vi', signInStep: user.signInStep as SignInStep | null };
}

export async function destroySession(db: Queryable, token: string) {
  await db.delete(sessions).where(eq(sessions.id, tokenId(token)));
}

/** Ends every session of a user, except optionally the one making the request. */
export async function destroyUserSessions(db: Queryable, userId: number, exceptToken?: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptToken ? ne(sessions.id, tokenId(exceptToken)) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** The session has passed the step it was at (the second factor is set up). */
export async function finishSignInStep(db: Queryable, sessionId: string) {
  await db.update(sessions).set({ signInStep: null }).where(eq(sessions.id, sessionId));
}

/** Counts a wrong second-factor code against the session; returns how many it has had. */
export async function countMfaFailure(db: Queryable, sessionId: string): Promise<number> {
  const [row] = await db
    .update(sessions)
    .set({ mfaFailures: sql`${sessions.mfaFailures} + 1` })
    .where(eq(sessions.id, sessionId))
    .returning({ n: sessions.mfaFailures });
  return row?.n ?? 0;
}

/** A user's live sessions, most recently used first: where they are signed in (not the sign-ins awaiting a second factor). */
export async function sessionsOf(db: Queryable, userId: number) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`), sql`${sessions.signInStep} is distinct from 'verify'`))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Deletes expired sessions (run hourly by housekeeping.ts); returns how many. */
export async function purgeExpiredSessions(db: Queryable): Promise<number> {
  return (await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`)).returning({ id: sessions.id })).length;
}
