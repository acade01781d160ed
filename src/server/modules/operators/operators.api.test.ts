import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { customerWarning, incidentShare } from '../../../../tests/support/operators-cases.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';

/**
 * The duties the directives set telecom and Internet operators and security firms (Vĩnh Phúc 7, Thanh Hóa 3, Quảng
 * Nam 4–5, Bắc Giang 9), over real HTTP: each operator answers its own, the security unit reads them all, nobody else
 * sees them; the contact points they publish are on the province's public list.
 */

let t: TestApp;
let http: Awaited<ReturnType<typeof listen>>;
let admin: HttpClient, attt: HttpClient, vnpt: HttpClient, saoviet: HttpClient, officer: HttpClient, viewer: HttpClient;
let vnptId: number, viettelId: number, saovietId: number, sytId: number;
const today = todayVn();

const ok = (res: { status: number; text: string; json: any }, status = 200) => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};
const auditCount = async (entity: string) =>
  Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log where entity = ${entity}`)).rows[0]!.n);

beforeAll(async () => {
  t = await startTestApp();
  http = await listen(t.app);
  [admin, attt, vnpt, saoviet, officer, viewer] = await Promise.all(
    ['admin', 'attt', 'vnpt.canbo', 'saoviet.canbo', 'syt.canbo', 'lanhdao'].map((u) => http.login(u)),
  );
  const all = ok(await admin.get('/api/agencies')) as { id: number; name: string }[];
  const idOf = (name: string) => all.find((a) => a.name === name)!.id;
  [vnptId, viettelId, saovietId, sytId] = [
    idOf('VNPT Demo (Viễn thông Demo)'),
    idOf('Viettel Demo'),
    idOf('Công ty Cổ phần An ninh mạng Sao Việt'),
    idOf('Sở Y tế'),
  ];
});
afterAll(async () => {
  await t?.close();
});

describe('who sees an operator', () => {
  it('shows an operator its own organisation only, the security unit every operator and security firm, a state agency none', async () => {
    expect((ok(await vnpt.get('/api/operators')) as { id: number }[]).map((o) => o.id)).toEqual([vnptId]);
    expect((ok(await saoviet.get('/api/operators')) as { id: number }[]).map((o) => o.id)).toEqual([saovietId]);
    const seen = ok(await attt.get('/api/operators')) as { name: string; kind: string }[];
    expect(seen.map((o) => [o.kind, o.name])).toEqual([
      ['telecom', 'FPT Telecom chi nhánh Demo'],
      ['telecom', 'VNPT Demo (Viễn thông Demo)'],
      ['telecom', 'Viettel Demo'],
      ['security_firm', 'Công ty Cổ phần An ninh mạng Sao Việt'],
    ]);
    expect(ok(await officer.get('/api/operators'))).toEqual([]);
    expect(ok(await viewer.get('/api/operators'))).toEqual([]);
  });

  it('answers another operator, a state agency or a missing id as missing (404), by id and when recording', async () => {
    const cases: [HttpClient, number][] = [
      [vnpt, viettelId],
      [vnpt, saovietId],
      [saoviet, vnptId],
      [officer, vnptId],
      [viewer, vnptId],
      [admin, sytId],
      [admin, 999_999],
    ];
    for (const [c, id] of cases) {
      expect((await c.get(`/api/operators/${id}`)).status).toBe(404);
      const w = await c.post(`/api/operators/${id}/customer-warnings`, customerWarning());
      const s = await c.post(`/api/operators/${id}/incident-shares`, incidentShare());
      expect([w.status, s.status, w.json.error.code]).toEqual([404, 404, 'not_found']);
    }
  });

  it('lets the security unit read an operator’s records but not record for it (403)', async () => {
    const seen = ok(await attt.get(`/api/operators/${vnptId}`));
    expect(seen.can).toEqual({ record: false, editContact: false });
    expect((await attt.post(`/api/operators/${vnptId}/customer-warnings`, customerWarning())).status).toBe(403);
    expect(ok(await vnpt.get(`/api/operators/${vnptId}`)).can).toEqual({ record: true, editContact: true });
  });
});

describe('customer warnings and shared incident information', () => {
  it('records a warning sent to customers, with the authorities’ warning it passes on, audited once, seen by the security unit', async () => {
    const before = await auditCount('operator_customer_warning');
    const body = customerWarning({ issuedOn: today, customersReached: 48_200, authorityWarning: 'Cảnh báo số 15/CB-A05' });
    const o = ok(await vnpt.post(`/api/operators/${vnptId}/customer-warnings`, body), 201);
    expect(o.customerWarnings[0]).toMatchObject({ ...body, createdByName: 'Ngô Thanh Tùng' });
    expect(await auditCount('operator_customer_warning')).toBe(before + 1);
    const [entry] = (
      await t.database.db.execute(
        sql`select action, agency_id, actor_user_id from audit_log where entity = 'operator_customer_warning' order by id desc limit 1`,
      )
    ).rows as { action: string; agency_id: number; actor_user_id: number }[];
    expect([entry!.action, entry!.agency_id]).toEqual(['create', vnptId]);
    expect(ok(await attt.get(`/api/operators/${vnptId}`)).customerWarnings.map((w: { subject: string }) => w.subject)).toContain(body.subject);
    expect(ok(await saoviet.get(`/api/operators/${saovietId}`)).customerWarnings).toEqual([]);
  });

  it('records incident information shared with the security unit, naming the agency that holds the function', async () => {
    const o = ok(await saoviet.post(`/api/operators/${saovietId}/incident-shares`, incidentShare({ incidentRef: 'SC-2026-0042' })), 201);
    expect(o.incidentShares[0]).toMatchObject({ recipient: 'security_unit', recipientName: 'Công an tỉnh Demo', incidentRef: 'SC-2026-0042' });
    const list = ok(await attt.get('/api/operators')) as { id: number; incidentShares: number }[];
    expect(list.find((x) => x.id === saovietId)!.incidentShares).toBe(1);
  });

  it('refuses malformed records, naming the field, in both languages', async () => {
    const cases: [string, object, string][] = [
      ['customer-warnings', customerWarning({ issuedOn: addDays(today, 1) }), 'issuedOn'],
      ['customer-warnings', customerWarning({ issuedOn: '2026-02-30' }), 'issuedOn'],
      ['customer-warnings', customerWarning({ subject: 'x' }), 'subject'],
      ['customer-warnings', customerWarning({ customersReached: -1 }), 'customersReached'],
      ['customer-warnings', customerWarning({ customersReached: 1.5 }), 'customersReached'],
      ['incident-shares', incidentShare({ sharedOn: addDays(today, 3) }), 'sharedOn'],
      ['incident-shares', incidentShare({ recipient: 'khach_hang' }), 'recipient'],
      ['incident-shares', incidentShare({ description: 'ngắn' }), 'description'],
    ];
    const before = (await auditCount('operator_customer_warning')) + (await auditCount('operator_incident_share'));
    for (const [what, body, field] of cases) {
      const res = await vnpt.post(`/api/operators/${vnptId}/${what}`, body);
      expect(res.status, `${field}: ${res.text}`).toBe(400);
      expect(res.json.error).toMatchObject({ field });
      expect(res.json.error.messageVi).toBeTruthy();
      expect(res.json.error.message).toBeTruthy();
    }
    expect((await auditCount('operator_customer_warning')) + (await auditCount('operator_incident_share'))).toBe(before);
  });
});

describe('the duties from the directives', () => {
  type Item = { id: number; agencyId: number; dueOn: string | null; status: string; overdue: boolean; deadlineText: string; directiveNumber: string };
  const tasksOf = async (c: HttpClient) => ok(await c.get('/api/tasks?limit=500')).items as Item[];

  it('gives each telecom operator its standing duties, without a due date and never overdue, and the security firm Quảng Nam 5', async () => {
    const mine = await tasksOf(vnpt);
    expect(mine.every((i) => i.agencyId === vnptId && i.dueOn === null && !i.overdue)).toBe(true);
    expect(mine.every((i) => i.deadlineText === 'Thường xuyên (văn bản không ấn định thời hạn)')).toBe(true);
    expect(mine.map((i) => i.directiveNumber).sort()).toEqual(
      [
        '…/CT-UBND',
        '…/CT-UBND',
        '…/CT-UBND',
        '…/UBND-CNTT',
        '…/UBND-CNTT',
        '…/UBND-CNTT',
        '15/CT-UBND',
        '15/CT-UBND',
        '2236/UBND-KT',
        '2236/UBND-KT',
        '2236/UBND-KT',
      ].sort(),
    );
    const firm = await tasksOf(saoviet);
    expect(firm.map((i) => i.directiveNumber)).toEqual(['15/CT-UBND', '15/CT-UBND']);
    const clauses = await Promise.all(firm.map(async (i) => ok(await saoviet.get(`/api/task-assignments/${i.id}`)).legalClause));
    expect(clauses.sort()).toEqual(['5, ý thứ hai', '5, ý thứ nhất']);
    // Another operator's assignment does not exist for it.
    expect((await saoviet.get(`/api/task-assignments/${mine[0]!.id}`)).status).toBe(404);
    expect((await officer.get(`/api/task-assignments/${mine[0]!.id}`)).status).toBe(404);
  });

  it('keeps a standing duty open after the security unit accepts a report: counted, still reportable, no due date', async () => {
    const [duty] = await tasksOf(vnpt);
    const sent = ok(await vnpt.post(`/api/task-assignments/${duty!.id}/reports`, { progress: 'done', comment: 'Đã công bố đầu mối trên trang web.' }), 201);
    expect(sent.status).toBe('submitted');
    const accepted = ok(await attt.post(`/api/task-reports/${sent.reports[0].id}/review`, { decision: 'accept' }));
    expect(accepted).toMatchObject({ status: 'in_progress', dueOn: null, completedOccurrences: 1, overdue: false });
    expect(ok(await vnpt.get(`/api/task-assignments/${duty!.id}`)).can.report).toBe(true);
  });
});

describe('contact points', () => {
  const contact = {
    contactName: 'Phan Thị Đầu Mối',
    contactPosition: 'Trưởng phòng An toàn thông tin',
    contactPhone: '0912 345 678',
    contactEmail: 'dau-moi.attt@vnpt-demo.vn',
    contactDesignatedOn: '2026-11-01',
    contactPublished: true,
    contactPublishedUrl: 'https://vnpt-demo.vn/dau-moi-su-co',
  };

  it('keeps the contact point on the operator, edited by its own officer and not by another operator (403)', async () => {
    ok(await vnpt.request('PATCH', `/api/agencies/${vnptId}`, { body: contact }));
    expect(ok(await vnpt.get(`/api/operators/${vnptId}`)).contact).toMatchObject({ name: contact.contactName, published: true });
    expect((await saoviet.request('PATCH', `/api/agencies/${vnptId}`, { body: { contactName: 'Chiếm quyền' } })).status).toBe(403);
  });

  it('publishes it without sign-in: the organisation, the person, phone, e-mail and where, nothing internal; unpublished ones stay off', async () => {
    const anonymous = await http.anonymous();
    const list = ok(await anonymous.get('/api/public/operator-contacts')).items as Record<string, unknown>[];
    const mine = list.find((i) => i.organisation === 'VNPT Demo (Viễn thông Demo)');
    expect(mine).toEqual({
      organisation: 'VNPT Demo (Viễn thông Demo)',
      kind: 'telecom',
      kindNameVi: 'Doanh nghiệp viễn thông, Internet',
      kindNameEn: 'Telecom or Internet operator',
      name: contact.contactName,
      position: contact.contactPosition,
      phone: '0912 345 678',
      email: contact.contactEmail,
      publishedUrl: contact.contactPublishedUrl,
    });
    // Only operators and security firms; never an id, a state agency's contact or an unpublished one.
    expect(list.every((i) => i.kind === 'telecom' || i.kind === 'security_firm')).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/"id"|designatedOn|agencyId/);
    ok(await vnpt.request('PATCH', `/api/agencies/${vnptId}`, { body: { contactPublished: false } }));
    const after = ok(await anonymous.get('/api/public/operator-contacts')).items as { organisation: string }[];
    expect(after.map((i) => i.organisation)).not.toContain('VNPT Demo (Viễn thông Demo)');
    ok(await vnpt.request('PATCH', `/api/agencies/${vnptId}`, { body: { contactPublished: true } }));
  });
});
