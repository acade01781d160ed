import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, isNotNull, isNull, sql, type AnyColumn } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Queryable } from '../db/client.ts';
import type { Config } from '../config.ts';
import { mfaPasskeys, mfaRecoveryCodes, mfaRequiredRoles, mfaTotp } from './schema.ts';
import { passkeysOf, passkeyView, removePasskeys } from './passkeys.ts';
import { seal, unseal } from './secret-box.ts';
import type { SignInStep } from './sessions.ts';
import type { Role } from '../../shared/core/roles.ts';

/**
 * The second factor: a TOTP authenticator (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app
 * reads) and/or passkeys (passkeys.ts), with one-time recovery codes, and the policy of which roles must have one.
 */
const ISSUER = 'Khiên';
const RECOVERY_CODES = 10;

const totpOf = (secret: Secret, username: string) => new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret });

/** What the user typed: a 6-digit TOTP code, or a recovery code (10 hex characters, with or without the hyphen). */
function codeKind(code: string): { totp: string } | { recovery: string } | null {
  const plain = code.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(plain)) return { totp: plain };
  if (/^[0-9a-f]{10}$/.test(plain)) return { recovery: plain };
  return null;
}

const hashCode = (plain: string) => createHash('sha256').update(plain).digest('hex');

/** The time step of a valid code (one step of clock drift either way), or null. */
function acceptedStep(config: Config, sealed: string, code: string): number | null {
  const totp = totpOf(Secret.fromBase32(unseal(config, sealed)), '');
  const now = Date.now();
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

export async function requiredRoles(db: Queryable): Promise<Role[]> {
  return (await db.select().from(mfaRequiredRoles).orderBy(mfaRequiredRoles.role)).map((r) => r.role as Role);
}

export async function setRequiredRoles(db: Queryable, roles: readonly Role[]) {
  await db.delete(mfaRequiredRoles);
  if (roles.length) await db.insert(mfaRequiredRoles).values(roles.map((role) => ({ role })));
}

const mfaRequiredFor = async (db: Queryable, roles: readonly Role[]) => (await requiredRoles(db)).some((r) => roles.includes(r));

async function confirmedTotp(db: Queryable, userId: number) {
  const [row] = await db
    .select()
    .from(mfaTotp)
    .where(and(eq(mfaTotp.userId, userId), isNotNull(mfaTotp.confirmedAt)));
  return row;
}

/** Where a sign-in with the right password stops: at the second factor if the user has one, at enrolment if their role requires one. */
export async function signInStepOf(db: Queryable, user: { id: number; roles: readonly Role[] }): Promise<SignInStep | null> {
  if ((await confirmedTotp(db, user.id)) || (await passkeysOf(db, user.id)).length) return 'verify';
  return (await mfaRequiredFor(db, user.roles)) ? 'enrol' : null;
}

export async function mfaStatus(db: Queryable, user: { userId: number; roles: readonly Role[] }) {
  const totp = await confirmedTotp(db, user.userId);
  const passkeys = await passkeysOf(db, user.userId);
  const [left] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, user.userId), isNull(mfaRecoveryCodes.usedAt)));
  return {
    totp: totp ? { enrolledAt: totp.confirmedAt!.toISOString() } : null,
    passkeys: passkeys.map(passkeyView),
    recoveryCodesLeft: totp || passkeys.length ? (left?.n ?? 0) : 0,
    required: await mfaRequiredFor(db, user.roles),
  };
}

/**
 * A new authenticator secret awaiting its first code (replacing an unconfirmed one). The secret leaves the server
 * only here, for the user to scan; afterwards it is only ever read sealed.
 */
export async function beginTotp(db: Queryable, config: Config, user: { userId: number; username: string }) {
  const secret = new Secret({ size: 20 });
  const sealed = seal(config, secret.base32);
  await db
    .insert(mfaTotp)
    .values({ userId: user.userId, secret: sealed })
    .onConflictDoUpdate({ target: mfaTotp.userId, set: { secret: sealed, createdAt: new Date(), lastStep: null } });
  const uri = totpOf(secret, user.username).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: secret.base32, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

async function pendingTotp(db: Queryable, userId: number) {
  const [row] = await db
    .select()
    .from(mfaTotp)
    .where(and(eq(mfaTotp.userId, userId), isNull(mfaTotp.confirmedAt)));
  return row;
}

/** Marks the step used, atomically, so the same code (or an older one) is never accepted twice. */
async function spendStep(db: Queryable, userId: number, step: number, confirm: boolean): Promise<boolean> {
  const used = await db
    .update(mfaTotp)
    .set({ lastStep: step, ...(confirm ? { confirmedAt: new Date() } : {}) })
    .where(
      and(
        eq(mfaTotp.userId, userId),
        confirm ? isNull(mfaTotp.confirmedAt) : isNotNull(mfaTotp.confirmedAt),
        sql`(${mfaTotp.lastStep} is null or ${mfaTotp.lastStep} < ${step})`,
      ),
    )
    .returning({ userId: mfaTotp.userId });
  return used.length > 0;
}

/** Confirms the pending authenticator with a code from it; false when there is none pending or the code is wrong. */
export async function confirmTotp(db: Queryable, config: Config, userId: number, code: string): Promise<boolean> {
  const pending = await pendingTotp(db, userId);
  const kind = codeKind(code);
  if (!pending || !kind || !('totp' in kind)) return false;
  const step = acceptedStep(config, pending.secret, kind.totp);
  return step !== null && spendStep(db, userId, step, true);
}

/** Checks a sign-in's second factor: a current TOTP code, or an unused recovery code (used up by this). */
export async function checkSecondFactor(db: Queryable, config: Config, userId: number, code: string): Promise<'totp' | 'recovery' | null> {
  const kind = codeKind(code);
  if (!kind) return null;
  if ('recovery' in kind) {
    const used = await db
      .update(mfaRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, hashCode(kind.recovery)), isNull(mfaRecoveryCodes.usedAt)))
      .returning({ id: mfaRecoveryCodes.id });
    return used.length ? 'recovery' : null;
  }
  const totp = await confirmedTotp(db, userId);
  if (!totp) return null;
  const step = acceptedStep(config, totp.secret, kind.totp);
  return step !== null && (await spendStep(db, userId, step, false)) ? 'totp' : null;
}

/** A fresh set of recovery codes (the old ones stop working), returned once as `xxxxx-xxxxx`; only hashes are kept. */
export async function newRecoveryCodes(db: Queryable, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(5).toString('hex'));
  await removeRecoveryCodes(db, userId);
  await db.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashCode(c) })));
  return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

export async function removeRecoveryCodes(db: Queryable, userId: number) {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
}

/**
 * Removes a user's second factors, authenticator app and passkeys (an administrator's reset): they enrol again at
 * their next sign-in if their role requires it. What was removed, for the audit.
 */
export async function resetMfa(db: Queryable, userId: number): Promise<{ totp: boolean; passkeys: string[] }> {
  const removed = await db.delete(mfaTotp).where(eq(mfaTotp.userId, userId)).returning({ confirmedAt: mfaTotp.confirmedAt });
  const passkeys = await removePasskeys(db, userId);
  await removeRecoveryCodes(db, userId);
  return { totp: removed.some((r) => r.confirmedAt !== null), passkeys };
}

/** Whether each user has a second factor (a confirmed authenticator app or a passkey), as an SQL expression over their id (for user lists). */
export const hasMfaSql = (userIdColumn: AnyColumn) =>
  sql<boolean>`(exists (select 1 from ${mfaTotp} where ${mfaTotp.userId} = ${userIdColumn} and ${mfaTotp.confirmedAt} is not null)
    or exists (select 1 from ${mfaPasskeys} where ${mfaPasskeys.userId} = ${userIdColumn}))`;
