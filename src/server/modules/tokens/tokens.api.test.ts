import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';

type Token = {
  id: number;
  userId: number;
  name: string;
  scopes: string[];
  prefix: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
type Created = { token: Token; secret: string };

let t: TestApp;
let admin: Client;
let officer: Client; // syt.canbo: agency_officer of Sở Y tế
let sytAdmin: Client; // syt.admin: agency_admin of Sở Y tế
let other: Client; // sgd.canbo: officer of Sở Giáo dục và Đào tạo
let ownSystem: number;
let otherSystem: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, officer, sytAdmin, other] = await Promise.all(['admin', 'syt.canbo', 'syt.admin', 'sgd.canbo'].map((u) => t.login(u)));
  const systemOf = async (c: Client) =>
    ((await c.get(`/api/systems?agencyId=${c.me.agencyId}&limit=500`)).json().items as { id: number; agencyId: number }[]).find(
      (s) => s.agencyId === c.me.agencyId,
    )!.id;
  ownSystem = await systemOf(officer);
  otherSystem = await systemOf(other);
});
afterAll(async () => {
  await t?.close();
});

async function create(by: Client, body: Record<string, unknown>, url = '/api/access-tokens') {
  const res = await by.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created;
}

const lastAudit = async () =>
  (await t.database.db.execute(sql`select actor_user_id, actor_token_id, entity, entity_id, action from audit_log order by id desc limit 1`)).rows[0] as {
    actor_user_id: number;
    actor_token_id: number | null;
    entity: string;
    entity_id: string;
    action: string;
  };

describe('personal API tokens', () => {
  it('shows the secret once and stores only its hash', async () => {
    const { token, secret } = await create(officer, { name: 'Báo cáo tự động', scopes: ['systems:read'], expiresInDays: 30 });
    expect(secret).toMatch(/^khien_at_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'Báo cáo tự động', scopes: ['systems:read'], userId: officer.me.id, revokedAt: null, lastUsedAt: null });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const listed = (await officer.get('/api/access-tokens')).json() as Token[];
    expect(listed.map((l) => l.id)).toContain(token.id);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const { rows } = await t.database.db.execute(sql`select token_hash from access_tokens where id = ${token.id}`);
    const stored = (rows[0] as { token_hash: string }).token_hash;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret.slice(9));
    // Nobody else lists it.
    expect(((await sytAdmin.get('/api/access-tokens')).json() as Token[]).map((l) => l.id)).not.toContain(token.id);
  });

  it("reads what its scopes and its owner's agency allow, and nothing else", async () => {
    const { secret } = await create(officer, { name: 'Chỉ đọc hệ thống', scopes: ['systems:read'], expiresInDays: 7 });
    const bot = t.bearer(secret);
    const list = await bot.get('/api/systems?limit=500');
    expect(list.statusCode, list.body).toBe(200);
    const agencyIds = new Set((list.json().items as { agencyId: number }[]).map((s) => s.agencyId));
    expect(agencyIds.has(officer.me.agencyId)).toBe(true);
    expect(agencyIds.has(other.me.agencyId)).toBe(false);
    expect((await bot.get(`/api/systems/${ownSystem}`)).statusCode).toBe(200);
    const theirs = await bot.get(`/api/systems/${otherSystem}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('not_found');
    // Outside its scopes: incidents, and every write.
    const incidents = await bot.get('/api/incidents');
    expect(incidents.statusCode).toBe(403);
    expect(incidents.json().error).toMatchObject({ code: 'token_scope', messageVi: expect.stringContaining('mã truy cập') });
    expect((await bot.patch(`/api/systems/${ownSystem}`, { note: 'x' })).statusCode).toBe(403);
    // What the session answers carries the token's limits.
    const me = (await bot.get('/api/auth/me')).json();
    expect(me).toMatchObject({ id: officer.me.id, can: { 'records.read': true, 'systems.edit': false, 'incidents.report': false } });
  });

  it('changes without a CSRF token, and the audit entry names the token', async () => {
    const { token, secret } = await create(officer, { name: 'Đồng bộ CMDB', scopes: ['systems:read', 'systems:write'], expiresInDays: 7 });
    const bot = t.bearer(secret);
    expect(bot.csrf).toBe('');
    const res = await bot.patch(`/api/systems/${ownSystem}`, { description: 'Cập nhật qua API' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await lastAudit()).toMatchObject({ actor_user_id: officer.me.id, actor_token_id: token.id, entity: 'system', entity_id: String(ownSystem) });
    const audit = (await admin.get(`/api/audit?entity=system&entityId=${ownSystem}&limit=1`)).json()[0];
    expect(audit).toMatchObject({ actorUserId: officer.me.id, actorTokenId: token.id });
    expect((await admin.get('/api/audit/verify')).json().ok).toBe(true);
    // A write to another agency's system: as if it did not exist.
    expect((await bot.patch(`/api/systems/${otherSystem}`, { description: 'x' })).statusCode).toBe(404);
    // A cookie session still needs its CSRF token.
    expect((await officer.request({ method: 'PATCH', url: `/api/systems/${ownSystem}`, payload: { description: 'y' }, csrf: false })).statusCode).toBe(403);
  });

  it("never does more than its owner: a viewer's token with write scopes still cannot write", async () => {
    const viewer = await t.login('lanhdao');
    const { secret } = await create(viewer, { name: 'Thử quyền', scopes: ['systems:read', 'systems:write'], expiresInDays: 1 });
    const bot = t.bearer(secret);
    const systems = (await bot.get('/api/systems?limit=1')).json().items as { id: number }[];
    const res = await bot.patch(`/api/systems/${systems[0]!.id}`, { description: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('cannot manage tokens or accounts with a token', async () => {
    const { secret } = await create(sytAdmin, { name: 'Mọi phạm vi', scopes: ['agencies:read', 'systems:write'], expiresInDays: 1 });
    const bot = t.bearer(secret);
    expect((await bot.post('/api/access-tokens', { name: 'Con', scopes: ['systems:read'], expiresInDays: 1 })).statusCode).toBe(403);
    expect((await bot.get('/api/access-tokens')).statusCode).toBe(403);
    expect((await bot.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' })).statusCode).toBe(403);
    expect((await bot.get('/api/users')).statusCode).toBe(200);
    expect((await bot.patch(`/api/users/${officer.me.id}`, { fullName: 'Đổi tên' })).statusCode).toBe(403);
  });

  it('answers 401 in the error shape once revoked or expired, and for an unknown token', async () => {
    const { token, secret } = await create(officer, { name: 'Sẽ thu hồi', scopes: ['systems:read'], expiresInDays: 7 });
    const bot = t.bearer(secret);
    expect((await bot.get('/api/systems?limit=1')).statusCode).toBe(200);
    // Someone else's token is not there to revoke.
    expect((await other.delete(`/api/access-tokens/${token.id}`)).statusCode).toBe(404);
    const revoked = await officer.delete(`/api/access-tokens/${token.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ entity: 'access_token', entity_id: String(token.id), action: 'revoke', actor_user_id: officer.me.id });
    const after = await bot.get('/api/systems?limit=1');
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'bad_token', message: expect.any(String), messageVi: expect.stringContaining('thu hồi') });

    const second = await create(officer, { name: 'Sẽ hết hạn', scopes: ['systems:read'], expiresInDays: 1 });
    await t.database.db.execute(sql`update access_tokens set expires_at = now() - interval '1 second' where id = ${second.token.id}`);
    expect((await t.bearer(second.secret).get('/api/systems?limit=1')).statusCode).toBe(401);
    expect((await t.bearer(`khien_at_${'A'.repeat(43)}`).get('/api/systems?limit=1')).statusCode).toBe(401);
    expect((await t.bearer('nonsense').post('/api/systems', {})).statusCode).toBe(401);
  });

  it('records the last use, at most once a minute', async () => {
    const { token, secret } = await create(officer, { name: 'Lần dùng', scopes: ['systems:read'], expiresInDays: 1 });
    const lastUsed = async () => (await officer.get('/api/access-tokens')).json().find((l: Token) => l.id === token.id).lastUsedAt as string | null;
    await t.bearer(secret).get('/api/systems?limit=1');
    const first = await lastUsed();
    expect(first).not.toBeNull();
    const recent = new Date(Date.now() - 30_000).toISOString();
    await t.database.db.execute(sql`update access_tokens set last_used_at = ${recent} where id = ${token.id}`);
    await t.bearer(secret).get('/api/systems?limit=1');
    expect(Date.parse((await lastUsed())!)).toBe(Date.parse(recent));
    const old = new Date(Date.now() - 120_000).toISOString();
    await t.database.db.execute(sql`update access_tokens set last_used_at = ${old} where id = ${token.id}`);
    await t.bearer(secret).get('/api/systems?limit=1');
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(old) + 60_000);
  });

  it('refuses bad input with the field at fault', async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await officer.post('/api/access-tokens', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    };
    await bad({ name: 'x'.repeat(3), scopes: ['systems:delete'], expiresInDays: 1 }, 'scopes.0');
    await bad({ name: 'Tên', scopes: [], expiresInDays: 1 }, 'scopes');
    await bad({ name: 'Tên', scopes: ['systems:read', 'systems:read'], expiresInDays: 1 }, 'scopes');
    await bad({ name: 'Tên', scopes: ['systems:read'], expiresInDays: 367 }, 'expiresInDays');
  });
});

describe('service accounts', () => {
  let account: { id: number; agencyId: number; username: string; serviceAccount: boolean };

  it('is created by an agency admin, has no password and cannot sign in', async () => {
    const res = await sytAdmin.post('/api/service-accounts', {
      agencyId: sytAdmin.me.agencyId,
      username: 'syt.siem',
      fullName: 'SIEM của Sở Y tế',
      roles: ['agency_officer'],
    });
    expect(res.statusCode, res.body).toBe(201);
    account = res.json();
    expect(account).toMatchObject({ username: 'syt.siem', serviceAccount: true, mustChangePassword: false });
    const login = await (await t.anonymous()).post('/api/auth/login', { username: 'syt.siem', password: '!' });
    expect(login.statusCode).toBe(401);
    const reset = await sytAdmin.post(`/api/users/${account.id}/reset-password`);
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.field).toBe('id');
  });

  it('gets tokens from its managers, which act as the account', async () => {
    const { token, secret } = await create(
      sytAdmin,
      { name: 'SIEM', scopes: ['incidents:read', 'incidents:write'], expiresInDays: 90 },
      `/api/users/${account.id}/access-tokens`,
    );
    expect(token.userId).toBe(account.id);
    const listed = (await sytAdmin.get(`/api/users/${account.id}/access-tokens`)).json() as Token[];
    expect(listed.map((l) => l.id)).toEqual([token.id]);
    const bot = t.bearer(secret);
    expect((await bot.get('/api/auth/me')).json()).toMatchObject({ id: account.id, agencyId: sytAdmin.me.agencyId });
    expect((await bot.get('/api/incidents')).statusCode).toBe(200);
    // Another agency's people, and a person's account: not there.
    expect((await other.get(`/api/users/${account.id}/access-tokens`)).statusCode).toBe(404);
    expect((await other.delete(`/api/access-tokens/${token.id}`)).statusCode).toBe(404);
    expect((await sytAdmin.get(`/api/users/${officer.me.id}/access-tokens`)).statusCode).toBe(404);
    expect((await sytAdmin.post(`/api/users/${officer.me.id}/access-tokens`, { name: 'Không', scopes: ['systems:read'], expiresInDays: 1 })).statusCode).toBe(
      404,
    );
    // An officer does not manage accounts.
    expect((await officer.get(`/api/users/${account.id}/access-tokens`)).statusCode).toBe(403);
    expect((await sytAdmin.delete(`/api/access-tokens/${token.id}`)).statusCode).toBe(200);
    expect((await bot.get('/api/incidents')).statusCode).toBe(401);
  });

  it('stops every token of a deactivated account', async () => {
    const { secret } = await create(sytAdmin, { name: 'Tạm', scopes: ['systems:read'], expiresInDays: 1 }, `/api/users/${account.id}/access-tokens`);
    expect((await t.bearer(secret).get('/api/systems?limit=1')).statusCode).toBe(200);
    expect((await sytAdmin.patch(`/api/users/${account.id}`, { active: false })).statusCode).toBe(200);
    expect((await t.bearer(secret).get('/api/systems?limit=1')).statusCode).toBe(401);
  });
});
