import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { nextOccurrence, addDays } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';

type Agency = { id: number; name: string; kind: string; parentId: number | null; active: boolean; external: boolean };
type Assignment = { id: number; agencyId: number; agencyName: string; dueOn: string | null; status: string; overdue: boolean; completedOccurrences: number };
type Directive = { id: number; number: string; can: { manage: boolean }; tasks: { id: number; text: string; assignments: Assignment[] }[] };

let t: TestApp;
let dataDir: string;
let attt: Client; // specialized security unit
let admin: Client;
let officer: Client; // syt.canbo
let sytAdmin: Client; // syt.admin
let sgd: Client; // sgd.canbo
let agencies: Agency[];
const id = (name: string) => agencies.find((a) => a.name === name)!.id;
const today = todayVn();

const DIRECTIVE = {
  kind: 'directive',
  number: '99/CT-UBND',
  issuer: 'UBND tỉnh Demo',
  issuedOn: '2026-01-15',
  title: 'Về tăng cường bảo đảm an toàn thông tin mạng năm 2026',
};

async function createDirective(by = attt, body: Record<string, unknown> = DIRECTIVE) {
  const res = await by.post('/api/directives', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Directive;
}

async function addTask(directiveId: number, body: Record<string, unknown>, by = attt) {
  const res = await by.post(`/api/directives/${directiveId}/tasks`, { text: 'Nhiệm vụ kiểm thử phạm vi giao việc', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as Directive;
  return d.tasks[d.tasks.length - 1]!;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-directives-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [attt, admin, officer, sytAdmin, sgd] = await Promise.all(['attt', 'admin', 'syt.canbo', 'syt.admin', 'sgd.canbo'].map((u) => t.login(u)));
  agencies = (await admin.get('/api/agencies?includeInactive=true')).json();
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('seeded directives', () => {
  it('holds the five source documents and Dispatch 33 as written, each with its published text', async () => {
    const list = (await attt.get('/api/directives')).json() as {
      id: number;
      number: string;
      issuer: string;
      issuedPrecision: string;
      modelOf: string | null;
      hasSourceText: boolean;
      taskCount: number;
      overdueCount: number;
    }[];
    const sources = ['…/CT-UBND', '…/UBND-CNTT', '15/CT-UBND', '2236/UBND-KT', '812/UBND-KSTTHC', '33/CĐ-TTg'];
    expect(list.map((d) => d.number)).toEqual(expect.arrayContaining(sources));
    expect(list.map((d) => d.issuer)).toEqual(
      expect.arrayContaining([
        'UBND tỉnh Vĩnh Phúc',
        'UBND tỉnh Thanh Hóa',
        'UBND tỉnh Quảng Nam',
        'UBND tỉnh Bắc Giang',
        'UBND thành phố Hải Phòng',
        'Thủ tướng Chính phủ',
      ]),
    );
    expect(list.filter((d) => sources.includes(d.number)).map((d) => d.hasSourceText)).toEqual(sources.map(() => true));
    expect(list.find((d) => d.number === '…/CT-UBND')).toMatchObject({ issuedPrecision: 'month', modelOf: 'tỉnh Vĩnh Phúc' });
    expect(list.find((d) => d.number === '33/CĐ-TTg')).toMatchObject({ issuedPrecision: 'day', modelOf: null });
    // Demo data shows work behind schedule as well as work done.
    expect(list.reduce((n, d) => n + d.overdueCount, 0)).toBeGreaterThan(0);

    const quangNam = (await attt.get(`/api/directives/${list.find((d) => d.number === '15/CT-UBND')!.id}`)).json();
    expect(quangNam).toMatchObject({ issuedOn: '2022-11-09', signerName: 'Hồ Quang Bửu', basedOn: expect.stringContaining('18/CT-TTg') });
    expect(quangNam.sourceText).toContain('ứng cứu sự cố');
    expect(quangNam.tasks.map((x: { legalClause: string }) => x.legalClause)).toContain('1, ý thứ năm');
    expect(quangNam.tasks.every((x: { assigneesText: string | null }) => x.assigneesText)).toBe(true);
    // The text says who its clauses address; the list of Tỉnh Demo agencies carrying them is separate.
    expect(quangNam.tasks.find((x: { legalClause: string }) => x.legalClause === '2, ý thứ nhất').assigneesText).toBe('Sở Thông tin và Truyền thông');
  });

  it('keeps a document whose day is blank as blank, and refuses a precision it does not know', async () => {
    const d = await createDirective(attt, { ...DIRECTIVE, number: '…/KH-UBND', issuedOn: '2026-06-01', issuedPrecision: 'month' });
    expect(d).toMatchObject({ issuedPrecision: 'month', hasSourceText: false, sourceText: null });
    const bad = await attt.post('/api/directives', { ...DIRECTIVE, issuedPrecision: 'week' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('issuedPrecision');
    const patched = (await attt.patch(`/api/directives/${d.id}`, { sourceText: 'Toàn văn kế hoạch.' })).json();
    expect(patched).toMatchObject({ issuedPrecision: 'month', sourceText: 'Toàn văn kế hoạch.', hasSourceText: true });
  });
});

describe('entering directives and tasks', () => {
  it('lets only the security unit (and the platform admin) enter directives', async () => {
    expect((await sytAdmin.post('/api/directives', DIRECTIVE)).statusCode).toBe(403);
    expect((await officer.post('/api/directives', DIRECTIVE)).statusCode).toBe(403);
    const d = await createDirective(admin, { ...DIRECTIVE, number: '98/CT-UBND' });
    expect(d).toMatchObject({ number: '98/CT-UBND', can: { manage: true }, tasks: [] });
  });

  it('assigns a task to every active department by kind, due at the next quarterly deadline', async () => {
    const d = await createDirective();
    const task = await addTask(d.id, { assignKinds: ['department'], deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 }, legalClause: 'Mục 2' });
    const departments = agencies
      .filter((a) => a.kind === 'department' && a.active)
      .map((a) => a.id)
      .sort((a, b) => a - b);
    expect(task.assignments.map((a) => a.agencyId).sort((a, b) => a - b)).toEqual(departments);
    const due = nextOccurrence({ kind: 'quarterly', day: 20, monthOfQuarter: 3 }, today);
    expect(new Set(task.assignments.map((a) => a.dueOn))).toEqual(new Set([due]));
    expect(task.assignments.every((a) => a.status === 'not_started' && !a.overdue)).toBe(true);
  });

  it('combines kinds and named agencies, including outside organizations', async () => {
    const d = await createDirective();
    const task = await addTask(d.id, { assignKinds: ['telecom'], assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: '2027-06-30' } });
    const names = task.assignments.map((a) => a.agencyName).sort();
    expect(names).toContain('Sở Y tế');
    expect(names.filter((n) => n.includes('Viettel') || n.includes('VNPT') || n.includes('FPT'))).toHaveLength(3);
  });

  it('refuses unknown kinds, inactive agencies, impossible dates and empty assignments', async () => {
    const d = await createDirective();
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await attt.post(`/api/directives/${d.id}/tasks`, { text: 'Nhiệm vụ không hợp lệ', deadline: { kind: 'once', date: '2027-01-01' }, ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.messageVi).toBeTruthy();
      if (field) expect(res.json().error.field).toBe(field);
    };
    await bad({ assignKinds: ['no_such_kind'] }, 'assignKinds');
    await bad({ assignAgencyIds: [999_999] }, 'assignAgencyIds');
    await bad({ assignKinds: ['district_committee'] }, 'assignKinds');
    await bad({ assignKinds: ['department'], deadline: { kind: 'yearly', month: 2, day: 30 } }, '');
  });

  it('re-assigns when the kinds change, keeping agencies that already reported', async () => {
    const d = await createDirective();
    const task = await addTask(d.id, { assignKinds: ['department'], deadline: { kind: 'once', date: '2027-03-31' } });
    const syt = task.assignments.find((a) => a.agencyId === id('Sở Y tế'))!;
    // The progress states a fact: there is no default, a missing one is refused by name.
    expect((await officer.post(`/api/task-assignments/${syt.id}/reports`, { comment: 'Đang triển khai' })).json().error.field).toBe('progress');
    expect((await officer.post(`/api/task-assignments/${syt.id}/reports`, { progress: 'in_progress', comment: 'Đang triển khai' })).statusCode).toBe(201);
    const res = await attt.patch(`/api/tasks/${task.id}`, { assignKinds: ['commune_committee'], deadline: { kind: 'once', date: '2027-04-30' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = (res.json() as Directive).tasks.find((x) => x.id === task.id)!;
    const kinds = new Set(after.assignments.map((a) => agencies.find((x) => x.id === a.agencyId)!.kind));
    expect(kinds).toEqual(new Set(['commune_committee', 'department']));
    expect(after.assignments.filter((a) => agencies.find((x) => x.id === a.agencyId)!.kind === 'department').map((a) => a.agencyId)).toEqual([id('Sở Y tế')]);
    expect(after.assignments.every((a) => a.dueOn === '2027-04-30')).toBe(true);
  });

  it('keeps agencies and deadlines when an edit does not mention them', async () => {
    const d = await createDirective();
    const task = await addTask(d.id, { assignKinds: ['department'], deadline: { kind: 'once', date: '2027-03-31' } });
    const res = await attt.patch(`/api/tasks/${task.id}`, { legalClause: 'Mục 4' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (res.json() as Directive).tasks.find((x) => x.id === task.id)!;
    expect(after.assignments.map((a) => a.id).sort()).toEqual(task.assignments.map((a) => a.id).sort());
    expect(after.assignments.every((a) => a.dueOn === '2027-03-31')).toBe(true);
  });
});

describe('scope', () => {
  let directive: Directive;
  let sgdOnly: Directive;
  beforeAll(async () => {
    directive = await createDirective();
    await addTask(directive.id, { assignKinds: ['department', 'hospital'], deadline: { kind: 'once', date: '2027-01-31' } });
    sgdOnly = await createDirective(attt, { ...DIRECTIVE, number: '97/CT-UBND' });
    await addTask(sgdOnly.id, { assignAgencyIds: [id('Sở Giáo dục và Đào tạo')], deadline: { kind: 'once', date: '2027-01-31' } });
  });

  it('shows an officer the assignments of their agency and the units under it, and lets them report for their own only', async () => {
    const list = (await officer.get(`/api/tasks?directiveId=${directive.id}`)).json() as { items: Assignment[] };
    expect(list.items.map((a) => a.agencyName).sort()).toEqual(['Bệnh viện Y học cổ truyền tỉnh', 'Bệnh viện Đa khoa tỉnh Demo', 'Sở Y tế'].sort());
    const subtree = new Set([id('Sở Y tế'), ...agencies.filter((a) => a.parentId === id('Sở Y tế')).map((a) => a.id)]);
    const seen = (await officer.get('/api/tasks?limit=500')).json() as { items: Assignment[] };
    expect(seen.items.filter((a) => !subtree.has(a.agencyId))).toEqual([]);
    const hospital = list.items.find((a) => a.agencyName === 'Bệnh viện Đa khoa tỉnh Demo')!;
    expect((await officer.get(`/api/task-assignments/${hospital.id}`)).json().can.report).toBe(false);
    expect((await officer.post(`/api/task-assignments/${hospital.id}/reports`, { progress: 'in_progress', comment: 'Báo cáo hộ' })).statusCode).toBe(403);
    expect((await sytAdmin.get(`/api/task-assignments/${hospital.id}`)).json().can.report).toBe(true);
  });

  it('shows an agency admin their subtree (the hospitals under Sở Y tế)', async () => {
    const list = (await sytAdmin.get(`/api/tasks?directiveId=${directive.id}`)).json() as { items: Assignment[] };
    expect(list.items.map((a) => a.agencyName).sort()).toEqual(['Bệnh viện Y học cổ truyền tỉnh', 'Bệnh viện Đa khoa tỉnh Demo', 'Sở Y tế'].sort());
  });

  it('hides directives, tasks and assignments of other agencies (404, like a missing record)', async () => {
    expect((await officer.get(`/api/directives/${sgdOnly.id}`)).statusCode).toBe(404);
    expect((await officer.get('/api/directives')).json().map((d: { id: number }) => d.id)).not.toContain(sgdOnly.id);
    const theirs = ((await attt.get(`/api/directives/${sgdOnly.id}`)).json() as Directive).tasks[0]!.assignments[0]!;
    expect((await officer.get(`/api/task-assignments/${theirs.id}`)).statusCode).toBe(404);
    expect((await officer.post(`/api/task-assignments/${theirs.id}/reports`, { progress: 'done', comment: 'Báo cáo thay' })).statusCode).toBe(404);
    expect((await sgd.get(`/api/task-assignments/${theirs.id}`)).statusCode).toBe(200);
    // The directive shows an agency only its own part.
    const mine = (await officer.get(`/api/directives/${directive.id}`)).json() as Directive;
    expect(mine.can.manage).toBe(false);
    expect(mine.tasks[0]!.assignments.map((a) => a.agencyId)).not.toContain(id('Sở Giáo dục và Đào tạo'));
    expect(mine.tasks[0]!.assignments.map((a) => a.agencyId)).toContain(id('Sở Y tế'));
  });

  it('does not let an agency narrow the list to another agency', async () => {
    expect((await officer.get(`/api/tasks?agencyId=${id('Sở Giáo dục và Đào tạo')}`)).statusCode).toBe(404);
  });
});

describe('progress, review and recurrence', () => {
  let mine: Assignment;
  let reportId: number;
  beforeAll(async () => {
    const d = await createDirective();
    const task = await addTask(d.id, {
      assignKinds: ['department'],
      deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 },
      expectedEvidence: 'Báo cáo quý',
    });
    mine = task.assignments.find((a) => a.agencyId === id('Sở Y tế'))!;
  });

  it('takes a report with evidence from the assigned agency only', async () => {
    const file = await upload(officer, `/api/task-assignments/${mine.id}/evidence`, 'bao-cao-quy.pdf');
    expect(file.statusCode, file.body).toBe(201);
    expect((await sgd.post(`/api/task-assignments/${mine.id}/reports`, { progress: 'done', comment: 'x' })).statusCode).toBe(404);
    expect((await (await t.login('lanhdao')).post(`/api/task-assignments/${mine.id}/reports`, { progress: 'done', comment: 'Xong' })).statusCode).toBe(403);
    const empty = await officer.post(`/api/task-assignments/${mine.id}/reports`, { progress: 'done' });
    expect(empty.json().error.field).toBe('comment');
    const res = await officer.post(`/api/task-assignments/${mine.id}/reports`, {
      progress: 'done',
      comment: 'Đã gửi báo cáo quý',
      evidenceFileIds: [file.json().id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    expect(detail.status).toBe('submitted');
    expect(detail.reports[0]).toMatchObject({ progress: 'done', review: 'pending', comment: 'Đã gửi báo cáo quý', submittedByName: 'Vũ Đức Long' });
    expect(detail.reports[0].evidence.map((e: { name: string }) => e.name)).toEqual(['bao-cao-quy.pdf']);
    reportId = detail.reports[0].id;
    // One report awaits review at a time.
    expect((await officer.post(`/api/task-assignments/${mine.id}/reports`, { progress: 'done', comment: 'Gửi lại' })).statusCode).toBe(409);
  });

  it('refuses evidence that belongs to another task', async () => {
    const d = await createDirective();
    const other = (await addTask(d.id, { assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: '2027-01-31' } })).assignments[0]!;
    const res = await officer.post(`/api/task-assignments/${other.id}/reports`, { progress: 'in_progress', evidenceFileIds: [1] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('evidenceFileIds');
  });

  it('lets only the security unit review; a return needs reasons', async () => {
    expect((await sytAdmin.post(`/api/task-reports/${reportId}/review`, { decision: 'accept' })).statusCode).toBe(403);
    const noReason = await attt.post(`/api/task-reports/${reportId}/review`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    const returned = await attt.post(`/api/task-reports/${reportId}/review`, { decision: 'return', comment: 'Thiếu số liệu về hệ thống cấp độ 3' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reports: [{ review: 'returned', reviewedByName: 'Lê Minh Đức' }] });
    expect((await attt.post(`/api/task-reports/${reportId}/review`, { decision: 'accept' })).statusCode).toBe(409);
  });

  it('moves a recurring task to its next quarter once a report is accepted', async () => {
    const again = await officer.post(`/api/task-assignments/${mine.id}/reports`, { progress: 'done', comment: 'Đã bổ sung số liệu' });
    expect(again.statusCode, again.body).toBe(201);
    const pending = again.json().reports[0].id;
    expect(again.json().can.review).toBe(false);
    expect((await attt.get(`/api/task-assignments/${mine.id}`)).json().can.review).toBe(true);
    const accepted = await attt.post(`/api/task-reports/${pending}/review`, { decision: 'accept', comment: 'Đạt yêu cầu' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = accepted.json();
    expect(after).toMatchObject({ status: 'not_started', completedOccurrences: 1, lastCompletedDueOn: mine.dueOn });
    expect(after.dueOn).toBe(nextOccurrence({ kind: 'quarterly', day: 20, monthOfQuarter: 3 }, addDays(mine.dueOn!, 1)));
  });

  it('completes a one-off task when accepted', async () => {
    const d = await createDirective();
    const a = (await addTask(d.id, { assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: '2027-02-28' } })).assignments[0]!;
    const r = (await officer.post(`/api/task-assignments/${a.id}/reports`, { progress: 'done', comment: 'Hoàn thành' })).json();
    const done = (await attt.post(`/api/task-reports/${r.reports[0].id}/review`, { decision: 'accept' })).json();
    expect(done).toMatchObject({ status: 'completed', dueOn: '2027-02-28', can: { report: false } });
    expect((await officer.post(`/api/task-assignments/${a.id}/reports`, { progress: 'in_progress', comment: 'Thêm' })).statusCode).toBe(409);
  });
});

describe('overdue', () => {
  it('flags a task whose date has passed on the Vietnamese calendar, until it is handed in', async () => {
    const d = await createDirective();
    const a = (await addTask(d.id, { assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: addDays(today, -1) } })).assignments[0]!;
    expect(a.overdue).toBe(true);
    const list = (await officer.get('/api/tasks?overdue=true&limit=500')).json() as { overdue: number; total: number; items: Assignment[] };
    expect(list.items.map((x) => x.id)).toContain(a.id);
    expect(list.items.every((x) => x.overdue)).toBe(true);
    expect(list.overdue).toBe(list.total);
    const listed = (await attt.get('/api/directives')).json().find((x: { id: number }) => x.id === d.id);
    expect(listed.overdueCount).toBe(1);
    await officer.post(`/api/task-assignments/${a.id}/reports`, { progress: 'done', comment: 'Đã hoàn thành muộn' });
    expect((await officer.get(`/api/task-assignments/${a.id}`)).json()).toMatchObject({ status: 'submitted', overdue: false });
  });

  it('is not overdue on its due day', async () => {
    const d = await createDirective();
    const a = (await addTask(d.id, { assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: today } })).assignments[0]!;
    expect(a.overdue).toBe(false);
  });
});

describe('the directive document', () => {
  it('is attached by the security unit and downloadable by assigned agencies', async () => {
    const d = await createDirective();
    await addTask(d.id, { assignAgencyIds: [id('Sở Y tế')], deadline: { kind: 'once', date: '2027-01-31' } });
    expect((await upload(officer, `/api/directives/${d.id}/file`, 'chi-thi.pdf')).statusCode).toBe(403);
    const res = await upload(attt, `/api/directives/${d.id}/file`, 'chi-thi.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const file = await officer.get(`/api/directives/${d.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF')).toBe(true);
    expect((await sgd.get(`/api/directives/${d.id}/file`)).statusCode).toBe(404);
    expect((await officer.get(`/api/directives/${d.id}`)).json().file.name).toBe('chi-thi.pdf');
  });
});
