/**
 * The reporting rules of Decision 05/2017/QĐ-TTg and Circular 20/2017/TT-BTTTT over real HTTP: who receives a report,
 * what the initial report holds, when an incident is serious, and the operator's closing report with its deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';
import { runReminderJobs } from '../reminders/jobs.ts';
import { reminderDeliveries } from '../reminders/schema.ts';
import { reminderSources } from '../reminders/registry.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { IncidentDetail } from '../../../shared/incidents/schemas.ts';

let t: TestApp;
let dataDir: string;
let officer: HttpClient; // syt.canbo, Sở Y tế
let other: HttpClient; // sgd.canbo, Sở Giáo dục và Đào tạo
let responder: HttpClient; // ungcuu
let viewer: HttpClient; // lanhdao, reads every case
let agencyId: number;
let level4: number;
let level2: number;

type Res = Awaited<ReturnType<HttpClient['request']>>;
const ok = (res: Res, status = 200): IncidentDetail => {
  expect(res.status, res.text).toBe(status);
  return res.json as IncidentDetail;
};
const refused = (res: Res, status: number, field: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.json.error.field).toBe(field);
};
const send = (c: HttpClient, method: string, url: string, body: unknown) => c.request(method, url, { body });
const file = (over: Record<string, unknown> = {}) => send(officer, 'POST', '/api/incidents', initialReport(agencyId, [level2], over));
const move = (id: number, action: string) => send(responder, 'POST', `/api/incidents/${id}/transitions`, { action });
/** The text of a DOCX the client downloads (HttpClient reads bodies as text, so this fetches the bytes itself). */
async function docxText(c: HttpClient, url: string) {
  const res = await fetch(c.base + url, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status).toBe(200);
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}
const total = async () => (await responder.get('/api/incidents?limit=1')).json.total as number;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-incident-rules-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  const h = await listen(t.app);
  [officer, other, responder, viewer] = await Promise.all(['syt.canbo', 'sgd.canbo', 'ungcuu', 'lanhdao'].map((u) => h.login(u)));
  agencyId = (await officer.get('/api/auth/me')).json.agencyId;
  const own = ((await officer.get(`/api/systems?agencyId=${agencyId}&limit=500`)).json.items as { id: number; agencyId: number }[]).filter(
    (s) => s.agencyId === agencyId,
  );
  [level4, level2] = [own[0]!.id, own[1]!.id];
  // Arranged levels: one level 4 system (Art. 9(1)) and one level 2 system, neither on the national list.
  await t.database.db.execute(sql`update systems set approved_level = case when id = ${level4} then 4 else 2 end, classification = null
    where id in (${level4}, ${level2})`);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('recipients (QĐ05 Art. 11(1)(a); Circular 20/2017 Art. 9(2)(a); Dispatch 33/CĐ-TTg §1.b)', () => {
  it('refuses to leave out the national coordinator, on a report and on a correction, and stores nothing', async () => {
    const before = await total();
    refused(await file({ forNationalCoordinator: false }), 400, 'forNationalCoordinator');
    expect(await total()).toBe(before);
    const d = ok(await file({ forNationalCoordinator: true }), 201);
    refused(await send(officer, 'PATCH', `/api/incidents/${d.id}`, { forNationalCoordinator: false }), 400, 'forNationalCoordinator');
    expect(d.recipients.map((r) => r.role)).toEqual(['owner', 'response_unit', 'national_coordinator', 'cybersecurity_authority']);
    expect(ok(await officer.get(`/api/incidents/${d.id}`)).recipients).toEqual(d.recipients);
  });
});

describe('the initial report (QĐ05 Art. 11(4); Circular 20/2017 Art. 9(3)(a))', () => {
  it.each([
    'operatorName',
    'operatorAddress',
    'reporterPosition',
    'reporterPhone',
    'reporterEmail',
    'infrastructureProvider',
    'actionsTaken',
    'affectedAddresses',
  ])('refuses a report without %s, naming it', async (field) => {
    refused(await file({ [field]: undefined }), 400, field);
  });

  it('refuses malformed parts with the field at fault', async () => {
    refused(await file({ affectedAddresses: [] }), 400, 'affectedAddresses');
    refused(await file({ affectedAddresses: ['192.0.2.1', 'không phải địa chỉ'] }), 400, 'affectedAddresses.1');
    refused(await file({ supportingOrganizations: [{ result: 'Đã hỗ trợ' }] }), 400, 'supportingOrganizations.0.name');
    refused(await file({ effects: ['mat_dien'] }), 400, 'effects.0');
    refused(await file({ capacity: 'maybe' }), 400, 'capacity');
    refused(await file({ reporterEmail: 'không-phải-thư' }), 400, 'reporterEmail');
  });

  it('stores every part, writes the addresses canonically and puts them in the DOCX', async () => {
    const d = ok(
      await file({
        operatorName: 'Trung tâm Chuyển đổi số tỉnh',
        operatorAddress: '5 đường Hùng Vương, tỉnh Demo',
        infrastructureProvider: 'Viettel Demo',
        affectedAddresses: ['203.0.113[.]5', 'Cong.Demo.gov.vn', '203.0.113.5'],
        spread: 'Ba máy trạm cùng phân vùng',
        initialResult: 'Đã cô lập máy trạm',
        supportingOrganizations: [{ name: 'Công ty Cổ phần An ninh mạng Sao Việt', result: 'Đang phân tích mẫu' }],
        reporterName: 'Trần Văn Đầu Mối',
        reporterPosition: 'Phó Trưởng phòng CNTT',
      }),
      201,
    );
    expect(d).toMatchObject({
      operator: { name: 'Trung tâm Chuyển đổi số tỉnh', address: '5 đường Hùng Vương, tỉnh Demo' },
      managingAgencyName: 'Ủy ban nhân dân tỉnh Demo',
      infrastructureProvider: 'Viettel Demo',
      affectedAddresses: ['203.0.113.5', 'cong.demo.gov.vn'],
      spread: 'Ba máy trạm cùng phân vùng',
      initialResult: 'Đã cô lập máy trạm',
      supportingOrganizations: [{ name: 'Công ty Cổ phần An ninh mạng Sao Việt', result: 'Đang phân tích mẫu' }],
      reporter: { name: 'Trần Văn Đầu Mối', position: 'Phó Trưởng phòng CNTT', phone: '0912 345 678', email: 'cntt@demo.gov.vn' },
    });
    const docx = await docxText(officer, `/api/incidents/${d.id}/initial-report.docx`);
    for (const part of [
      'Trung tâm Chuyển đổi số tỉnh',
      '5 đường Hùng Vương',
      'Ủy ban nhân dân tỉnh Demo',
      'Viettel Demo',
      '203.0.113.5; cong.demo.gov.vn',
      'Phó Trưởng phòng CNTT',
      'Ba máy trạm cùng phân vùng',
      'Đã cô lập máy trạm',
      'Đang phân tích mẫu',
      'Điều 11 Quyết định số 05/2017/QĐ-TTg',
    ]) {
      expect(docx).toContain(part);
    }
  });
});

describe('a serious incident follows QĐ05 Art. 9, not a tick box', () => {
  it('is serious with a level 4 system, an effect of clause 1 and an owner who cannot cope', async () => {
    const d = ok(await file({ systemIds: [level4], effects: ['service_disruption'], capacity: 'beyond_owner' }), 201);
    expect(d.serious).toBe(true);
    expect(d.seriousness).toEqual({
      systemCriterion: true,
      capacityCriterion: true,
      grounds: ['Điểm a khoản 1 Điều 9 Quyết định số 05/2017/QĐ-TTg', 'Khoản 2 Điều 9 Quyết định số 05/2017/QĐ-TTg'],
    });
    expect(d.timeliness).toMatchObject({ severityClass: 'immediate', dueAt: d.detectedAt });
  });

  it('ignores a "serious" sent by the reporter', async () => {
    const d = ok(await file({ serious: true, systemIds: [level2], effects: ['loss_of_control'], capacity: 'beyond_owner' }), 201);
    expect(d).toMatchObject({ serious: false, seriousness: { systemCriterion: false, capacityCriterion: true } });
  });

  it('follows corrections of the capacity and of the affected systems', async () => {
    const d = ok(await file({ systemIds: [level4], effects: ['loss_of_control'], capacity: 'beyond_operator' }), 201);
    expect(d.serious).toBe(false);
    expect(ok(await send(officer, 'PATCH', `/api/incidents/${d.id}`, { capacity: 'beyond_owner' })).serious).toBe(true);
    expect(ok(await send(officer, 'PATCH', `/api/incidents/${d.id}`, { effects: [] })).serious).toBe(false);
    expect(ok(await send(officer, 'PATCH', `/api/incidents/${d.id}`, { effects: ['spread_or_cascade'] })).serious).toBe(true);
    const moved = ok(await send(responder, 'PUT', `/api/incidents/${d.id}/affected`, { systemIds: [level2], agencyIds: [] }));
    expect(moved).toMatchObject({ serious: false, seriousness: { systemCriterion: false } });
    expect((await responder.get(`/api/incidents?serious=true&limit=500`)).json.items.map((i: { id: number }) => i.id)).not.toContain(d.id);
  });
});

describe("the operator's closing report (Circular 20/2017 Art. 9(2)(b))", () => {
  const toRecovered = async (id: number) => {
    for (const action of ['accept', 'start_response', 'contain', 'recover']) ok(await move(id, action));
    ok(
      await send(responder, 'PUT', `/api/incidents/${id}/response-report`, {
        damage: 'Không đáng kể',
        rootCause: 'Mật khẩu yếu',
        origin: 'Dò mật khẩu',
        actions: 'Đổi mật khẩu',
        lessonsLearned: 'Bật xác thực hai yếu tố',
      }),
    );
    return ok(await officer.get(`/api/incidents/${id}`));
  };
  const owed = async () => {
    const source = reminderSources().find((x) => x.name === 'incident-closing-reports')!;
    const now = new Date();
    return source.collect(t.database.db, { now, today: todayVn(now) });
  };
  const deliveries = (id: number) =>
    t.database.db
      .select()
      .from(reminderDeliveries)
      .where(and(eq(reminderDeliveries.kind, 'incident_closing_report_due'), eq(reminderDeliveries.subjectId, String(id))));

  it('is due 5 days after the response ends, reminded then and when overdue, and needed before the case closes', async () => {
    const { id } = ok(await file({ capacity: 'beyond_operator' }), 201);
    const recovered = await toRecovered(id);
    expect(recovered.closingTimeliness).toMatchObject({
      required: true,
      filedAt: null,
      overdue: false,
      source: 'Điểm b khoản 2 Điều 9 Thông tư số 20/2017/TT-BTTTT',
    });
    expect(Date.parse(recovered.closingTimeliness.dueAt!) - Date.parse(recovered.recoveredAt!)).toBe(5 * 24 * 3_600_000);
    refused(await move(id, 'close'), 400, 'closingReport');

    await runReminderJobs(t.database.db, t.config);
    const me = (await officer.get('/api/auth/me')).json.id as number;
    expect((await deliveries(id)).filter((r) => r.userId === me).map((r) => r.occurrence)).toEqual(['due']);
    // Six days after the response ended and nothing filed: overdue, and reminded once more.
    await t.database.db.execute(sql`update incidents set recovered_at = now() - interval '6 days' where id = ${id}`);
    expect(ok(await officer.get(`/api/incidents/${id}`)).closingTimeliness.overdue).toBe(true);
    expect((await owed()).find((r) => r.subjectId === String(id))).toMatchObject({ occurrence: 'overdue', link: `/incidents/${id}?tab=closing` });
    await runReminderJobs(t.database.db, t.config);
    expect(
      (await deliveries(id))
        .filter((r) => r.userId === me)
        .map((r) => r.occurrence)
        .sort(),
    ).toEqual(['due', 'overdue']);

    // Another agency cannot see the case; the leadership reads it but does not write the operator's report.
    const foreign = await send(other, 'PUT', `/api/incidents/${id}/closing-report`, { damage: 'Chen ngang' });
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'not_found']);
    expect((await send(viewer, 'PUT', `/api/incidents/${id}/closing-report`, { damage: 'Chỉ đạo' })).status).toBe(403);

    // A draft with gaps is not filed; the complete report is, late.
    const draft = ok(await send(officer, 'PUT', `/api/incidents/${id}/closing-report`, { damage: 'Gián đoạn 2 giờ', cause: 'Mật khẩu yếu' }));
    expect(draft.closingReportGaps).toEqual(['actions', 'recommendations', 'lessonsLearned']);
    expect(draft.closingTimeliness.filedAt).toBeNull();
    const filed = ok(
      await send(officer, 'PUT', `/api/incidents/${id}/closing-report`, {
        damage: 'Gián đoạn 2 giờ',
        cause: 'Mật khẩu yếu',
        actions: 'Đổi mật khẩu, bật xác thực hai yếu tố',
        recommendations: 'Rà soát tài khoản định kỳ',
        lessonsLearned: 'Không dùng lại mật khẩu',
      }),
    );
    expect(filed.closingTimeliness).toMatchObject({ filedAt: expect.any(String), overdue: false, late: true });
    // Filed: the source no longer asks for it.
    expect((await owed()).map((r) => r.subjectId)).not.toContain(String(id));
    expect(ok(await move(id, 'close')).status).toBe('closed');
  });

  it('is not owed when the operator handles the incident itself', async () => {
    const { id } = ok(await file({ capacity: 'within' }), 201);
    const recovered = await toRecovered(id);
    expect(recovered.closingTimeliness).toMatchObject({ required: false, overdue: false });
    expect(ok(await move(id, 'close')).status).toBe('closed');
  });
});
