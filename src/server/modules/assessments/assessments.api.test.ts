import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { addMonths } from '../../../shared/requirements/compliance.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/warnings/remediation.ts';

let t: TestApp;
let officer: Client; // syt.canbo
let sytAdmin: Client;
let attt: Client;
let other: Client; // sgd.canbo
let viewer: Client;
let agencies: { id: number; name: string; external: boolean }[];
const id = (name: string) => agencies.find((a) => a.name === name)!.id;
const today = todayVn();

beforeAll(async () => {
  t = await startTestApp();
  [officer, sytAdmin, attt, other, viewer] = await Promise.all(['syt.canbo', 'syt.admin', 'attt', 'sgd.canbo', 'lanhdao'].map((u) => t.login(u)));
  agencies = (await attt.get('/api/agencies')).json();
});
afterAll(async () => {
  await t?.close();
});

async function classifiedSystem(code: string, level: number) {
  const res = await officer.post('/api/systems', { agencyId: officer.me.agencyId, code, name: `Hệ thống ${code}`, goLiveOn: '2024-03-15' });
  const sys = res.json().id as number;
  await t.database.db.execute(`update systems set proposed_level = ${level}, approved_level = ${level} where id = ${sys}`);
  return sys;
}

const assessment = (assessorAgencyId: number, over: Record<string, unknown> = {}) => ({
  assessorAgencyId,
  assessedOn: addDays(today, -10),
  scope: 'Đánh giá theo yêu cầu cơ bản cấp độ 3',
  result: 'passed_with_findings',
  summary: 'Cơ bản đáp ứng',
  findings: [{ title: 'Chưa sao lưu ra ngoài hệ thống', severity: 'high', recommendation: 'Sao lưu hằng ngày' }],
  ...over,
});

describe('independent assessments', () => {
  let sys: number;
  const assessor = () => id('Trung tâm Kiểm định An toàn thông tin Phương Nam');
  const monitor = () => id('Công ty Cổ phần An ninh mạng Sao Việt');

  beforeAll(async () => {
    sys = await classifiedSystem('ASM-1', 3);
  });

  it('names the monitoring provider: an outside organization only', async () => {
    const stateAgency = await officer.put(`/api/systems/${sys}/monitoring-provider`, { monitoringProviderAgencyId: id('Sở Tài chính') });
    expect(stateAgency.statusCode).toBe(400);
    expect(stateAgency.json().error.field).toBe('monitoringProviderAgencyId');
    const res = await officer.put(`/api/systems/${sys}/monitoring-provider`, { monitoringProviderAgencyId: monitor() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ monitoringProviderAgencyId: monitor(), monitoringProviderName: 'Công ty Cổ phần An ninh mạng Sao Việt' });
    expect((await other.put(`/api/systems/${sys}/monitoring-provider`, { monitoringProviderAgencyId: null })).statusCode).toBe(404);
  });

  it('refuses the monitoring provider as assessor (400), and any non-independent or state assessor', async () => {
    const bySelf = await officer.post(`/api/systems/${sys}/assessments`, assessment(monitor()));
    expect(bySelf.statusCode).toBe(400);
    expect(bySelf.json().error).toMatchObject({ field: 'assessorAgencyId', messageVi: expect.stringContaining('độc lập') });
    const state = await officer.post(`/api/systems/${sys}/assessments`, assessment(id('Sở Tài chính')));
    expect(state.json().error.field).toBe('assessorAgencyId');
    expect((await officer.post(`/api/systems/${sys}/assessments`, assessment(assessor(), { assessedOn: addDays(today, 3) }))).json().error.field).toBe(
      'assessedOn',
    );
    expect((await officer.get(`/api/systems/${sys}/assessments`)).json()).toEqual([]);
  });

  it('records an assessment, its report, and moves the next due date by the level', async () => {
    const before = (await officer.get(`/api/systems/${sys}/security`)).json();
    expect(before.nextAssessmentDue).toBe('2025-03-15'); // never assessed: a year after go-live, so overdue
    expect(before.assessmentOverdue).toBe(true);
    const res = await officer.post(`/api/systems/${sys}/assessments`, assessment(assessor()));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      assessorName: 'Trung tâm Kiểm định An toàn thông tin Phương Nam',
      result: 'passed_with_findings',
      findings: [{ severity: 'high' }],
    });
    const report = await upload(officer, `/api/assessments/${res.json().id}/report`, 'bao-cao-danh-gia.pdf');
    expect(report.statusCode, report.body).toBe(201);
    const list = (await officer.get(`/api/systems/${sys}/assessments`)).json();
    expect(list[0].reports.map((r: { name: string }) => r.name)).toEqual(['bao-cao-danh-gia.pdf']);
    const after = (await officer.get(`/api/systems/${sys}/security`)).json();
    expect(after).toMatchObject({ lastAssessedOn: addDays(today, -10), nextAssessmentDue: addMonths(addDays(today, -10), 12), assessmentOverdue: false });
  });

  it('uses 6 months for level 5 and 2 years for level 1', async () => {
    const five = await classifiedSystem('ASM-5', 5);
    const one = await classifiedSystem('ASM-L1', 1);
    for (const s of [five, one])
      expect((await officer.post(`/api/systems/${s}/assessments`, assessment(assessor(), { assessedOn: '2026-01-31' }))).statusCode).toBe(201);
    expect((await officer.get(`/api/systems/${five}/security`)).json().nextAssessmentDue).toBe('2026-07-31');
    expect((await officer.get(`/api/systems/${one}/security`)).json().nextAssessmentDue).toBe('2028-01-31');
  });

  it('keeps assessments within scope', async () => {
    expect((await other.get(`/api/systems/${sys}/assessments`)).statusCode).toBe(404);
    expect((await other.post(`/api/systems/${sys}/assessments`, assessment(assessor()))).statusCode).toBe(404);
    const aid = (await officer.get(`/api/systems/${sys}/assessments`)).json()[0].id;
    expect((await upload(other, `/api/assessments/${aid}/report`, 'x.pdf')).statusCode).toBe(404);
    expect((await upload(viewer, `/api/assessments/${aid}/report`, 'x.pdf')).statusCode).toBe(403);
    expect((await attt.post(`/api/systems/${sys}/assessments`, assessment(assessor(), { assessedOn: addDays(today, -1) }))).statusCode).toBe(201);
  });
});

describe('compliance inspection rounds', () => {
  let round: number;
  let sytTask: number;

  it('is planned by the security unit only, over state agencies', async () => {
    const body = {
      title: 'Kiểm tra tuân thủ ATTT đợt thử',
      startsOn: addDays(today, -20),
      endsOn: addDays(today, -5),
      status: 'completed',
      agencies: [{ agencyId: id('Sở Y tế'), inspectedOn: addDays(today, -18), conclusion: 'Còn tồn tại' }, { agencyId: id('Sở Giáo dục và Đào tạo') }],
    };
    expect((await officer.post('/api/inspections', body)).statusCode).toBe(403);
    expect((await attt.post('/api/inspections', { ...body, agencies: [{ agencyId: id('Viettel Demo') }] })).json().error.field).toBe('agencies');
    expect((await attt.post('/api/inspections', { ...body, endsOn: addDays(today, -30) })).json().error.field).toBe('endsOn');
    const res = await attt.post('/api/inspections', body);
    expect(res.statusCode, res.body).toBe(201);
    round = res.json().id;
    expect(res.json().agencies).toHaveLength(2);
  });

  it('turns findings into tasks for inspected agencies only', async () => {
    const task = {
      agencyId: id('Sở Y tế'),
      finding: 'Chưa công bố đầu mối ATTT',
      action: 'Công bố đầu mối ATTT trên cổng thông tin',
      dueOn: addDays(today, -1),
    };
    expect((await officer.post(`/api/inspections/${round}/tasks`, task)).statusCode).toBe(403);
    expect((await attt.post(`/api/inspections/${round}/tasks`, { ...task, agencyId: id('Sở Tài chính') })).json().error.field).toBe('agencyId');
    const res = await attt.post(`/api/inspections/${round}/tasks`, task);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'open', overdue: true });
    sytTask = res.json().id;
    expect(
      (await attt.post(`/api/inspections/${round}/tasks`, { ...task, agencyId: id('Sở Giáo dục và Đào tạo'), dueOn: addDays(today, 30) })).statusCode,
    ).toBe(201);
  });

  it('shows each inspected agency only its own part', async () => {
    const mine = (await officer.get(`/api/inspections/${round}`)).json();
    expect(mine.agencies.map((a: { agencyName: string }) => a.agencyName)).toEqual(['Sở Y tế']);
    expect(mine.tasks.map((x: { id: number }) => x.id)).toEqual([sytTask]);
    expect(mine).toMatchObject({ can: { edit: false }, overdueTasks: 1 });
    expect((await other.get(`/api/inspections/${round}`)).json().tasks.map((x: { agencyId: number }) => x.agencyId)).toEqual([id('Sở Giáo dục và Đào tạo')]);
    expect((await attt.get(`/api/inspections/${round}`)).json().tasks).toHaveLength(2);
    expect((await officer.get('/api/inspections')).json().map((r: { id: number }) => r.id)).toContain(round);
    const stranger = await t.login('admin');
    expect((await stranger.get(`/api/inspections/${round}`)).statusCode).toBe(200);
  });

  it('lets the agency report a task done with what was done, and nothing more', async () => {
    const url = `/api/inspection-tasks/${sytTask}`;
    expect((await officer.patch(url, { status: 'done' })).json().error.field).toBe('response');
    expect((await officer.patch(url, { dueOn: addDays(today, 60) })).statusCode).toBe(403);
    expect((await other.patch(url, { status: 'done', response: 'Đã công bố' })).statusCode).toBe(404);
    expect((await viewer.patch(url, { status: 'done', response: 'Đã công bố' })).statusCode).toBe(403);
    const res = await sytAdmin.patch(url, { status: 'done', response: 'Đã công bố đầu mối trên cổng thông tin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', doneOn: today, overdue: false, respondedByName: 'Hoàng Thị Lan' });
    expect((await upload(officer, `${url}/evidence`, 'anh-chup.pdf')).statusCode).toBe(201);
    expect((await officer.get(`/api/inspections/${round}`)).json().tasks[0].evidence).toHaveLength(1);
    expect((await attt.patch(url, { dueOn: addDays(today, 10) })).json().dueOn).toBe(addDays(today, 10));
  });

  it('refuses to drop an agency that has tasks, and edits the round', async () => {
    const drop = await attt.patch(`/api/inspections/${round}`, { agencies: [{ agencyId: id('Sở Y tế') }] });
    expect(drop.statusCode).toBe(400);
    const res = await attt.patch(`/api/inspections/${round}`, {
      status: 'completed',
      plan: 'Kế hoạch đã điều chỉnh',
      agencies: [{ agencyId: id('Sở Y tế'), conclusion: 'Đã khắc phục' }, { agencyId: id('Sở Giáo dục và Đào tạo') }, { agencyId: id('Sở Tài chính') }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agencies).toHaveLength(3);
    expect((await officer.patch(`/api/inspections/${round}`, { plan: 'x' })).statusCode).toBe(403);
  });
});
