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
