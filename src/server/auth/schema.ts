// The tables of sign-in (drizzle): sessions and the sign-in throttle, kept by sessions.ts and throttle.ts.
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../modules/users/schema.ts';

/** Server-side sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
    /** An unfinished sign-in: 'verify' while the second factor is awaited, 'enrol' while a required one is not set up. */
    signInStep: text(),
    /** Wrong second-factor codes typed in this session. */
    mfaFailures: integer().notNull().default(0),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in history per (attempted username, client address): failures count toward that address's lock only, and an
 * address the account signed in from is known (see throttle.ts). Unknown usernames get rows too, so the
 * throttle reveals nothing.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    username: text().notNull(),
    /** throttle.ts addressKey: the IPv4 address or the IPv6 /64. */
    address: text().notNull(),
    failures: integer().notNull().default(0),
    lastFailureAt: timestamp({ withTimezone: true }),
    signedInAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] })],
);

/**
 * A user's TOTP authenticator (RFC 6238): the secret encrypted (auth/secret-box.ts), confirmed once the user typed a
 * code from it. `lastStep` is the time step of the last accepted code, so a code is never accepted twice.
 */
export const mfaTotp = pgTable('mfa_totp', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  secret: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  lastStep: integer(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes, shown once at enrolment; only their SHA-256 is kept. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/** The roles whose users must enrol a second factor at their next sign-in: set by a platform admin. */
export const mfaRequiredRoles = pgTable('mfa_required_roles', {
  role: text().primaryKey(),
});

/**
 * A user's passkeys (WebAuthn credentials, auth/passkeys.ts), a second factor beside or instead of TOTP. The public
 * key is the COSE key the authenticator made; `counter` its last signature counter, which must go up (a clone shows
 * as a counter that does not).
 */
export const mfaPasskeys = pgTable(
  'mfa_passkeys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    /** The credential ID, base64url, as the browser sends it. */
    credentialId: text().notNull(),
    /** The COSE public key, base64url. */
    publicKey: text().notNull(),
    counter: bigint({ mode: 'number' }).notNull().default(0),
    transports: text().array().notNull().default([]),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_passkeys_credential_idx').on(t.credentialId), index('mfa_passkeys_user_idx').on(t.userId)],
);

/**
 * The challenge of a passkey ceremony under way, bound to the session that asked for it: one at a time, taken (and
 * so spent) by the answer whatever its outcome, and refused after `expiresAt`.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  sessionId: text()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  /** 'registration' (adding a passkey) or 'authentication' (signing in with one). */
  ceremony: text().notNull(),
  challenge: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
