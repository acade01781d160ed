/**
 * Single sign-on against a real OpenID Provider (oidc-provider) started by the test: an account matched by e-mail or
 * username, one provisioned without a role, and what must fail — a bad or missing state, a replayed code, an expired
 * code, a provider that is not the configured issuer, a locked account — and local sign-in turned off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { startOidcProvider, type Account } from '../../../../tests/support/oidc-provider.ts';

const CALLBACK = 'http://localhost:3000/api/auth/oidc/callback';
const accounts: Record<string, Account> = {
  officer: { preferred_username: 'syt.canbo', name: 'Vũ Đức Long' },
  newcomer: { preferred_username: 'nguyen.van.moi', email: 'moi@syt.demo.gov.vn', email_verified: true, name: 'Nguyễn Văn Mới' },
  locked: { preferred_username: 'sgd.canbo' },
  nobody: { preferred_username: 'khong.co.ai' },
  shared: { preferred_username: 'syt.admin', email: 'chung@syt.demo.gov.vn', email_verified: true },
};
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let t: TestApp;

const query = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows as T[];

/** Khiên's first leg: the provider's authorization URL, with the pending sign-in in the client's cookie. */
async function start(c: Client) {
  const res = await c.get('/api/auth/oidc/start');
  expect(res.statusCode, res.body).toBe(302);
  return res.headers.location as string;
}
/** The browser coming back to Khiên's callback. */
const callback = (c: Client, url: string) => c.get(new URL(url).pathname + new URL(url).search);

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: CALLBACK, accounts, codeTtlSeconds: 2 });
  t = await startTestApp({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'khien',
    OIDC_CLIENT_SECRET: 'khien-test-secret-khien-test-secret',
    OIDC_LABEL: 'Tài khoản tỉnh',
  });
  const [attt] = await query<{ email: string }>(sql`select email from users where username = 'attt'`);
  accounts.unit = { email: attt!.email.toUpperCase(), email_verified: true, preferred_username: 'someone.else' };
  const [agency] = await query<{ id: number }>(sql`select id from agencies where name = 'Sở Y tế'`);
  // Accounts are provisioned in Sở Y tế (the routes read the configuration object they were built with).
  t.config.oidc!.provisionAgencyId = agency!.id;
  await t.database.db.execute(sql`update users set active = false where username = 'sgd.canbo'`);
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

describe('single sign-on', () => {
  it('offers it on the login page beside the password, under the deployment’s label', async () => {
    expect((await (await t.anonymous()).get('/api/auth/methods')).json()).toEqual({ local: true, sso: { label: 'Tài khoản tỉnh' }, directory: null });
  });

  it('sends the browser to the provider with PKCE (S256), a state and a nonce', async () => {
    const c = await t.anonymous();
    const url = new URL(await start(c));
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'khien',
      redirect_uri: CALLBACK,
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
  });

  it('signs an existing user in by username, audited, and the code cannot be used again', async () => {
    const c = await t.anonymous();
    const back = await provider.signIn(await start(c), 'officer');
    const pending = c.cookies.get('khien_oidc')!;
    const res = await callback(c, back);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    expect((await c.get('/api/auth/me')).json()).toMatchObject({ username: 'syt.canbo', fullName: 'Vũ Đức Long' });
    const [entry] = await query<{ action: string; after: { method: string } }>(
      sql`select action, after from audit_log where entity = 'user' and action = 'login' order by id desc limit 1`,
    );
    expect(entry).toEqual({ action: 'login', after: { method: 'oidc' } });

    // The same answer replayed, even with the pending sign-in's cookie put back: the provider refuses the used code.
    const replay = await t.anonymous();
    replay.cookies.set('khien_oidc', pending);
    const again = await callback(replay, back);
    expect(again.headers.location).toBe('/?sso_error=sso_rejected');
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('matches a verified e-mail before the username, ignoring case', async () => {
    const c = await t.anonymous();
    await callback(c, await provider.signIn(await start(c), 'unit'));
    expect((await c.get('/api/auth/me')).json().username).toBe('attt');
  });

  it('matches by username when two accounts share the e-mail', async () => {
    await t.database.db.execute(sql`update users set email = 'chung@syt.demo.gov.vn' where username in ('syt.canbo', 'syt.admin')`);
    const c = await t.anonymous();
    await callback(c, await provider.signIn(await start(c), 'shared'));
    expect((await c.get('/api/auth/me')).json().username).toBe('syt.admin');
  });

  it('provisions a newcomer in the configured agency with no role, audited', async () => {
    const c = await t.anonymous();
    await callback(c, await provider.signIn(await start(c), 'newcomer'));
    const me = (await c.get('/api/auth/me')).json();
    expect(me).toMatchObject({ username: 'nguyen.van.moi', fullName: 'Nguyễn Văn Mới', agencyName: 'Sở Y tế', roles: [] });
    const [row] = await query<{ email: string; password_hash: string }>(sql`select email, password_hash from users where username = 'nguyen.van.moi'`);
    expect(row).toEqual({ email: 'moi@syt.demo.gov.vn', password_hash: '!' });
    expect((await query(sql`select 1 from audit_log where entity = 'user' and action = 'provision' and entity_id = ${String(me.id)}`)).length).toBe(1);
    // No password signs this account in.
    const local = await (await t.anonymous()).post('/api/auth/login', { username: 'nguyen.van.moi', password: '!' });
    expect(local.statusCode).toBe(401);
    // The second sign-in finds the same account.
    const c2 = await t.anonymous();
    await callback(c2, await provider.signIn(await start(c2), 'newcomer'));
    expect((await c2.get('/api/auth/me')).json().id).toBe(me.id);
  });

  it('refuses a locked account, and without provisioning someone it does not know', async () => {
    const c = await t.anonymous();
    expect((await callback(c, await provider.signIn(await start(c), 'locked'))).headers.location).toBe('/?sso_error=sso_account_disabled');
    const saved = t.config.oidc!.provisionAgencyId;
    t.config.oidc!.provisionAgencyId = undefined;
    try {
      const d = await t.anonymous();
      expect((await callback(d, await provider.signIn(await start(d), 'nobody'))).headers.location).toBe('/?sso_error=sso_no_account');
    } finally {
      t.config.oidc!.provisionAgencyId = saved;
    }
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses an answer with a state of another sign-in, and one without a pending sign-in', async () => {
    const c = await t.anonymous();
    const back = new URL(await provider.signIn(await start(c), 'officer'));
    back.searchParams.set('state', 'not-the-state-we-sent');
    expect((await callback(c, back.href)).headers.location).toBe('/?sso_error=sso_state');
    const stranger = await t.anonymous();
    const fresh = await provider.signIn(await start(await t.anonymous()), 'officer');
    expect((await callback(stranger, fresh)).headers.location).toBe('/?sso_error=sso_state');
    expect((await stranger.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses an expired code', async () => {
    const c = await t.anonymous();
    const back = await provider.signIn(await start(c), 'officer');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await callback(c, back)).headers.location).toBe('/?sso_error=sso_rejected');
  });

  it('tells the login page when the provider answers an error', async () => {
    const c = await t.anonymous();
    const url = new URL(await start(c));
    const back = new URL(CALLBACK);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', url.searchParams.get('state')!);
    expect((await callback(c, back.href)).headers.location).toBe('/?sso_error=sso_denied');
  });
});

describe('a provider that is not the configured issuer', () => {
  it('is refused before the browser is sent anywhere', async () => {
    // The same provider reached under another name: its discovery document names a different issuer.
    const wrong = await startTestApp({ OIDC_ISSUER: provider.issuer.replace('127.0.0.1', 'localhost'), OIDC_CLIENT_ID: 'khien', OIDC_CLIENT_SECRET: 'x' });
    try {
      const res = await (await wrong.anonymous()).get('/api/auth/oidc/start');
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/?sso_error=sso_unavailable');
    } finally {
      await wrong.close();
    }
  });
});

describe('local sign-in turned off', () => {
  it('refuses passwords in both languages and says so to the login page', async () => {
    const only = await startTestApp({ LOCAL_LOGIN: 'false', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'khien', OIDC_CLIENT_SECRET: 'x' });
    try {
      const c = await only.anonymous();
      expect((await c.get('/api/auth/methods')).json()).toEqual({ local: false, sso: { label: null }, directory: null });
      const res = await c.post('/api/auth/login', { username: 'attt', password: 'whatever' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'local_login_disabled', messageVi: expect.stringContaining('SSO') });
    } finally {
      await only.close();
    }
  });
});
