import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';

const MAX_PER_ACCOUNT = 3;

let t: TestApp;
let admin: Client;
let syt: number;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT) });
  admin = await t.login('admin');
  syt = ((await admin.get('/api/agencies')).json() as { id: number; name: string }[]).find((a) => a.name === 'Sở Y tế')!.id;
});
afterAll(async () => {
  await t?.close();
});

const loginAs = async (username: string, password: string, remoteAddress?: string) => {
  const c = await t.anonymous();
  const res = await c.request({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  // Sign-in renews the CSRF secret; the client fetches a new token like the SPA does.
  if (res.statusCode === 200) await c.refreshCsrf();
  return { c, res };
};

/** A fresh account, so changing its password or locale does not disturb the other tests. */
async function newUser(username: string) {
  const res = await admin.post('/api/users', { agencyId: syt, username, fullName: 'Người Kiểm Thử', roles: ['agency_officer'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { user: { id: number }; temporaryPassword: string };
}

describe('sign-in', () => {
  it('signs in with the demo password and reads /me', async () => {
    const c = await t.login('syt.canbo');
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'syt.canbo', roles: ['agency_officer'], locale: 'vi', mustChangePassword: false });
  });

  it('answers a wrong password and an unknown user identically (no enumeration)', async () => {
    const wrong = (await loginAs('sgd.canbo', 'not-the-password-1')).res;
    const unknown = (await loginAs('khong.ton.tai', 'not-the-password-1')).res;
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toMatchObject({ code: 'bad_credentials', messageVi: expect.stringContaining('mật khẩu') });
    expect(wrong.cookies.find((c) => c.name === 'khien_session')).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Lax session cookie whose value is not stored in the database', async () => {
    const { res } = await loginAs('lanhdao', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'khien_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((h) => h.startsWith('khien_session='))!;
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    const { rows } = await t.database.db.execute(sql`select id from sessions where id = ${cookie.value}`);
    expect(rows).toHaveLength(0);
  });

  it('accepts the username in any case', async () => {
    expect((await loginAs('SYT.Admin', DEMO_PASSWORD)).res.statusCode).toBe(200);
  });
});

describe('sign-out', () => {
  it('ends the session on the server, not only in the browser', async () => {
    const c = await t.login('lanhdao');
    const token = c.cookies.get('khien_session')!;
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect(c.cookies.has('khien_session')).toBe(false);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    // Replaying the old cookie does not bring the session back.
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { khien_session: token } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toMatchObject({ code: 'unauthorized', message: expect.any(String), messageVi: expect.any(String) });
  });

  it('refuses anonymous calls to protected routes', async () => {
    const anon = await t.anonymous();
    expect((await anon.get('/api/auth/me')).statusCode).toBe(401);
    expect((await anon.get('/api/systems')).statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('rejects state-changing requests without the CSRF header, and with a forged one', async () => {
    const c = await t.login('ungcuu');
    const missing = await c.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en' }, csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error).toMatchObject({ code: 'csrf', messageVi: expect.stringContaining('CSRF') });
    const forged = await c.request({
      method: 'PUT',
      url: '/api/auth/locale',
      payload: { locale: 'en' },
      csrf: false,
      headers: { 'x-csrf-token': 'forged-token' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).json().locale).toBe('vi');
    expect((await c.request({ method: 'POST', url: '/api/auth/logout', csrf: false })).statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('protects the sign-in form too', async () => {
    const anon = await t.anonymous();
    const res = await anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD }, csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'khien_session')).toBeUndefined();
  });
});

describe('own password', () => {
  it('forces a temporary password to be changed, requires the old one, and ends the other sessions', async () => {
    const { temporaryPassword } = await newUser('doi.matkhau');
    const { c, res } = await loginAs('doi.matkhau', temporaryPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const other = (await loginAs('doi.matkhau', temporaryPassword)).c;

    const blocked = await c.get('/api/systems');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);

    const wrongOld = await c.post('/api/auth/password', { currentPassword: 'sai-mat-khau-1', newPassword: 'MatKhauMoi-2026' });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().error.field).toBe('currentPassword');
    const weak = await c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('newPassword');
    const same = await c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: temporaryPassword });
    expect(same.statusCode).toBe(400);

    expect((await c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'MatKhauMoi-2026' })).statusCode).toBe(204);
    expect((await c.get('/api/systems')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);

    expect((await loginAs('doi.matkhau', temporaryPassword)).res.statusCode).toBe(401);
    const fresh = await loginAs('doi.matkhau', 'MatKhauMoi-2026');
    expect(fresh.res.statusCode).toBe(200);
    expect(fresh.res.json().mustChangePassword).toBe(false);
  });
});

describe('locale', () => {
  it('remembers the interface language across requests and sessions', async () => {
    const { temporaryPassword } = await newUser('ngon.ngu');
    const { c } = await loginAs('ngon.ngu', temporaryPassword);
    expect((await c.get('/api/auth/me')).json().locale).toBe('vi');
    expect((await c.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).json().locale).toBe('en');
    const again = await loginAs('ngon.ngu', temporaryPassword);
    expect(again.res.json().locale).toBe('en');
    const bad = await c.put('/api/auth/locale', { locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('locale');
  });
});

describe('sign-in throttling', () => {
  it(`locks an account for an address after ${MAX_PER_ACCOUNT} failures from it, with a bilingual message, even for the right password`, async () => {
    const guesser = '203.0.113.8';
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await loginAs('ungcuu', `wrong-password-${i}`, guesser)).res.statusCode).toBe(401);
    const locked = (await loginAs('UngCuu', DEMO_PASSWORD, guesser)).res;
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/try again/i),
      messageVi: expect.stringContaining('thử lại'),
    });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.cookies.find((c) => c.name === 'khien_session')).toBeUndefined();
    // The lock holds that address only (an attacker elsewhere cannot lock the owner out), and other accounts are unaffected.
    expect((await loginAs('UngCuu', DEMO_PASSWORD, '203.0.113.9')).res.statusCode).toBe(200);
    expect((await loginAs('attt', DEMO_PASSWORD, guesser)).res.statusCode).toBe(200);
  });

  it('locks unknown usernames the same way, so the lock reveals nothing', async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await loginAs('khong.co.ai', `wrong-password-${i}`)).res.statusCode).toBe(401);
    expect((await loginAs('khong.co.ai', 'wrong-password-x')).res.json().error.code).toBe('too_many_attempts');
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) expect((await loginAs('syt.admin', `wrong-${i}-password`)).res.statusCode).toBe(401);
    expect((await loginAs('syt.admin', DEMO_PASSWORD)).res.statusCode).toBe(200);
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) expect((await loginAs('syt.admin', `wrong-${i}-password`)).res.statusCode).toBe(401);
    expect((await loginAs('syt.admin', DEMO_PASSWORD)).res.statusCode).toBe(200);
  });

  it('limits sign-in attempts per address', async () => {
    const small = await startTestApp({ LOGIN_MAX_PER_IP: '3' });
    try {
      const attempt = async (ip: string) => {
        const c = await small.anonymous();
        return c.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody${Math.random()}`.slice(0, 20), password: 'x-password-1' },
          remoteAddress: ip,
        });
      };
      for (let i = 0; i < 3; i++) expect((await attempt('198.51.100.7')).statusCode).toBe(401);
      const limited = await attempt('198.51.100.7');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ message: expect.any(String), messageVi: expect.stringContaining('thử lại') });
      expect((await attempt('198.51.100.8')).statusCode).toBe(401);
    } finally {
      await small.close();
    }
  });
});
