import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { enrolTotp, totpCode } from '../../../../tests/support/mfa.ts';

let t: TestApp;
let admin: Client;
let sytAdmin: Client;
const users: Record<string, { id: number; mfaEnrolled: boolean }> = {};

beforeAll(async () => {
  t = await startTestApp();
  [admin, sytAdmin] = await Promise.all(['admin', 'syt.admin'].map((u) => t.login(u)));
  for (const u of (await admin.get('/api/users')).json() as { id: number; username: string; mfaEnrolled: boolean }[]) users[u.username] = u;
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string; messageVi: string } }).error;
const secretOf = async (username: string) =>
  ((await t.database.db.execute(sql`select secret from mfa_totp where user_id = ${users[username]!.id}`)).rows[0] as { secret: string } | undefined)?.secret;

describe('the MFA policy', () => {
  it('is set by a platform admin only, role by role', async () => {
    // The suite's template clears the default (platform admins and the security unit) so that passwords sign in.
    expect((await admin.get('/api/mfa-policy')).json()).toEqual({ requiredRoles: [] });
    const set = await admin.put('/api/mfa-policy', { requiredRoles: ['platform_admin', 'dept_security', 'platform_admin'] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ requiredRoles: ['dept_security', 'platform_admin'] });
    expect((await admin.get('/api/mfa-policy')).json()).toEqual({ requiredRoles: ['dept_security', 'platform_admin'] });
    expect((await sytAdmin.get('/api/mfa-policy')).statusCode).toBe(403);
    expect((await sytAdmin.put('/api/mfa-policy', { requiredRoles: [] })).statusCode).toBe(403);
    const bad = await admin.put('/api/mfa-policy', { requiredRoles: ['god'] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toMatch(/^requiredRoles/);
    const audit = (await admin.get('/api/audit?entity=mfa_policy&action=update')).json();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { requiredRoles: [] }, after: { requiredRoles: ['dept_security', 'platform_admin'] } });
  });

  it('leaves sessions opened before it alone', async () => {
    expect((await admin.get('/api/systems')).statusCode).toBe(200);
  });
});

let atttSecret = '';
let atttConfirmCode = '';
let atttRecovery: string[] = [];

describe('enrolment at the next sign-in of a role that requires it', () => {
  it('lets the user reach only their account until an authenticator app is set up', async () => {
    const attt = await t.login('attt');
    expect(attt.me).toMatchObject({ signInStep: 'enrol' });
    const refused = await attt.get('/api/systems');
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'mfa_enrolment_required', messageVi: expect.stringContaining('xác thực hai bước') });
    expect((await attt.get('/api/auth/me')).json()).toMatchObject({ username: 'attt', signInStep: 'enrol' });
    expect((await attt.get('/api/auth/mfa')).json()).toEqual({ totp: null, passkeys: [], recoveryCodesLeft: 0, required: true });

    const begun = await attt.post('/api/auth/mfa/totp');
    expect(begun.statusCode, begun.body).toBe(200);
    const enrolment = begun.json() as { secret: string; uri: string; qrCode: string };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Kh/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg');
    atttSecret = enrolment.secret;

    // Stored sealed: the database does not hold the secret an authenticator could be set up from.
    const stored = await secretOf('attt');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(atttSecret);

    const wrong = await attt.post('/api/auth/mfa/totp/confirm', { code: totpCode(atttSecret, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'invalid', field: 'code', messageVi: expect.any(String) });
    expect((await attt.get('/api/systems')).statusCode).toBe(403);

    atttConfirmCode = totpCode(atttSecret);
    const confirmed = await attt.post('/api/auth/mfa/totp/confirm', { code: atttConfirmCode });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    atttRecovery = confirmed.json().recoveryCodes;
    expect(atttRecovery).toHaveLength(10);
    expect(new Set(atttRecovery).size).toBe(10);
    for (const code of atttRecovery) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);

    expect((await attt.get('/api/systems')).statusCode).toBe(200);
    expect((await attt.get('/api/auth/me')).json().signInStep).toBeNull();
    const status = await attt.get('/api/auth/mfa');
    expect(status.json()).toMatchObject({ totp: { enrolledAt: expect.any(String) }, recoveryCodesLeft: 10, required: true });
    expect(status.body).not.toContain(atttSecret);
    const again = await attt.post('/api/auth/mfa/totp');
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).field).toBe('totp');
  });

  it('keeps neither the secret in any answer or audit entry, nor the recovery codes in clear', async () => {
    const answers = [await admin.get(`/api/users/${users.attt!.id}`), await admin.get(`/api/audit?entity=user&entityId=${users.attt!.id}`)];
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(atttSecret);
      for (const code of atttRecovery) expect(res.body).not.toContain(code);
    }
    expect(answers[0]!.json().mfaEnrolled).toBe(true);
    const { rows } = await t.database.db.execute(sql`select code_hash from mfa_recovery_codes where user_id = ${users.attt!.id}`);
    expect(rows).toHaveLength(10);
    const hashes = rows.map((r) => (r as { code_hash: string }).code_hash);
    for (const code of atttRecovery) expect(hashes.some((h) => h.includes(code.replace('-', '')))).toBe(false);
    const actions = (await admin.get(`/api/audit?entity=user&entityId=${users.attt!.id}`)).json().map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['start_mfa_enrolment', 'enrol_mfa']));
  });
});

describe('signing in with a second factor', () => {
  it('holds the session at the code until a current, unused one is given, then issues a new session', async () => {
    const attt = await t.login('attt');
    expect(attt.me).toMatchObject({ signInStep: 'verify' });
    for (const res of [await attt.get('/api/systems'), await attt.get('/api/auth/sessions'), await attt.post('/api/auth/sessions/sign-out-others')]) {
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('second_factor_required');
    }
    expect((await attt.get('/api/auth/me')).json().signInStep).toBe('verify');

    // The code the enrolment used is not accepted again.
    const replayed = await attt.post('/api/auth/mfa/verify', { code: atttConfirmCode });
    expect(replayed.statusCode).toBe(400);
    expect(errorOf(replayed).field).toBe('code');

    const passwordOnly = attt.cookies.get('khien_session');
    const verified = await attt.post('/api/auth/mfa/verify', { code: totpCode(atttSecret, 1) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ username: 'attt', signInStep: null });
    expect(attt.cookies.get('khien_session')).not.toBe(passwordOnly);
    await attt.refreshCsrf();
    expect((await attt.get('/api/systems')).statusCode).toBe(200);
    const again = await attt.post('/api/auth/mfa/verify', { code: totpCode(atttSecret, 1) });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('no_second_factor_pending');

    const stale = await t.anonymous();
    stale.cookies.set('khien_session', passwordOnly!);
    expect((await stale.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('accepts each recovery code once, however it is typed', async () => {
    const first = await t.login('attt');
    const typed = ` ${atttRecovery[0]!.toUpperCase().replace('-', ' - ')} `;
    const ok = await first.post('/api/auth/mfa/verify', { code: typed });
    expect(ok.statusCode, ok.body).toBe(200);
    await first.refreshCsrf();
    expect((await first.get('/api/auth/mfa')).json().recoveryCodesLeft).toBe(9);
    const audit = (await admin.get(`/api/audit?entity=user&entityId=${users.attt!.id}&action=verify_second_factor`)).json();
    expect(audit.map((e: { after: { factor: string } }) => e.after.factor)).toEqual(['recovery', 'totp']);

    const second = await t.login('attt');
    const reused = await second.post('/api/auth/mfa/verify', { code: atttRecovery[0] });
    expect(reused.statusCode).toBe(400);
    expect((await second.get('/api/systems')).statusCode).toBe(401);
  });

  it('renews recovery codes with a current code, and the old ones stop working; five wrong codes end the sign-in', async () => {
    const canbo = await t.login('syt.canbo');
    expect(canbo.me).toMatchObject({ signInStep: null });
    const { secret, recoveryCodes: old } = await enrolTotp(canbo);
    expect((await canbo.get('/api/auth/mfa')).json()).toMatchObject({ required: false, recoveryCodesLeft: 10 });
    expect((await canbo.post('/api/auth/mfa/recovery-codes', { code: 'không phải mã' })).statusCode).toBe(400);
    const renewed = await canbo.post('/api/auth/mfa/recovery-codes', { code: totpCode(secret, 1) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const fresh = renewed.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);

    const next = await t.login('syt.canbo');
    expect(next.me).toMatchObject({ signInStep: 'verify' });
    expect((await next.post('/api/auth/mfa/verify', { code: old[0] })).statusCode).toBe(400);
    expect((await next.post('/api/auth/mfa/verify', { code: fresh[0] })).statusCode).toBe(200);

    const guessing = await t.login('syt.canbo');
    for (let i = 1; i <= 4; i++) {
      const res = await guessing.post('/api/auth/mfa/verify', { code: `${100000 + i}` === totpCode(secret) ? '999999' : `${100000 + i}` });
      expect(res.statusCode, `attempt ${i}`).toBe(400);
    }
    const fifth = await guessing.post('/api/auth/mfa/verify', { code: fresh[9]!.replace(/./, (c) => (c === 'a' ? 'b' : 'a')) });
    expect(fifth.statusCode).toBe(401);
    expect(errorOf(fifth)).toMatchObject({ code: 'too_many_codes', messageVi: expect.any(String) });
    expect((await guessing.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses malformed codes with the field and both languages', async () => {
    const c = await t.login('attt');
    for (const body of [{}, { code: '' }, { code: 'x'.repeat(41) }, { code: 123456 }]) {
      const res = await c.post('/api/auth/mfa/verify', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res)).toMatchObject({ field: 'code', message: expect.any(String), messageVi: expect.any(String) });
    }
  });
});

describe("an administrator's reset of a second factor", () => {
  it('is done within the admin’s reach only, audited, and ends the user’s sessions', async () => {
    const canbo = await t.login('syt.canbo');
    expect(canbo.me).toMatchObject({ signInStep: 'verify' });
    // syt.admin manages Sở Y tế's accounts; attt (Công an tỉnh) does not exist for them.
    expect((await sytAdmin.post(`/api/users/${users.attt!.id}/reset-mfa`)).statusCode).toBe(404);
    expect((await (await t.login('lanhdao')).post(`/api/users/${users['syt.canbo']!.id}/reset-mfa`)).statusCode).toBe(403);

    const reset = await sytAdmin.post(`/api/users/${users['syt.canbo']!.id}/reset-mfa`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ username: 'syt.canbo', mfaEnrolled: false });
    expect((await canbo.get('/api/auth/me')).statusCode).toBe(401);
    expect(await secretOf('syt.canbo')).toBeUndefined();
    const audit = (await admin.get(`/api/audit?entity=user&entityId=${users['syt.canbo']!.id}&action=reset_mfa`)).json();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: sytAdmin.me.id, agencyId: sytAdmin.me.agencyId });
    // Not a role that requires it: signs in with the password alone again.
    expect((await t.login('syt.canbo')).me).toMatchObject({ signInStep: null });
    const twice = await sytAdmin.post(`/api/users/${users['syt.canbo']!.id}/reset-mfa`);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).field).toBe('mfa');
  });

  it('sends a user whose role requires a second factor back to enrolment', async () => {
    expect((await admin.post(`/api/users/${users.attt!.id}/reset-mfa`)).statusCode).toBe(200);
    expect((await t.login('attt')).me).toMatchObject({ signInStep: 'enrol' });
  });
});

describe('where a user is signed in', () => {
  const signIn = async (userAgent: string) => {
    const c = await t.anonymous();
    const res = await c.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lanhdao', password: 'khien-demo-2026' },
      headers: { 'user-agent': userAgent },
    });
    expect(res.statusCode, res.body).toBe(200);
    c.me = res.json();
    await c.refreshCsrf();
    return c;
  };

  it('lists the sessions with device, address and last use, and signs out everywhere else', async () => {
    const laptop = await signIn('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0');
    const office = await signIn('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36');
    const listed = (await laptop.get('/api/auth/sessions')).json() as { id: string; current: boolean; device: string; ip: string; lastSeenAt: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(listed.find((s) => s.current)!.device).toBe('Firefox 128 · Linux');
    expect(listed.map((s) => s.device)).toContain('Chrome 120 · Windows 10');
    for (const s of listed) {
      expect(s.ip).toBeTruthy();
      expect(s.id).toMatch(/^[0-9a-f]{12}$/);
      expect(Number.isNaN(Date.parse(s.lastSeenAt))).toBe(false);
    }
    // Only the caller's own sessions.
    const ids = new Set(listed.map((s) => s.id));
    for (const s of (await admin.get('/api/auth/sessions')).json() as { id: string }[]) expect(ids.has(s.id)).toBe(false);

    const out = await laptop.post('/api/auth/sessions/sign-out-others');
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().ended).toBe(listed.length - 1);
    expect((await office.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await laptop.get('/api/auth/sessions')).json()).toHaveLength(1);
    const audit = (await admin.get(`/api/audit?entity=user&action=sign_out_elsewhere&entityId=${laptop.me.id}`)).json();
    expect(audit[0]).toMatchObject({ actorUserId: laptop.me.id, after: { ended: listed.length - 1 } });
  });
});
