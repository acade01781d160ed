import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { enrolPasskey, passkeySignInOptions, SoftAuthenticator } from '../../../../tests/support/passkey.ts';
import { enrolTotp } from '../../../../tests/support/mfa.ts';

let t: TestApp;
let admin: Client;
let sytAdmin: Client;
const users: Record<string, { id: number }> = {};
/** sgd.canbo's authenticator (a laptop's), another person's (lanhdao's), syt.canbo's and attt's. */
let laptop: SoftAuthenticator;
let other: SoftAuthenticator;
let canboKey: SoftAuthenticator;
let atttKey: SoftAuthenticator;

beforeAll(async () => {
  // sgd.canbo signs in more often than the per-account limit of second-factor attempts allows by default.
  t = await startTestApp({ LOGIN_MAX_PER_ACCOUNT: '50' });
  [admin, sytAdmin] = await Promise.all(['admin', 'syt.admin'].map((u) => t.login(u)));
  for (const u of (await admin.get('/api/users')).json() as { id: number; username: string }[]) users[u.username] = u;
  laptop = new SoftAuthenticator(t.config.webauthn.origin);
  other = new SoftAuthenticator(t.config.webauthn.origin);
  canboKey = new SoftAuthenticator(t.config.webauthn.origin);
  atttKey = new SoftAuthenticator(t.config.webauthn.origin);
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string; messageVi: string } }).error;
const storedPasskeys = async (username: string) =>
  (
    await t.database.db.execute(
      sql`select credential_id, public_key, counter::int as counter from mfa_passkeys where user_id = ${users[username]!.id} order by id`,
    )
  ).rows as { credential_id: string; public_key: string; counter: number }[];
const auditOf = async (username: string, action: string) => (await admin.get(`/api/audit?entity=user&entityId=${users[username]!.id}&action=${action}`)).json();

describe('adding passkeys', () => {
  it('registers named passkeys with the RP from the configuration, user verification required; the first brings recovery codes', async () => {
    const c = await t.login('sgd.canbo');
    const options = await c.post('/api/auth/mfa/passkeys/options');
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json()).toMatchObject({
      rp: { id: 'localhost', name: 'Khiên' },
      user: { name: 'sgd.canbo', displayName: 'Đỗ Ngọc Mai' },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      authenticatorSelection: { userVerification: 'required' },
      excludeCredentials: [],
    });
    const first = await c.post('/api/auth/mfa/passkeys', { name: 'Máy tính xách tay', response: laptop.register(options.json()) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().passkey).toMatchObject({ name: 'Máy tính xách tay', lastUsedAt: null });
    const codes = first.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);

    const second = await enrolPasskey(c, laptop, 'Khóa USB');
    expect(second.recoveryCodes).toBeNull();
    // The second ceremony did not offer to create again a credential the user has.
    const again = (await c.post('/api/auth/mfa/passkeys/options')).json();
    expect(again.excludeCredentials.map((e: { id: string }) => e.id)).toEqual(laptop.credentials.map((k) => k.id.toString('base64url')));

    const status = (await c.get('/api/auth/mfa')).json();
    expect(status).toMatchObject({ totp: null, recoveryCodesLeft: 10, required: false });
    expect(status.passkeys.map((p: { name: string }) => p.name)).toEqual(['Máy tính xách tay', 'Khóa USB']);
    for (const p of status.passkeys) expect(Number.isNaN(Date.parse(p.createdAt))).toBe(false);
    const stored = await storedPasskeys('sgd.canbo');
    expect(stored.map((s) => s.credential_id)).toEqual(laptop.credentials.map((k) => k.id.toString('base64url')));
    expect(status.passkeys[0]).not.toHaveProperty('publicKey');
    expect(JSON.stringify(status)).not.toContain(stored[0]!.public_key);

    const audit = await auditOf('sgd.canbo', 'enrol_mfa');
    expect(audit.map((e: { after: { factor: string; name: string } }) => e.after)).toEqual([
      expect.objectContaining({ factor: 'passkey', name: 'Khóa USB' }),
      expect.objectContaining({ factor: 'passkey', name: 'Máy tính xách tay' }),
    ]);
    expect((await admin.get(`/api/users/${users['sgd.canbo']!.id}`)).json().mfaEnrolled).toBe(true);
  });

  it('refuses an answer to another challenge, the same answer twice, an expired challenge and another origin', async () => {
    const c = await t.login('syt.canbo');
    const wrong = await c.post('/api/auth/mfa/passkeys', {
      name: 'Sai',
      response: canboKey.register((await c.post('/api/auth/mfa/passkeys/options')).json(), { challenge: 'c29tZXRoaW5nLWVsc2UtZW50aXJlbHk' }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'invalid', field: 'response', messageVi: expect.stringContaining('khóa truy cập') });

    const answer = canboKey.register((await c.post('/api/auth/mfa/passkeys/options')).json());
    expect((await c.post('/api/auth/mfa/passkeys', { name: 'Một lần', response: answer })).statusCode).toBe(200);
    expect((await c.post('/api/auth/mfa/passkeys', { name: 'Hai lần', response: answer })).statusCode).toBe(400);

    const late = canboKey.register((await c.post('/api/auth/mfa/passkeys/options')).json());
    await t.database.db.execute(sql`update webauthn_challenges set expires_at = now() - interval '1 second'`);
    expect((await c.post('/api/auth/mfa/passkeys', { name: 'Muộn', response: late })).statusCode).toBe(400);

    const elsewhere = new SoftAuthenticator('https://khien.example.com');
    const phished = await c.post('/api/auth/mfa/passkeys', {
      name: 'Giả',
      response: elsewhere.register((await c.post('/api/auth/mfa/passkeys/options')).json()),
    });
    expect(phished.statusCode).toBe(400);
    expect((await c.get('/api/auth/mfa')).json().passkeys.map((p: { name: string }) => p.name)).toEqual(['Một lần']);

    for (const body of [
      {},
      { name: '', response: answer },
      { name: 'x'.repeat(61), response: answer },
      { name: 'Tên', response: { ...answer, type: 'other' } },
    ]) {
      const res = await c.post('/api/auth/mfa/passkeys', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorOf(res).messageVi).toBeTruthy();
    }
  });
});

describe('signing in with a passkey', () => {
  it('asks for the second factor after the password and accepts an assertion from one of the user’s passkeys', async () => {
    const c = await t.login('sgd.canbo');
    expect(c.me).toMatchObject({ signInStep: 'verify' });
    expect((await c.get('/api/systems')).statusCode).toBe(401);
    // The page learns which factors the user has.
    expect((await c.get('/api/auth/mfa')).json()).toMatchObject({ totp: null, passkeys: [{ name: 'Máy tính xách tay' }, { name: 'Khóa USB' }] });
    const options = await passkeySignInOptions(c);
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials!.map((a) => a.id)).toEqual(laptop.credentials.map((k) => k.id.toString('base64url')));

    const passwordOnly = c.cookies.get('khien_session');
    const verified = await c.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(options) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ username: 'sgd.canbo', signInStep: null });
    expect(c.cookies.get('khien_session')).not.toBe(passwordOnly);
    await c.refreshCsrf();
    expect((await c.get('/api/systems')).statusCode).toBe(200);
    const used = (await c.get('/api/auth/mfa')).json().passkeys[0];
    expect(Number.isNaN(Date.parse(used.lastUsedAt))).toBe(false);
    expect((await storedPasskeys('sgd.canbo'))[0]!.counter).toBe(1);
    expect((await auditOf('sgd.canbo', 'verify_second_factor'))[0]).toMatchObject({ after: { factor: 'passkey' } });
    // Signed in: no second factor is awaited any more.
    expect((await c.post('/api/auth/mfa/verify/passkey-options')).statusCode).toBe(409);
  });

  it('refuses an assertion of another challenge, and the challenge is spent by it', async () => {
    const c = await t.login('sgd.canbo');
    const options = await passkeySignInOptions(c);
    const wrong = await c.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(options, { challenge: 'bm90LXRoZS1jaGFsbGVuZ2UtYXQtYWxs' }) });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'invalid', field: 'response', messageVi: expect.stringContaining('Khóa truy cập') });
    expect((await c.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(options) })).statusCode).toBe(400);
    expect((await c.get('/api/systems')).statusCode).toBe(401);
  });

  it('refuses a replayed assertion, in another sign-in or the same one', async () => {
    const first = await t.login('sgd.canbo');
    const assertion = laptop.assert(await passkeySignInOptions(first));
    expect((await first.post('/api/auth/mfa/verify/passkey', { response: assertion })).statusCode).toBe(200);

    const second = await t.login('sgd.canbo');
    await passkeySignInOptions(second);
    expect((await second.post('/api/auth/mfa/verify/passkey', { response: assertion })).statusCode).toBe(400);
    expect((await second.get('/api/systems')).statusCode).toBe(401);
    // Nothing pending: the refused answer spent the challenge, and this one is refused too.
    expect((await second.post('/api/auth/mfa/verify/passkey', { response: assertion })).statusCode).toBe(400);
  });

  it('refuses a signature counter that does not go up (a cloned authenticator) and leaves the stored counter', async () => {
    const before = (await storedPasskeys('sgd.canbo'))[0]!.counter;
    expect(before).toBeGreaterThanOrEqual(2);
    for (const counter of [before - 1, before]) {
      const c = await t.login('sgd.canbo');
      const res = await c.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(await passkeySignInOptions(c), { counter }) });
      expect(res.statusCode, `counter ${counter}`).toBe(400);
    }
    expect((await storedPasskeys('sgd.canbo'))[0]!.counter).toBe(before);
    const c = await t.login('sgd.canbo');
    expect((await c.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(await passkeySignInOptions(c), { counter: before + 5 }) })).statusCode).toBe(
      200,
    );
    expect((await storedPasskeys('sgd.canbo'))[0]!.counter).toBe(before + 5);
  });

  it("refuses someone else's passkey, and one whose user was not verified", async () => {
    const lanhdao = await t.login('lanhdao');
    await enrolPasskey(lanhdao, other, 'Điện thoại');
    const c = await t.login('sgd.canbo');
    const options = await passkeySignInOptions(c);
    expect(options.allowCredentials!.map((a) => a.id)).not.toContain(other.credentials[0]!.id.toString('base64url'));
    const foreign = await c.post('/api/auth/mfa/verify/passkey', { response: other.assert(options, { credential: other.credentials[0] }) });
    expect(foreign.statusCode).toBe(400);

    laptop.userVerified = false;
    try {
      const d = await t.login('sgd.canbo');
      expect((await d.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(await passkeySignInOptions(d)) })).statusCode).toBe(400);
    } finally {
      laptop.userVerified = true;
    }
  });

  it('offers no passkey to a user who has only an authenticator app, and none outside the second step', async () => {
    const canbo = await t.login('vnpt.canbo');
    await enrolTotp(canbo);
    const next = await t.login('vnpt.canbo');
    const res = await next.post('/api/auth/mfa/verify/passkey-options');
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ field: 'passkey', messageVi: 'Tài khoản này chưa đăng ký khóa truy cập' });
    expect((await next.get('/api/auth/mfa')).json()).toMatchObject({ totp: { enrolledAt: expect.any(String) }, passkeys: [] });
    expect((await admin.post('/api/auth/mfa/verify/passkey-options')).statusCode).toBe(409);
    const idle = await admin.post('/api/auth/mfa/verify/passkey', {
      response: laptop.assert({ challenge: 'eA', rpId: 'localhost', allowCredentials: [] }, { credential: laptop.credentials[0] }),
    });
    expect(errorOf(idle).code).toBe('no_second_factor_pending');
  });
});

describe('enrolment required by the role', () => {
  it('offers passkeys as well as the authenticator app, and a passkey ends the enrolment', async () => {
    expect((await admin.put('/api/mfa-policy', { requiredRoles: ['dept_security'] })).statusCode).toBe(200);
    const attt = await t.login('attt');
    expect(attt.me).toMatchObject({ signInStep: 'enrol' });
    expect((await attt.get('/api/systems')).statusCode).toBe(403);
    const added = await enrolPasskey(attt, atttKey, 'Điện thoại công vụ');
    expect(added.recoveryCodes).toHaveLength(10);
    expect((await attt.get('/api/systems')).statusCode).toBe(200);

    const next = await t.login('attt');
    expect(next.me).toMatchObject({ signInStep: 'verify' });
    expect((await next.post('/api/auth/mfa/verify/passkey', { response: atttKey.assert(await passkeySignInOptions(next)) })).statusCode).toBe(200);
    // A recovery code is the way in without the passkey.
    const lost = await t.login('attt');
    expect((await lost.post('/api/auth/mfa/verify', { code: added.recoveryCodes![0] })).statusCode).toBe(200);
  });
});

describe('removing passkeys', () => {
  it("answers 404 for another user's passkey and lists only the caller's", async () => {
    const signedIn = await t.login('sgd.canbo');
    await signedIn.post('/api/auth/mfa/verify/passkey', { response: laptop.assert(await passkeySignInOptions(signedIn)) });
    await signedIn.refreshCsrf();
    const theirs = (await signedIn.get('/api/auth/mfa')).json().passkeys.map((p: { id: number }) => p.id) as number[];
    const lanhdaoIds = (await t.database.db.execute(sql`select id from mfa_passkeys where user_id = ${users.lanhdao!.id}`)).rows.map(
      (r) => (r as { id: number }).id,
    );
    expect(theirs.filter((id) => lanhdaoIds.includes(id))).toEqual([]);
    const refused = await signedIn.delete(`/api/auth/mfa/passkeys/${lanhdaoIds[0]}`);
    expect(refused.statusCode).toBe(404);
    expect(errorOf(refused).messageVi).toBe('Không tìm thấy dữ liệu');
    expect(await t.database.db.execute(sql`select count(*)::int as n from mfa_passkeys where user_id = ${users.lanhdao!.id}`)).toMatchObject({
      rows: [{ n: 1 }],
    });
    expect((await signedIn.delete('/api/auth/mfa/passkeys/abc')).statusCode).toBe(400);

    // Down to none: a role that does not require a second factor signs in with the password again, recovery codes gone.
    const [firstId, secondId] = theirs;
    expect((await signedIn.delete(`/api/auth/mfa/passkeys/${firstId}`)).json().passkeys).toHaveLength(1);
    const last = await signedIn.delete(`/api/auth/mfa/passkeys/${secondId}`);
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ totp: null, passkeys: [], recoveryCodesLeft: 0 });
    expect((await t.login('sgd.canbo')).me).toMatchObject({ signInStep: null });
    const audit = await auditOf('sgd.canbo', 'remove_passkey');
    expect(audit.map((e: { before: { passkeyId: number } }) => e.before.passkeyId)).toEqual([secondId, firstId]);
  });

  it('keeps the last second factor of a role that requires one', async () => {
    const attt = await t.login('attt');
    expect((await attt.post('/api/auth/mfa/verify/passkey', { response: atttKey.assert(await passkeySignInOptions(attt)) })).statusCode).toBe(200);
    await attt.refreshCsrf();
    await enrolPasskey(attt, atttKey, 'Khóa dự phòng');
    const [phone, spare] = (await attt.get('/api/auth/mfa')).json().passkeys as { id: number; name: string }[];
    expect([phone!.name, spare!.name]).toEqual(['Điện thoại công vụ', 'Khóa dự phòng']);
    expect((await attt.delete(`/api/auth/mfa/passkeys/${phone!.id}`)).statusCode).toBe(200);
    const refused = await attt.delete(`/api/auth/mfa/passkeys/${spare!.id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ field: 'passkey', messageVi: expect.stringContaining('khóa cuối cùng') });
    expect((await attt.get('/api/auth/mfa')).json().passkeys).toHaveLength(1);
  });
});

describe("an administrator's reset", () => {
  it('removes the authenticator app and the passkeys together, audited, and ends the sessions', async () => {
    const canbo = await t.login('syt.canbo');
    expect((await canbo.post('/api/auth/mfa/verify/passkey', { response: canboKey.assert(await passkeySignInOptions(canbo)) })).statusCode).toBe(200);
    await canbo.refreshCsrf();
    await enrolTotp(canbo);
    const names = (await canbo.get('/api/auth/mfa')).json().passkeys.map((p: { name: string }) => p.name);
    expect(names).toEqual(['Một lần']);
    const reset = await sytAdmin.post(`/api/users/${users['syt.canbo']!.id}/reset-mfa`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ mfaEnrolled: false });
    expect(await storedPasskeys('syt.canbo')).toEqual([]);
    expect((await canbo.get('/api/auth/me')).statusCode).toBe(401);
    const [entry] = await auditOf('syt.canbo', 'reset_mfa');
    expect(entry).toMatchObject({ actorUserId: sytAdmin.me.id, before: { totp: true, passkeys: ['Một lần'] }, after: { totp: false, passkeys: [] } });
    expect((await t.login('syt.canbo')).me).toMatchObject({ signInStep: null });
  });

  it('sends a passkey-only user of a required role back to enrolment, where both factors are offered', async () => {
    const reset = await admin.post(`/api/users/${users.attt!.id}/reset-mfa`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await auditOf('attt', 'reset_mfa'))[0]).toMatchObject({ before: { totp: false, passkeys: ['Khóa dự phòng'] } });
    const attt = await t.login('attt');
    expect(attt.me).toMatchObject({ signInStep: 'enrol' });
    expect((await attt.post('/api/auth/mfa/passkeys/options')).statusCode).toBe(200);
    expect((await attt.post('/api/auth/mfa/totp')).statusCode).toBe(200);
  });
});
