import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';

/** The link of each agency to the provincial security operations centre (Thanh Hóa 1.d), the 4th layer's evidence. */

let t: TestApp;
let dataDir: string;
let admin: Client, attt: Client, viewer: Client, officer: Client, sytAdmin: Client, other: Client;
let syt: number, sgd: number, hospital: number, telecom: number;
type Agency = { id: number; name: string; parentId: number | null; external: boolean; kind: string };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-soc-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [admin, attt, viewer, officer, sytAdmin, other] = await Promise.all(
    ['admin', 'attt', 'lanhdao', 'syt.canbo', 'syt.admin', 'sgd.canbo'].map((u) => t.login(u)),
  );
  const all = (await admin.get('/api/agencies')).json() as Agency[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  hospital = all.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')!.id;
  telecom = all.find((a) => a.kind === 'telecom')!.id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const link = { connectedOn: '2025-03-01', scope: 'Nhật ký tường lửa và cổng thông tin điện tử của Sở' };

describe('recording the link', () => {
  it('lets the agency officer record its own link, with one audit entry, and answers it with can.record', async () => {
    const before = await officer.get(`/api/agencies/${syt}/soc-connection`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().can.record).toBe(true);
    const entries = async () => Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log where entity = 'soc_connection'`)).rows[0]!.n);
    const n = await entries();
    const res = await officer.put(`/api/agencies/${syt}/soc-connection`, link);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().connection).toMatchObject({ agencyId: syt, connectedOn: '2025-03-01', disconnectedOn: null, note: null });
    expect(await entries()).toBe(n + 1);
  });

  it('replaces the record (one row per agency) and keeps the stop date', async () => {
    const res = await officer.put(`/api/agencies/${syt}/soc-connection`, { ...link, disconnectedOn: '2026-11-02', note: 'Thay tường lửa' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().connection).toMatchObject({ disconnectedOn: '2026-11-02', note: 'Thay tường lửa' });
    const { rows } = await t.database.db.execute(sql`select count(*)::int as n from soc_connections where agency_id = ${syt}`);
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('attaches evidence to the link', async () => {
    const res = await upload(officer, `/api/agencies/${syt}/soc-connection/evidence`, 'bien-ban-ket-noi.pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().connection.evidence.map((f: { name: string }) => f.name)).toEqual(['bien-ban-ket-noi.pdf']);
  });

  it('refuses evidence before a link exists (404) and files that are not documents (415)', async () => {
    const none = await upload(admin, `/api/agencies/${hospital}/soc-connection/evidence`, 'x.pdf');
    expect(none.statusCode, none.body).toBe(404);
    const exe = await upload(officer, `/api/agencies/${syt}/soc-connection/evidence`, 'x.exe', Buffer.from('MZ\x90\x00 not a document'));
    expect(exe.statusCode, exe.body).toBe(415);
  });

  it('refuses a stop before the start, impossible dates and a missing scope, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...link, disconnectedOn: '2025-02-01' }, 'disconnectedOn'],
      [{ ...link, connectedOn: '2025-02-30' }, 'connectedOn'],
      [{ connectedOn: '2025-03-01', scope: '' }, 'scope'],
      [{ scope: 'Nhật ký' }, 'connectedOn'],
    ];
    for (const [body, field] of cases) {
      const res = await officer.put(`/api/agencies/${syt}/soc-connection`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.messageVi).toBeTruthy();
    }
  });

  it('lets the security unit record any agency, and refuses the viewer (403) and outside organizations (404)', async () => {
    const unit = await attt.put(`/api/agencies/${hospital}/soc-connection`, { ...link, scope: 'Nhật ký máy chủ HIS' });
    expect(unit.statusCode, unit.body).toBe(200);
    const ro = await viewer.get(`/api/agencies/${hospital}/soc-connection`);
    expect(ro.json().can.record).toBe(false);
    expect((await viewer.put(`/api/agencies/${hospital}/soc-connection`, link)).statusCode).toBe(403);
    expect((await admin.get(`/api/agencies/${telecom}/soc-connection`)).statusCode).toBe(404);
    expect((await admin.put(`/api/agencies/${telecom}/soc-connection`, link)).statusCode).toBe(404);
  });
});

describe('isolation', () => {
  it('hides and protects another agency’s link: 404 for reading, writing and attaching', async () => {
    await admin.put(`/api/agencies/${sgd}/soc-connection`, { ...link, scope: 'Nhật ký của Sở Giáo dục' });
    for (const c of [officer, sytAdmin]) {
      expect((await c.get(`/api/agencies/${sgd}/soc-connection`)).statusCode).toBe(404);
      expect((await c.put(`/api/agencies/${sgd}/soc-connection`, link)).statusCode).toBe(404);
      expect((await upload(c, `/api/agencies/${sgd}/soc-connection/evidence`, 'x.pdf')).statusCode).toBe(404);
    }
    const list = (await other.get('/api/soc-connections')).json();
    expect(list.items.map((i: { agency: { id: number } }) => i.agency.id)).not.toContain(syt);
  });
});

describe("the province's view", () => {
  it('lists every active state agency for the province, counts the connected ones, leaves out outside organizations', async () => {
    const res = await viewer.get('/api/soc-connections');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from agencies a join agency_kinds k on k.code = a.kind where a.active and not k.external`,
    );
    expect(d.total).toBe((rows[0] as { n: number }).n);
    expect(d.items.some((i: { agency: { id: number } }) => i.agency.id === telecom)).toBe(false);
    expect(d.connected).toBe(d.items.filter((i: { connected: boolean }) => i.connected).length);
    expect(d.connected).toBeGreaterThan(0);
    // Sở Y tế's link stopped on 2026-11-02 (recorded above): not connected after that day.
    const own = d.items.find((i: { agency: { id: number } }) => i.agency.id === syt);
    expect(own).toMatchObject({ connectedOn: '2025-03-01', disconnectedOn: '2026-11-02', evidenceCount: 1 });
    expect(d.citations[0].vi).toBe('Điểm d khoản 1 Công văn của UBND tỉnh Thanh Hóa năm 2024');
  });

  it("narrows to an agency's subtree, and an agency officer sees only their own subtree", async () => {
    const under = (await admin.get(`/api/soc-connections?agencyId=${syt}`)).json();
    expect(under.items.map((i: { agency: { id: number } }) => i.agency.id)).toEqual(expect.arrayContaining([syt, hospital]));
    expect(under.items.some((i: { agency: { id: number } }) => i.agency.id === sgd)).toBe(false);
    expect((await officer.get(`/api/soc-connections?agencyId=${sgd}`)).statusCode).toBe(404);
  });
});
