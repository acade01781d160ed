import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { periodOf } from '../../../shared/indicators/rules.ts';
import { Dashboard } from '../../../shared/indicators/schemas.ts';
import { agencyIndicators, apiTokens, itBudgets } from './schema.ts';
import { todayVn } from '../../../shared/core/dates.ts';

let t: TestApp;
let admin: Client, viewer: Client, officer: Client, sytAdmin: Client, other: Client;
let syt: number, sgd: number, root: number;
const PERIOD = periodOf(todayVn());

type Value = { id: string; num: number; den: number; percent: number | null; rag: string; deadline?: string | null };
const value = (vs: Value[], id: string) => vs.find((v) => v.id === id)!;

const report = {
  servers: 10,
  workstations: 90,
  protectedEndpoints: 80,
  staffTotal: 100,
  staffTrained: 60,
  trainingSessions: 2,
  layerOnsite: true,
  layerMonitoring: false,
  layerAssessor: false,
  layerNational: true,
  cleanCyberspace: true,
  pdpSelfAssessment: false,
};

beforeAll(async () => {
  t = await startTestApp();
  [admin, viewer, officer, sytAdmin, other] = await Promise.all(['admin', 'lanhdao', 'syt.canbo', 'syt.admin', 'sgd.canbo'].map((u) => t.login(u)));
  const all = (await admin.get('/api/agencies')).json() as { id: number; name: string; parentId: number | null; external: boolean }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  root = all.find((a) => !a.parentId && !a.external)!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('dashboard', () => {
  it('shows a viewer the province with system figures equal to the database', async () => {
    const res = await viewer.get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    // The cached bytes are sent as they are, not through the response schema: the document must still be exactly it.
    expect(Dashboard.parse(d)).toEqual(d);
    expect(d.agency.id).toBe(root);
    expect(d.period).toBe(PERIOD);
    const { rows } = await t.database.db.execute(sql`select count(*)::int as total, count(*) filter (where approved_level is not null)::int as approved
      from systems where status <> 'retired'`);
    const expected = rows[0] as { total: number; approved: number };
    expect(value(d.values, 'approvedLevel')).toMatchObject({ num: expected.approved, den: expected.total });
    expect(d.children.length).toBeGreaterThan(5);
    // Children's subtrees add up to the province (the root agency's own systems aside).
    const childSum = d.children.reduce((s: number, c: { values: Value[] }) => s + value(c.values, 'approvedLevel').den, 0);
    const own = value(d.ownValues, 'approvedLevel').den;
    expect(childSum + own).toBe(expected.total);
    expect(d.ranking[0].rank).toBe(1);
    expect(
      d.ranking.every((r: { score: number | null }, i: number, a: { score: number | null }[]) => i === 0 || (a[i - 1]!.score ?? -1) >= (r.score ?? -1)),
    ).toBe(true);
    expect(d.trend).toHaveLength(8);
    expect(d.tiers.map((x: { tier: string }) => x.tier)).toContain('provincial');
  });

  it('limits an agency to its own subtree', async () => {
    const own = await officer.get('/api/dashboard');
    expect(own.json().agency.id).toBe(syt);
    expect(own.json().ranking.every((r: { agency: { id: number } }) => r.agency.id !== sgd)).toBe(true);
    expect((await officer.get(`/api/dashboard?agencyId=${sgd}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/dashboard?agencyId=${root}`)).statusCode).toBe(404);
    expect((await officer.get('/api/dashboard?period=2026-Q5')).statusCode).toBe(400);
  });

  it("exports the dashboard tables as XLSX with the same figures, typed, in the reader's language", async () => {
    const d = (await viewer.get('/api/dashboard')).json();
    const res = await viewer.get('/api/dashboard/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Đơn vị trực thuộc', 'Theo cấp', 'Xếp hạng', 'Xu hướng', 'Quá hạn, còn thiếu']);
    const main = wb.getWorksheet('Chỉ tiêu')!;
    expect(String(main.getCell('A2').value)).toMatch(new RegExp(`^Phạm vi: ${d.agency.name}, Quý \\d/\\d{4} — lập lúc`));
    expect((main.getRow(3).values as string[]).slice(1)).toEqual(['Chỉ tiêu', 'Số đạt', 'Tổng số', 'Tỷ lệ', 'Mục tiêu', 'Đánh giá', 'Căn cứ']);
    expect(main.getRow(4).hidden).toBe(true);
    const approved = value(d.values, 'approvedLevel');
    const row = main.getRow(6);
    expect(row.getCell(2)).toMatchObject({ value: approved.num, numFmt: '#,##0' });
    expect(row.getCell(3).value).toBe(approved.den);
    if (approved.percent === null) expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Null);
    else expect(row.getCell(4).value).toBeCloseTo(approved.percent / 100, 10);
    expect(row.getCell(5)).toMatchObject({ value: 1, numFmt: '0.0%' });
    // Approved levels have no deadline: "quá hạn" is said only of an indicator that has one.
    expect(approved.deadline).toBeNull();
    expect(row.getCell(6).value).toBe({ green: 'Đạt', amber: 'Chưa đạt', red: 'Không đạt', none: 'Chưa có số liệu' }[approved.rag]);
    const ranking = wb.getWorksheet('Xếp hạng')!;
    expect(ranking.rowCount).toBe(d.ranking.length + 4);
    expect(ranking.getCell('D5').value).toBe(d.ranking[0].reported ? 'Có' : 'Chưa');
    expect(String(wb.getWorksheet('Xu hướng')!.getCell('A5').value)).toMatch(/^Quý [1-4]\/\d{4}$/);
    // No code anywhere a person reads (the hidden row 4 holds them for programs).
    for (const ws of wb.worksheets) {
      ws.eachRow((r, n) => {
        if (n === 4) return;
        for (const v of (r.values as unknown[]).slice(1))
          expect(String(v)).not.toMatch(/^(green|amber|red|none|approvedLevel|provincial|\d{4}-Q\d|true|false)$/);
      });
    }

    expect((await viewer.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
    try {
      const en = new ExcelJS.Workbook();
      await en.xlsx.load((await viewer.get('/api/dashboard/export')).rawPayload as unknown as ArrayBuffer);
      expect(en.worksheets.map((w) => w.name)).toEqual(['Indicators', 'Sub-units', 'By tier', 'Ranking', 'Trend', 'Overdue and missing']);
      const sheet = en.getWorksheet('Indicators')!;
      expect(sheet.getCell('A6').value).toBe('Systems with an approved level');
      expect(sheet.getCell('F6').value).toBe({ green: 'Met', amber: 'Not met', red: 'Not met', none: 'No data' }[approved.rag]);
      expect(String(en.getWorksheet('Trend')!.getCell('A5').value)).toMatch(/^Q[1-4] \d{4}$/);
    } finally {
      await viewer.put('/api/auth/locale', { locale: 'vi' });
    }
  });
});

describe('agency reports', () => {
  it('saves a quarter report for the own agency and the dashboard follows', async () => {
    const res = await officer.put(`/api/agencies/${syt}/indicators/${PERIOD}`, report);
    expect(res.statusCode, res.body).toBe(200);
    // The answer is the stored row, every column of it.
    const [row] = await t.database.db
      .select()
      .from(agencyIndicators)
      .where(and(eq(agencyIndicators.agencyId, syt), eq(agencyIndicators.period, PERIOD)));
    const stored = { ...row!, updatedAt: row!.updatedAt.toISOString() };
    expect(res.json()).toEqual(stored);
    const d = (await officer.get(`/api/dashboard?agencyId=${syt}`)).json();
    expect(value(d.ownValues, 'antimalware')).toMatchObject({ num: 80, den: 100, percent: 80, rag: 'red' });
    expect(value(d.ownValues, 'training')).toMatchObject({ num: 60, den: 100, percent: 60 });
    expect(value(d.ownValues, 'fourLayers')).toMatchObject({ num: 0, den: 1 });
    const history = (await officer.get(`/api/agencies/${syt}/indicators`)).json();
    expect(history[0]).toEqual(stored);
  });

  it('serves a built dashboard again until the next change, then rebuilds it', async () => {
    const url = `/api/dashboard?agencyId=${syt}`;
    expect(value((await officer.get(url)).json().ownValues, 'training').num).toBe(60);
    // A change made behind the application's back writes no audit entry: the cached document is served.
    await t.database.db.execute(sql`update agency_indicators set staff_trained = 10 where agency_id = ${syt} and period = ${PERIOD}`);
    expect(value((await officer.get(url)).json().ownValues, 'training').num).toBe(60);
    // Any change through the application moves the audit head: the next request sees it.
    expect((await officer.put(`/api/agencies/${syt}/indicators/${PERIOD}`, { ...report, staffTrained: 70 })).statusCode).toBe(200);
    expect(value((await officer.get(url)).json().ownValues, 'training').num).toBe(70);
    expect(value((await viewer.get(url)).json().ownValues, 'training').num).toBe(70);
  });

  it('refuses impossible figures with the field at fault, and other agencies', async () => {
    const bad = await officer.put(`/api/agencies/${syt}/indicators/${PERIOD}`, { ...report, protectedEndpoints: 101 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'protectedEndpoints', messageVi: expect.any(String), message: expect.any(String) });
    expect((await officer.put(`/api/agencies/${syt}/indicators/2026-13`, report)).statusCode).toBe(400);
    expect((await officer.put(`/api/agencies/${sgd}/indicators/${PERIOD}`, report)).statusCode).toBe(404);
    expect((await viewer.put(`/api/agencies/${syt}/indicators/${PERIOD}`, report)).statusCode).toBe(403);
    expect((await other.get(`/api/agencies/${syt}/indicators`)).statusCode).toBe(404);
  });

  it('flags IT budgets under 10% for security', async () => {
    const year = Number(PERIOD.slice(0, 4));
    const under = await officer.post(`/api/agencies/${syt}/budgets`, {
      year,
      name: 'Dự án kiểm thử dưới mức',
      kind: 'project',
      totalAmount: 1_000_000_000,
      securityAmount: 50_000_000,
    });
    expect(under.statusCode, under.body).toBe(201);
    const [row] = await t.database.db.select().from(itBudgets).where(eq(itBudgets.id, under.json().id));
    const line = { ...row!, createdAt: row!.createdAt.toISOString() };
    expect(under.json()).toEqual(line);
    const edited = await officer.request({
      method: 'PUT',
      url: `/api/budgets/${line.id}`,
      payload: { year, name: line.name, kind: 'project', totalAmount: 1_000_000_000, securityAmount: 50_000_000, note: 'Đã rà soát' },
    });
    expect(edited.json()).toEqual({ ...line, note: 'Đã rà soát' });
    expect(
      (await officer.post(`/api/agencies/${syt}/budgets`, { year, name: 'Sai số liệu', kind: 'plan', totalAmount: 100, securityAmount: 200 })).json().error
        .field,
    ).toBe('securityAmount');
    const list = (await officer.get(`/api/agencies/${syt}/budgets?year=${year}`)).json();
    expect(list.find((b: { name: string }) => b.name === 'Dự án kiểm thử dưới mức')).toEqual({
      ...line,
      note: 'Đã rà soát',
      securityShare: 5,
      underTarget: true,
    });
    const d = (await officer.get('/api/dashboard')).json();
    expect(d.overdue.budgetsUnder10.map((b: { name: string }) => b.name)).toContain('Dự án kiểm thử dưới mức');
    expect((await other.request({ method: 'DELETE', url: `/api/budgets/${under.json().id}` })).statusCode).toBe(404);
    expect((await officer.request({ method: 'DELETE', url: `/api/budgets/${under.json().id}` })).statusCode).toBe(204);
  });
});

describe('ingest API', () => {
  let token = '';
  const push = (body: unknown, auth = token, type = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/ingest/endpoints',
      headers: { authorization: `Bearer ${auth}`, 'content-type': type },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const machines = (n: number, prefix = 'pc') =>
    Array.from({ length: n }, (_, i) => ({ hostname: `${prefix}-${i}.syt.local`, os: 'Windows 11', agentVersion: '12.3', lastSeen: new Date().toISOString() }));

  it('issues tokens to agency admins only and shows the secret once', async () => {
    expect((await officer.post(`/api/agencies/${syt}/api-tokens`, { name: 'Console' })).statusCode).toBe(403);
    expect((await sytAdmin.post(`/api/agencies/${sgd}/api-tokens`, { name: 'Console' })).statusCode).toBe(404);
    const res = await sytAdmin.post(`/api/agencies/${syt}/api-tokens`, { name: 'Kaspersky Security Center' });
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json())).toEqual(['id', 'name', 'token']);
    token = res.json().token;
    expect(token).toMatch(/^khien_/);
    const list = (await sytAdmin.get(`/api/agencies/${syt}/api-tokens`)).body;
    expect(list).toContain('Kaspersky Security Center');
    expect(list).not.toContain(token);
  });

  it('refuses wrong, missing and cookie-only credentials', async () => {
    expect((await push({ endpoints: machines(1) }, 'khien_wrong')).statusCode).toBe(401);
    expect((await push({ endpoints: machines(1) }, '')).statusCode).toBe(401);
    expect((await officer.post('/api/ingest/endpoints', { endpoints: machines(1) })).statusCode).toBe(401);
  });

  it('upserts idempotently and updates the protected count of the quarter', async () => {
    const first = await push({ endpoints: machines(250) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ received: 250, upserted: 250, protectedEndpoints: 250, period: PERIOD });
    const again = await push({ endpoints: machines(250) });
    expect(again.json().protectedEndpoints).toBe(250);
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from endpoints where agency_id = ${syt}`);
    expect((rows[0] as { n: number }).n).toBe(250);
  });

  it('takes two consoles pushing overlapping machines at once: both succeed, each machine once, the newest sighting kept', async () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    const [a, b] = await Promise.all([
      push({ endpoints: machines(300, 'both') }),
      push({
        endpoints: machines(300, 'both')
          .slice(100)
          .map((m) => ({ ...m, os: 'Windows 10', lastSeen: later })),
      }),
    ]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n, count(*) filter (where last_seen_at = ${later}::timestamptz)::int as newest
      from endpoints where agency_id = ${syt} and hostname like 'both-%'`);
    expect(rows[0]).toEqual({ n: 300, newest: 200 });
  });

  it('accepts CSV and rejects a batch with a bad row without saving any of it', async () => {
    const csv = 'hostname,os,agent_version,last_seen\nsrv-1.syt.local,Ubuntu 22.04,12.3,2026-11-01T08:00:00+07:00\nsrv-2.syt.local,Windows Server 2019,12.3,\n';
    const ok = await push(csv, token, 'text/csv');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().upserted).toBe(2);
    const bad = await push({ endpoints: [...machines(3, 'new'), { hostname: '', os: 'x' }, { hostname: 'h', lastSeen: 'yesterday' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { row: number }) => d.row)).toEqual([4, 5]);
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from endpoints where hostname like 'new-%'`);
    expect((rows[0] as { n: number }).n).toBe(0);
    expect((await push({ endpoints: [] })).statusCode).toBe(400);
    expect((await push('os\nWindows', token, 'text/csv')).json().error.details[0].field).toBe('hostname');
  });

  it('takes pushed totals for the current quarter, the protected count capped at the machines', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/ingest/counts',
      headers: { authorization: `Bearer ${token}` },
      payload: { servers: 4, workstations: 6, protectedEndpoints: 12, product: 'Kaspersky Endpoint Security' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ period: PERIOD, servers: 4, workstations: 6, protectedEndpoints: 10 });
    const [row] = await t.database.db
      .select()
      .from(agencyIndicators)
      .where(and(eq(agencyIndicators.agencyId, syt), eq(agencyIndicators.period, PERIOD)));
    expect(row).toMatchObject({
      servers: 4,
      workstations: 6,
      protectedEndpoints: 10,
      endpointsSource: 'ingest',
      antimalwareProduct: 'Kaspersky Endpoint Security',
    });
  });

  it('stops accepting a revoked token', async () => {
    const tokens = (await sytAdmin.get(`/api/agencies/${syt}/api-tokens`)).json();
    const rows = await t.database.db
      .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.agencyId, syt));
    expect(tokens).toEqual(
      rows
        .sort((a, b) => b.id - a.id)
        .map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
          revokedAt: null,
        })),
    );
    expect((await sytAdmin.delete(`/api/api-tokens/${tokens[0].id}`)).statusCode).toBe(204);
    expect((await push({ endpoints: machines(1) })).statusCode).toBe(401);
  });
});

describe('several provinces on one platform', () => {
  it('opens the whole country for platform-wide roles, with the provinces as its units; others keep their own', async () => {
    // A province's platform refuses a second top-level agency; a national one is loaded in bulk (bench/generate.ts).
    const { rows } = await t.database.db.execute(
      sql`insert into agencies (name, kind, path) values ('Ủy ban nhân dân tỉnh Thử nghiệm', 'province_committee', '/') returning id`,
    );
    const second = (rows[0] as { id: number }).id;
    await t.database.db.execute(sql`update agencies set path = ${`/${second}/`} where id = ${second}`);
    try {
      const d = (await admin.get('/api/dashboard')).json();
      expect(Dashboard.parse(d)).toEqual(d);
      expect(d.agency).toMatchObject({ id: 0, kind: 'national' });
      expect(d.ownValues).toBeNull();
      expect(d.children.map((c: { agency: { id: number } }) => c.agency.id).sort()).toEqual([root, second].sort());
      // The country's systems are the provinces' systems.
      const province = (await admin.get(`/api/dashboard?agencyId=${root}`)).json();
      expect(value(d.values, 'approvedLevel').den).toBe(value(province.values, 'approvedLevel').den);
      expect(d.rankingTotal).toBe(province.rankingTotal + 1);
      expect((await viewer.get('/api/dashboard')).json().agency.id).toBe(root);
      expect((await officer.get('/api/dashboard')).json().agency.id).toBe(syt);
      const xlsx = await admin.get('/api/dashboard/export');
      expect(xlsx.statusCode).toBe(200);
    } finally {
      await t.database.db.execute(sql`update agencies set active = false where id = ${second}`);
    }
    expect((await admin.get('/api/dashboard')).json().agency.id).toBe(root);
  });
});
