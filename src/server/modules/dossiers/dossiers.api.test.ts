/**
 * Who appraises and approves, and in what time (Decree 85/2016 Arts. 12, 14–18), over real HTTP: the approval matrix
 * per level, the contents a submission needs (Art. 15), the appraisal record, the time limits and their reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { PDF } from '../../../../tests/support/upload.ts';
import { dossierEvents } from './schema.ts';
import { reminderSources } from '../reminders/registry.ts';
import { EMPTY_ANSWERS } from '../../../shared/systems/levels.ts';
import { todayVn } from '../../../shared/core/dates.ts';

let t: TestApp;
let officer: HttpClient; // syt.canbo: prepares and submits for Sở Y tế
let head: HttpClient; // syt.admin: the owner's head
let unit: HttpClient; // attt: the specialized security unit (Công an tỉnh)
let admin: HttpClient;
let other: HttpClient; // sgd.canbo, another agency
let otherHead: HttpClient; // an agency admin of Sở GD&ĐT
let otherSecurity: HttpClient; // dept_security staff outside the designated unit
let syt: number;
let login: (u: string, p?: string) => Promise<HttpClient>;

/** Partly online public services to citizens, with personal data: level 3 (point a, clause 2, Art. 9). */
const answers = { ...EMPTY_ANSWERS, functions: ['internal', 'citizens_businesses'], information: ['personal'], onlinePublicServiceLevel: '3_or_above' };
const JUSTIFICATION = 'Đề xuất theo phạm vi và mức độ quan trọng thực tế của hệ thống.';

const patch = (c: HttpClient, path: string, body: unknown) => c.request('PATCH', path, { body });
const put = (c: HttpClient, path: string, body: unknown) => c.request('PUT', path, { body });
const move = (c: HttpClient, id: number, body: Record<string, unknown>) => c.post(`/api/dossiers/${id}/transitions`, body);
async function upload(c: HttpClient, id: number, part?: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${part ?? 'tai-lieu'}.pdf`);
  return c.request('POST', `/api/dossiers/${id}/files${part ? `?part=${part}` : ''}`, { raw: form });
}

/** A new account of `roles` in `agencyId`, signed in with its own password. */
async function account(username: string, agencyId: number, roles: string[]) {
  const created = await admin.post('/api/users', { agencyId, username, fullName: `Người dùng ${username}`, roles });
  expect(created.status, created.text).toBe(201);
  const c = await login(username, created.json.temporaryPassword);
  expect((await c.post('/api/auth/password', { currentPassword: created.json.temporaryPassword, newPassword: 'Khien-KiemThu-2026!' })).status).toBe(204);
  return c;
}

let seq = 0;
/** A system of Sở Y tế classified at `level`, with a dossier opened on it. */
async function dossierAt(level: number) {
  const system = await officer.post('/api/systems', {
    agencyId: syt,
    code: `HS-CD-${level}-${++seq}`,
    name: `Hệ thống kiểm thử ${seq}`,
    purpose: 'Phục vụ kiểm thử hồ sơ cấp độ',
  });
  expect(system.status, system.text).toBe(201);
  const computed = (await officer.post('/api/classification/preview', answers)).json.level;
  const classified = await put(officer, `/api/systems/${system.json.id}/classification`, {
    answers,
    proposedLevel: level,
    justification: level === computed ? null : JUSTIFICATION,
  });
  expect(classified.status, classified.text).toBe(200);
  const d = await officer.post(`/api/systems/${system.json.id}/dossiers`);
  expect(d.status, d.text).toBe(201);
  return { id: d.json.id as number, systemId: system.json.id as number };
}

/** Gives the dossier what Art. 15 asks of every level: a design document and a security plan (the overview is the purpose). */
async function fill(id: number) {
  expect((await upload(officer, id, 'design')).status).toBe(201);
  expect((await patch(officer, `/api/dossiers/${id}`, { securityPlan: 'Phân vùng mạng, tường lửa, sao lưu hằng ngày.' })).status).toBe(200);
}

const appraisal = {
  action: 'appraise',
  agreed: true,
  comment: 'Hồ sơ đầy đủ, thống nhất cấp độ đề xuất.',
  decisionNumber: '15/TĐ-ATTT',
  decisionDate: '2026-11-10',
};
const approval = { action: 'approve', decisionNumber: '125/QĐ-SYT', decisionDate: '2026-11-20' };

beforeAll(async () => {
  t = await startTestApp();
  ({ login } = await listen(t.app));
  [officer, head, unit, admin, other] = await Promise.all(['syt.canbo', 'syt.admin', 'attt', 'admin', 'sgd.canbo'].map((u) => login(u)));
  const agencies = (await admin.get('/api/agencies')).json as { id: number; name: string }[];
  const id = (name: string) => agencies.find((a) => a.name === name)!.id;
  syt = id('Sở Y tế');
  otherHead = await account('sgd.lanhdao', id('Sở Giáo dục và Đào tạo'), ['agency_admin']);
  otherSecurity = await account('stc.attt', id('Sở Tài chính'), ['dept_security']);
});
afterAll(async () => {
  await t?.close();
});

describe('the approval matrix per level (Decree 85/2016 Art. 12, 14)', () => {
  /** Everyone who is not the party of a step is refused it: other agencies as if the dossier did not exist. */
  async function refusedExceptTo(id: number, action: Record<string, unknown>, ...allowed: HttpClient[]) {
    for (const c of [officer, head, unit, otherSecurity].filter((x) => !allowed.includes(x))) {
      expect((await move(c, id, action)).status, `${action.action} by another party`).toBe(403);
    }
    for (const c of [other, otherHead]) expect((await move(c, id, action)).status).toBe(404);
  }

  it.each([1, 2])('level %i: the specialized unit appraises and approves, then reports to the owner', async (level) => {
    const { id, systemId } = await dossierAt(level);
    await fill(id);
    expect((await other.get(`/api/dossiers/${id}`)).status).toBe(404);
    expect((await otherHead.get(`/api/dossiers/${id}`)).status).toBe(404);
    await refusedExceptTo(id, { action: 'submit' }, officer, head);
    expect((await move(officer, id, { action: 'submit' })).json.state).toBe('submitted');
    await refusedExceptTo(id, { action: 'start_appraisal' }, unit);
    expect((await move(unit, id, { action: 'start_appraisal' })).json.state).toBe('under_appraisal');
    expect((await move(unit, id, appraisal)).json.state).toBe('appraised');
    await refusedExceptTo(id, approval, unit);
    const approved = await move(unit, id, approval);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ state: 'approved', decisionAuthority: expect.stringContaining('gửi báo cáo chủ quản') });
    expect(approved.json.rule).toMatchObject({ approverKind: 'internal', reference: expect.stringContaining('Khoản 1 Điều 12 Nghị định số 85/2016/NĐ-CP') });
    expect((await officer.get(`/api/systems/${systemId}`)).json).toMatchObject({ approvedLevel: level, approvalDecision: '125/QĐ-SYT' });
  });

  it("level 3: the specialized unit appraises, the owner's head approves", async () => {
    const { id } = await dossierAt(3);
    await fill(id);
    await move(officer, id, { action: 'submit' });
    await move(unit, id, { action: 'start_appraisal' });
    await refusedExceptTo(id, appraisal, unit);
    await move(unit, id, appraisal);
    await refusedExceptTo(id, approval, head);
    expect((await move(head, id, approval)).json.state).toBe('approved');
  });

  it("level 4: the operator first obtains the unit's opinion, the ministry's appraisal is recorded, the owner approves", async () => {
    const { id } = await dossierAt(4);
    await fill(id);
    const noOpinion = await move(officer, id, { action: 'submit' });
    expect(noOpinion.status).toBe(422);
    expect(noOpinion.json.error).toMatchObject({ code: 'dossier_incomplete', field: 'opinion', messageVi: expect.stringContaining('ý kiến chuyên môn') });
    await refusedExceptTo(id, { action: 'request_opinion' }, officer, head);
    expect((await move(officer, id, { action: 'request_opinion' })).json.state).toBe('awaiting_opinion');
    expect((await patch(officer, `/api/dossiers/${id}`, { securityPlan: 'Sửa khi đang xin ý kiến' })).status).toBe(409);
    expect(((await unit.get('/api/approvals')).json as { id: number; allowedActions: string[] }[]).find((q) => q.id === id)?.allowedActions).toEqual([
      'give_opinion',
      'return',
    ]);
    const opinion = { action: 'give_opinion', comment: 'Đề xuất cấp độ 4 và phương án bảo đảm an toàn thông tin là phù hợp.' };
    await refusedExceptTo(id, opinion, unit);
    const given = await move(unit, id, opinion);
    expect(given.json).toMatchObject({ state: 'draft', opinion: opinion.comment });
    expect(given.json.contents.find((p: { part: string }) => p.part === 'opinion')).toMatchObject({ required: true, present: true });
    expect((await move(officer, id, { action: 'submit' })).json.state).toBe('submitted');
    await move(unit, id, { action: 'start_appraisal' });
    expect((await move(unit, id, { ...appraisal, decisionNumber: '230/CATTT-TĐ' })).json).toMatchObject({
      state: 'appraised',
      appraisalNumber: '230/CATTT-TĐ',
    });
    // Who may approve a level-4 dossier: the owner's head (an agency admin of the owning agency or above), or a platform admin.
    await refusedExceptTo(id, approval, head);
    expect((await move(head, id, approval)).json.state).toBe('approved');
  });

  it("level 5: as level 4, then the Prime Minister's list is recorded and the owner approves the security plan", async () => {
    const { id, systemId } = await dossierAt(5);
    await fill(id);
    await move(officer, id, { action: 'request_opinion' });
    await move(unit, id, { action: 'give_opinion', comment: 'Thống nhất đề xuất cấp độ 5.' });
    await move(officer, id, { action: 'submit' });
    await move(unit, id, { action: 'start_appraisal' });
    await move(unit, id, appraisal);
    expect((await move(head, id, approval)).json.error.code).toBe('invalid_transition');
    const list = { action: 'record_list', decisionNumber: '1131/QĐ-TTg', decisionDate: '2026-11-25' };
    expect((await move(unit, id, { action: 'record_list' })).json.error.field).toBe('decisionNumber');
    await refusedExceptTo(id, list, unit);
    expect((await move(unit, id, list)).json).toMatchObject({ state: 'listed', listDecisionNumber: '1131/QĐ-TTg', listDecisionDate: '2026-11-25' });
    await refusedExceptTo(id, approval, head);
    const approved = (await move(head, id, approval)).json;
    expect(approved).toMatchObject({ state: 'approved', decisionAuthority: expect.stringContaining('phương án bảo đảm an toàn thông tin') });
    expect(approved.rule.listApproverNameVi).toContain('Thủ tướng Chính phủ');
    expect((await head.get(`/api/systems/${systemId}`)).json.approvedLevel).toBe(5);
  });

  it('re-classifies an approved system by the same path (Art. 18)', async () => {
    const { id, systemId } = await dossierAt(3);
    await fill(id);
    await move(officer, id, { action: 'submit' });
    await move(unit, id, { action: 'start_appraisal' });
    await move(unit, id, appraisal);
    await move(head, id, approval);
    expect((await put(officer, `/api/systems/${systemId}/classification`, { answers, proposedLevel: 4, justification: JUSTIFICATION })).status).toBe(200);
    const again = await officer.post(`/api/systems/${systemId}/dossiers`);
    expect(again.status, again.text).toBe(201);
    expect(again.json).toMatchObject({ state: 'draft', proposedLevel: 4, allowedActions: ['request_opinion', 'submit'] });
    expect(again.json.rule.opinionRequired).toBe(true);
  });
});

describe("the dossier's contents (Art. 15)", () => {
  it('refuses a submission that lacks a part, naming it, and lists every part with its source', async () => {
    const { id } = await dossierAt(3);
    const d = (await officer.get(`/api/dossiers/${id}`)).json;
    expect(d.contents.map((p: { part: string }) => p.part)).toEqual(['overview', 'design', 'justification', 'security_plan', 'opinion']);
    expect(d.contents.find((p: { part: string }) => p.part === 'design')).toMatchObject({
      required: true,
      present: false,
      reference: 'Điểm b khoản 2 Điều 15 Nghị định số 85/2016/NĐ-CP',
    });
    const missing = await move(officer, id, { action: 'submit' });
    expect(missing.status).toBe(422);
    expect(missing.json.error).toMatchObject({ code: 'dossier_incomplete', field: 'design', details: ['design', 'security_plan'] });
    expect((await upload(officer, id)).json.part).toBeNull();
    expect((await move(officer, id, { action: 'submit' })).json.error.field).toBe('design');
    expect((await upload(officer, id, 'design')).json.part).toBe('design');
    expect((await move(officer, id, { action: 'submit' })).json.error).toMatchObject({ field: 'security_plan', details: ['security_plan'] });
    expect((await upload(officer, id, 'security_plan')).status).toBe(201);
    await patch(officer, `/api/dossiers/${id}`, { description: '' });
    expect((await move(officer, id, { action: 'submit' })).json.error.field).toBe('overview');
    expect((await upload(officer, id, 'overview')).status).toBe(201);
    const submitted = await move(officer, id, { action: 'submit' });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.json.contents.map((p: { via: string | null }) => p.via)).toEqual(['attachment', 'attachment', 'classification', 'attachment', null]);
    expect((await upload(officer, id, 'budget')).status).toBe(400);
  });

  it('asks the specialized unit for its opinion only on an otherwise complete dossier (levels 4–5)', async () => {
    const { id } = await dossierAt(4);
    const early = await move(officer, id, { action: 'request_opinion' });
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ field: 'design', details: ['design', 'security_plan'] });
    await fill(id);
    expect((await move(officer, id, { action: 'request_opinion' })).json.state).toBe('awaiting_opinion');
  });

  it('lets the receiving unit return an incomplete dossier, with reasons, within the completeness check', async () => {
    const { id } = await dossierAt(3);
    await fill(id);
    await move(officer, id, { action: 'submit' });
    expect((await move(unit, id, { action: 'return', comment: '' })).json.error.field).toBe('comment');
    const returned = await move(unit, id, { action: 'return', comment: 'Thiếu sơ đồ kết nối mạng trong thiết kế.' });
    expect(returned.json.state).toBe('returned');
    expect(returned.json.deadlines).toEqual([expect.objectContaining({ stage: 'completeness', doneOn: todayVn(), status: 'met' })]);
  });
});

describe('the appraisal record', () => {
  it('needs the result, its reasons and the document; a disagreeing appraisal returns the dossier', async () => {
    const { id } = await dossierAt(3);
    await fill(id);
    await move(officer, id, { action: 'submit' });
    await move(unit, id, { action: 'start_appraisal' });
    const { agreed: _, ...noResult } = appraisal;
    expect((await move(unit, id, noResult)).json.error.field).toBe('agreed');
    expect((await move(unit, id, { ...appraisal, comment: 'ok' })).json.error.field).toBe('comment');
    expect((await move(unit, id, { ...appraisal, decisionNumber: '' })).json.error.field).toBe('decisionNumber');
    expect((await move(unit, id, { ...appraisal, decisionDate: '' })).json.error.field).toBe('decisionDate');
    const notAttached = await move(unit, id, { ...appraisal, decisionFileId: 999_999 });
    expect(notAttached.json.error.field).toBe('decisionFileId');
    const file = (await upload(unit, id)).json.id;
    const refused = await move(unit, id, { ...appraisal, agreed: false, comment: 'Hệ thống phục vụ toàn tỉnh, cần đề xuất cấp độ 4.', decisionFileId: file });
    expect(refused.json).toMatchObject({
      state: 'returned',
      appraisalAgreed: false,
      appraisalNumber: '15/TĐ-ATTT',
      appraisalDate: '2026-11-10',
      appraisalFileId: file,
    });
    const resubmitted = (await move(officer, id, { action: 'submit' })).json;
    expect(resubmitted).toMatchObject({ state: 'submitted', submissions: 2, appraisalAgreed: null, appraisalNumber: null });
  });
});

describe('time limits (Circular 03/2017 Art. 14 k3; Decree 85/2016 Arts. 16 k2, 17 k2)', () => {
  /** Moves the dossier's last event to a Vietnamese calendar day, as if it had happened then. */
  async function happenedOn(id: number, day: string) {
    const [last] = await t.database.db
      .select({ id: dossierEvents.id })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, id))
      .orderBy(sql`${dossierEvents.id} desc`)
      .limit(1);
    await t.database.db
      .update(dossierEvents)
      .set({ at: new Date(`${day}T09:00:00+07:00`) })
      .where(eq(dossierEvents.id, last!.id));
  }
  const dueState = (due: string) => (todayVn() > due ? 'overdue' : 'running');
  const collect = (today: string) =>
    reminderSources()
      .find((s) => s.name === 'dossier-time-limits')!
      .collect(t.database.db, { now: new Date(), today });

  it('counts a dossier received just before Tết: completeness, then appraisal, then approval', async () => {
    const { id } = await dossierAt(3);
    await fill(id);
    await move(officer, id, { action: 'submit' });
    await happenedOn(id, '2026-02-12');
    let d = (await officer.get(`/api/dossiers/${id}`)).json;
    expect(d.deadlines).toEqual([
      {
        stage: 'completeness',
        days: 5,
        unit: 'working',
        reference: 'Khoản 3 Điều 14 Thông tư số 03/2017/TT-BTTTT',
        referenceEn: 'Clause 3, Article 14 of Circular No. 03/2017/TT-BTTTT',
        startedOn: '2026-02-12',
        dueOn: '2026-02-26',
        doneOn: null,
        status: dueState('2026-02-26'),
        provisional: false,
      },
    ]);
    const queued = ((await unit.get('/api/approvals')).json as { id: number; deadline: { dueOn: string } | null }[]).find((q) => q.id === id);
    expect(queued?.deadline?.dueOn).toBe('2026-02-26');

    // Reminded two days ahead, then once the limit is past: to the specialized unit.
    const ahead = (await collect('2026-02-24')).filter((r) => r.subjectId === String(id));
    expect(ahead).toEqual([expect.objectContaining({ kind: 'dossier_completeness_due', occurrence: 'submission-1:due', link: `/dossiers/${id}` })]);
    expect(ahead[0]!.recipients).toEqual([(await unit.get('/api/auth/me')).json.id]);
    expect(ahead[0]!.body).toContain('26/02/2026');
    expect((await collect('2026-02-23')).filter((r) => r.subjectId === String(id))).toEqual([]);
    expect((await collect('2026-02-27')).find((r) => r.subjectId === String(id))?.occurrence).toBe('submission-1:overdue');

    await move(unit, id, { action: 'start_appraisal' });
    await happenedOn(id, '2026-02-25');
    await move(unit, id, appraisal);
    await happenedOn(id, '2026-03-16');
    d = (await officer.get(`/api/dossiers/${id}`)).json;
    expect(d.deadlines.map((x: { stage: string; dueOn: string; doneOn: string | null; status: string }) => [x.stage, x.dueOn, x.doneOn, x.status])).toEqual([
      ['completeness', '2026-02-26', '2026-02-25', 'met'],
      ['appraisal', '2026-03-12', '2026-03-16', 'late'],
      ['approval', '2026-03-25', null, dueState('2026-03-25')],
    ]);
    // The approval of a level-3 dossier is the owner's: the reminder goes to the owning agency's admin.
    const approvalDue = (await collect('2026-03-24')).find((r) => r.subjectId === String(id))!;
    expect(approvalDue.kind).toBe('dossier_approval_due');
    expect(approvalDue.recipients).toEqual([(await head.get('/api/auth/me')).json.id]);
  });

  it('marks as provisional a limit running into a year whose days off are not announced', async () => {
    const { id } = await dossierAt(4);
    await fill(id);
    await move(officer, id, { action: 'request_opinion' });
    await move(unit, id, { action: 'give_opinion', comment: 'Đề xuất cấp độ 4 là phù hợp.' });
    await move(officer, id, { action: 'submit' });
    await move(unit, id, { action: 'start_appraisal' });
    await happenedOn(id, '2026-12-10');
    const appraisalLimit = (await unit.get(`/api/dossiers/${id}`)).json.deadlines[1];
    expect(appraisalLimit).toMatchObject({
      stage: 'appraisal',
      days: 30,
      unit: 'calendar',
      startedOn: '2026-12-10',
      dueOn: '2027-01-11',
      provisional: true,
      reference: 'Điểm b khoản 2 Điều 16 Nghị định số 85/2016/NĐ-CP',
    });
  });
});

describe('the matrix is data the platform admin edits', () => {
  it('checks the acting unit and the list approver, and applies a changed row to the parties', async () => {
    const rows = (await admin.get('/api/approval-matrix')).json as Record<string, unknown>[];
    const { level: _, ...three } = rows.find((r) => r.level === 3)!;
    expect((await put(head, '/api/approval-matrix/3', three)).status).toBe(403);
    expect((await put(admin, '/api/approval-matrix/3', { ...three, appraiserDesignation: 'no_such_unit' })).json.error.field).toBe('appraiserDesignation');
    expect((await put(admin, '/api/approval-matrix/3', { ...three, listApproverNameVi: 'Thủ tướng Chính phủ' })).json.error.field).toBe('listApproverNameEn');
    expect((await put(admin, '/api/approval-matrix/3', { ...three, approverKind: 'nobody' })).status).toBe(400);

    const changed = await put(admin, '/api/approval-matrix/3', {
      ...three,
      approverKind: 'internal',
      approverNameVi: 'Đơn vị chuyên trách',
      approverNameEn: 'The unit',
    });
    expect(changed.status, changed.text).toBe(200);
    try {
      const { id } = await dossierAt(3);
      await fill(id);
      await move(officer, id, { action: 'submit' });
      await move(unit, id, { action: 'start_appraisal' });
      await move(unit, id, appraisal);
      expect((await move(head, id, approval)).status).toBe(403);
      expect((await move(unit, id, approval)).json.state).toBe('approved');
    } finally {
      expect((await put(admin, '/api/approval-matrix/3', three)).status).toBe(200);
    }
  });
});
