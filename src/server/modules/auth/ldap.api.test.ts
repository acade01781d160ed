/**
 * Directory sign-in against a real OpenLDAP server (slapd) the test starts and fills: an account matched by
 * username or e-mail and then bound to its entry (no local password), one provisioned without a role, the second
 * factor after the directory, and what must fail — a wrong or empty password, an unknown name, a filter injection,
 * a locked account, a throttled guesser, a directory that does not answer, a certificate nobody vouches for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { PEOPLE, SERVICE_DN, SERVICE_PASSWORD, startLdapServer, SUFFIX, type DirectoryUser, type LdapServer } from '../../../../tests/support/ldap-server.ts';
import { enrolTotp, totpCode } from '../../../../tests/support/mfa.ts';

const users: DirectoryUser[] = [
  { uid: 'syt.canbo', password: 'Thu-muc-Long-2026', cn: 'Vũ Đức Long' },
  { uid: 'tran.thi.moi', password: 'Thu-muc-Moi-2026', cn: 'Trần Thị Mới', mail: 'Moi@SYT.demo.gov.vn' },
  { uid: 'sgd.canbo', password: 'Thu-muc-Mai-2026', cn: 'Đỗ Ngọc Mai' },
  { uid: 'ungcuu', password: 'Thu-muc-Ha-2026', cn: 'Phạm Thu Hà' },
  { uid: 'lanhdao', password: 'Thu-muc-Thanh-2026', cn: 'Nguyễn Văn Thành' },
];
const password = (uid: string) => users.find((u) => u.uid === uid)!.password;
const directoryEnv = (server: LdapServer) => ({
  LDAP_URL: server.url,
  LDAP_BIND_DN: SERVICE_DN,
  LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
  LDAP_BASE_DN: SUFFIX,
});

let ldap: LdapServer;
let t: TestApp;
const query = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows as T[];
const signIn = async (username: string, pw: string, c?: Client, remoteAddress = '127.0.0.1'): Promise<LightMyRequestResponse & { client: Client }> => {
  const client = c ?? (await t.anonymous());
  const res = await client.request({ method: 'POST', url: '/api/auth/ldap/login', payload: { username, password: pw }, remoteAddress });
  return Object.assign(res, { client });
};
const lastEntry = async (action: string) =>
  (
    await query<{ entity_id: string; after: Record<string, unknown>; before: Record<string, unknown> | null }>(
      sql`select entity_id, before, after from audit_log where entity = 'user' and action = ${action} order by id desc limit 1`,
    )
  )[0];

beforeAll(async () => {
  ldap = await startLdapServer({ users });
  t = await startTestApp({ ...directoryEnv(ldap), LDAP_LABEL: 'Tài khoản Active Directory tỉnh' });
  const [attt] = await query<{ email: string }>(sql`select email from users where username = 'attt'`);
  await ldap.addUser({ uid: 'duc.lm', password: 'Thu-muc-Duc-2026', cn: 'Lê Minh Đức', mail: attt!.email.toUpperCase() });
  const [agency] = await query<{ id: number }>(sql`select id from agencies where name = 'Sở Y tế'`);
  // Accounts are provisioned in Sở Y tế (the routes read the configuration object they were built with).
  t.config.ldap!.provisionAgencyId = agency!.id;
  await t.database.db.execute(sql`update users set active = false where username = 'sgd.canbo'`);
});
afterAll(async () => {
  await t?.close();
  await ldap?.close();
});

describe('directory sign-in', () => {
  it('is offered on the login page beside the password, under the deployment’s label', async () => {
    expect((await (await t.anonymous()).get('/api/auth/methods')).json()).toEqual({
      local: true,
      sso: null,
      directory: { label: 'Tài khoản Active Directory tỉnh' },
    });
  });

  it('signs an existing user in by username, audited, and from then on only the directory password works', async () => {
    const res = await signIn('SYT.CANBO', password('syt.canbo'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'syt.canbo', fullName: 'Vũ Đức Long', agencyName: 'Sở Y tế', roles: ['agency_officer'], signInStep: null });
    expect((await res.client.get('/api/auth/me')).json().username).toBe('syt.canbo');
    expect((await lastEntry('login'))!.after).toEqual({ method: 'ldap' });
    const link = (await lastEntry('link_directory'))!;
    expect(link).toMatchObject({
      before: { directoryDn: null, localPassword: true },
      after: { directoryDn: `uid=syt.canbo,${PEOPLE}`, localPassword: false },
    });
    const [row] = await query<{ directory_dn: string; password_hash: string }>(sql`select directory_dn, password_hash from users where username = 'syt.canbo'`);
    expect(row).toEqual({ directory_dn: `uid=syt.canbo,${PEOPLE}`, password_hash: '!' });
    // The old local password no longer signs in, and the password is changed in the directory, not here.
    expect((await (await t.anonymous()).post('/api/auth/login', { username: 'syt.canbo', password: DEMO_PASSWORD })).statusCode).toBe(401);
    await res.client.refreshCsrf();
    const change = await res.client.post('/api/auth/password', { currentPassword: password('syt.canbo'), newPassword: 'Mot-mat-khau-moi-2026' });
    expect(change.statusCode).toBe(400);
    expect(change.json().error).toMatchObject({ field: 'currentPassword', messageVi: expect.stringContaining('thư mục') });
    // A second sign-in finds the same account without linking it again.
    const links = (await query(sql`select 1 from audit_log where action = 'link_directory'`)).length;
    expect((await signIn('syt.canbo', password('syt.canbo'))).statusCode).toBe(200);
    expect((await query(sql`select 1 from audit_log where action = 'link_directory'`)).length).toBe(links);
  });

  it('matches the entry’s e-mail before its username, ignoring case', async () => {
    const res = await signIn('duc.lm', 'Thu-muc-Duc-2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().username).toBe('attt');
  });

  it('refuses a wrong password, an unknown name and an empty password, counting the failures', async () => {
    const wrong = await signIn('syt.canbo', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'bad_credentials', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    expect((await signIn('khong.co.ai', 'whatever')).json().error.code).toBe('bad_credentials');
    const [row] = await query<{ failures: number }>(sql`select failures from login_throttle where username = 'khong.co.ai'`);
    expect(row!.failures).toBe(1);
    // Refused before any bind: an empty password would make the bind anonymous.
    const empty = await signIn('syt.canbo', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('password');
    expect((await wrong.client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('takes the typed name literally: filter syntax in it matches nothing', async () => {
    // Unescaped, `(uid=syt.can*)` would find syt.canbo and the right password would sign in.
    for (const name of ['syt.can*', '*', '*)(uid=*', 'syt.canbo)(|(uid=*', 'syt.canbo\\']) {
      const res = await signIn(name, password('syt.canbo'));
      expect(res.statusCode, name).toBe(401);
      expect(res.json().error.code).toBe('bad_credentials');
    }
  });

  it('provisions a newcomer in the configured agency with no role, bound to the entry, audited', async () => {
    const res = await signIn('tran.thi.moi', password('tran.thi.moi'));
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ username: 'tran.thi.moi', fullName: 'Trần Thị Mới', agencyName: 'Sở Y tế', roles: [] });
    const [row] = await query<{ email: string; password_hash: string; directory_dn: string }>(
      sql`select email, password_hash, directory_dn from users where username = 'tran.thi.moi'`,
    );
    expect(row).toEqual({ email: 'moi@syt.demo.gov.vn', password_hash: '!', directory_dn: `uid=tran.thi.moi,${PEOPLE}` });
    const provision = (await lastEntry('provision'))!;
    expect(provision).toMatchObject({ entity_id: String(me.id), after: { username: 'tran.thi.moi', directory: `uid=tran.thi.moi,${PEOPLE}` } });
    // With no role it may do nothing yet; the next sign-in finds the same account.
    expect(Object.entries(me.can).filter(([, allowed]) => allowed)).toEqual([]);
    expect((await signIn('tran.thi.moi', password('tran.thi.moi'))).json().id).toBe(me.id);
  });

  it('refuses a Khiên account that is locked, and without provisioning someone it does not know', async () => {
    const locked = await signIn('sgd.canbo', password('sgd.canbo'));
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error).toMatchObject({ code: 'directory_account_disabled', messageVi: expect.stringContaining('bị khoá') });
    expect((await locked.client.get('/api/auth/me')).statusCode).toBe(401);
    // Before the directory vouches, a locked account is refused like any wrong password.
    expect((await signIn('sgd.canbo', 'wrong')).json().error.code).toBe('bad_credentials');
    await ldap.addUser({ uid: 'nguoi.la', password: 'Thu-muc-La-2026', cn: 'Người Lạ' });
    const saved = t.config.ldap!.provisionAgencyId;
    t.config.ldap!.provisionAgencyId = undefined;
    try {
      const stranger = await signIn('nguoi.la', 'Thu-muc-La-2026');
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json().error).toMatchObject({ code: 'directory_no_account', messageVi: expect.stringContaining('chưa có tài khoản Khiên') });
    } finally {
      t.config.ldap!.provisionAgencyId = saved;
    }
    expect((await query(sql`select 1 from users where username = 'nguoi.la'`)).length).toBe(0);
  });

  it('locks a guessing address out of the account as the password sign-in does, even with the right password then', async () => {
    const from = '10.9.8.7';
    for (let i = 0; i < t.config.login.maxPerAccount; i++) expect((await signIn('lanhdao', `guess-${i}`, undefined, from)).statusCode).toBe(401);
    const locked = await signIn('lanhdao', password('lanhdao'), undefined, from);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    // The local password form counts against the same lock.
    const local = await (await t.anonymous()).request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lanhdao', password: DEMO_PASSWORD },
      remoteAddress: from,
    });
    expect(local.statusCode).toBe(429);
    // Another address is not held back.
    expect((await signIn('lanhdao', password('lanhdao'), undefined, '10.9.8.8')).statusCode).toBe(200);
  });

  it('asks for the second factor after the directory, as after a password', async () => {
    const local = await t.login('ungcuu');
    const { secret } = await enrolTotp(local);
    const res = await signIn('ungcuu', password('ungcuu'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signInStep).toBe('verify');
    expect((await res.client.get('/api/systems')).statusCode).toBe(401);
    await res.client.refreshCsrf();
    const verified = await res.client.post('/api/auth/mfa/verify', { code: totpCode(secret, 1) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ username: 'ungcuu', signInStep: null });
  });

  it('makes the account local again when an administrator resets its password', async () => {
    const admin = await t.login('admin');
    const [{ id }] = (await query<{ id: number }>(sql`select id from users where username = 'syt.canbo'`)) as [{ id: number }];
    const reset = await admin.post(`/api/users/${id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await lastEntry('reset_password'))!).toMatchObject({ before: { directoryDn: `uid=syt.canbo,${PEOPLE}` }, after: { directoryDn: null } });
    const local = await (await t.anonymous()).post('/api/auth/login', { username: 'syt.canbo', password: reset.json().temporaryPassword });
    expect(local.statusCode).toBe(200);
  });

  it('answers 503 in both languages when the service account is refused or the directory is down, and counts no failure', async () => {
    const saved = t.config.ldap!.bindPassword;
    t.config.ldap!.bindPassword = 'not-the-service-password';
    try {
      const refused = await signIn('tran.thi.moi', password('tran.thi.moi'));
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('directory_unavailable');
    } finally {
      t.config.ldap!.bindPassword = saved;
    }
    await ldap.stop();
    try {
      const down = await signIn('tran.thi.moi', password('tran.thi.moi'));
      expect(down.statusCode).toBe(503);
      expect(down.json().error).toMatchObject({
        code: 'directory_unavailable',
        message: expect.stringContaining('does not answer'),
        messageVi: expect.stringContaining('Không kết nối được máy chủ thư mục'),
      });
    } finally {
      await ldap.start();
    }
    const [row] = await query<{ failures: number }>(sql`select failures from login_throttle where username = 'tran.thi.moi' and address = '127.0.0.1'`);
    expect(row!.failures).toBe(0);
    expect((await signIn('tran.thi.moi', password('tran.thi.moi'))).statusCode).toBe(200);
  });
});

describe('a directory over TLS', () => {
  it('signs in over StartTLS and ldaps:// when the CA file vouches for the certificate, and refuses the connection otherwise', async () => {
    const tls = await startLdapServer({ users: [{ uid: 'syt.admin', password: 'Thu-muc-Lan-2026', cn: 'Hoàng Thị Lan' }], tls: true });
    const app = await startTestApp({ ...directoryEnv(tls), LDAP_START_TLS: 'true', LDAP_CA_FILE: tls.caFile! });
    const body = { username: 'syt.admin', password: 'Thu-muc-Lan-2026' };
    const signInHere = async () => (await app.anonymous()).post('/api/auth/ldap/login', body);
    try {
      const overStartTls = await signInHere();
      expect(overStartTls.statusCode, overStartTls.body).toBe(200);
      expect(overStartTls.json().username).toBe('syt.admin');
      // The routes read the configuration object they were built with: the same app, now over ldaps://.
      Object.assign(app.config.ldap!, { url: tls.ldapsUrl, startTls: false });
      expect((await signInHere()).statusCode).toBe(200);
      // Without the CA file, the system's trusted CAs do not vouch for the test CA: neither way connects.
      app.config.ldap!.ca = undefined;
      expect((await signInHere()).statusCode).toBe(503);
      Object.assign(app.config.ldap!, { url: tls.url, startTls: true });
      expect((await signInHere()).json().error.code).toBe('directory_unavailable');
    } finally {
      await app.close();
      await tls.close();
    }
  });
});

describe('local sign-in turned off, or no directory', () => {
  it('leaves the directory as the way in when passwords are off, and answers 404 where no directory is set up', async () => {
    const only = await startTestApp({ ...directoryEnv(ldap), LOCAL_LOGIN: 'false' });
    const none = await startTestApp();
    try {
      const c = await only.anonymous();
      expect((await c.get('/api/auth/methods')).json()).toEqual({ local: false, sso: null, directory: { label: null } });
      expect((await c.post('/api/auth/login', { username: 'lanhdao', password: DEMO_PASSWORD })).json().error.code).toBe('local_login_disabled');
      expect((await c.post('/api/auth/ldap/login', { username: 'lanhdao', password: password('lanhdao') })).statusCode).toBe(200);
      const off = await (await none.anonymous()).post('/api/auth/ldap/login', { username: 'lanhdao', password: 'x' });
      expect(off.statusCode).toBe(404);
      expect(off.json().error.code).toBe('directory_sign_in_off');
      expect((await (await none.anonymous()).get('/api/auth/methods')).json().directory).toBeNull();
    } finally {
      await only.close();
      await none.close();
    }
  });
});
