import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/incidents/readiness.ts';

let t: TestApp;
let admin: Client;
let attt: Client;
let officer: Client;

type Period = { value: string; effectiveFrom: string; effectiveUntil: string | null; reference: string; createdByName: string | null };
type Listed = { key: string; current: Period | null; periods: Period[] };
const listed = async (c: Client, key: string) => ((await c.get('/api/province-parameters')).json().parameters as Listed[]).find((p) => p.key === key)!;

beforeAll(async () => {
  t = await startTestApp();
  [admin, attt, officer] = await Promise.all(['admin', 'attt', 'syt.canbo'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t?.close();
});

describe('province parameters', () => {
  it('lists every parameter with the period in effect and the clause it comes from, for any signed-in user', async () => {
    const res = await officer.get('/api/province-parameters');
    expect(res.statusCode).toBe(200);
    expect(res.json().can).toEqual({ edit: false });
    const inspections = await listed(officer, 'inspections.perYear');
    expect(inspections.current).toMatchObject({ value: '2', effectiveUntil: null });
    expect(inspections.current!.reference).toMatch(/^Điểm b khoản 2 .*Vĩnh Phúc/);
    expect((await admin.get('/api/province-parameters')).json().can).toEqual({ edit: true });
  });

  it('changes a value by adding a period from a day on, keeping the past, audited; the dashboard reads it', async () => {
    const from = addDays(todayVn(), 30);
    const res = await admin.post('/api/province-parameters/inspections.perYear/periods', {
      value: '1',
      effectiveFrom: from,
      instrument: 'thanh-hoa-letter-2024',
      clause: 2,
      point: 'b',
      note: 'Theo mô hình Thanh Hóa',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ key: 'inspections.perYear', value: '1', effectiveFrom: from, effectiveUntil: null });
    const after = await listed(admin, 'inspections.perYear');
    expect(after.periods.map((p) => [p.value, p.effectiveFrom, p.effectiveUntil])).toEqual([
      ['1', from, null],
      ['2', '2023-06-01', from],
    ]);
    expect(after.periods[0]!.createdByName).toBe('Trần Quốc Bảo');
    // Still 2 today: the new value applies from its first day.
    expect(after.current!.value).toBe('2');
    expect((await attt.get('/api/dashboard')).json().inspections).toMatchObject({ target: 2 });
    const { rows } = await t.database.db.execute(
      sql`select action, before, after from audit_log where entity = 'province_parameter' and entity_id = 'inspections.perYear'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'add_period', before: { value: '2', effectiveUntil: null }, after: { value: '1', effectiveFrom: from } });

    // A second period on or before the last one's start would rewrite it: refused.
    const again = await admin.post('/api/province-parameters/inspections.perYear/periods', {
      value: '3',
      effectiveFrom: from,
      instrument: 'vinh-phuc-directive-2023',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe('effectiveFrom');
  });

  it('takes a new value in effect from today: the dashboard target follows at once', async () => {
    const today = todayVn();
    expect(
      (await admin.post('/api/province-parameters/budget.securitySharePercent/periods', { value: '12', effectiveFrom: today, instrument: 'directive-14-2019' }))
        .statusCode,
    ).toBe(201);
    const budget = (await attt.get('/api/dashboard')).json().values.find((v: { id: string }) => v.id === 'budget');
    expect(budget.target).toBe(12);
    expect((await listed(attt, 'budget.securitySharePercent')).current!.value).toBe('12');
  });

  it('refuses the past, bad values, unknown instruments with the field; unknown keys 404; others 403', async () => {
    const post = (c: Client, key: string, body: Record<string, unknown>) => c.post(`/api/province-parameters/${key}/periods`, body);
    const ok = { value: '6', effectiveFrom: addDays(todayVn(), 10), instrument: 'quang-nam-directive-15-2022', clause: 1 };
    const past = await post(admin, 'scan.intervalMonths', { ...ok, effectiveFrom: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({ field: 'effectiveFrom', messageVi: expect.stringMatching(/không sửa quá khứ/) });
    expect((await post(admin, 'scan.intervalMonths', { ...ok, value: 'sáu' })).json().error.field).toBe('value');
    expect((await post(admin, 'antimalware.deadline.local', { ...ok, value: '31/12/2025' })).json().error.field).toBe('value');
    expect((await post(admin, 'scan.intervalMonths', { ...ok, instrument: 'khong-co' })).json().error.field).toBe('instrument');
    expect((await post(admin, 'no.such.key', ok)).statusCode).toBe(404);
    expect((await post(attt, 'scan.intervalMonths', ok)).statusCode).toBe(403);
    expect((await post(officer, 'scan.intervalMonths', ok)).statusCode).toBe(403);
    expect((await listed(admin, 'scan.intervalMonths')).periods).toHaveLength(1);
  });
});
