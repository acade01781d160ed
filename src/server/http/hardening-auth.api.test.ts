import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { HttpClient, listen } from '../../../tests/support/http.ts';
import { buildApp, webDist } from '../app.ts';
import { issueFormToken } from '../modules/incidents/intake.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';

/**
 * Hardening of sign-in, sessions, CSRF, headers and the public hotline (issue 12), over real HTTP: requests cross
 * Node's parser and Fastify's URL decoding like a browser's. The app trusts the proxy so each test can speak from
 * its own address (X-Forwarded-For) and over HTTPS (X-Forwarded-Proto).
 */
const MAX_PER_ACCOUNT = 3;
const HOTLINE_MAX = 3;

let t: TestApp;
let http: Awaited<ReturnType<typeof listen>>;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true', LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), INCIDENT_INTAKE_MAX_PER_HOUR: String(HOTLINE_MAX) });
  http = await listen(t.app);
  admin = await http.login('admin');
});
afterAll(async () => {
  await t?.close();
});

let address = 10;
/** A fresh client address for each use, so one test's counts do not spill into another's. */
const nextAddress = () => `203.0.113.${address++}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

async function signIn(username: string, password: string, ip: string, c?: HttpClient) {
  const client = c ?? (await http.anonymous());
  const res = await client.request('POST', '/api/auth/login', { body: { username, password }, headers: from(ip) });
  return { c: client, res };
}

describe('who may do what is decided on the routed path, not the raw URL', () => {
  it('keeps the API documentation and the catalogs behind sign-in however the path is spelled', async () => {
    const anon = await http.anonymous();
    for (const path of [
      '/api/docs/json',
      '/%61pi/docs/json',
      '/%61pi/docs',
      '/api/%64ocs/json',
      '/%61pi/approval-matrix',
      '/%61pi/requirements',
      '/%61pi/designations',
    ]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(401);
      expect(res.json.error).toMatchObject({ code: 'unauthorized', messageVi: expect.any(String) });
    }
    expect((await admin.get('/api/docs/json')).json.openapi).toMatch(/^3\./);
    expect((await admin.get('/%61pi/requirements')).status).toBe(200);
  });

  it('asks for the CSRF token on a percent-encoded sign-in and hotline report', async () => {
    const anon = await http.anonymous();
    const login = await anon.request('POST', '/%61pi/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD }, csrf: false });
    expect(login.status).toBe(403);
    expect(login.json.error.code).toBe('csrf');
    expect(anon.cookies.has('khien_session')).toBe(false);
    const report = await anon.request('POST', '/%61pi/public/incidents', { body: { formToken: 'x' }, csrf: false, headers: from(nextAddress()) });
    expect(report.status).toBe(403);
    expect(report.json.error.code).toBe('csrf');
  });

  it.skipIf(!existsSync(webDist))('answers a JSON 404 for an unknown API path under any spelling, not the SPA page', async () => {
    const anon = await http.anonymous();
    for (const path of ['/api/nothing-here', '/%61pi/nothing-here']) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/json/);
    }
    expect((await anon.get('/agencies')).text).toContain('<div id="root">');
  });
});

describe('security headers', () => {
  it('sends a CSP without inline scripts, refuses framing and sniffing, and sends no referrer', async () => {
    const res = await (await http.anonymous()).get('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends HSTS only over HTTPS', async () => {
    const anon = await http.anonymous();
    expect((await anon.get('/api/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await anon.get('/api/health', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('keeps every API answer out of caches, including sign-in and refusals', async () => {
    const anon = await http.anonymous();
    const answers = [
      await admin.get('/api/auth/me'),
      await admin.get('/api/users'),
      await anon.get('/api/auth/me'),
      (await signIn('lanhdao', DEMO_PASSWORD, nextAddress())).res,
      (await signIn('lanhdao', 'wrong-password-1', nextAddress())).res,
      await anon.get('/api/public/incidents/form-token'),
    ];
    for (const res of answers) expect(res.headers.get('cache-control'), `${res.status} ${res.text.slice(0, 60)}`).toBe('no-store');
  });

  it.skipIf(!existsSync(webDist))('sends the same CSP with the SPA page', async () => {
    const res = await (await http.anonymous()).get('/');
    expect(res.text).toContain('<div id="root">');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('the CSRF token belongs to one session', () => {
  it("refuses a token and cookie fetched without a session when sent with a victim's session", async () => {
    const victim = await http.login('ungcuu');
    const attacker = await http.anonymous();
    const forged = new HttpClient(http.base);
    forged.cookies.set('khien_session', victim.cookies.get('khien_session')!);
    forged.cookies.set('_csrf', attacker.cookies.get('_csrf')!);
    forged.csrf = attacker.csrf;
    const res = await forged.request('PUT', '/api/auth/locale', { body: { locale: 'en' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('csrf');
    expect((await victim.get('/api/auth/me')).json.locale).toBe('vi');
  });

  it('renews the secret at sign-in and sign-out: a token from before either no longer works', async () => {
    const c = await http.anonymous();
    const before = { token: c.csrf, secret: c.cookies.get('_csrf') };
    expect((await signIn('attt', DEMO_PASSWORD, nextAddress(), c)).res.status).toBe(200);
    expect(c.cookies.get('_csrf')).not.toBe(before.secret);
    const stale = await c.request('PUT', '/api/auth/locale', { body: { locale: 'vi' } });
    expect(stale.status).toBe(403);
    await c.refreshCsrf();
    expect(c.csrf).not.toBe(before.token);
    expect((await c.request('PUT', '/api/auth/locale', { body: { locale: 'vi' } })).status).toBe(204);

    const signedIn = c.csrf;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const afterOut = await signIn('attt', DEMO_PASSWORD, nextAddress(), c);
    expect(afterOut.res.status).toBe(403);
    await c.refreshCsrf();
    expect(c.csrf).not.toBe(signedIn);
    expect((await signIn('attt', DEMO_PASSWORD, nextAddress(), c)).res.status).toBe(200);
  });
});

describe('signing in ends the session the browser had', () => {
  it("ends the previous user's session when another user signs in from the same browser", async () => {
    const c = await http.login('lanhdao');
    const previous = c.cookies.get('khien_session')!;
    await signIn('syt.canbo', DEMO_PASSWORD, nextAddress(), c);
    expect((await c.get('/api/auth/me')).json.username).toBe('syt.canbo');
    const replay = new HttpClient(http.base);
    replay.cookies.set('khien_session', previous);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });
});

describe('the sign-in throttle counts per account and address', () => {
  const lockOf = (res: { status: number; headers: Headers; json: any }) => {
    expect(res.status).toBe(429);
    expect(res.json.error).toMatchObject({ code: 'too_many_attempts', message: expect.any(String), messageVi: expect.stringContaining('thử lại') });
    return Number(res.headers.get('retry-after'));
  };

  it('locks out the guessing address only: the owner signs in from elsewhere', async () => {
    const attacker = nextAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await signIn('sgd.canbo', `wrong-password-${i}`, attacker)).res.status).toBe(401);
    const locked = await signIn('sgd.canbo', DEMO_PASSWORD, attacker);
    const wait = lockOf(locked.res);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(locked.c.cookies.has('khien_session')).toBe(false);
    expect((await signIn('sgd.canbo', DEMO_PASSWORD, nextAddress())).res.status).toBe(200);
  });

  it('doubles the wait after each further failure once a lock has passed', async () => {
    const attacker = nextAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await signIn('khong.co.ai', `wrong-password-${i}`, attacker);
    lockOf((await signIn('khong.co.ai', 'wrong-password-x', attacker)).res);
    const passLock = () =>
      t.database.db.execute(sql`update login_throttle set last_failure_at = last_failure_at - interval '1 day' where username = 'khong.co.ai'`);
    await passLock();
    expect((await signIn('khong.co.ai', 'wrong-password-y', attacker)).res.status).toBe(401);
    const second = lockOf((await signIn('khong.co.ai', 'wrong-password-z', attacker)).res);
    expect(second).toBeGreaterThan(29 * 60);
    expect(second).toBeLessThanOrEqual(30 * 60);
  });

  it('never refuses the right password from an address the account signed in from before', async () => {
    const office = nextAddress();
    expect((await signIn('syt.admin', DEMO_PASSWORD, office)).res.status).toBe(200);
    for (let i = 0; i < MAX_PER_ACCOUNT + 2; i++) expect((await signIn('syt.admin', `wrong-password-${i}`, office)).res.status).toBe(401);
    expect((await signIn('syt.admin', DEMO_PASSWORD, office)).res.status).toBe(200);
  });
});

describe('the public hotline', () => {
  const form = (over: Record<string, unknown> = {}) => ({
    reporterName: 'Lê Thị Báo',
    reporterPhone: '0912 000 111',
    organization: 'Trung tâm Y tế huyện Demo',
    kind: 'defacement',
    description: `Cổng thông tin của trung tâm hiển thị nội dung lạ (${Math.random().toString(36).slice(2)}).`,
    formToken: issueFormToken(t.config.sessionSecret, Date.now() - 60_000),
    ...over,
  });
  const send = async (c: HttpClient, body: unknown, ip: string) => c.request('POST', '/api/public/incidents', { body, headers: from(ip) });
  const hotlineTotal = async () => (await admin.get('/api/incidents?source=hotline&limit=1')).json.total as number;

  it('takes one report per form token', async () => {
    const caller = await http.anonymous();
    const before = await hotlineTotal();
    const payload = form();
    expect((await send(caller, payload, nextAddress())).status).toBe(202);
    const again = await send(await http.anonymous(), form({ formToken: payload.formToken }), nextAddress());
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ field: 'formToken', messageVi: expect.stringContaining('tải lại') });
    expect(await hotlineTotal()).toBe(before + 1);
  });

  it('counts reports per address in the database: a second node and a restart see the same count', async () => {
    const ip = nextAddress();
    const caller = await http.anonymous();
    for (let i = 0; i < HOTLINE_MAX - 1; i++) expect((await send(caller, form(), ip)).status).toBe(202);
    let other: FastifyInstance | undefined;
    try {
      other = await buildApp(t.config, t.database);
      const node2 = await listen(other);
      const caller2 = await node2.anonymous();
      expect((await send(caller2, form(), ip)).status).toBe(202);
      const refused = await send(caller2, form(), ip);
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: 'too_many_requests', message: expect.any(String), messageVi: expect.stringContaining('thử lại') });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
      expect((await send(caller, form(), ip)).status).toBe(429);
      expect((await send(caller2, form(), nextAddress())).status).toBe(202);
    } finally {
      await other?.close();
    }
  });

  it('counts sign-in attempts per address in the database too', async () => {
    // Two more nodes on the same database, with a small per-address limit.
    const config = { ...t.config, login: { ...t.config.login, maxPerIp: 2 } };
    const nodes = [await buildApp(config, t.database), await buildApp(config, t.database)];
    try {
      const ip = nextAddress();
      const [node1, node2] = [await listen(nodes[0]!), await listen(nodes[1]!)];
      const attempt = async (node: typeof node1) =>
        (await node.anonymous()).request('POST', '/api/auth/login', {
          body: { username: `nobody${Math.random()}`.slice(0, 20), password: 'x-password-1' },
          headers: from(ip),
        });
      expect((await attempt(node1)).status).toBe(401);
      expect((await attempt(node2)).status).toBe(401);
      const limited = await attempt(node2);
      expect(limited.status).toBe(429);
      expect(limited.json.error).toMatchObject({ code: 'too_many_requests', messageVi: expect.stringContaining('thử lại') });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect((await attempt(node1)).status).toBe(429);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});

describe('passwords people choose', () => {
  async function newUser(username: string) {
    const agencyId = ((await admin.get('/api/agencies')).json as { id: number; name: string }[]).find((a) => a.name === 'Sở Y tế')!.id;
    const created = await admin.post('/api/users', { agencyId, username, fullName: 'Người Đặt Mật Khẩu', roles: ['agency_officer'] });
    expect(created.status, created.text).toBe(201);
    const { c, res } = await signIn(username, created.json.temporaryPassword, nextAddress());
    expect(res.status).toBe(200);
    await c.refreshCsrf();
    return { c, temporary: created.json.temporaryPassword as string };
  }

  it('refuses one of the most common passwords and one containing the username', async () => {
    const { c, temporary } = await newUser('dat.matkhau');
    for (const newPassword of ['password12', 'Password12', 'qwerty123456']) {
      const res = await c.post('/api/auth/password', { currentPassword: temporary, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.json.error).toMatchObject({ field: 'newPassword', messageVi: expect.stringContaining('phổ biến') });
    }
    const own = await c.post('/api/auth/password', { currentPassword: temporary, newPassword: 'x-Dat.MatKhau-2026' });
    expect(own.status).toBe(400);
    expect(own.json.error).toMatchObject({ field: 'newPassword', messageVi: expect.stringContaining('tên đăng nhập') });
    expect((await c.post('/api/auth/password', { currentPassword: temporary, newPassword: 'Cay-Bang-Do-2026' })).status).toBe(204);
  });
});

describe("records outside the caller's scope answer 404, visible ones they may not change 403", () => {
  it('hides a directive task assigned elsewhere, even when the directive is visible', async () => {
    const officer = await http.login('syt.canbo');
    const directives = (await officer.get('/api/directives')).json as { id: number }[];
    let hidden: number | undefined;
    let shown: number | undefined;
    for (const d of directives) {
      const mine = new Set(((await officer.get(`/api/directives/${d.id}`)).json.tasks as { id: number }[]).map((x) => x.id));
      const all = ((await admin.get(`/api/directives/${d.id}`)).json.tasks as { id: number }[]).map((x) => x.id);
      hidden ??= all.find((id) => !mine.has(id));
      shown ??= all.find((id) => mine.has(id));
    }
    expect(hidden, 'a task of a visible directive assigned to another agency').toBeDefined();
    const res = await officer.request('PATCH', `/api/tasks/${hidden}`, { body: { title: 'Sửa trái phép' } });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
    expect((await officer.request('PATCH', `/api/tasks/${shown}`, { body: { title: 'Sửa trái phép' } })).status).toBe(403);
  });

  it('answers 404 for a team member that does not exist, 403 for one the caller sees but may not edit', async () => {
    const officer = await http.login('syt.canbo');
    const member = (await officer.get('/api/response-team')).json.members[0].id as number;
    expect((await officer.request('PATCH', '/api/response-team/999999', { body: { position: 'Chen ngang' } })).status).toBe(404);
    expect((await officer.request('PUT', '/api/response-team/999999/certificates', { body: [] })).status).toBe(404);
    expect((await officer.request('PATCH', `/api/response-team/${member}`, { body: { position: 'Chen ngang' } })).status).toBe(403);
  });
});
