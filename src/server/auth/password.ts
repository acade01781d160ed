import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// algorithm 2 is Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Verifying against this when the user does not exist keeps the timing the same: no enumeration. */
let dummyHash: Promise<string> | undefined;
export const dummyVerify = async (plain: string) => {
  dummyHash ??= hashPassword('dummy-password-for-timing-1');
  await verifyPassword(await dummyHash, plain);
  return false;
};

/** A temporary password an admin reads out to a user: unambiguous characters, with a letter and a digit. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(14);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${body.slice(0, 6)}-${body.slice(6, 12)}-${(bytes[12]! % 8) + 2}${alphabet[bytes[13]! % 23]}`;
}

const COMMON_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/common-passwords.txt');
let common: Set<string> | undefined;
/** data/common-passwords.txt, read once on first use. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/**
 * Why a password someone chose is refused, beyond the shape the shared schema checks: one of the 10,000 most common
 * passwords (also with digits or symbols only added around it, as in "Password2026!"), or containing the username.
 */
export function chosenPasswordProblem(plain: string, username: string): { message: string; messageVi: string } | null {
  const lower = plain.normalize('NFC').toLowerCase();
  const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (commonPasswords().has(lower) || commonPasswords().has(stem)) {
    return {
      message: 'This password is among the most common ones; choose another',
      messageVi: 'Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác',
    };
  }
  if (lower.includes(username.toLowerCase())) {
    return { message: 'The password must not contain the username', messageVi: 'Mật khẩu không được chứa tên đăng nhập' };
  }
  return null;
}
