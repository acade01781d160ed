import { and, asc, eq, lt, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Queryable } from '../db/client.ts';
import type { Config } from '../config.ts';
import { mfaPasskeys, webauthnChallenges } from './schema.ts';

/**
 * Passkeys (WebAuthn) as a second factor, with @simplewebauthn/server. Every ceremony's challenge is kept on the
 * server, bound to the session that asked for it, and spent by the first answer; the user must be verified (PIN or
 * biometrics) and the signature counter must go up, as the library checks by default.
 */
type Ceremony = 'registration' | 'authentication';

/** How long the browser waits for the authenticator, and how long the server keeps the challenge for it. */
const CEREMONY_TIMEOUT_MS = 60_000;
const CHALLENGE_TTL_MS = 2 * 60_000;

async function keepChallenge(db: Queryable, sessionId: string, ceremony: Ceremony, challenge: string) {
  const row = { ceremony, challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) };
  await db
    .insert(webauthnChallenges)
    .values({ sessionId, ...row })
    .onConflictDoUpdate({ target: webauthnChallenges.sessionId, set: row });
}

/** The session's pending challenge of that ceremony, removed so it is never accepted twice; null when none is live. */
async function takeChallenge(db: Queryable, sessionId: string, ceremony: Ceremony): Promise<string | null> {
  const [row] = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.ceremony, ceremony)))
    .returning();
  return row && row.expiresAt.getTime() > Date.now() ? row.challenge : null;
}

export async function passkeysOf(db: Queryable, userId: number) {
  return db.select().from(mfaPasskeys).where(eq(mfaPasskeys.userId, userId)).orderBy(asc(mfaPasskeys.createdAt), asc(mfaPasskeys.id));
}

export const passkeyView = (p: typeof mfaPasskeys.$inferSelect) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

/** Options to create a passkey for the signed-in user (not one of the authenticators they already registered). */
export async function registrationOptions(db: Queryable, config: Config, user: { userId: number; username: string; fullName: string }, sessionId: string) {
  const existing = await passkeysOf(db, user.userId);
  const options = await generateRegistrationOptions({
    rpName: config.webauthn.rpName,
    rpID: config.webauthn.rpId,
    userName: user.username,
    userDisplayName: user.fullName,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await keepChallenge(db, sessionId, 'registration', options.challenge);
  return options;
}

/** Checks the browser's answer to the registration options and keeps the passkey; null when it is not valid. */
export async function registerPasskey(
  db: Queryable,
  config: Config,
  userId: number,
  sessionId: string,
  name: string,
  response: RegistrationResponseJSON,
): Promise<typeof mfaPasskeys.$inferSelect | null> {
  const challenge = await takeChallenge(db, sessionId, 'registration');
  if (!challenge) return null;
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: config.webauthn.origin,
      expectedRPID: config.webauthn.rpId,
      requireUserVerification: true,
    });
  } catch {
    return null;
  }
  if (!result.verified) return null;
  const { credential } = result.registrationInfo;
  const [row] = await db
    .insert(mfaPasskeys)
    .values({
      userId,
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      name,
    })
    .onConflictDoNothing({ target: mfaPasskeys.credentialId })
    .returning();
  return row ?? null;
}

/** Options to sign in with one of the user's passkeys; null when they have none. */
export async function authenticationOptions(db: Queryable, config: Config, userId: number, sessionId: string) {
  const passkeys = await passkeysOf(db, userId);
  if (!passkeys.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: config.webauthn.rpId,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'required',
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  await keepChallenge(db, sessionId, 'authentication', options.challenge);
  return options;
}

/**
 * Checks a sign-in's passkey assertion against the session's challenge and one of the user's own passkeys; moves
 * its counter on (only from the value it was checked against, so two answers cannot both pass). The passkey, or null.
 */
export async function checkPasskey(db: Queryable, config: Config, userId: number, sessionId: string, response: AuthenticationResponseJSON) {
  const challenge = await takeChallenge(db, sessionId, 'authentication');
  if (!challenge) return null;
  const [passkey] = await db
    .select()
    .from(mfaPasskeys)
    .where(and(eq(mfaPasskeys.userId, userId), eq(mfaPasskeys.credentialId, response.id)));
  if (!passkey) return null;
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: config.webauthn.origin,
      expectedRPID: config.webauthn.rpId,
      credential: { id: passkey.credentialId, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: true,
    });
  } catch {
    // Among the refusals: a counter that did not go up, the sign of a cloned authenticator.
    return null;
  }
  if (!result.verified) return null;
  const [used] = await db
    .update(mfaPasskeys)
    .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() })
    .where(and(eq(mfaPasskeys.id, passkey.id), eq(mfaPasskeys.counter, passkey.counter)))
    .returning();
  return used ?? null;
}

/** Removes one of the user's passkeys; null when they have none with that id. */
export async function removePasskey(db: Queryable, userId: number, id: number) {
  const [removed] = await db
    .delete(mfaPasskeys)
    .where(and(eq(mfaPasskeys.id, id), eq(mfaPasskeys.userId, userId)))
    .returning();
  return removed ?? null;
}

/** Removes all of a user's passkeys (an administrator's reset); returns their names. */
export async function removePasskeys(db: Queryable, userId: number): Promise<string[]> {
  return (await db.delete(mfaPasskeys).where(eq(mfaPasskeys.userId, userId)).returning({ name: mfaPasskeys.name })).map((r) => r.name);
}

/** Purges challenges whose ceremony timed out without an answer (their session lives on). */
export async function purgeExpiredChallenges(db: Queryable): Promise<number> {
  return (await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, sql`now()`)).returning({ id: webauthnChallenges.sessionId })).length;
}
