import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { EMPTY_ANSWERS, type ClassificationAnswers } from '../../../shared/systems/levels.ts';

let t: TestApp;
let officer: Client; // syt.canbo, Sở Y tế: keeps the requirements
let sytAdmin: Client; // syt.admin: the owning agency's head
let attt: Client; // the specialized security unit, province-wide
let otherAdmin: Client; // an agency admin of Sở GD&ĐT
let viewer: Client; // lanhdao: reads everything, approves nothing
let syt: number;

/** An internal system with private and personal data: level 2 (Decree 85/2016 Art. 8(1)). */
const answers: ClassificationAnswers = { ...EMPTY_ANSWERS, functions: ['internal'], information: ['private', 'personal'] };

type Item = {
  requirementId: string;
  status: string;
  minimum: boolean;
  basis: string | null;
  notApplicableApprovedAt: string | null;
  notApplicableApprovedByName: string | null;
};
type List = { level: number; applicable: number; met: number; can: { track: boolean; approveNotApplicable: boolean }; items: Item[] };

async function signedInNewUser(username: string, agencyId: number, roles: string[]) {
  const admin = await t.login('admin');
  const res = await admin.post('/api/users', { agencyId, username, fullName: 'Quản trị Sở GD&ĐT', roles });
  expect(res.statusCode, res.body).toBe(201);
  const c = await t.login(username, res.json().temporaryPassword);
  expect((await c.post('/api/auth/password', { currentPassword: res.json().temporaryPassword, newPassword: 'MatKhauRieng-01' })).statusCode).toBe(204);
  return t.login(username, 'MatKhauRieng-01');
}

async function levelTwoSystem(code: string) {
  const res = await officer.post('/api/systems', { agencyId: syt, code, name: `Hệ thống ${code}`, purpose: 'Phục vụ kiểm thử', dataKinds: ['personal'] });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  expect((await officer.put(`/api/systems/${id}/classification`, { answers, proposedLevel: 2 })).statusCode).toBe(200);
  return id;
}

const list = async (c: Client, id: number) => (await c.get(`/api/systems/${id}/requirements`)).json() as List;
const markNotApplicable = (id: number, requirementId: string, reason = 'Hệ thống dùng hạ tầng của Trung tâm dữ liệu tỉnh') =>
  officer.patch(`/api/systems/${id}/requirements/${requirementId}`, { status: 'not_applicable', reason });
const decide = (c: Client, id: number, requirementId: string, body: Record<string, unknown>) =>
  c.post(`/api/systems/${id}/requirements/${requirementId}/not-applicable-decision`, body);

beforeAll(async () => {
  t = await startTestApp();
  [officer, sytAdmin, attt, viewer] = await Promise.all(['syt.canbo', 'syt.admin', 'attt', 'lanhdao'].map((u) => t.login(u)));
  const all = (await attt.get('/api/agencies')).json() as { id: number; name: string }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  otherAdmin = await signedInNewUser('sgd.quantri', all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id, ['agency_admin']);
});
afterAll(async () => {
  await t?.close();
});

describe('the corrected catalog', () => {
  it('asks every level-2 system for centralized anti-malware, a specialized security unit and risk assessment, not yet an independent assessment', async () => {
    const id = await levelTwoSystem('TEST-NA-CAT');
    const items = (await list(officer, id)).items;
    const byId = new Map(items.map((r) => [r.requirementId, r]));
    for (const req of ['KT-MC-07', 'QL-TC-04', 'QL-CS-06']) expect(byId.get(req)?.minimum, req).toBe(true);
    expect(byId.get('QL-CS-06')!.basis).toBe('Khoản 2 Điều 22 Luật số 86/2015/QH13');
    expect(byId.has('QL-TC-06')).toBe(false);
    expect(byId.get('QL-CS-01')!.minimum).toBe(false);
  });
});

describe('not applicable needs an approver', () => {
  it('counts a not-applicable row as applicable and unmet until someone with the capability approves it, recording who and when', async () => {
    const id = await levelTwoSystem('TEST-NA-1');
    const start = await list(officer, id);
    expect(start.can).toEqual({ track: true, approveNotApplicable: false });
    expect((await markNotApplicable(id, 'QL-CS-01')).json().notApplicableApprovedAt).toBeNull();
    const pending = await list(officer, id);
    expect(pending.applicable).toBe(start.applicable);
    expect(pending.items.find((r) => r.requirementId === 'QL-CS-01')!.status).toBe('not_applicable');

    // The officer who marked it may not approve it; the viewer neither.
    expect((await decide(officer, id, 'QL-CS-01', { approve: true })).statusCode).toBe(403);
    expect((await decide(viewer, id, 'QL-CS-01', { approve: true })).statusCode).toBe(403);
    expect((await list(sytAdmin, id)).can.approveNotApplicable).toBe(true);
    const approved = await decide(sytAdmin, id, 'QL-CS-01', { approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'not_applicable',
      notApplicableApprovedBy: sytAdmin.me!.id,
      notApplicableApprovedAt: expect.stringMatching(/^\d{4}-/),
    });
    const after = await list(officer, id);
    expect(after.applicable).toBe(start.applicable - 1);
    expect(after.items.find((r) => r.requirementId === 'QL-CS-01')!.notApplicableApprovedByName).toBe('Hoàng Thị Lan');
    expect((await decide(sytAdmin, id, 'QL-CS-01', { approve: true })).statusCode).toBe(409);

    // Changing the reason puts it back to awaiting approval.
    await markNotApplicable(id, 'QL-CS-01', 'Lý do khác');
    expect((await list(officer, id)).applicable).toBe(start.applicable);

    const { rows } = await t.database.db.execute(
      sql`select action, actor_name from audit_log where entity = 'system_requirement' and entity_id = ${`${id}:QL-CS-01`} order by id`,
    );
    expect(rows.map((r) => (r as { action: string }).action)).toEqual(['update', 'approve_not_applicable', 'update']);
  });

  it('never lets a minimum requirement leave the tally, approved or not', async () => {
    const id = await levelTwoSystem('TEST-NA-MIN');
    const start = await list(officer, id);
    await markNotApplicable(id, 'KT-MC-07');
    expect((await decide(attt, id, 'KT-MC-07', { approve: true })).statusCode).toBe(200);
    const after = await list(officer, id);
    expect(after.applicable).toBe(start.applicable);
    expect(after.items.find((r) => r.requirementId === 'KT-MC-07')!.notApplicableApprovedAt).not.toBeNull();
  });

  it('sends a rejected one back to not started, with the note saying why', async () => {
    const id = await levelTwoSystem('TEST-NA-REJ');
    await markNotApplicable(id, 'QL-CS-02');
    const missing = await decide(attt, id, 'QL-CS-02', { approve: false });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: 'note', messageVi: expect.stringMatching(/lý do/) });
    const rejected = await decide(attt, id, 'QL-CS-02', { approve: false, note: 'Hệ thống vẫn có máy chủ riêng' });
    expect(rejected.json()).toMatchObject({ status: 'not_started', reason: null, note: 'Hệ thống vẫn có máy chủ riêng' });
    expect((await decide(attt, id, 'QL-CS-02', { approve: true })).statusCode).toBe(409);
  });

  it("hides another agency's system from its admin (404) and answers 404 for a requirement it does not track", async () => {
    const id = await levelTwoSystem('TEST-NA-ISO');
    await markNotApplicable(id, 'QL-CS-01');
    expect((await decide(otherAdmin, id, 'QL-CS-01', { approve: true })).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/systems/${id}/requirements`)).statusCode).toBe(404);
    expect((await decide(sytAdmin, id, 'KT-DL-07', { approve: true })).statusCode).toBe(404);
    expect((await list(officer, id)).items.find((r) => r.requirementId === 'QL-CS-01')!.notApplicableApprovedAt).toBeNull();
  });
});
