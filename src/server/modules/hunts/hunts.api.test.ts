import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { huntBody, huntIncident } from '../../../../tests/support/hunts-cases.ts';

/** Threat hunts per agency (Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND clauses 1–2), over real HTTP. */

let t: TestApp;
let admin: HttpClient, attt: HttpClient, viewer: HttpClient, officer: HttpClient, sytAdmin: HttpClient, other: HttpClient;
let syt: number, sgd: number, hospital: number, firm: number, telecom: number;
let sytSystems: number[], sgdSystem: number, hospitalSystem: number;
type Agency = { id: number; name: string; kind: string };

beforeAll(async () => {
  t = await startTestApp();
  const http = await listen(t.app);
  [admin, attt, viewer, officer, sytAdmin, other] = await Promise.all(
    ['admin', 'attt', 'lanhdao', 'syt.canbo', 'syt.admin', 'sgd.canbo'].map((u) => http.login(u)),
  );
  const all = (await admin.get('/api/agencies')).json as Agency[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  hospital = all.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')!.id;
  firm = all.find((a) => a.kind === 'security_firm')!.id;
  telecom = all.find((a) => a.kind === 'telecom')!.id;
  const systemsOf = async (agency: number) =>
    ((await admin.get(`/api/systems?agencyId=${agency}&limit=500`)).json.items as { id: number; agencyId: number }[])
      .filter((s) => s.agencyId === agency)
      .map((s) => s.id);
  sytSystems = await systemsOf(syt);
  sgdSystem = (await systemsOf(sgd))[0]!;
  hospitalSystem = (await systemsOf(hospital))[0]!;
});
afterAll(async () => {
  await t?.close();
});

const patch = (c: HttpClient, path: string, body: unknown) => c.request('PATCH', path, { body });
const create = async (c: HttpClient, body: object) => {
  const res = await c.post('/api/hunts', body);
  expect(res.status, res.text).toBe(201);
  return res.json;
};
const audits = async (entity: string, id: number) =>
  (await t.database.db.execute(sql`select action, actor_user_id from audit_log where entity = ${entity} and entity_id = ${String(id)} order by id`)).rows as {
    action: string;
  }[];

describe('recording a hunt', () => {
  it('records a hunt of some systems by a provider, with ATT&CK ids written canonically, audited once', async () => {
    const h = await create(
      officer,
      huntBody(syt, {
        systemIds: sytSystems.slice(0, 2),
        hunterKind: 'provider',
        providerAgencyId: firm,
        hunters: 'Nhóm SOC của nhà cung cấp',
        attackTechniques: ['t1059.001', 'T1486', 'T1486'],
        techniques: ['Truy vấn EDR', 'Truy vấn EDR'],
      }),
    );
    expect(h).toMatchObject({
      agencyId: syt,
      agencyName: 'Sở Y tế',
      wholeAgency: false,
      quarter: '2026-Q4',
      attackTechniques: ['T1059.001', 'T1486'],
      techniques: ['Truy vấn EDR'],
      hunterKind: 'provider',
      provider: { id: firm },
      status: 'completed',
      result: 'threat_found',
      incident: null,
      can: { edit: true, openIncident: true },
    });
    expect(h.systems.map((s: { id: number }) => s.id).sort()).toEqual(sytSystems.slice(0, 2).sort());
    expect((await audits('hunt', h.id)).map((a) => a.action)).toEqual(['create']);
    const read = (await officer.get(`/api/hunts/${h.id}`)).json;
    expect(read).toEqual(h);
  });

  it('records a hunt of the whole agency, planned, without a result', async () => {
    const h = await create(officer, huntBody(syt, { status: 'planned', result: null, resultSummary: null, periodFrom: '2027-01-05', periodTo: '2027-01-15' }));
    expect(h).toMatchObject({ wholeAgency: true, systems: [], status: 'planned', result: null, can: { openIncident: false } });
  });

  it.each([
    ['an ATT&CK id off the pattern', { attackTechniques: ['T10590'] }, 'attackTechniques.0'],
    ['a period ending before it starts', { periodFrom: '2026-10-10', periodTo: '2026-10-01' }, 'periodTo'],
    ['a result on a planned hunt', { status: 'planned', periodTo: '2027-01-10' }, 'result'],
    ['a completed hunt without a result', { result: null }, 'result'],
    ['a completed hunt ending in the future', { periodTo: '2099-01-01' }, 'periodTo'],
    ['a result without its summary', { resultSummary: 'ngắn' }, 'resultSummary'],
    ["a provider's hunt naming no provider", { hunterKind: 'provider' }, 'providerAgencyId'],
    ['a state agency as the provider', { hunterKind: 'provider', providerAgencyId: -1 }, 'providerAgencyId'],
    ['an unknown status', { status: 'done' }, 'status'],
  ])('refuses %s (400 with the field, both languages)', async (_label, over, field) => {
    const res = await officer.post('/api/hunts', huntBody(syt, over));
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toBeTruthy();
    expect(res.json.error.messageVi).toBeTruthy();
  });

  it('refuses a state agency as the provider and another agency’s systems, naming the field', async () => {
    const asProvider = await officer.post('/api/hunts', huntBody(syt, { hunterKind: 'provider', providerAgencyId: hospital }));
    expect([asProvider.status, asProvider.json.error.field]).toEqual([400, 'providerAgencyId']);
    const foreign = await sytAdmin.post('/api/hunts', huntBody(syt, { systemIds: [hospitalSystem] }));
    expect([foreign.status, foreign.json.error.field]).toEqual([400, 'systemIds']);
    expect(foreign.json.error.messageVi).toBe('Hãy chọn hệ thống thuộc cơ quan thực hiện săn lùng');
  });

  it('is refused for an outside organization, and for an agency out of reach as a missing one', async () => {
    const outside = await admin.post('/api/hunts', huntBody(telecom));
    expect([outside.status, outside.json.error.field]).toEqual([400, 'agencyId']);
    const b = await officer.post('/api/hunts', huntBody(sgd));
    expect([b.status, b.json.error.code]).toEqual([404, 'not_found']);
    // An officer keeps only their own agency's hunts; the agency admin those of the subtree (the hospital below).
    expect((await officer.post('/api/hunts', huntBody(hospital))).status).toBe(403);
    expect((await sytAdmin.post('/api/hunts', huntBody(hospital))).status).toBe(201);
    // The province's viewer reads but does not record.
    expect((await viewer.post('/api/hunts', huntBody(syt))).status).toBe(403);
  });
});

describe('correcting and moving a hunt on', () => {
  it('moves a planned hunt to completed with its result, audited with before and after', async () => {
    const h = await create(officer, huntBody(syt, { status: 'planned', result: null, resultSummary: null }));
    expect((await patch(officer, `/api/hunts/${h.id}`, { status: 'in_progress' })).status).toBe(200);
    const done = await patch(officer, `/api/hunts/${h.id}`, {
      status: 'completed',
      result: 'no_threat',
      resultSummary: 'Không phát hiện dấu hiệu bất thường.',
    });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ status: 'completed', result: 'no_threat', can: { openIncident: false } });
    expect((await audits('hunt', h.id)).map((a) => a.action)).toEqual(['create', 'update', 'update']);
    // Completed without a result is refused, naming it; nothing is written.
    const bad = await patch(officer, `/api/hunts/${h.id}`, { result: null });
    expect([bad.status, bad.json.error.field]).toEqual([400, 'result']);
    expect(await audits('hunt', h.id)).toHaveLength(3);
  });

  it('changes the systems, or makes the hunt one of the whole agency', async () => {
    const h = await create(officer, huntBody(syt, { systemIds: [sytSystems[0]] }));
    const whole = await patch(officer, `/api/hunts/${h.id}`, { systemIds: [] });
    expect(whole.json).toMatchObject({ wholeAgency: true, systems: [] });
    const foreign = await patch(officer, `/api/hunts/${h.id}`, { systemIds: [sgdSystem] });
    expect([foreign.status, foreign.json.error.field]).toEqual([400, 'systemIds']);
  });
});

describe('a hunt that found a threat opens an incident', () => {
  it("files the agency's initial report through the incidents module, linked both ways, two audit entries", async () => {
    const h = await create(officer, huntBody(syt, { systemIds: [sytSystems[0]] }));
    const res = await officer.post(`/api/hunts/${h.id}/incident`, huntIncident([sytSystems[0]!]));
    expect(res.status, res.text).toBe(201);
    expect(res.json.incident).toMatchObject({ title: 'Mã độc tống tiền phát hiện khi săn lùng', status: 'received' });
    expect(res.json.incident.code).toMatch(/^SC-\d{4}-\d{4}$/);
    expect(res.json.can.openIncident).toBe(false);
    const incident = (await officer.get(`/api/incidents/${res.json.incident.id}`)).json;
    // The incidents module's own rules applied: the agency as reporter, its owner, every recipient, the report deadline.
    expect(incident).toMatchObject({ agencyId: syt, source: 'agency' });
    expect((await audits('incident', incident.id)).map((a) => a.action)).toEqual(['report']);
    expect((await audits('hunt', h.id)).map((a) => a.action)).toEqual(['create', 'open_incident']);
    // Listed with its link; the incident's result cannot be changed away from "threat found" afterwards.
    const listed = (await officer.get('/api/hunts?result=threat_found')).json.items.find((i: { id: number }) => i.id === h.id);
    expect(listed.incident.id).toBe(incident.id);
    // And found from the incident's side: the hunt that opened it.
    expect((await officer.get(`/api/hunts?incidentId=${incident.id}`)).json.items.map((i: { id: number }) => i.id)).toEqual([h.id]);
    const away = await patch(officer, `/api/hunts/${h.id}`, { result: 'no_threat' });
    expect([away.status, away.json.error.field]).toEqual([409, 'result']);
    // Only once.
    const again = await officer.post(`/api/hunts/${h.id}/incident`, huntIncident([sytSystems[0]!]));
    expect([again.status, again.json.error.field]).toEqual([409, 'incidentId']);
  });

  it('is refused for a hunt without a threat found, and writes nothing when the report is refused', async () => {
    const h = await create(officer, huntBody(syt, { result: 'no_threat' }));
    const res = await officer.post(`/api/hunts/${h.id}/incident`, huntIncident([sytSystems[0]!]));
    expect([res.status, res.json.error.field]).toEqual([409, 'result']);
    const found = await create(officer, huntBody(syt));
    const before = Number((await t.database.db.execute(sql`select count(*)::int as n from incidents`)).rows[0]!.n);
    const wrong = await officer.post(`/api/hunts/${found.id}/incident`, huntIncident([hospitalSystem]));
    expect([wrong.status, wrong.json.error.field]).toEqual([400, 'systemIds']);
    const bad = await officer.post(`/api/hunts/${found.id}/incident`, { ...huntIncident([sytSystems[0]!]), reporterEmail: 'không-phải-email' });
    expect([bad.status, bad.json.error.field]).toEqual([400, 'reporterEmail']);
    expect(Number((await t.database.db.execute(sql`select count(*)::int as n from incidents`)).rows[0]!.n)).toBe(before);
    expect((await officer.get(`/api/hunts/${found.id}`)).json.incident).toBeNull();
    expect((await audits('hunt', found.id)).map((a) => a.action)).toEqual(['create']);
  });
});

describe('scope', () => {
  it("keeps agency B's hunts from agency A: 404 on read, change and opening an incident; not listed", async () => {
    const b = await create(other, huntBody(sgd, { systemIds: [sgdSystem] }));
    for (const c of [officer, sytAdmin]) {
      for (const res of [
        await c.get(`/api/hunts/${b.id}`),
        await patch(c, `/api/hunts/${b.id}`, { title: 'Sửa trái phép' }),
        await c.post(`/api/hunts/${b.id}/incident`, huntIncident([sgdSystem])),
      ]) {
        expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
      }
      expect((await c.get('/api/hunts')).json.items.some((i: { agencyId: number }) => i.agencyId === sgd)).toBe(false);
      expect((await c.get(`/api/hunts?agencyId=${sgd}`)).status).toBe(404);
      expect((await c.get('/api/hunts/by-quarter?year=2026')).json.rows.some((r: { agencyId: number }) => r.agencyId === sgd)).toBe(false);
    }
    expect((await officer.get(`/api/hunts/${b.id}`)).status).toBe(404);
    expect(await audits('hunt', b.id)).toHaveLength(1);
    // The security unit and the province's viewer see every agency's hunts.
    for (const c of [attt, viewer]) expect((await c.get(`/api/hunts/${b.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/hunts/${b.id}`)).json.can).toEqual({ edit: false, openIncident: false });
  });

  it('shows an agency admin the hunts of its subtree: the hospital below it, not its neighbours', async () => {
    const agencies = new Set(((await sytAdmin.get('/api/hunts')).json.items as { agencyId: number }[]).map((i) => i.agencyId));
    expect(agencies.has(syt) && agencies.has(hospital)).toBe(true);
    expect(agencies.has(sgd)).toBe(false);
  });
});

describe('hunts per quarter', () => {
  it('counts each agency’s hunts by the quarter they end in, for the security unit across the province', async () => {
    const q = (await attt.get('/api/hunts/by-quarter?year=2026')).json;
    expect(q.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    const row = (id: number) => q.rows.find((r: { agencyId: number }) => r.agencyId === id);
    const sytQ4 = row(syt).byQuarter[3];
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as total, (count(*) filter (where result = 'threat_found'))::int as threats, (count(*) filter (where incident_id is not null))::int as incidents
          from hunts where agency_id = ${syt} and period_to between '2026-10-01' and '2026-12-31'`,
    );
    expect(sytQ4).toMatchObject({ total: rows[0]!.total, threatFound: rows[0]!.threats, incidents: rows[0]!.incidents });
    expect(sytQ4.incidents).toBeGreaterThanOrEqual(1);
    // Every state agency has a row, with zeros where nothing was hunted; outside organizations have none.
    expect(row(firm)).toBeUndefined();
    expect(q.rows.length).toBeGreaterThan(20);
    expect(q.totals[3].total).toBe(q.rows.reduce((n: number, r: { byQuarter: { total: number }[] }) => n + r.byQuarter[3]!.total, 0));
    // The security unit's hunts of the province's shared systems, every 6 months (Quảng Nam 15/CT-UBND clause 2): the demo's last ended 12/06/2026.
    expect(q.sharedSystems).toMatchObject({
      intervalMonths: 6,
      unit: { name: 'Công an tỉnh Demo' },
      lastCompletedOn: '2026-06-12',
      dueOn: '2026-12-12',
      citation: { vi: 'Khoản 2 Chỉ thị số 15/CT-UBND' },
    });
    expect(q.citations.map((c: { vi: string }) => c.vi)).toEqual([
      'Điểm đ khoản 1 Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023',
      'Khoản 1 Chỉ thị số 15/CT-UBND',
    ]);
  });

  it("gives an agency its subtree's rows only, without the security unit's schedule", async () => {
    const q = (await sytAdmin.get('/api/hunts/by-quarter?year=2026')).json;
    expect(q.rows.map((r: { agencyId: number }) => r.agencyId)).toContain(hospital);
    expect(q.rows.every((r: { agencyId: number }) => r.agencyId !== sgd)).toBe(true);
    expect(q.sharedSystems).toBeNull();
  });

  it('lists one quarter on request', async () => {
    const items = (await attt.get('/api/hunts?quarter=2026-Q2')).json.items as { periodTo: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.periodTo >= '2026-04-01' && i.periodTo <= '2026-06-30')).toBe(true);
    expect((await attt.get('/api/hunts?quarter=2026-Q5')).status).toBe(400);
  });
});
