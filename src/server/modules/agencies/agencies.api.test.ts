import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';

type Agency = {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  external: boolean;
  active: boolean;
  childCount: number;
  can: { edit: boolean; restructure: boolean; addChild: boolean; manageUsers: boolean };
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPublished: boolean;
  contactPublishedUrl: string | null;
  contactDesignatedOn: string | null;
};
type AuditRow = { action: string; entity: string; entityId: string; actorUserId: number | null; agencyId: number | null; before: unknown; after: unknown };

let t: TestApp;
let admin: Client;
let sytAdmin: Client; // agency_admin of Sở Y tế
let officer: Client; // agency_officer of Sở Y tế
let all: Agency[];
const id = (name: string) => all.find((a) => a.name === name)!.id;

beforeAll(async () => {
  t = await startTestApp();
  [admin, sytAdmin, officer] = await Promise.all(['admin', 'syt.admin', 'syt.canbo'].map((u) => t.login(u)));
  all = (await admin.get('/api/agencies')).json();
});
afterAll(async () => {
  await t?.close();
});

const auditOf = async (agencyId: number) => (await admin.get(`/api/audit?entity=agency&entityId=${agencyId}`)).json() as AuditRow[];

async function create(by: Client, body: Record<string, unknown>) {
  const res = await by.post('/api/agencies', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Agency;
}

describe('tree', () => {
  it('lists the whole province for a platform admin, with parents and child counts', async () => {
    const root = all.filter((a) => a.parentId === null && !a.external);
    expect(root.map((a) => a.name)).toEqual(['Ủy ban nhân dân tỉnh Demo']);
    const syt = all.find((a) => a.name === 'Sở Y tế')!;
    expect(syt.parentId).toBe(root[0]!.id);
    expect(syt.childCount).toBe(3);
    expect(
      all
        .filter((a) => a.parentId === syt.id)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['Bệnh viện Y học cổ truyền tỉnh', 'Bệnh viện Đa khoa tỉnh Demo', 'Trung tâm Kiểm soát bệnh tật tỉnh'].sort());
    expect(all.some((a) => a.external && a.kind === 'telecom')).toBe(true);
    expect(all.every((a) => a.can.edit && a.can.restructure)).toBe(true);
  });

  it('shows an agency user only their subtree and the outside organizations', async () => {
    const seen = (await officer.get('/api/agencies')).json() as Agency[];
    const inTree = seen
      .filter((a) => !a.external)
      .map((a) => a.name)
      .sort();
    expect(inTree).toEqual(['Bệnh viện Y học cổ truyền tỉnh', 'Bệnh viện Đa khoa tỉnh Demo', 'Sở Y tế', 'Trung tâm Kiểm soát bệnh tật tỉnh'].sort());
    expect(seen.filter((a) => a.external).length).toBe(all.filter((a) => a.external).length);
    // What the caller may do travels with each row.
    expect(seen.find((a) => a.name === 'Sở Y tế')).toMatchObject({ can: { edit: true, restructure: false } });
    expect(seen.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')).toMatchObject({ can: { edit: false, restructure: false } });
    const byAdmin = (await sytAdmin.get('/api/agencies')).json() as Agency[];
    expect(byAdmin.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')).toMatchObject({ can: { edit: true, restructure: true } });
  });

  it('filters by parent, kind and text', async () => {
    const hospitals = (await admin.get('/api/agencies?kind=hospital')).json() as Agency[];
    expect(hospitals.length).toBeGreaterThanOrEqual(3);
    expect(hospitals.every((a) => a.kind === 'hospital')).toBe(true);
    const children = (await admin.get(`/api/agencies?parentId=${id('Sở Giáo dục và Đào tạo')}`)).json() as Agency[];
    expect(children.map((a) => a.name).sort()).toEqual(['Trường THPT Chuyên Demo', 'Trường THPT Hòa Bình']);
    expect(((await admin.get('/api/agencies?q=Hòa Bình')).json() as Agency[]).map((a) => a.name)).toEqual(
      expect.arrayContaining(['Trường THPT Hòa Bình', 'UBND phường Hòa Bình']),
    );
  });
});

describe('changes by a platform admin', () => {
  it('creates, edits, moves and deactivates an agency, auditing each step', async () => {
    const syt = id('Sở Y tế');
    const sgd = id('Sở Giáo dục và Đào tạo');
    const unit = await create(admin, { name: 'Trung tâm Kiểm thử', kind: 'public_unit', parentId: syt });
    expect(unit).toMatchObject({ parentId: syt, active: true, childCount: 0 });
    const child = await create(admin, { name: 'Tổ Kiểm thử', kind: 'public_unit', parentId: unit.id });

    const edited = await admin.patch(`/api/agencies/${unit.id}`, { name: 'Trung tâm Kiểm thử (đổi tên)', phone: '0243 123 4567' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Trung tâm Kiểm thử (đổi tên)', phone: '0243 123 4567' });

    // Moving re-roots the whole subtree: scopes follow the new place.
    const moved = await admin.patch(`/api/agencies/${unit.id}`, { parentId: sgd });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe(sgd);
    const sgdUser = await t.login('sgd.canbo');
    expect((await sgdUser.get(`/api/agencies/${child.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/agencies/${child.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/agencies/${unit.id}`)).statusCode).toBe(404);

    const busy = await admin.patch(`/api/agencies/${unit.id}`, { active: false });
    expect(busy.statusCode).toBe(400);
    expect(busy.json().error.field).toBe('active');
    expect((await admin.patch(`/api/agencies/${child.id}`, { active: false })).statusCode).toBe(200);
    expect((await admin.patch(`/api/agencies/${unit.id}`, { active: false })).json().active).toBe(false);
    const listed = ((await admin.get('/api/agencies')).json() as Agency[]).map((a) => a.id);
    expect(listed).not.toContain(unit.id);
    expect(((await admin.get('/api/agencies?includeInactive=true')).json() as Agency[]).map((a) => a.id)).toContain(unit.id);

    const trail = await auditOf(unit.id);
    expect(trail.map((r) => r.action).reverse()).toEqual(['create', 'update', 'update', 'update']);
    expect(trail.every((r) => r.actorUserId === admin.me.id && r.agencyId === unit.id)).toBe(true);
    const rename = trail[2]!;
    expect(rename.before).toMatchObject({ name: 'Trung tâm Kiểm thử' });
    expect(rename.after).toMatchObject({ name: 'Trung tâm Kiểm thử (đổi tên)' });
    expect(trail[1]!.before).toMatchObject({ parentId: syt });
    expect(trail[1]!.after).toMatchObject({ parentId: sgd });
    expect(trail[0]!.after).toMatchObject({ active: false });
  });

  it('refuses to move an agency under itself or its own descendant', async () => {
    const parent = await create(admin, { name: 'Đơn vị cha', kind: 'public_unit', parentId: id('Sở Tư pháp') });
    const kid = await create(admin, { name: 'Đơn vị con', kind: 'public_unit', parentId: parent.id });
    const grandkid = await create(admin, { name: 'Đơn vị cháu', kind: 'public_unit', parentId: kid.id });
    for (const target of [parent.id, kid.id, grandkid.id]) {
      const res = await admin.patch(`/api/agencies/${parent.id}`, { parentId: target });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid', field: 'parentId', messageVi: expect.stringContaining('cấp dưới') });
    }
    expect((await admin.get(`/api/agencies/${parent.id}`)).json().parentId).toBe(id('Sở Tư pháp'));
    expect((await auditOf(parent.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('keeps outside organizations out of the tree and refuses a second root', async () => {
    const firm = await create(admin, { name: 'Công ty Kiểm thử ATTT', kind: 'security_firm' });
    expect(firm).toMatchObject({ parentId: null, external: true });
    const nested = await admin.post('/api/agencies', { name: 'Công ty lồng', kind: 'security_firm', parentId: id('Sở Y tế') });
    expect(nested.json().error.field).toBe('parentId');
    const root = await admin.post('/api/agencies', { name: 'Tỉnh thứ hai', kind: 'province_committee' });
    expect(root.statusCode).toBe(400);
    expect(root.json().error.field).toBe('parentId');
    expect((await admin.post('/api/agencies', { name: 'Loại lạ', kind: 'khong_co', parentId: id('Sở Y tế') })).json().error.field).toBe('kind');
  });
});

describe('input validation', () => {
  it('answers bad input with 400, the field, and a message in Vietnamese and in English', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'X', kind: 'public_unit', parentId: id('Sở Y tế') }, 'name'],
      [{ name: 'Tên hợp lệ', kind: 'public_unit', parentId: id('Sở Y tế'), contactEmail: 'khong-phai-email' }, 'contactEmail'],
      [{ name: 'Tên hợp lệ', kind: 'public_unit', parentId: 'abc' }, 'parentId'],
      [{ name: 'Tên hợp lệ', kind: 'public_unit', parentId: id('Sở Y tế'), portalUrl: 'ftp://x.vn' }, 'portalUrl'],
      [{ kind: 'public_unit', parentId: id('Sở Y tế') }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/agencies', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = res.json().error;
      expect(error).toMatchObject({ code: 'invalid', field });
      expect(error.message).toMatch(new RegExp(`^${field}: [A-Za-z]`));
      expect(error.messageVi).toMatch(new RegExp(`^${field}: `));
      expect(error.messageVi).not.toBe(error.message);
      expect(error.messageVi).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳýệếềốồộớờợứừựạảấầẩậắằẳặ]/i);
    }
    const patch = await admin.patch(`/api/agencies/${id('Sở Y tế')}`, { contactDesignatedOn: '31/12/2025' });
    expect(patch.json().error).toMatchObject({ code: 'invalid', field: 'contactDesignatedOn' });
    expect((await admin.get('/api/agencies/abc')).json().error.field).toBe('id');
    expect((await admin.get('/api/agencies/999999')).statusCode).toBe(404);
  });
});

describe('agency administrator scope', () => {
  it('edits its own agency and its subtree, but not other agencies', async () => {
    const syt = id('Sở Y tế');
    const hospital = id('Bệnh viện Đa khoa tỉnh Demo');
    const own = await sytAdmin.patch(`/api/agencies/${syt}`, { address: '01 Trần Phú, tỉnh Demo' });
    expect(own.statusCode, own.body).toBe(200);
    expect((await sytAdmin.patch(`/api/agencies/${hospital}`, { shortName: 'BVĐK' })).json().shortName).toBe('BVĐK');

    const sgd = id('Sở Giáo dục và Đào tạo');
    const other = await sytAdmin.patch(`/api/agencies/${sgd}`, { name: 'Sửa trái phép' });
    expect(other.statusCode).toBe(404);
    expect((await sytAdmin.get(`/api/agencies/${sgd}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/agencies/${sgd}`)).json().name).toBe('Sở Giáo dục và Đào tạo');
  });

  it('restructures below its agency, but may not move or deactivate its own agency', async () => {
    const syt = id('Sở Y tế');
    const unit = await create(sytAdmin, { name: 'Phòng khám Kiểm thử', kind: 'hospital', parentId: syt });
    const moved = await sytAdmin.patch(`/api/agencies/${unit.id}`, { parentId: id('Trung tâm Kiểm soát bệnh tật tỉnh') });
    expect(moved.statusCode, moved.body).toBe(200);
    // Out of its reach: the parent is outside the scope, reported like a missing parent.
    const outside = await sytAdmin.patch(`/api/agencies/${unit.id}`, { parentId: id('Sở Giáo dục và Đào tạo') });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('parentId');
    expect((await sytAdmin.post('/api/agencies', { name: 'Trường lạ', kind: 'school', parentId: id('Sở Giáo dục và Đào tạo') })).json().error.field).toBe(
      'parentId',
    );
    expect((await sytAdmin.patch(`/api/agencies/${syt}`, { active: false })).statusCode).toBe(403);
    expect((await sytAdmin.patch(`/api/agencies/${syt}`, { parentId: id('Sở Tư pháp') })).statusCode).toBe(403);
    expect((await sytAdmin.patch(`/api/agencies/${unit.id}`, { active: false })).json().active).toBe(false);
    expect((await sytAdmin.post('/api/agencies', { name: 'Công ty ngoài', kind: 'telecom' })).statusCode).toBe(403);
    expect((await auditOf(unit.id)).every((r) => r.actorUserId === sytAdmin.me.id)).toBe(true);
  });

  it("lets an officer edit its own agency's details but nothing structural and nothing below", async () => {
    const syt = id('Sở Y tế');
    expect((await officer.patch(`/api/agencies/${syt}`, { phone: '0243 765 4321' })).statusCode).toBe(200);
    expect((await officer.patch(`/api/agencies/${syt}`, { kind: 'public_unit' })).statusCode).toBe(403);
    expect((await officer.patch(`/api/agencies/${id('Bệnh viện Đa khoa tỉnh Demo')}`, { phone: '0243 765 4321' })).statusCode).toBe(403);
    expect((await officer.post('/api/agencies', { name: 'Đơn vị mới', kind: 'public_unit', parentId: syt })).statusCode).toBe(403);
    const viewer = await t.login('lanhdao');
    expect((await viewer.patch(`/api/agencies/${syt}`, { phone: '0243 000 0000' })).statusCode).toBe(403);
  });
});

describe('contact point', () => {
  it('records the designated contact point and whether it is published', async () => {
    const syt = id('Sở Y tế');
    const contact = {
      contactName: 'Nguyễn Thị Hoa',
      contactPosition: 'Trưởng phòng CNTT',
      contactPhone: '0912 345 678',
      contactEmail: 'hoa.nt@syt.demo.gov.vn',
      contactDesignatedOn: '2025-09-15',
      contactPublished: true,
      contactPublishedUrl: 'https://syt.demo.gov.vn/dau-moi',
    };
    const res = await sytAdmin.patch(`/api/agencies/${syt}`, contact);
    expect(res.statusCode, res.body).toBe(200);
    expect((await officer.get(`/api/agencies/${syt}`)).json()).toMatchObject(contact);
    const trail = await auditOf(syt);
    expect(trail[0]).toMatchObject({ action: 'update', actorUserId: sytAdmin.me.id, after: expect.objectContaining({ contactName: 'Nguyễn Thị Hoa' }) });
    // Blank form fields clear the value.
    const cleared = await sytAdmin.patch(`/api/agencies/${syt}`, { contactPublishedUrl: '', contactPublished: false });
    expect(cleared.json()).toMatchObject({ contactPublishedUrl: null, contactPublished: false, contactName: 'Nguyễn Thị Hoa' });
    expect((await sytAdmin.patch(`/api/agencies/${syt}`, { contactPhone: 'gọi tôi' })).json().error.field).toBe('contactPhone');
  });
});

describe('designations', () => {
  it('lets only a platform admin assign the functions the law names', async () => {
    const body = { agencyId: id('Sở Khoa học và Công nghệ'), titleVi: 'Đơn vị chuyên trách ATTT', titleEn: 'Security unit' };
    expect((await sytAdmin.put('/api/designations/security_unit', body)).statusCode).toBe(403);
    const res = await admin.put('/api/designations/security_unit', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'security_unit', agencyId: body.agencyId, agencyName: 'Sở Khoa học và Công nghệ' });
    expect((await admin.put('/api/designations/khong_co', body)).statusCode).toBe(404);
    const trail = (await admin.get('/api/audit?entity=designation&entityId=security_unit')).json() as AuditRow[];
    expect(trail).toHaveLength(1);
  });
});
