import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { PDF, upload } from '../../../../tests/support/upload.ts';
import { EMPTY_ANSWERS, type ClassificationAnswers } from '../../../shared/systems/levels.ts';

let t: TestApp;
let officer: Client; // syt.canbo, Sở Y tế
let syAdmin: Client; // syt.admin, approver for Sở Y tế
let attt: Client; // the specialized security unit: appraiser
let other: Client; // sgd.canbo, Sở GD&ĐT
let admin: Client;
let syt: number;
let sgd: number;

/** A hospital system with partly online services: level 3 by Art. 9(2)(a), with personal data of 10,000+ patients (9(2)(c)). */
const answers: ClassificationAnswers = {
  ...EMPTY_ANSWERS,
  functions: ['internal', 'citizens_businesses'],
  information: ['personal'],
  onlinePublicServiceLevel: '3_or_above',
  onlineServiceUsersWithPersonalData: 25_000,
};

beforeAll(async () => {
  t = await startTestApp();
  [officer, syAdmin, attt, other, admin] = await Promise.all(['syt.canbo', 'syt.admin', 'attt', 'sgd.canbo', 'admin'].map((u) => t.login(u)));
  const all = (await admin.get('/api/agencies')).json() as { id: number; name: string }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
});
afterAll(async () => {
  await t?.close();
});

async function register(code: string, by = officer, agencyId = syt) {
  const res = await by.post('/api/systems', {
    agencyId,
    code,
    name: `Hệ thống ${code}`,
    purpose: 'Phục vụ kiểm thử',
    servesPublic: true,
    dataKinds: ['personal'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

describe('inventory', () => {
  it('registers a system and lists it within scope only', async () => {
    const s = await register('TEST-INV-1');
    const mine = (await officer.get('/api/systems?q=TEST-INV-1')).json();
    expect(mine.total).toBe(1);
    const theirs = (await other.get('/api/systems?q=TEST-INV-1')).json();
    expect(theirs.total).toBe(0);
    expect((await other.get(`/api/systems/${s.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/systems/${s.id}`, { name: 'Bị sửa trái phép' })).statusCode).toBe(404);
    expect((await officer.get(`/api/systems/${s.id}`)).json().name).toBe('Hệ thống TEST-INV-1');
  });

  it('refuses to register for another agency and rejects bad input with the field', async () => {
    // Another agency is out of scope: it is refused as unknown, without saying it exists.
    const other = await officer.post('/api/systems', { agencyId: sgd, code: 'X-1', name: 'Không được phép' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.field).toBe('agencyId');
    const bad = await officer.post('/api/systems', { agencyId: syt, code: 'có dấu', name: 'Tên' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('code');
    const dup = await officer.post('/api/systems', { agencyId: syt, code: 'TEST-INV-1', name: 'Trùng mã' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toMatchObject({ field: 'code', messageVi: expect.stringContaining('Mã hệ thống') });
  });

  it('keeps software inventory and interconnections', async () => {
    const s = await register('TEST-SW-1');
    const sw = await officer.put(`/api/systems/${s.id}/software`, [
      { vendor: 'Apache', product: 'HTTP Server', version: '2.4.57', cpe: 'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*' },
    ]);
    expect(sw.statusCode, sw.body).toBe(200);
    expect(sw.json().software).toHaveLength(1);
    const link = await officer.put(`/api/systems/${s.id}/links`, [{ targetName: 'Cổng dịch vụ công quốc gia', description: 'Đồng bộ hồ sơ' }]);
    expect(link.json().links[0].targetName).toBe('Cổng dịch vụ công quốc gia');
    expect((await officer.put(`/api/systems/${s.id}/links`, [{ targetSystemId: s.id }])).json().error.field).toBe('targetSystemId');
    expect((await other.put(`/api/systems/${s.id}/software`, [])).statusCode).toBe(404);
  });
});

describe('products of Vietnamese enterprises (Thanh Hóa letter 1.d)', () => {
  it('records per inventory entry whether it is made or mastered by a Vietnamese enterprise, and the share per agency', async () => {
    const stats = async (id: number, by = officer) => (await by.get(`/api/agencies/${id}/systems-stats`)).json().software;
    const before = await stats(syt);
    const s = await register('TEST-VN-1');
    const unsupported = await officer.put(`/api/systems/${s.id}/software`, [
      { vendor: 'VNPT', product: 'iOffice', version: '4.2' },
      { vendor: 'Công ty Phần mềm ABC', product: 'Cổng dịch vụ', vietnamese: true },
    ]);
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error.field).toBe('1.vietnameseBasis');
    expect(unsupported.json().error.messageVi).toContain('doanh nghiệp Việt Nam');
    const wrongType = await officer.put(`/api/systems/${s.id}/software`, [{ product: 'X', vietnamese: 'có' }]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.field).toBe('0.vietnamese');
    expect((await other.put(`/api/systems/${s.id}/software`, [{ vendor: 'VNPT', product: 'iOffice' }])).statusCode).toBe(404);

    const saved = await officer.put(`/api/systems/${s.id}/software`, [
      { vendor: 'VNPT', product: 'iOffice', version: '4.2' },
      { vendor: 'Công ty Phần mềm ABC', product: 'Cổng dịch vụ', vietnamese: true, vietnameseBasis: 'Giấy chứng nhận sản phẩm số 12/GCN' },
      { vendor: 'Viettel', product: 'Thiết bị phân phối lại', vietnamese: false, vietnameseBasis: 'Sản phẩm nước ngoài do Viettel phân phối' },
      { vendor: 'Microsoft', product: 'Windows Server', version: '2019' },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().software.map((x: Record<string, unknown>) => [x.vietnamese, x.vietnameseBasis, x.vietnameseVendor])).toEqual([
      [true, null, 'VNPT'],
      [true, 'Giấy chứng nhận sản phẩm số 12/GCN', null],
      [false, 'Sản phẩm nước ngoài do Viettel phân phối', 'Viettel'],
      [false, null, null],
    ]);
    const after = await stats(syt);
    expect(after.total).toBe(before.total + 4);
    expect(after.vietnamese).toBe(before.vietnamese + 2);
    expect(after.vietnamesePercent).toBe(Math.round((after.vietnamese / after.total) * 1000) / 10);

    // The province sees each agency under it with its own subtree; another agency sees nothing of Sở Y tế.
    const all = (await admin.get('/api/agencies')).json() as { id: number; parentId: number | null; name: string }[];
    const province = all.find((a) => a.parentId === null && a.name.startsWith('Ủy ban nhân dân tỉnh'))!;
    const byAgency = (await stats(province.id, attt)).byAgency as { agencyId: number; total: number; vietnamese: number }[];
    expect(byAgency.find((a) => a.agencyId === syt)).toMatchObject({ total: after.total, vietnamese: after.vietnamese });
    expect((await other.get(`/api/agencies/${syt}/systems-stats`)).statusCode).toBe(404);
    expect((await stats(sgd, other)).byAgency.some((a: { agencyId: number }) => a.agencyId === syt)).toBe(false);
  });
});

describe('classification and dossier workflow', () => {
  it('runs the whole workflow: classify, submit, appraise, approve, DOCX', async () => {
    const s = await register('TEST-WF-1');
    const preview = (await officer.post('/api/classification/preview', answers)).json();
    expect(preview.level).toBe(3);
    expect(preview.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['9.2.a', '9.2.c', '8.1']);

    const otherLevel = preview.level === 5 ? 4 : preview.level + 1;
    const unjustified = await officer.put(`/api/systems/${s.id}/classification`, { answers, proposedLevel: otherLevel });
    expect(unjustified.statusCode).toBe(400);
    expect(unjustified.json().error.field).toBe('justification');

    const classified = await officer.put(`/api/systems/${s.id}/classification`, { answers, proposedLevel: preview.level });
    expect(classified.statusCode, classified.body).toBe(200);
    expect(classified.json().computedLevel).toBe(preview.level);

    const created = await officer.post(`/api/systems/${s.id}/dossiers`);
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({ state: 'draft', can: { edit: true }, allowedActions: ['submit'] });
    expect((await officer.post(`/api/systems/${s.id}/dossiers`)).statusCode).toBe(409);

    await officer.patch(`/api/dossiers/${d.id}`, { securityPlan: 'Phân vùng mạng, tường lửa, sao lưu hằng ngày.' });
    await upload(officer, `/api/dossiers/${d.id}/files?part=design`, 'thiet-ke-thi-cong.pdf');
    // Nobody may skip steps or act for another party.
    expect(
      (await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'approve', decisionNumber: '1/QĐ', decisionDate: '2026-11-01' })).statusCode,
    ).toBe(409);
    expect((await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'submit' })).statusCode).toBe(403);
    expect((await other.post(`/api/dossiers/${d.id}/transitions`, { action: 'submit' })).statusCode).toBe(404);

    expect((await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'submit' })).json().state).toBe('submitted');
    expect((await officer.patch(`/api/dossiers/${d.id}`, { securityPlan: 'Sửa sau khi nộp' })).statusCode).toBe(409);
    expect((await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'start_appraisal' })).statusCode).toBe(403);
    const queue = (await attt.get('/api/approvals')).json() as { id: number }[];
    expect(queue.map((q) => q.id)).toContain(d.id);
    expect(((await other.get('/api/approvals')).json() as { id: number }[]).map((q) => q.id)).not.toContain(d.id);

    expect((await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'start_appraisal' })).json().state).toBe('under_appraisal');
    const noOpinion = await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'appraise', agreed: true });
    expect(noOpinion.json().error.field).toBe('comment');
    expect(
      (
        await attt.post(`/api/dossiers/${d.id}/transitions`, {
          action: 'appraise',
          agreed: true,
          comment: 'Đủ điều kiện, thống nhất cấp độ.',
          decisionNumber: '12/TĐ-ATTT',
          decisionDate: '2026-11-15',
        })
      ).json().state,
    ).toBe('appraised');
    // The appraiser does not approve a level 1–3 system; the owner's head does.
    expect((await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'approve', decisionNumber: '9/QĐ', decisionDate: '2026-11-20' })).statusCode).toBe(
      403,
    );
    expect(
      (await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'approve', decisionNumber: '9/QĐ', decisionDate: '2026-11-20' })).statusCode,
    ).toBe(403);
    const noNumber = await syAdmin.post(`/api/dossiers/${d.id}/transitions`, { action: 'approve', decisionDate: '2026-11-20' });
    expect(noNumber.json().error.field).toBe('decisionNumber');
    const approved = await syAdmin.post(`/api/dossiers/${d.id}/transitions`, { action: 'approve', decisionNumber: '125/QĐ-SYT', decisionDate: '2026-11-20' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('approved');
    expect(approved.json().events.map((e: { toState: string }) => e.toState)).toEqual(['draft', 'submitted', 'under_appraisal', 'appraised', 'approved']);

    const system = (await officer.get(`/api/systems/${s.id}`)).json();
    expect(system).toMatchObject({ approvedLevel: preview.level, approvedOn: '2026-11-20', approvalDecision: '125/QĐ-SYT', dossierState: 'approved' });

    const docx = await officer.get(`/api/dossiers/${d.id}/docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'HỒ SƠ ĐỀ XUẤT CẤP ĐỘ', 'Hệ thống TEST-WF-1', 'SỞ Y TẾ', 'Phân vùng mạng, tường lửa']) {
      expect(text).toContain(expected);
    }
    // The legal basis: every matched criterion with its official citation.
    for (const expected of [
      'Căn cứ pháp lý',
      'dịch vụ công trực tuyến mức độ 3 trở lên',
      'Điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP',
      'Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP',
      'Khoản 1 Điều 8 Nghị định số 85/2016/NĐ-CP',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await other.get(`/api/dossiers/${d.id}/docx`)).statusCode).toBe(404);
  });

  it('returns a dossier with reasons, and the owner resubmits it', async () => {
    const s = await register('TEST-WF-2');
    await officer.put(`/api/systems/${s.id}/classification`, {
      answers,
      proposedLevel: (await officer.post('/api/classification/preview', answers)).json().level,
    });
    const d = (await officer.post(`/api/systems/${s.id}/dossiers`)).json();
    await officer.patch(`/api/dossiers/${d.id}`, { securityPlan: 'Tường lửa, sao lưu hằng ngày.' });
    await upload(officer, `/api/dossiers/${d.id}/files?part=design`, 'thiet-ke.pdf');
    await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'submit' });
    expect((await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'return' })).json().error.field).toBe('comment');
    const returned = await attt.post(`/api/dossiers/${d.id}/transitions`, { action: 'return', comment: 'Bổ sung sơ đồ mạng.' });
    expect(returned.json().state).toBe('returned');
    expect((await officer.patch(`/api/dossiers/${d.id}`, { securityPlan: 'Đã bổ sung sơ đồ mạng.' })).statusCode).toBe(200);
    const again = (await officer.post(`/api/dossiers/${d.id}/transitions`, { action: 'submit' })).json();
    expect(again).toMatchObject({ state: 'submitted', submissions: 2 });
  });

  it('accepts attachments by content, not by name, and keeps them in scope', async () => {
    const s = await register('TEST-FILE-1');
    await officer.put(`/api/systems/${s.id}/classification`, {
      answers,
      proposedLevel: (await officer.post('/api/classification/preview', answers)).json().level,
    });
    const d = (await officer.post(`/api/systems/${s.id}/dossiers`)).json();
    const ok = await upload(officer, `/api/dossiers/${d.id}/files`, 'phuong-an.pdf', PDF);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mime).toBe('application/pdf');
    const fake = await upload(officer, `/api/dossiers/${d.id}/files`, 'virus.pdf', Buffer.from('MZ\x90\x00 this is an exe'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.field).toBe('file');
    expect((await upload(officer, `/api/dossiers/${d.id}/files`, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(other, `/api/dossiers/${d.id}/files`, 'x.pdf', PDF)).statusCode).toBe(404);
    expect((await officer.get(`/api/files/${ok.json().id}`)).rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await other.get(`/api/files/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('refuses files over the size limit', async () => {
    const small = await startTestApp({ MAX_UPLOAD_MB: '0.01' });
    try {
      const c = await small.login('syt.canbo');
      const s = (await c.post('/api/systems', { agencyId: c.me.agencyId, code: 'BIG-1', name: 'Hệ thống tệp lớn' })).json();
      await c.put(`/api/systems/${s.id}/classification`, { answers, proposedLevel: (await c.post('/api/classification/preview', answers)).json().level });
      const d = (await c.post(`/api/systems/${s.id}/dossiers`)).json();
      const res = await upload(c, `/api/dossiers/${d.id}/files`, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(20_000, 32)]));
      expect(res.statusCode).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('requirements and compliance', () => {
  it('tracks the level requirements, requires a reason for not applicable and rolls up', async () => {
    const s = await register('TEST-REQ-1');
    const level = (await officer.post('/api/classification/preview', answers)).json().level;
    await officer.put(`/api/systems/${s.id}/classification`, { answers, proposedLevel: level });
    const list = (await officer.get(`/api/systems/${s.id}/requirements`)).json();
    expect(list.level).toBe(level);
    expect(list.items.length).toBeGreaterThan(10);
    expect(list.compliancePercent).toBe(0);
    const [first, second] = list.items;
    const met = await officer.patch(`/api/systems/${s.id}/requirements/${first.requirementId}`, { status: 'met', lastVerifiedOn: '2026-11-01' });
    expect(met.statusCode).toBe(200);
    expect(met.json()).toEqual({
      systemId: s.id,
      requirementId: first.requirementId,
      status: 'met',
      reason: null,
      notApplicableApprovedBy: null,
      notApplicableApprovedAt: null,
      ownerUserId: null,
      dueOn: null,
      lastVerifiedOn: '2026-11-01',
      note: null,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const na = await officer.patch(`/api/systems/${s.id}/requirements/${second.requirementId}`, { status: 'not_applicable' });
    expect(na.json().error.field).toBe('reason');
    await officer.patch(`/api/systems/${s.id}/requirements/${second.requirementId}`, { status: 'not_applicable', reason: 'Không có thành phần này' });
    // Not applicable counts once the owner's head approves it.
    expect((await officer.get(`/api/systems/${s.id}/requirements`)).json().applicable).toBe(list.items.length);
    expect((await syAdmin.post(`/api/systems/${s.id}/requirements/${second.requirementId}/not-applicable-decision`, { approve: true })).statusCode).toBe(200);
    const after = (await officer.get(`/api/systems/${s.id}/requirements`)).json();
    expect(after.applicable).toBe(list.items.length - (second.minimum ? 0 : 1));
    expect(after.met).toBe(1);
    expect((await other.patch(`/api/systems/${s.id}/requirements/${first.requirementId}`, { status: 'not_started' })).statusCode).toBe(404);
    const ev = await upload(officer, `/api/systems/${s.id}/requirements/${first.requirementId}/evidence`, 'bien-ban.pdf', PDF);
    expect(ev.statusCode, ev.body).toBe(201);
    expect((await officer.get(`/api/systems/${s.id}/requirements`)).json().items[0].evidenceCount).toBe(1);

    const stats = (await officer.get(`/api/agencies/${syt}/systems-stats`)).json();
    expect(stats.total).toBeGreaterThan(0);
    expect(stats.approved).toBeLessThanOrEqual(stats.total);
    expect(Object.values(stats.byLevel as Record<string, number>).reduce((a, b) => a + b, 0) + stats.unclassified).toBe(stats.total);
    expect((await other.get(`/api/agencies/${syt}/systems-stats`)).statusCode).toBe(404);
  });

  it('secures a test system holding personal data like one in real operation (Vĩnh Phúc directive 1.g)', async () => {
    const s = await register('TEST-ENV-1');
    expect((await officer.get(`/api/systems/${s.id}`)).json().environment).toBe('production');
    const level = (await officer.post('/api/classification/preview', answers)).json().level;
    const classified = await officer.put(`/api/systems/${s.id}/classification`, { answers, proposedLevel: level });
    expect(classified.statusCode, classified.body).toBe(200);
    const ids = async () => ((await officer.get(`/api/systems/${s.id}/requirements`)).json().items as { requirementId: string }[]).map((i) => i.requirementId);
    const production = await ids();
    expect(production).not.toContain('QL-TN-01');

    const bad = await officer.patch(`/api/systems/${s.id}`, { environment: 'staging' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('environment');
    expect((await other.patch(`/api/systems/${s.id}`, { environment: 'test' })).statusCode).toBe(404);

    const test = await officer.patch(`/api/systems/${s.id}`, { environment: 'test' });
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json().environment).toBe('test');
    expect(test.json().applicable).toBe(production.length + 1);
    const list = (await officer.get(`/api/systems/${s.id}/requirements`)).json();
    const item = list.items.find((i: { requirementId: string }) => i.requirementId === 'QL-TN-01');
    expect(item).toMatchObject({
      condition: 'test_system_personal_data',
      reference: 'Điểm g khoản 1 Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023',
      status: 'not_started',
    });
    expect(list.applicable).toBe(production.length + 1);

    // Without personal data the condition no longer holds: the row stays but does not count.
    const internalOnly = await officer.patch(`/api/systems/${s.id}`, { dataKinds: ['internal'] });
    expect(internalOnly.json().applicable).toBe(production.length);
    expect(await ids()).not.toContain('QL-TN-01');
    expect((await other.get(`/api/systems/${s.id}/requirements`)).statusCode).toBe(404);
  });
});

describe('import and export', () => {
  async function sheet(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('HTTT');
    ws.addRow([
      'Mã hệ thống (code)',
      'Tên hệ thống (name)',
      'Cơ quan chủ quản (agency)',
      'Loại dữ liệu (dataKinds)',
      'Ngày vận hành (goLiveOn)',
      'Phần mềm (software)',
    ]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('imports every row or none, reporting bad rows by number', async () => {
    const before = (await officer.get('/api/systems?limit=1')).json().total;
    const bad = await sheet([
      ['IMP-1', 'Hệ thống nhập 1', 'Sở Y tế', 'personal', '01/02/2024', 'Apache|HTTP Server|2.4.57'],
      ['IMP-2', 'Hệ thống nhập 2', 'Sở Giáo dục và Đào tạo', 'public', '', ''],
      ['IMP-3', 'Hệ thống nhập 3', 'Sở Y tế', 'bogus_kind', '', ''],
    ]);
    const res = await upload(officer, '/api/systems/import', 'httt.xlsx', bad);
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { row: number; field: string }[];
    expect(details.map((d) => d.row)).toEqual([3, 4]);
    expect((await officer.get('/api/systems?limit=1')).json().total).toBe(before);

    const good = await sheet([
      ['IMP-1', 'Hệ thống nhập 1', 'Sở Y tế', 'personal', '01/02/2024', 'Apache|HTTP Server|2.4.57'],
      ['IMP-3', 'Hệ thống nhập 3', 'Sở Y tế', 'public', '', ''],
    ]);
    const ok = await upload(officer, '/api/systems/import', 'httt.xlsx', good);
    expect(ok.json()).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0, skippedRows: [], ignoredColumns: [] });
    const imp1 = (await officer.get('/api/systems?q=IMP-1')).json().items[0];
    const detail = (await officer.get(`/api/systems/${imp1.id}`)).json();
    expect(detail).toMatchObject({ goLiveOn: '2024-02-01', dataKinds: ['personal'] });
    expect(detail.software[0]).toMatchObject({ vendor: 'Apache', product: 'HTTP Server', version: '2.4.57' });
    expect((await upload(officer, '/api/systems/import', 'httt.xlsx', good)).json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      skipped: 0,
      skippedRows: [],
      ignoredColumns: [],
    });
  });

  it('rejects a file that is not a spreadsheet', async () => {
    const garbage = await upload(officer, '/api/systems/import', 'httt.xlsx', Buffer.from('not a spreadsheet at all'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.field).toBe('file');
  });

  it('exports the inventory in scope as XLSX and CSV', async () => {
    const xlsx = await officer.get('/api/systems/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const codes = wb.worksheets[0]!.getColumn(1).values.slice(5).map(String);
    expect(codes).toContain('IMP-1');
    const otherCsv = (await other.get('/api/systems/export?format=csv')).body;
    expect(otherCsv).not.toContain('IMP-1');
    expect(otherCsv.split('\r\n')[0]).toMatch(/^\uFEFF?Mã hệ thống,Tên hệ thống,Cơ quan chủ quản,/);
  });
});
