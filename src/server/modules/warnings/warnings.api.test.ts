import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { systemSchedule } from '../../../shared/assessments/schedule.ts';
import { parametersAt } from '../parameters/index.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/warnings/remediation.ts';

let t: TestApp;
let attt: Client; // the specialized security unit
let officer: Client; // syt.canbo, Sở Y tế
let sytAdmin: Client;
let other: Client; // sgd.canbo, Sở GD&ĐT
let viewer: Client; // lanhdao
let syt: number;
let sgd: number;
const today = todayVn();

const count = async (table: string) => {
  const { rows } = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (rows[0] as { n: number }).n;
};

beforeAll(async () => {
  t = await startTestApp();
  [attt, officer, sytAdmin, other, viewer] = await Promise.all(['attt', 'syt.canbo', 'syt.admin', 'sgd.canbo', 'lanhdao'].map((u) => t.login(u)));
  const all = (await attt.get('/api/agencies')).json() as { id: number; name: string }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
});
afterAll(async () => {
  await t?.close();
});

/** A system of the client's agency with the given software. */
async function system(
  by: Client,
  agencyId: number,
  code: string,
  software: { vendor?: string; product: string; version?: string; cpe?: string }[],
  status = 'in_operation',
) {
  const res = await by.post('/api/systems', { agencyId, code, name: `Hệ thống ${code}`, status });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  expect((await by.put(`/api/systems/${id}/software`, software)).statusCode).toBe(200);
  return id;
}

const warning = (over: Record<string, unknown> = {}) => ({
  source: 'NCSC',
  number: `T-${Math.random().toString(36).slice(2, 8)}`,
  issuedOn: addDays(today, -3),
  title: 'Lỗ hổng kiểm thử trong KhienTestServer',
  severity: 'high',
  cveIds: ['CVE-2099-0001'],
  recommendedAction: 'Nâng cấp lên 2.4.58',
  products: [{ vendor: 'KhienTest', product: 'Test Server', versionRange: '>=2.4.0 <2.4.58' }],
  ...over,
});

describe('recording a warning matches the inventories', () => {
  let ids: Record<string, number>;
  let warningId: number;

  beforeAll(async () => {
    ids = {
      old: await system(officer, syt, 'W-OLD', [{ vendor: 'KhienTest Inc.', product: 'test_server', version: '2.4.6' }]),
      edge: await system(officer, syt, 'W-EDGE', [
        { vendor: 'KhienTest', product: 'Test Server', version: '2.4.57' },
        { vendor: 'Other', product: 'Thing', version: '1' },
      ]),
      fixed: await system(officer, syt, 'W-FIXED', [{ vendor: 'KhienTest', product: 'Test Server', version: '2.4.58' }]),
      unknown: await system(officer, syt, 'W-UNKNOWN', [{ vendor: 'KhienTest', product: 'Test Server' }]),
      retired: await system(officer, syt, 'W-RETIRED', [{ vendor: 'KhienTest', product: 'Test Server', version: '2.4.1' }], 'retired'),
      school: await system(other, sgd, 'W-SGD', [
        { product: 'KhienTest Test Server', version: '2.4.10' },
        { vendor: 'KhienEdu', product: 'Portal', version: '1.0' },
      ]),
    };
  });

  it('creates one item per affected system, in the same transaction, notified', async () => {
    const before = await count('audit_log');
    const res = await attt.post('/api/warnings', warning({ number: 'T-MATCH-1' }));
    expect(res.statusCode, res.body).toBe(201);
    const w = res.json();
    warningId = w.id;
    const systemsHit = w.items.map((i: { systemId: number }) => i.systemId).sort();
    expect(systemsHit).toEqual([ids.old, ids.edge, ids.unknown, ids.school].sort());
    expect(w.items.find((i: { systemId: number }) => i.systemId === ids.unknown).matchedSoftware[0].certainty).toBe('unknown_version');
    expect(w.items.find((i: { systemId: number }) => i.systemId === ids.edge).matchedSoftware).toHaveLength(1);
    expect(w.items.every((i: { notifiedAt: string | null; status: string; dueOn: string }) => i.notifiedAt && i.status === 'open' && i.dueOn === w.dueOn)).toBe(
      true,
    );
    expect(w.progress).toMatchObject({ total: 4, answered: 0, open: 4 });
    expect(await count('audit_log')).toBe(before + 1);
  });

  it('is recorded only by the specialized security unit, once per source and number', async () => {
    expect((await officer.post('/api/warnings', warning())).statusCode).toBe(403);
    expect((await viewer.post('/api/warnings', warning())).statusCode).toBe(403);
    const dup = await attt.post('/api/warnings', warning({ number: 'T-MATCH-1' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('number');
    const bad = await attt.post('/api/warnings', warning({ products: [{ product: 'X', versionRange: 'trước bản vá' }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^products\.0\.versionRange/);
  });

  it('shows each agency only its own items, and the warning only where it has some', async () => {
    const mine = (await officer.get(`/api/warnings/${warningId}`)).json();
    expect(mine.items.map((i: { systemId: number }) => i.systemId).sort()).toEqual([ids.old, ids.edge, ids.unknown].sort());
    expect(mine.byAgency.map((a: { agencyId: number }) => a.agencyId)).toEqual([syt]);
    expect(mine.can.edit).toBe(false);
    const theirs = (await other.get(`/api/warnings/${warningId}`)).json();
    expect(theirs.items.map((i: { systemId: number }) => i.systemId)).toEqual([ids.school]);
    const province = (await attt.get(`/api/warnings/${warningId}`)).json();
    expect(province.byAgency.map((a: { agencyId: number }) => a.agencyId).sort()).toEqual([syt, sgd].sort());

    const sgdOnly = (
      await attt.post('/api/warnings', warning({ number: 'T-SGD-ONLY', products: [{ vendor: 'KhienEdu', product: 'Portal', versionRange: '<=1.0' }] }))
    ).json();
    expect(sgdOnly.items.map((i: { systemId: number }) => i.systemId)).toEqual([ids.school]);
    expect((await officer.get(`/api/warnings/${sgdOnly.id}`)).statusCode).toBe(404);
    expect((await officer.get('/api/warnings?limit=500')).json().items.map((w: { id: number }) => w.id)).not.toContain(sgdOnly.id);
    expect((await viewer.get(`/api/warnings/${sgdOnly.id}`)).statusCode).toBe(200);
  });

  it('lets the owner answer, with what each answer requires, and nobody else', async () => {
    const mine = (await officer.get(`/api/remediation-items?warningId=${warningId}`)).json().items as { id: number; systemId: number }[];
    const item = mine.find((i) => i.systemId === ids.old)!;
    const url = `/api/remediation-items/${item.id}/response`;
    // The answer states a fact: there is no default, a missing one is refused by name.
    expect((await officer.post(url, { response: 'Đã cập nhật bản vá' })).json().error.field).toBe('status');
    expect((await officer.post(url, { status: 'mitigated', response: '' })).json().error.field).toBe('response');
    expect((await officer.post(url, { status: 'not_affected' })).json().error.field).toBe('response');
    expect((await officer.post(url, { status: 'accepted_risk', response: 'Sắp thay thế hệ thống' })).json().error.field).toBe('approvedBy');
    expect((await other.post(url, { status: 'patched' })).statusCode).toBe(404);
    expect((await attt.post(url, { status: 'patched' })).statusCode).toBe(403);
    expect((await viewer.post(url, { status: 'patched' })).statusCode).toBe(403);
    const res = await officer.post(url, { status: 'mitigated', response: 'Chặn truy cập từ Internet bằng tường lửa' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'mitigated', resolvedOn: today, respondedByName: 'Vũ Đức Long', can: { answer: true } });
    const ev = await upload(officer, `/api/remediation-items/${item.id}/evidence`, 'tuong-lua.pdf');
    expect(ev.statusCode, ev.body).toBe(201);
    expect((await other.request({ method: 'POST', url: `/api/remediation-items/${item.id}/evidence` })).statusCode).toBe(404);
    const detail = (await attt.get(`/api/remediation-items/${item.id}`)).json();
    expect(detail.evidence.map((e: { name: string }) => e.name)).toEqual(['tuong-lua.pdf']);
    expect(detail.can.answer).toBe(false);
    const accepted = await sytAdmin.post(`/api/remediation-items/${mine.find((i) => i.systemId === ids.unknown)!.id}/response`, {
      status: 'accepted_risk',
      response: 'Hệ thống sẽ thay thế trong quý I',
      approvedBy: 'Giám đốc Sở Y tế',
    });
    expect(accepted.json()).toMatchObject({ status: 'accepted_risk', approvedBy: 'Giám đốc Sở Y tế' });
  });

  it('shows the province progress per agency', async () => {
    const w = (await attt.get(`/api/warnings/${warningId}`)).json();
    expect(w.byAgency.find((a: { agencyId: number }) => a.agencyId === syt)).toMatchObject({ total: 3, answered: 2, open: 1, overdue: 0 });
    expect(w.byAgency.find((a: { agencyId: number }) => a.agencyId === sgd)).toMatchObject({ total: 1, answered: 0 });
    expect(w.progress).toMatchObject({ total: 4, answered: 2, answeredPercent: 50 });
  });

  it('opens items for systems added later when matched again, never twice', async () => {
    const late = await system(officer, syt, 'W-LATE', [{ vendor: 'KhienTest', product: 'Test Server', version: '2.4.30' }]);
    const first = await attt.post(`/api/warnings/${warningId}/rematch`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBe(1);
    expect(first.json().warning.items.map((i: { systemId: number }) => i.systemId)).toContain(late);
    expect((await attt.post(`/api/warnings/${warningId}/rematch`)).json().created).toBe(0);
    expect((await officer.post(`/api/warnings/${warningId}/rematch`)).statusCode).toBe(403);
  });

  it('moves open items to a new deadline and adds products on edit', async () => {
    const past = addDays(today, -1);
    const res = await attt.patch(`/api/warnings/${warningId}`, {
      deadline: past,
      products: [
        { vendor: 'KhienTest', product: 'Test Server', versionRange: '>=2.4.0 <2.4.58' },
        { vendor: 'KhienTest', product: 'Test Server', versionRange: '2.4.58' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.items.map((i: { systemId: number }) => i.systemId)).toContain(ids.fixed);
    const open = w.items.filter((i: { status: string }) => i.status === 'open');
    expect(open.every((i: { dueOn: string; overdue: boolean }) => i.dueOn === past && i.overdue)).toBe(true);
    expect(w.items.filter((i: { status: string; dueOn: string }) => i.status !== 'open').every((i: { dueOn: string }) => i.dueOn !== past)).toBe(true);
    expect(w.progress.overdue).toBe(open.length);
    const overdue = (await officer.get('/api/remediation-items?overdue=true&limit=500')).json();
    expect(overdue.items.filter((i: { warningId: number }) => i.warningId === warningId).length).toBe(
      open.filter((i: { agencyId: number }) => i.agencyId === syt).length,
    );
    expect(overdue.items.every((i: { overdue: boolean; agencyId: number }) => i.overdue)).toBe(true);
  });
});

describe('the warnings feed', () => {
  it('imports a CSV feed, then skips what it already has', async () => {
    const file = readFileSync('tests/fixtures/warnings-feed.csv');
    const res = await upload(attt, '/api/warnings/import', 'canh-bao.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, skipped: 0 });
    expect(res.json().items).toBeGreaterThan(0);
    const list = (await attt.get('/api/warnings?q=FEED-0102')).json().items;
    expect(list).toHaveLength(1);
    const fortios = (await attt.get(`/api/warnings/${list[0].id}`)).json();
    expect(fortios).toMatchObject({ severity: 'critical', issuedOn: '2026-10-20', cveIds: ['CVE-2024-21762'] });
    expect(fortios.products.map((p: { product: string; versionRange: string }) => `${p.product} ${p.versionRange}`)).toEqual([
      'FortiOS 7.2.0 - 7.2.6 || 7.0.0 - 7.0.13',
      'FortiProxy 7.4.0 - 7.4.2',
    ]);
    expect(fortios.items.length).toBeGreaterThan(0); // the provincial SOC runs FortiOS 7.2.5
    const again = await upload(attt, '/api/warnings/import', 'canh-bao.csv', file);
    expect(again.json()).toEqual({ format: 'khien_csv', created: 0, skipped: 2, ignored: 0, items: 0, knownExploited: 0 });
  });

  it('imports a JSON feed with dd/MM/yyyy dates and CPE products', async () => {
    const res = await upload(attt, '/api/warnings/import', 'canh-bao.json', readFileSync('tests/fixtures/warnings-feed.json'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(2);
    const win = (await attt.get('/api/warnings?q=FEED-0202')).json().items[0];
    const detail = (await attt.get(`/api/warnings/${win.id}`)).json();
    expect(detail.issuedOn).toBe('2026-11-05');
    expect(detail.items.length).toBeGreaterThan(0); // hospitals run Windows Server 2012 R2
    expect(detail.items.every((i: { matchedSoftware: { version: string }[] }) => i.matchedSoftware.some((s) => s.version === '2012 R2'))).toBe(true);
  });

  it('refuses a feed with a bad row as a whole and lists every bad row', async () => {
    const before = await count('warnings');
    const csv = Buffer.from(
      'source,number,issuedOn,title,severity,products\nNCSC,BAD-1,2026-11-01,Cảnh báo hợp lệ,cao,nginx|nginx|<1.25.3\n' +
        'NCSC,BAD-2,31/02/2026,Ngày sai,cao,nginx|nginx|<1.25.3\nNCSC,BAD-3,2026-11-01,Phạm vi phiên bản sai,cao,nginx|nginx|trước bản vá\n',
    );
    const res = await upload(attt, '/api/warnings/import', 'x.csv', csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { row: number; field: string }) => [d.row, d.field.split('.')[0]])).toEqual([
      [3, 'issuedOn'],
      [4, 'products'],
    ]);
    expect(await count('warnings')).toBe(before);
  });

  it('reads a Windows-1252 export, and answers a clear 400 for unreadable files and 403 for agencies', async () => {
    const latin1 = Buffer.from('source,number,issuedOn,title,severity,products\nNCSC,ENC-1,2026-11-01,Caf\xe9 WiFi portal,cao,nginx\n', 'latin1');
    const enc = await upload(attt, '/api/warnings/import', 'x.csv', latin1);
    expect(enc.statusCode, enc.body).toBe(200);
    expect((await attt.get('/api/warnings?q=ENC-1')).json().items[0].title).toBe('Café WiFi portal');
    const binary = await upload(attt, '/api/warnings/import', 'x.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(binary.json().error).toMatchObject({ code: 'bad_file', messageVi: 'Đây không phải tệp văn bản' });
    const json = await upload(attt, '/api/warnings/import', 'x.json', Buffer.from('{"warnings": [ {"source": "NCSC",'));
    expect(json.statusCode).toBe(400);
    expect((await upload(attt, '/api/warnings/import', 'x.csv', Buffer.from('title,severity\nA,cao\n'))).json().error.message).toContain('Missing column');
    expect((await upload(officer, '/api/warnings/import', 'canh-bao.csv', readFileSync('tests/fixtures/warnings-feed.csv'))).statusCode).toBe(403);
  });
});

describe('facts and statistics for the dashboard', () => {
  it('computes in SQL the same schedule as the shared rule, for every system', async () => {
    const { items, total } = (await attt.get('/api/warnings/system-facts?limit=500')).json();
    expect(items.length).toBe(total);
    expect(total).toBeGreaterThan(50);
    const { rows } = await t.database.db.execute(sql`select id, go_live_on::text as "goLiveOn" from systems`);
    // The rule reads the province's parameters as the SQL does: the periods in the database.
    const params = await parametersAt(t.database.db, today);
    const goLive = new Map((rows as { id: number; goLiveOn: string | null }[]).map((r) => [Number(r.id), r.goLiveOn]));
    for (const s of items) {
      const rule = systemSchedule(
        { status: s.status, level: s.level, goLiveOn: goLive.get(s.systemId) ?? null, lastScanOn: s.lastScanOn, lastAssessedOn: s.lastAssessedOn },
        params,
      );
      expect({
        id: s.systemId,
        nextScanDue: s.nextScanDue,
        scannedWithin6Months: s.scannedWithin6Months,
        scanOverdue: s.scanOverdue,
        nextAssessmentDue: s.nextAssessmentDue,
        assessmentOverdue: s.assessmentOverdue,
      }).toEqual({ id: s.systemId, ...rule });
    }
  });

  it('has demo data for every indicator', async () => {
    const s = (await attt.get('/api/warnings/stats')).json();
    expect(s.items.answered).toBeGreaterThan(0);
    expect(s.items.open).toBeGreaterThan(0);
    expect(s.items.overdue).toBeGreaterThan(0);
    expect(s.systems.scannedWithin6Months).toBeGreaterThan(0);
    expect(s.systems.scanOverdue).toBeGreaterThan(0);
    expect(s.systems.assessmentOverdue).toBeGreaterThan(0);
    expect(s.systems.withAssessmentSchedule).toBeGreaterThan(s.systems.assessmentOverdue);
    expect(Object.values(s.openFindings).every((n) => (n as number) > 0)).toBe(true);
    expect(s.inspectionTasks.open).toBeGreaterThan(0);
    expect(s.inspectionTasks.overdue).toBeGreaterThan(0);
  });

  it("agrees with the per-system facts and narrows to an agency's subtree within scope", async () => {
    const stats = (await officer.get(`/api/warnings/stats?agencyId=${syt}`)).json();
    const facts = (await officer.get(`/api/warnings/system-facts?agencyId=${syt}&limit=500`)).json().items as {
      status: string;
      scannedWithin6Months: boolean;
      assessmentOverdue: boolean;
      agencyId: number;
    }[];
    const operating = facts.filter((f) => f.status === 'in_operation');
    expect(stats.systems.inOperation).toBe(operating.length);
    expect(stats.systems.scannedWithin6Months).toBe(operating.filter((f) => f.scannedWithin6Months).length);
    expect(stats.systems.assessmentOverdue).toBe(facts.filter((f) => f.assessmentOverdue).length);
    expect((await officer.get(`/api/warnings/stats?agencyId=${sgd}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/warnings/system-facts?agencyId=${sgd}`)).statusCode).toBe(404);
    const own = (await officer.get('/api/warnings/system-facts?limit=500')).json().items as { agencyId: number }[];
    const sytTree = new Set(((await officer.get('/api/agencies')).json() as { id: number; external: boolean }[]).filter((a) => !a.external).map((a) => a.id));
    expect(own.every((f) => sytTree.has(f.agencyId))).toBe(true);
    const overdue = (await attt.get('/api/warnings/system-facts?assessmentOverdue=true&limit=500')).json();
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((f: { assessmentOverdue: boolean }) => f.assessmentOverdue)).toBe(true);
  });
});
