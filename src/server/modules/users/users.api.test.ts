import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';

type User = { id: number; agencyId: number; username: string; roles: string[]; active: boolean; mustChangePassword: boolean };
type Created = { user: User; temporaryPassword: string };

let t: TestApp;
let admin: Client;
let sytAdmin: Client;
let agencies: { id: number; name: string }[];
const agency = (name: string) => agencies.find((a) => a.name === name)!.id;

beforeAll(async () => {
  t = await startTestApp();
  [admin, sytAdmin] = await Promise.all(['admin', 'syt.admin'].map((u) => t.login(u)));
  agencies = (await admin.get('/api/agencies')).json();
});
afterAll(async () => {
  await t?.close();
});

async function createUser(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created;
}

async function signIn(username: string, password: string) {
  const c = await t.anonymous();
  const res = await c.post('/api/auth/login', { username, password });
  if (res.statusCode === 200) await c.refreshCsrf();
  return { c, res };
}

async function storedHash(id: number) {
  const { rows } = await t.database.db.execute(sql`select password_hash from users where id = ${id}`);
  return (rows[0] as { password_hash: string }).password_hash;
}

describe('accounts created by a platform admin', () => {
  it('creates a user with a one-time temporary password, stored only as an argon2id hash', async () => {
    const { user, temporaryPassword } = await createUser(admin, {
      agencyId: agency('Sở Tài chính'),
      username: 'Stc.CanBo',
      fullName: 'Cán bộ Sở Tài chính',
      email: 'canbo@stc.demo.gov.vn',
      roles: ['agency_officer'],
    });
    expect(user).toMatchObject({ username: 'stc.canbo', agencyId: agency('Sở Tài chính'), mustChangePassword: true, active: true });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9-]{12,}$/);
    const hash = await storedHash(user.id);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(temporaryPassword);

    const { res } = await signIn('stc.canbo', temporaryPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);

    const dup = await admin.post('/api/users', { agencyId: agency('Sở Tài chính'), username: 'STC.CANBO', fullName: 'Trùng tên', roles: ['viewer'] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.field).toBe('username');
  });

  it('never returns a password hash, in any answer or in the audit log', async () => {
    const { user } = await createUser(admin, { agencyId: agency('Sở Nội vụ'), username: 'snv.canbo', fullName: 'Cán bộ Sở Nội vụ', roles: ['agency_officer'] });
    const answers = [
      await admin.get('/api/users?includeInactive=true'),
      await admin.get(`/api/users/${user.id}`),
      await admin.patch(`/api/users/${user.id}`, { position: 'Chuyên viên' }),
      await admin.post(`/api/users/${user.id}/reset-password`),
      await admin.get(`/api/audit?entity=user&entityId=${user.id}`),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toMatch(/passwordHash|password_hash|\$argon2/);
    }
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where before::text like '%argon2%' or after::text like '%argon2%'`,
    );
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it('resets a password: a new temporary one works, the old one and the open sessions do not', async () => {
    const { user, temporaryPassword } = await createUser(admin, {
      agencyId: agency('Sở Tư pháp'),
      username: 'stp.canbo',
      fullName: 'Cán bộ Sở Tư pháp',
      roles: ['viewer'],
    });
    const first = await signIn('stp.canbo', temporaryPassword);
    await first.c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'MatKhauRieng-01' });
    expect((await first.c.get('/api/auth/me')).json().mustChangePassword).toBe(false);
    const before = await storedHash(user.id);

    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const next = reset.json() as Created;
    expect(next.temporaryPassword).not.toBe(temporaryPassword);
    expect(next.user.mustChangePassword).toBe(true);
    expect(await storedHash(user.id)).not.toBe(before);

    expect((await first.c.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn('stp.canbo', 'MatKhauRieng-01')).res.statusCode).toBe(401);
    const again = await signIn('stp.canbo', next.temporaryPassword);
    expect(again.res.statusCode).toBe(200);
    expect(again.res.json().mustChangePassword).toBe(true);
    const audit = (await admin.get(`/api/audit?entity=user&entityId=${user.id}&action=reset_password`)).json();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: admin.me.id, agencyId: agency('Sở Tư pháp') });
  });

  it('deactivates a user: the open session stops working and sign-in fails like a wrong password', async () => {
    const { user, temporaryPassword } = await createUser(admin, {
      agencyId: agency('Sở Xây dựng'),
      username: 'sxd.canbo',
      fullName: 'Cán bộ Sở Xây dựng',
      roles: ['agency_officer'],
    });
    const session = await signIn('sxd.canbo', temporaryPassword);
    expect((await session.c.get('/api/auth/me')).statusCode).toBe(200);

    const off = await admin.patch(`/api/users/${user.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await session.c.get('/api/auth/me')).statusCode).toBe(401);
    const refused = (await signIn('sxd.canbo', temporaryPassword)).res;
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('bad_credentials');

    expect(((await admin.get('/api/users')).json() as User[]).map((u) => u.id)).not.toContain(user.id);
    expect(((await admin.get('/api/users?includeInactive=true')).json() as User[]).map((u) => u.id)).toContain(user.id);
    const ids = async (status: string) => ((await admin.get(`/api/users?status=${status}`)).json() as User[]).map((u) => u.id);
    expect(await ids('locked')).toContain(user.id);
    expect(await ids('active')).not.toContain(user.id);
    expect(await ids('all')).toEqual(expect.arrayContaining([user.id, ...(await ids('active'))]));
    expect(((await admin.get('/api/users?status=locked')).json() as User[]).every((u) => !u.active)).toBe(true);
    expect((await admin.get('/api/users?status=gone')).json().error.field).toBe('status');
    expect((await admin.patch(`/api/users/${user.id}`, { active: true })).json().active).toBe(true);
    expect((await signIn('sxd.canbo', temporaryPassword)).res.statusCode).toBe(200);
  });

  it('ends the sessions of a user whose roles change', async () => {
    const { user, temporaryPassword } = await createUser(admin, {
      agencyId: agency('Sở Công Thương'),
      username: 'sct.canbo',
      fullName: 'Cán bộ Sở Công Thương',
      roles: ['agency_officer'],
    });
    const session = await signIn('sct.canbo', temporaryPassword);
    expect((await admin.patch(`/api/users/${user.id}`, { roles: ['viewer'] })).json().roles).toEqual(['viewer']);
    expect((await session.c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('does not let an admin lock themselves out', async () => {
    const self = await admin.patch(`/api/users/${admin.me.id}`, { active: false });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.field).toBe('active');
    expect((await admin.patch(`/api/users/${admin.me.id}`, { roles: ['viewer'] })).json().error.field).toBe('roles');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('validates input with the field and both languages', async () => {
    const res = await admin.post('/api/users', { agencyId: agency('Sở Y tế'), username: 'có dấu', fullName: 'Tên', roles: ['viewer'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'username', message: expect.any(String), messageVi: expect.any(String) });
    expect((await admin.post('/api/users', { agencyId: agency('Sở Y tế'), username: 'abc.def', fullName: 'Tên hợp lệ', roles: [] })).json().error.field).toBe(
      'roles',
    );
    expect(
      (await admin.post('/api/users', { agencyId: agency('Sở Y tế'), username: 'abc.def', fullName: 'Tên hợp lệ', roles: ['god'] })).json().error.field,
    ).toMatch(/^roles/);
    expect((await admin.post('/api/users', { agencyId: 999999, username: 'abc.def', fullName: 'Tên hợp lệ', roles: ['viewer'] })).json().error.field).toBe(
      'agencyId',
    );
  });
});

describe('agency administrator scope', () => {
  it('lists and reads only the users of its subtree', async () => {
    const listed = (await sytAdmin.get('/api/users')).json() as (User & { agencyName: string })[];
    const sytTree = new Set(['Sở Y tế', 'Bệnh viện Đa khoa tỉnh Demo', 'Bệnh viện Y học cổ truyền tỉnh', 'Trung tâm Kiểm soát bệnh tật tỉnh']);
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.every((u) => sytTree.has(u.agencyName))).toBe(true);
    expect(listed.map((u) => u.username)).toEqual(expect.arrayContaining(['syt.admin', 'syt.canbo']));
    const everyone = (await admin.get('/api/users')).json() as User[];
    const sgd = everyone.find((u) => u.username === 'sgd.canbo')!;
    expect((await sytAdmin.get(`/api/users/${sgd.id}`)).statusCode).toBe(404);
    expect((await sytAdmin.get(`/api/users?agencyId=${agency('Sở Giáo dục và Đào tạo')}`)).json()).toEqual([]);
  });

  it('creates, edits and resets users below it, and nowhere else', async () => {
    const hospital = agency('Bệnh viện Đa khoa tỉnh Demo');
    const { user } = await createUser(sytAdmin, { agencyId: hospital, username: 'bvdk.canbo', fullName: 'Cán bộ Bệnh viện', roles: ['agency_officer'] });
    expect((await sytAdmin.patch(`/api/users/${user.id}`, { roles: ['agency_officer', 'agency_admin'] })).statusCode).toBe(200);
    expect((await sytAdmin.post(`/api/users/${user.id}/reset-password`)).statusCode).toBe(200);
    // May move a user between agencies it manages, not out of its reach.
    expect((await sytAdmin.patch(`/api/users/${user.id}`, { agencyId: agency('Sở Y tế') })).statusCode).toBe(200);
    const away = await sytAdmin.patch(`/api/users/${user.id}`, { agencyId: agency('Sở Giáo dục và Đào tạo') });
    expect(away.statusCode).toBe(400);
    expect(away.json().error.field).toBe('agencyId');

    const outside = await sytAdmin.post('/api/users', {
      agencyId: agency('Sở Giáo dục và Đào tạo'),
      username: 'sgd.moi',
      fullName: 'Người ngoài',
      roles: ['viewer'],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('agencyId');

    const everyone = (await admin.get('/api/users')).json() as User[];
    const sgd = everyone.find((u) => u.username === 'sgd.canbo')!;
    expect((await sytAdmin.patch(`/api/users/${sgd.id}`, { fullName: 'Sửa trái phép' })).statusCode).toBe(404);
    expect((await sytAdmin.post(`/api/users/${sgd.id}/reset-password`)).statusCode).toBe(404);
    expect((await signIn('sgd.canbo', 'khien-demo-2026')).res.statusCode).toBe(200);
  });

  it('cannot hand out province-wide roles', async () => {
    for (const role of ['platform_admin', 'dept_security', 'responder']) {
      const res = await sytAdmin.post('/api/users', {
        agencyId: agency('Sở Y tế'),
        username: `syt.${role.replace('_', '')}`,
        fullName: 'Leo thang',
        roles: [role],
      });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().error.field).toBe('roles');
    }
    const canbo = ((await sytAdmin.get('/api/users')).json() as User[]).find((u) => u.username === 'syt.canbo')!;
    expect((await sytAdmin.patch(`/api/users/${canbo.id}`, { roles: ['platform_admin'] })).json().error.field).toBe('roles');
    expect((await admin.get(`/api/users/${canbo.id}`)).json().roles).toEqual(['agency_officer']);
  });

  it('is refused user management entirely as an officer or a viewer', async () => {
    const officer = await t.login('syt.canbo');
    const viewer = await t.login('lanhdao');
    const canbo = ((await admin.get('/api/users')).json() as User[]).find((u) => u.username === 'syt.admin')!;
    expect(
      (await officer.post('/api/users', { agencyId: officer.me.agencyId, username: 'x.officer', fullName: 'Không được', roles: ['viewer'] })).statusCode,
    ).toBe(403);
    expect((await officer.patch(`/api/users/${canbo.id}`, { fullName: 'Không được' })).statusCode).toBe(403);
    expect((await officer.post(`/api/users/${canbo.id}/reset-password`)).statusCode).toBe(403);
    expect((await viewer.post(`/api/users/${canbo.id}/reset-password`)).statusCode).toBe(403);
    expect((await admin.get(`/api/users/${canbo.id}`)).json().fullName).toBe('Hoàng Thị Lan');
  });
});
