/** A user's own account as the sign-in routes change it: the last sign-in, the password, the interface language. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users } from './schema.ts';

export async function recordSignIn(tx: Tx, userId: number) {
  await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}

/** The user's own new password: the temporary one, if any, no longer needs changing. */
export async function setOwnPassword(tx: Tx, userId: number, passwordHash: string) {
  await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setLocale(tx: Tx, userId: number, locale: string) {
  await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}

/**
 * An account made at its first single sign-on or directory sign-in: in the configured agency, with no role until an
 * admin grants one, and no usable password (`!` matches no hash), so it signs in only through the provider or the
 * directory entry it names.
 */
export async function provisionSsoUser(tx: Tx, u: { agencyId: number; username: string; fullName: string; email: string | null; directoryDn: string | null }) {
  const [row] = await tx
    .insert(users)
    .values({ ...u, passwordHash: '!', roles: [] })
    .onConflictDoNothing({ target: users.username })
    .returning();
  return row ?? null;
}

/**
 * The account signs in through this directory entry from now on: the local password, if any, stops working (the
 * directory alone decides, so an account disabled there is shut here too), and a temporary one needs no change.
 */
export async function linkDirectory(tx: Tx, userId: number, directoryDn: string) {
  await tx.update(users).set({ directoryDn, passwordHash: '!', mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, userId));
}
