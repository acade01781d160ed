import { describe, expect, it } from 'vitest';
import { chosenPasswordProblem, commonPasswords, dummyVerify, generateTemporaryPassword, hashPassword, verifyPassword } from './password.ts';
import { Password } from '../../shared/users/schemas.ts';

describe('passwords', () => {
  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const a = await hashPassword('khien-demo-2026');
    const b = await hashPassword('khien-demo-2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'khien-demo-2026')).toBe(true);
    expect(await verifyPassword(a, 'khien-demo-2027')).toBe(false);
  });

  it('treats a malformed stored hash as a failed login, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
    expect(await dummyVerify('whatever')).toBe(false);
  });

  it('generates temporary passwords that pass the password rule and differ each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateTemporaryPassword();
      expect(Password.safeParse(p).success).toBe(true);
      expect(p).not.toMatch(/[01lIoO]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('refuses short passwords and those without a letter or a digit', () => {
    expect(Password.safeParse('abc123').success).toBe(false);
    expect(Password.safeParse('abcdefghijkl').success).toBe(false);
    expect(Password.safeParse('1234567890123').success).toBe(false);
    expect(Password.safeParse('mật-khẩu-2026').success).toBe(true);
  });

  it('ships the 10,000 most common passwords and refuses them, also dressed up with digits and symbols', () => {
    expect(commonPasswords().size).toBe(10_000);
    expect(commonPasswords().has('password12')).toBe(true);
    for (const p of ['password12', 'PASSWORD12', 'Password2026!', '123qwerty456', 'iloveyou-2026'])
      expect(chosenPasswordProblem(p, 'syt.canbo'), p).not.toBeNull();
    for (const p of ['khien-demo-2026', 'MatKhauMoi-2026', 'Cay-Bang-Do-2026']) expect(chosenPasswordProblem(p, 'syt.canbo'), p).toBeNull();
  });

  it('refuses a password containing the username, in any case', () => {
    expect(chosenPasswordProblem('Syt.Canbo-2026x', 'syt.canbo')?.messageVi).toContain('tên đăng nhập');
    expect(chosenPasswordProblem('canbo-Syt-2026x', 'syt.canbo')).toBeNull();
  });
});
