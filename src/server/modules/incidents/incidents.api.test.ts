import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { multipart } from '../../../../tests/support/upload.ts';
import { stixBundleProblems } from '../../../../tests/support/stix.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';
import type { IncidentDetail } from '../../../shared/incidents/schemas.ts';

let t: TestApp;
let dataDir: string;
let officer: Client; // syt.canbo, Sở Y tế
let sytAdmin: Client; // syt.admin
let other: Client; // sgd.canbo, Sở Giáo dục và Đào tạo
let responder: Client; // ungcuu
let security: Client; // attt
let admin: Client;
let viewer: Client; // lanhdao at the province committee
let ownSystem: number;
let childSystem: number; // a system of a hospital under Sở Y tế
let agencies: { id: number; name: string; parentId: number | null }[];
const agency = (name: string) => agencies.find((a) => a.name === name)!.id;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
/** A report the operator finds beyond its capacity: owed at once, with a closing report after the response. */
const report = (over: Record<string, unknown> = {}) =>
  initialReport(officer.me.agencyId, [ownSystem], {
    title: 'Máy chủ cơ sở dữ liệu bị mã hóa',
    kind: 'ransomware',
    severity: 'high',
    capacity: 'beyond_operator',
    detectedAt: hoursAgo(2),
    description: 'Nhiều tệp bị đổi đuôi, xuất hiện yêu cầu tiền chuộc.',
    currentImpact: 'Dịch vụ dừng',
    actionsTaken: 'Đã ngắt mạng máy chủ',
    supportRequested: 'Đề nghị hỗ trợ phân tích',
    ...over,
  });
const body = <T = IncidentDetail>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const error = (res: LightMyRequestResponse, status: number, field?: string) => {
  expect(res.statusCode, res.body).toBe(status);
  if (field) expect(res.json().error.field).toBe(field);
  return res.json().error as { code: string; messageVi: string };
};
const move = (c: Client, id: number, action: string, extra: Record<string, unknown> = {}) => c.post(`/api/incidents/${id}/transitions`, { action, ...extra });
const docxText = async (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-incidents-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [officer, sytAdmin, other, responder, security, admin, viewer] = await Promise.all(
    ['syt.canbo', 'syt.admin', 'sgd.canbo', 'ungcuu', 'attt', 'admin', 'lanhdao'].map((u) => t.login(u)),
  );
  agencies = (await admin.get('/api/agencies')).json();
  const systems = (await admin.get(`/api/systems?agencyId=${officer.me.agencyId}&limit=500`)).json().items as { id: number; agencyId: number }[];
  ownSystem = systems.find((s) => s.agencyId === officer.me.agencyId)!.id;
  childSystem = systems.find((s) => s.agencyId === agency('Bệnh viện Đa khoa tỉnh Demo'))!.id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('reporting', () => {
  it('files an agency report with deadlines and recipients', async () => {
    const d = body(await officer.post('/api/incidents', report()), 201);
    expect(d).toMatchObject({
      status: 'received',
      source: 'agency',
      agencyName: 'Sở Y tế',
      can: { editReport: true, work: false },
      allowedActions: [],
      reporter: { userId: officer.me.id, name: 'Vũ Đức Long' },
    });
    expect(d.code).toMatch(/^SC-\d{4}-\d{4}$/);
    // Beyond the operator's capacity: due at detection; the texts set no hour mark, so it is late only after the 5 days.
    expect(d.timeliness).toMatchObject({ severityClass: 'immediate', applies: true, late: false, hoursToReport: 2 });
    expect(Date.parse(d.timeliness.lateAt) - Date.parse(d.detectedAt)).toBe(120 * 3_600_000);
    expect(d.timeliness.dueAt).toBe(d.detectedAt);
    expect(d.recipients.map((r) => [r.role, r.name])).toEqual([
      ['owner', 'Ủy ban nhân dân tỉnh Demo'],
      ['response_unit', expect.stringContaining('Công an tỉnh Demo')],
      ['national_coordinator', expect.stringContaining('Cơ quan điều phối quốc gia')],
      ['cybersecurity_authority', expect.stringContaining('(A05)')],
    ]);
    expect(d.recipients[2]!.sources).toEqual([
      'Điểm a khoản 1 Điều 11 Quyết định số 05/2017/QĐ-TTg',
      'Điểm a khoản 2 Điều 9 Thông tư số 20/2017/TT-BTTTT',
      'Điểm b khoản 1 Công điện số 33/CĐ-TTg',
    ]);
    expect(d.systems.map((s) => s.id)).toEqual([ownSystem]);
    expect(d.events.map((e) => e.kind)).toEqual(['reported']);
  });

  it('flags a report late after the 5 days of the texts, with no 24-hour rule', async () => {
    const atOnce = body(await officer.post('/api/incidents', report({ detectedAt: hoursAgo(30) })), 201);
    expect(atOnce.timeliness).toMatchObject({ severityClass: 'immediate', late: false });
    const late = body(await officer.post('/api/incidents', report({ detectedAt: hoursAgo(121) })), 201);
    expect(late.timeliness.late).toBe(true);
    const normal = body(await officer.post('/api/incidents', report({ capacity: 'within', severity: 'medium', detectedAt: hoursAgo(30) })), 201);
    expect(normal.timeliness).toMatchObject({ late: false, severityClass: 'medium' });
    expect(Date.parse(normal.timeliness.lateAt) - Date.parse(normal.detectedAt)).toBe(120 * 3_600_000);
    const old = body(await officer.post('/api/incidents', report({ capacity: 'within', severity: 'low', detectedAt: hoursAgo(121) })), 201);
    expect(old.timeliness.late).toBe(true);
    const lateIds = (await responder.get('/api/incidents?late=true&limit=500')).json().items.map((i: { id: number }) => i.id);
    expect(lateIds).toEqual(expect.arrayContaining([late.id, old.id]));
    expect(lateIds).not.toContain(normal.id);
    expect(lateIds).not.toContain(atOnce.id);
  });

  it('refuses bad input with the field at fault', async () => {
    error(await officer.post('/api/incidents', report({ systemIds: [] })), 400);
    error(await officer.post('/api/incidents', report({ detectedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() })), 400, 'detectedAt');
    error(await officer.post('/api/incidents', report({ detectedAt: '2026-13-40' })), 400);
    error(await officer.post('/api/incidents', report({ kind: 'alien_invasion' })), 400);
    error(await officer.post('/api/incidents', report({ description: 'ngắn' })), 400);
    error(await officer.post('/api/incidents', report({ reporterEmail: 'không-phải-email' })), 400);
    // A system of a unit under the agency is not the agency's own.
    error(await officer.post('/api/incidents', report({ systemIds: [childSystem] })), 400, 'systemIds');
  });

  it('answers an agency out of scope exactly like a missing one', async () => {
    const theirs = await officer.post('/api/incidents', report({ agencyId: agency('Sở Giáo dục và Đào tạo') }));
    const missing = await officer.post('/api/incidents', report({ agencyId: 999_999 }));
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json()).toEqual(missing.json());
    const sgdSystem = (await admin.get(`/api/systems?agencyId=${other.me.agencyId}&limit=1`)).json().items[0].id;
    expect((await officer.post('/api/incidents', report({ systemIds: [sgdSystem] }))).json()).toEqual(
      (await officer.post('/api/incidents', report({ systemIds: [999_999] }))).json(),
    );
  });

  it('lets only agency users with write rights report, and the team on their behalf', async () => {
    error(await viewer.post('/api/incidents', report()), 403);
    const byAdmin = body(await sytAdmin.post('/api/incidents', report({ agencyId: agency('Bệnh viện Đa khoa tỉnh Demo'), systemIds: [childSystem] })), 201);
    expect(byAdmin.agencyName).toBe('Bệnh viện Đa khoa tỉnh Demo');
    expect(byAdmin.managingAgencyName).toBe('Sở Y tế');
    const onBehalf = body(await responder.post('/api/incidents', report({ reporterName: 'Nguyễn Văn Gọi', reporterPhone: '0912 345 678' })), 201);
    expect(onBehalf.reporter).toMatchObject({ name: 'Nguyễn Văn Gọi', phone: '0912 345 678' });
  });

  it('lets the agency correct its report until triage, then only the team', async () => {
    const d = body(await officer.post('/api/incidents', report()), 201);
    expect(body(await officer.patch(`/api/incidents/${d.id}`, { currentImpact: 'Đã khôi phục một phần' })).currentImpact).toBe('Đã khôi phục một phần');
    body(await move(responder, d.id, 'accept'));
    error(await officer.patch(`/api/incidents/${d.id}`, { currentImpact: 'Sửa sau phân loại' }), 403);
    expect(body(await responder.patch(`/api/incidents/${d.id}`, { severity: 'critical' })).severity).toBe('critical');
  });
});

describe('working a case to the end', () => {
  let id: number;
  it('runs triage, assignment, tasks, observables, evidence, communication and closing', async () => {
    id = body(await officer.post('/api/incidents', report()), 201).id;
    const officerId = officer.me.id;

    // Only the team moves a case; an unknown move or a skipped step is refused.
    error(await move(officer, id, 'accept'), 403);
    error(await move(responder, id, 'close'), 409);
    let d = body(await move(responder, id, 'accept'));
    expect(d).toMatchObject({ status: 'triaged', can: { work: true, editReport: true } });
    expect(d.allowedActions).toEqual(['merge', 'start_response']);

    // Lead and responders must be team members.
    error(await responder.put(`/api/incidents/${id}/assignment`, { leadUserId: officerId, responderIds: [] }), 400, 'leadUserId');
    d = body(await responder.put(`/api/incidents/${id}/assignment`, { leadUserId: responder.me.id, responderIds: [security.me.id] }));
    expect(d.lead?.fullName).toBe('Phạm Thu Hà');
    expect(d.responders.map((r) => r.fullName)).toEqual(['Lê Minh Đức']);

    d = body(await move(responder, id, 'start_response'));
    // A task may go to the reporting agency's officer, not to another agency's.
    error(await responder.post(`/api/incidents/${id}/tasks`, { title: 'Khôi phục dữ liệu', assigneeUserId: other.me.id }), 400, 'assigneeUserId');
    d = body(
      await responder.post(`/api/incidents/${id}/tasks`, { title: 'Khôi phục dữ liệu từ bản sao lưu', assigneeUserId: officerId, dueAt: hoursAgo(-24) }),
    );
    const task = d.tasks[0]!;
    expect(task).toMatchObject({ assigneeName: 'Vũ Đức Long', status: 'open', overdue: false });
    // The assignee may close their own task, but not rename it.
    error(await officer.patch(`/api/incidents/${id}/tasks/${task.id}`, { title: 'Đổi tên' }), 403);
    d = body(await officer.patch(`/api/incidents/${id}/tasks/${task.id}`, { status: 'done' }));
    expect(d.tasks[0]).toMatchObject({ status: 'done', doneAt: expect.any(String) });

    // Observables are checked and written canonically, once.
    d = body(await officer.post(`/api/incidents/${id}/observables`, { type: 'ip', value: '203.0.113[.]77', tlp: 'green' }));
    expect(d.observables[0]).toMatchObject({ type: 'ip', form: 'ipv4', value: '203.0.113.77', tlp: 'green' });
    error(await responder.post(`/api/incidents/${id}/observables`, { type: 'ip', value: '203.0.113.77' }), 409, 'value');
    error(await responder.post(`/api/incidents/${id}/observables`, { type: 'ip', value: '999.1.1.1' }), 400, 'value');
    error(await responder.post(`/api/incidents/${id}/observables`, { type: 'ip', value: '1.1.1.1', tlp: 'purple' }), 400);
    d = body(await responder.post(`/api/incidents/${id}/observables`, { type: 'file_hash', value: 'E'.repeat(64), tlp: 'amber' }));
    d = body(await responder.post(`/api/incidents/${id}/observables`, { type: 'cve', value: 'cve-2024-3400', tlp: 'clear' }));
    d = body(await responder.post(`/api/incidents/${id}/observables`, { type: 'domain', value: 'xoa-toi.example' }));
    const removable = d.observables.find((o) => o.value === 'xoa-toi.example')!;
    error(await officer.delete(`/api/incidents/${id}/observables/${removable.id}`), 403);
    d = body(await responder.delete(`/api/incidents/${id}/observables/${removable.id}`));
    expect(d.observables.map((o) => o.value)).toEqual(['203.0.113.77', 'e'.repeat(64), 'CVE-2024-3400']);

    // Evidence keeps its SHA-256; any bytes are accepted as an opaque file.
    const log = Buffer.from('2026-03-10 02:11:09 RDP login admin from 203.0.113.77\n');
    const upload = await officer.request({ method: 'POST', url: `/api/incidents/${id}/evidence`, ...multipart('auth.log', log) });
    d = body(upload, 201);
    expect(d.evidence[0]).toMatchObject({ name: 'auth.log', mime: 'text/plain', size: log.length, sha256: createHash('sha256').update(log).digest('hex') });
    const download = await responder.get(`/api/files/${d.evidence[0]!.id}`);
    expect(download.rawPayload.equals(log)).toBe(true);

    d = body(await officer.post(`/api/incidents/${id}/messages`, { message: 'Đơn vị đã chuẩn bị bản sao lưu ngày hôm qua.' }));
    d = body(
      await responder.put(`/api/incidents/${id}/communication`, { spokesperson: 'Chánh Văn phòng Sở Y tế', decision: 'Chỉ Sở Y tế thông tin cho báo chí.' }),
    );
    expect(d.communication).toMatchObject({ spokesperson: 'Chánh Văn phòng Sở Y tế', decidedBy: 'Phạm Thu Hà' });
    error(await officer.put(`/api/incidents/${id}/communication`, { spokesperson: 'Ai đó', decision: 'Tự phát ngôn' }), 403);

    body(await move(responder, id, 'contain'));
    d = body(await move(responder, id, 'recover'));
    expect(d.containedAt).not.toBeNull();

    // No closing without the team's response report.
    const refused = error(await move(responder, id, 'close'), 400, 'responseReport');
    expect(refused.messageVi).toContain('báo cáo kết quả ứng cứu');
    d = body(await responder.put(`/api/incidents/${id}/response-report`, { damage: 'Gián đoạn dịch vụ 6 giờ', rootCause: 'RDP mở ra Internet' }));
    expect(d.responseReportGaps).toEqual(['origin', 'actions', 'lessonsLearned']);
    error(await move(responder, id, 'close'), 400, 'responseReport');
    // Only the team writes its report.
    error(await officer.put(`/api/incidents/${id}/response-report`, { damage: 'Tự viết' }), 403);
    d = body(
      await responder.put(`/api/incidents/${id}/response-report`, {
        damage: 'Gián đoạn dịch vụ 6 giờ',
        rootCause: 'RDP mở ra Internet',
        origin: 'Địa chỉ 203.0.113.77 thuộc dịch vụ ẩn danh',
        actions: 'Khôi phục từ sao lưu, đóng RDP, bật MFA',
        lessonsLearned: 'Không mở dịch vụ quản trị ra Internet',
      }),
    );
    expect(d.responseReportGaps).toEqual([]);
    // Beyond the operator's capacity: the operator's closing report is owed too (Circular 20/2017 Art. 9(2)(b)).
    expect(d.closingTimeliness).toMatchObject({ required: true, filedAt: null, overdue: false });
    error(await move(responder, id, 'close'), 400, 'closingReport');
    d = body(
      await officer.put(`/api/incidents/${id}/closing-report`, {
        damage: 'Gián đoạn tra cứu 6 giờ; không mất dữ liệu',
        cause: 'RDP mở ra Internet',
        actions: 'Khôi phục từ sao lưu, đóng RDP',
        supportingOrganizations: [{ name: 'Đội ứng cứu sự cố của tỉnh', result: 'Phân tích mẫu mã độc' }],
        recommendations: 'Bố trí kinh phí giám sát tập trung',
        lessonsLearned: 'Kiểm tra sao lưu định kỳ',
      }),
    );
    expect(d.closingReportGaps).toEqual([]);
    expect(d.closingTimeliness).toMatchObject({ required: true, filedAt: expect.any(String), late: false });
    d = body(await move(responder, id, 'close'));
    expect(d).toMatchObject({ status: 'closed', can: { work: false, contribute: false }, allowedActions: [] });
    d = body(await responder.post(`/api/incidents/${id}/national-share`, { note: 'Gửi gói STIX qua cổng điều phối' }));
    expect(d.nationalSharedAt).not.toBeNull();

    expect(d.events.map((e) => e.kind)).toEqual([
      'reported',
      'status',
      'assigned',
      'status',
      'task_added',
      'task_done',
      'observable_added',
      'observable_added',
      'observable_added',
      'observable_added',
      'observable_removed',
      'evidence_added',
      'message',
      'communication',
      'status',
      'status',
      'response_report',
      'response_report',
      'closing_report',
      'status',
      'shared_national',
    ]);
  });

  it('keeps an ended case as it is', async () => {
    error(await responder.post(`/api/incidents/${id}/tasks`, { title: 'Việc sau khi đóng' }), 409);
    error(await officer.post(`/api/incidents/${id}/messages`, { message: 'Thêm ý kiến' }), 409);
    error(await responder.patch(`/api/incidents/${id}`, { title: 'Đổi tên' }), 409);
    error(await move(responder, id, 'accept'), 409);
  });

  it('writes both reports as DOCX in the official layout', async () => {
    const initial = await docxText(await officer.get(`/api/incidents/${id}/initial-report.docx`));
    expect(initial).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(initial).toContain('BÁO CÁO BAN ĐẦU');
    expect(initial).toContain('SỞ Y TẾ');
    expect(initial).toContain('Máy chủ cơ sở dữ liệu bị mã hóa');
    expect(initial).toContain('Có thể vượt khả năng xử lý của đơn vị vận hành');
    expect(initial).toContain('Đề nghị hỗ trợ phân tích');
    expect(initial).toContain('Thông tư số 20/2017/TT-BTTTT');
    const closing = await docxText(await officer.get(`/api/incidents/${id}/closing-report.docx`));
    expect(closing).toContain('BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ');
    expect(closing).toContain('SỞ Y TẾ');
    for (const part of [
      'Gián đoạn tra cứu 6 giờ',
      'Đội ứng cứu sự cố của tỉnh',
      'Phân tích mẫu mã độc',
      'Bố trí kinh phí giám sát',
      'Kiểm tra sao lưu định kỳ',
      'điểm b khoản 2 Điều 9 Thông tư số 20/2017/TT-BTTTT',
    ]) {
      expect(closing).toContain(part);
    }
    // To the owner and the national coordinator only.
    expect(closing).toContain('Ủy ban nhân dân tỉnh Demo');
    expect(closing).toContain('Cơ quan điều phối quốc gia');
    expect(closing).not.toContain('(A05)');
    const response = await docxText(await officer.get(`/api/incidents/${id}/response-report.docx`));
    expect(response).toContain('BÁO CÁO KẾT QUẢ ỨNG CỨU SỰ CỐ');
    expect(response).toContain('CÔNG AN TỈNH DEMO');
    for (const part of [
      'Gián đoạn dịch vụ 6 giờ',
      'RDP mở ra Internet',
      'dịch vụ ẩn danh',
      'bật MFA',
      'Không mở dịch vụ quản trị',
      'Chánh Văn phòng Sở Y tế',
      '203.0.113.77',
    ]) {
      expect(response).toContain(part);
    }
  });

  it('exports the case as a valid STIX 2.1 bundle', async () => {
    const res = await responder.get(`/api/incidents/${id}/stix`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/stix+json');
    const bundle = res.json();
    expect(stixBundleProblems(bundle)).toEqual([]);
    const of = (type: string) => bundle.objects.filter((o: { type: string }) => o.type === type);
    expect(of('incident')).toHaveLength(1);
    expect(
      of('indicator')
        .map((o: { pattern: string }) => o.pattern)
        .sort(),
    ).toEqual([`[file:hashes.'SHA-256' = '${'e'.repeat(64)}']`, "[ipv4-addr:value = '203.0.113.77']"]);
    expect(of('vulnerability')[0].external_references).toEqual([{ source_name: 'cve', external_id: 'CVE-2024-3400' }]);
    expect(of('ipv4-addr')[0].value).toBe('203.0.113.77');
    expect(of('identity')[0].name).toContain('Công an tỉnh Demo');
  });

  it('refuses the report documents before they are written, and the reports before triage', async () => {
    const fresh = body(await officer.post('/api/incidents', report()), 201);
    error(await officer.get(`/api/incidents/${fresh.id}/closing-report.docx`), 409, 'closingReport');
    error(await officer.get(`/api/incidents/${fresh.id}/response-report.docx`), 409, 'responseReport');
    error(await responder.put(`/api/incidents/${fresh.id}/response-report`, { damage: 'Chưa phân loại' }), 409);
    error(await officer.put(`/api/incidents/${fresh.id}/closing-report`, { damage: 'Chưa phân loại' }), 409);
  });
});

describe('triage', () => {
  it('rejects with a reason and merges a duplicate into its case', async () => {
    const a = body(await officer.post('/api/incidents', report({ title: 'Sự cố gốc' })), 201);
    const b = body(await officer.post('/api/incidents', report({ title: 'Báo trùng' })), 201);
    const c = body(await officer.post('/api/incidents', report({ title: 'Không phải sự cố' })), 201);
    error(await move(responder, c.id, 'reject'), 400, 'reason');
    expect(body(await move(responder, c.id, 'reject', { reason: 'Lỗi đường truyền của nhà mạng, không phải sự cố ATTT' }))).toMatchObject({
      status: 'rejected',
      rejectReason: 'Lỗi đường truyền của nhà mạng, không phải sự cố ATTT',
    });
    error(await move(responder, b.id, 'merge'), 400, 'mergeIntoId');
    error(await move(responder, b.id, 'merge', { mergeIntoId: b.id }), 400, 'mergeIntoId');
    error(await move(responder, b.id, 'merge', { mergeIntoId: c.id }), 400, 'mergeIntoId');
    const merged = body(await move(security, b.id, 'merge', { mergeIntoId: a.id }));
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: a.id, title: 'Sự cố gốc' } });
    const target = body(await officer.get(`/api/incidents/${a.id}`));
    expect(target.duplicates.map((x) => x.id)).toEqual([b.id]);
    expect(target.related.map((x) => x.id)).toEqual([b.id]);
    expect(target.events.at(-1)!.kind).toBe('duplicate_merged');
  });

  it('links related cases both ways and names affected agencies, who then see the case', async () => {
    const a = body(await officer.post('/api/incidents', report({ title: 'Chiến dịch lừa đảo A' })), 201);
    const b = body(
      await responder.post(
        '/api/incidents',
        report({
          title: 'Chiến dịch lừa đảo B',
          agencyId: other.me.agencyId,
          systemIds: [(await admin.get(`/api/systems?agencyId=${other.me.agencyId}&limit=1`)).json().items[0].id],
        }),
      ),
      201,
    );
    error(await responder.put(`/api/incidents/${a.id}/related`, { incidentIds: [a.id] }), 400, 'incidentIds');
    body(await responder.put(`/api/incidents/${a.id}/related`, { incidentIds: [b.id] }));
    expect(body(await responder.get(`/api/incidents/${b.id}`)).related.map((x) => x.id)).toEqual([a.id]);
    // Sở Y tế cannot see B's case, so the link stays hidden from it.
    expect(body(await officer.get(`/api/incidents/${a.id}`)).related).toEqual([]);

    error(await other.get(`/api/incidents/${a.id}`), 404);
    const affected = body(await responder.put(`/api/incidents/${a.id}/affected`, { systemIds: [ownSystem], agencyIds: [other.me.agencyId] }));
    expect(affected.agencies.map((x) => x.name)).toEqual(['Sở Giáo dục và Đào tạo']);
    expect(body(await other.get(`/api/incidents/${a.id}`)).can.contribute).toBe(false);
    error(await responder.put(`/api/incidents/${a.id}/affected`, { systemIds: [999_999], agencyIds: [] }), 400, 'systemIds');
    error(
      await responder.put(`/api/incidents/${a.id}/affected`, { systemIds: [], agencyIds: [agency('Công ty Cổ phần An ninh mạng Sao Việt')] }),
      400,
      'agencyIds',
    );
  });
});

describe('scope', () => {
  let sytCase: number;
  let sgdCase: number;
  beforeAll(async () => {
    sytCase = body(await officer.post('/api/incidents', report({ title: 'Sự cố phạm vi Sở Y tế' })), 201).id;
    const sgdSystem = (await admin.get(`/api/systems?agencyId=${other.me.agencyId}&limit=50`))
      .json()
      .items.find((s: { agencyId: number }) => s.agencyId === other.me.agencyId).id;
    sgdCase = body(
      await other.post('/api/incidents', report({ agencyId: other.me.agencyId, systemIds: [sgdSystem], title: 'Sự cố phạm vi Sở GD&ĐT' })),
      201,
    ).id;
  });

  it('shows an agency only the cases of its subtree', async () => {
    error(await officer.get(`/api/incidents/${sgdCase}`), 404);
    error(await other.get(`/api/incidents/${sytCase}`), 404);
    const titles = async (c: Client) => (await c.get('/api/incidents?limit=500')).json().items as { title: string; agencyName: string | null }[];
    const sytSees = await titles(officer);
    expect(sytSees.some((i) => i.title === 'Sự cố phạm vi Sở Y tế')).toBe(true);
    expect(sytSees.some((i) => i.title === 'Sự cố phạm vi Sở GD&ĐT')).toBe(false);
    const sytTree = new Set(['Sở Y tế', 'Bệnh viện Đa khoa tỉnh Demo', 'Bệnh viện Y học cổ truyền tỉnh', 'Trung tâm Kiểm soát bệnh tật tỉnh']);
    expect(sytSees.filter((i) => !sytTree.has(i.agencyName ?? '')).filter((i) => i.title !== 'Chiến dịch lừa đảo B')).toEqual([]);
    error(await officer.get(`/api/incidents?agencyId=${other.me.agencyId}`), 404);
    error(await officer.get(`/api/incidents/stats?agencyId=${other.me.agencyId}`), 404);
  });

  it('shows the team and the province leadership every case', async () => {
    for (const c of [responder, security, admin, viewer]) {
      expect((await c.get(`/api/incidents/${sgdCase}`)).statusCode).toBe(200);
      expect((await c.get(`/api/incidents/${sytCase}`)).statusCode).toBe(200);
    }
    const all = (await responder.get('/api/incidents?limit=1')).json().total;
    const sytOnly = (await officer.get('/api/incidents?limit=1')).json().total;
    expect(all).toBeGreaterThan(sytOnly);
    expect(body(await viewer.get(`/api/incidents/${sytCase}`))).toMatchObject({ can: { work: false, editReport: false, contribute: false } });
    error(await viewer.post(`/api/incidents/${sytCase}/messages`, { message: 'Chỉ đạo' }), 403);
  });

  it('counts per scope for the dashboard', async () => {
    const province = body<{ total: number; byStatus: Record<string, number>; serious: number; lateReports: number; open: number }>(
      await responder.get('/api/incidents/stats'),
    );
    const syt = body<typeof province>(await officer.get('/api/incidents/stats'));
    const narrowed = body<typeof province>(await responder.get(`/api/incidents/stats?agencyId=${officer.me.agencyId}`));
    expect(syt.total).toBeLessThan(province.total);
    expect(narrowed.total).toBe(syt.total);
    expect(Object.values(province.byStatus).reduce((a, b) => a + b, 0)).toBe(province.total);
    expect(syt.lateReports).toBeGreaterThan(0);
    const recent = body<typeof province>(await responder.get(`/api/incidents/stats?from=${new Date(Date.now() - 86_400_000 * 3).toISOString().slice(0, 10)}`));
    expect(recent.total).toBeLessThan(province.total);
  });
});

describe('reporting policy', () => {
  it('lets the platform admin change a deadline, and applies it', async () => {
    const policy = body<{ severityClass: string; reportWithinHours: number; lateAfterHours: number }[]>(await officer.get('/api/incident-policy'));
    expect(policy.find((p) => p.severityClass === 'immediate')).toMatchObject({ reportWithinHours: 0, lateAfterHours: 120 });
    error(await admin.put('/api/incident-policy/serious', { reportWithinHours: 0, lateAfterHours: 24, reference: 'Không còn' }), 400);
    error(await security.put('/api/incident-policy/low', { reportWithinHours: 12, lateAfterHours: 24, reference: 'Quy chế tỉnh' }), 403);
    error(await admin.put('/api/incident-policy/low', { reportWithinHours: 48, lateAfterHours: 24, reference: 'Quy chế tỉnh' }), 400, 'lateAfterHours');
    error(await admin.put('/api/incident-policy/unknown', { reportWithinHours: 1, lateAfterHours: 2, reference: 'x' }), 400);
    const updated = body<typeof policy>(await admin.put('/api/incident-policy/low', { reportWithinHours: 12, lateAfterHours: 24, reference: 'Quy chế tỉnh' }));
    expect(updated.find((p) => p.severityClass === 'low')).toMatchObject({ reportWithinHours: 12, lateAfterHours: 24 });
    const d = body(await officer.post('/api/incidents', report({ capacity: 'within', severity: 'low', detectedAt: hoursAgo(30) })), 201);
    expect(d.timeliness).toMatchObject({ severityClass: 'low', late: true });
    body(
      await admin.put('/api/incident-policy/low', {
        reportWithinHours: 120,
        lateAfterHours: 120,
        reference: 'Điểm a khoản 1 Điều 11 Quyết định số 05/2017/QĐ-TTg',
      }),
    );
  });
});
