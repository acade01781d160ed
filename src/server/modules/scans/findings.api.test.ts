import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { uploadWithFields } from '../../../../tests/support/multipart-fields.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { MAX_BULK_FINDINGS } from '../../../shared/warnings/schemas.ts';
import { reopenLapsedExceptions } from './index.ts';

/** Findings worked to closure: states, due dates by severity, assignee, exceptions, bulk actions, the overdue view, isolation. */

let t: TestApp;
let officer: Client; // syt.canbo, agency officer of Sở Y tế (A)
let sytAdmin: Client; // syt.admin, agency admin of A: approves exceptions
let attt: Client; // the security unit
let viewer: Client; // lanhdao
let other: Client; // sgd.canbo, officer of Sở Giáo dục (B)
const today = todayVn();
const firstSeen = addDays(today, -40);
let system: number;
let bFinding: number;
const ids: Record<string, number> = {};

type F = {
  id: number;
  title: string;
  status: string;
  severity: string;
  dueOn: string;
  overdue: boolean;
  knownExploited: boolean;
  exploitedCveIds: string[];
  closedByScan: boolean;
  assignee: { id: number; fullName: string } | null;
  approvedBy: { id: number; fullName: string } | null;
  expiresOn: string | null;
  reason: string | null;
  warnings: { number: string }[];
  agencyId: number;
  can: { work: boolean };
  evidence?: { id: number; name: string; mime: string }[];
};

const REPORT = [
  'host,port,cve,severity,title',
  '10.31.0.1,443,CVE-2099-0001,critical,Lỗi thực thi mã từ xa cổng quản trị',
  '10.31.0.1,22,,high,SSH cho phép mật khẩu yếu',
  '10.31.0.1,80,,medium,Thiếu tiêu đề bảo mật HTTP',
  '10.31.0.2,3389,,low,RDP lộ ra mạng nội bộ',
].join('\n');
const importReport = (c: Client, systemId: number, csv: string, scannedOn: string, hosts = '') =>
  uploadWithFields(c, `/api/systems/${systemId}/scans/import`, { scannedOn, hosts }, 'scan.csv', Buffer.from(`${csv}\n`));
const auditCount = async () => (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`)).rows[0]!.n;
const finding = async (id: number, c: Client = officer) => {
  const res = await c.get(`/api/findings/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as F;
};
const move = (c: Client, id: number, body: object) => c.post(`/api/findings/${id}/transitions`, body);
const exception = () => ({ reason: 'Cổng chỉ mở trong mạng quản trị, đã chặn từ Internet', approverUserId: sytAdmin.me.id, expiresOn: addDays(today, 90) });

beforeAll(async () => {
  t = await startTestApp();
  [officer, sytAdmin, attt, viewer, other] = await Promise.all(['syt.canbo', 'syt.admin', 'attt', 'lanhdao', 'sgd.canbo'].map((u) => t.login(u)));
  system = (await officer.post('/api/systems', { agencyId: officer.me.agencyId, code: 'FIND-WORK', name: 'Cổng dịch vụ công thử' })).json().id;
  const res = await importReport(officer, system, REPORT, firstSeen);
  expect(res.statusCode, res.body).toBe(201);
  const list = (await officer.get(`/api/findings?systemId=${system}`)).json().items as F[];
  for (const f of list) ids[f.severity] = f.id;
  const bSystem = (await other.post('/api/systems', { agencyId: other.me.agencyId, code: 'FIND-B', name: 'Hệ thống của B' })).json().id;
  expect((await importReport(other, bSystem, REPORT, firstSeen)).statusCode).toBe(201);
  bFinding = ((await other.get(`/api/findings?systemId=${bSystem}&severity=high`)).json().items as F[])[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('due dates by severity', () => {
  it('are the policy days from first seen, overdue once past while owed', async () => {
    const list = (await officer.get(`/api/findings?systemId=${system}`)).json();
    expect(list.total).toBe(4);
    const by = Object.fromEntries((list.items as F[]).map((f) => [f.severity, f]));
    expect(by.critical).toMatchObject({ dueOn: addDays(firstSeen, 7), overdue: true, status: 'open', assignee: null });
    expect(by.high).toMatchObject({ dueOn: addDays(firstSeen, 30), overdue: true });
    expect(by.medium).toMatchObject({ dueOn: addDays(firstSeen, 90), overdue: false });
    expect(by.low).toMatchObject({ dueOn: addDays(firstSeen, 180), overdue: false });
    const overdue = (await officer.get(`/api/findings?systemId=${system}&overdue=true`)).json().items as F[];
    expect(overdue.map((f) => f.severity)).toEqual(['critical', 'high']);
    expect((await officer.get(`/api/findings?systemId=${system}&severity=low`)).json().total).toBe(1);
    expect((await officer.get(`/api/findings?q=RDP&systemId=${system}`)).json().items.map((f: F) => f.severity)).toEqual(['low']);
  });

  it('links warnings naming its CVEs and flags those in the KEV catalog', async () => {
    await t.database.db.execute(sql`insert into known_exploited_cves (cve_id, date_added) values ('CVE-2099-0001', ${today})`);
    const w = await attt.post('/api/warnings', {
      source: 'NCSC',
      number: 'FIND-W-1',
      issuedOn: today,
      title: 'Lỗ hổng thực thi mã từ xa',
      severity: 'critical',
      cveIds: ['CVE-2099-0001'],
      products: [{ vendor: 'Nobody', product: 'Nothing' }],
    });
    expect(w.statusCode, w.body).toBe(201);
    const f = await finding(ids.critical!);
    expect(f).toMatchObject({ knownExploited: true, exploitedCveIds: ['CVE-2099-0001'], warnings: [{ number: 'FIND-W-1' }] });
    expect((await officer.get(`/api/findings?systemId=${system}&knownExploited=true`)).json().items.map((x: F) => x.id)).toEqual([ids.critical]);
  });
});

describe('states', () => {
  it('moves open → confirmed → in remediation → fixed (with evidence) and reopens, each audited', async () => {
    const id = ids.high!;
    const before = await auditCount();
    expect((await move(officer, id, { action: 'confirm' })).json()).toMatchObject({ status: 'confirmed', overdue: true });
    const again = await move(officer, id, { action: 'confirm' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', field: 'action' });
    expect((await move(officer, id, { action: 'start_remediation' })).json().status).toBe('in_remediation');
    const noEvidence = await move(officer, id, { action: 'mark_fixed', reason: 'xong' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.field).toBe('reason');
    const fixed = (await move(officer, id, { action: 'mark_fixed', reason: 'Đã tắt đăng nhập bằng mật khẩu, chỉ dùng khóa' })).json();
    expect(fixed).toMatchObject({ status: 'fixed', closedOn: today, closedByScan: false, overdue: false, reason: expect.stringContaining('khóa') });
    expect((await move(officer, id, { action: 'reopen' })).json()).toMatchObject({ status: 'open', closedOn: null, reason: null });
    expect(await auditCount()).toBe(before + 4);
    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`select action from audit_log where entity = 'finding' and entity_id = ${String(id)} order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['confirm', 'start_remediation', 'mark_fixed', 'reopen']);
  });

  it('keeps files attached as evidence of a fix by hand, for those who may work the finding', async () => {
    const id = ids.high!;
    const res = await upload(officer, `/api/findings/${id}/evidence`, 'bien-ban-kiem-tra-lai.pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect((await finding(id)).evidence).toEqual([expect.objectContaining({ id: res.json().id, name: 'bien-ban-kiem-tra-lai.pdf', mime: 'application/pdf' })]);
    const download = await officer.get(`/api/files/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // A text file is not evidence; the leader reads but may not attach; agency B does not see the finding at all.
    const text = await upload(officer, `/api/findings/${id}/evidence`, 'ghi-chu.txt', Buffer.from('đã sửa'));
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toMatchObject({ field: 'file', messageVi: expect.any(String) });
    expect((await upload(viewer, `/api/findings/${id}/evidence`, 'x.pdf')).statusCode).toBe(403);
    expect((await upload(other, `/api/findings/${id}/evidence`, 'x.pdf')).statusCode).toBe(404);
    expect((await other.get(`/api/files/${res.json().id}`)).statusCode).toBe(404);
    expect((await finding(id)).evidence).toHaveLength(1);
  });

  it('records an accepted risk only with a reason, another user who may approve it, and an expiry', async () => {
    const id = ids.medium!;
    const refused = async (body: object, field: string) => {
      const res = await move(officer, id, { action: 'accept_risk', ...exception(), ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
    };
    await refused({ reason: null }, 'reason');
    await refused({ approverUserId: null }, 'approverUserId');
    await refused({ approverUserId: officer.me.id }, 'approverUserId'); // not oneself
    await refused({ approverUserId: viewer.me.id }, 'approverUserId'); // a viewer may not approve
    await refused({ approverUserId: other.me.id }, 'approverUserId'); // nor another agency's officer
    await refused({ expiresOn: today }, 'expiresOn');
    await refused({ expiresOn: addDays(today, 400) }, 'expiresOn');
    expect((await finding(id)).status).toBe('open');
    const ok = await move(officer, id, { action: 'accept_risk', ...exception() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted_risk', approvedBy: { id: sytAdmin.me.id }, expiresOn: addDays(today, 90), overdue: false });
    expect((await officer.get(`/api/findings?systemId=${system}`)).json().items.map((f: F) => f.id)).not.toContain(id);
    expect((await officer.get(`/api/findings?systemId=${system}&status=accepted_risk`)).json().items.map((f: F) => f.id)).toEqual([id]);
  });

  it('opens an exception again once its expiry has come', async () => {
    const id = ids.medium!;
    expect(await reopenLapsedExceptions(t.database.db)).toBe(0);
    await t.database.db.execute(sql`update findings set exception_expires_on = ${today} where id = ${id}`);
    expect(await reopenLapsedExceptions(t.database.db)).toBe(1);
    expect(await finding(id)).toMatchObject({ status: 'open', approvedBy: null, expiresOn: null });
    const { rows } = await t.database.db.execute<{ action: string; actor: number | null }>(
      sql`select action, actor_user_id as actor from audit_log where entity = 'finding' and entity_id = ${String(id)} order by id desc limit 1`,
    );
    expect(rows[0]).toEqual({ action: 'exception_expired', actor: null });
  });

  it('is marked fixed by a later scan that no longer reports it, except an approved exception', async () => {
    expect((await move(officer, ids.critical!, { action: 'confirm' })).statusCode).toBe(200);
    expect((await move(officer, ids.high!, { action: 'start_remediation' })).statusCode).toBe(200);
    expect((await move(officer, ids.medium!, { action: 'mark_false_positive', ...exception() })).statusCode).toBe(200);
    const res = await importReport(officer, system, 'host,port,cve,severity,title\n10.31.0.2,3389,,low,RDP lộ ra mạng nội bộ', today, '10.31.0.1');
    expect(res.json()).toMatchObject({ closed: 2 });
    expect(await finding(ids.critical!)).toMatchObject({ status: 'fixed', closedByScan: true, closedOn: today });
    expect(await finding(ids.high!)).toMatchObject({ status: 'fixed', closedByScan: true });
    expect((await finding(ids.medium!)).status).toBe('false_positive');
    // Reported again later: fixed opens again, the false positive stays.
    const back = await importReport(officer, system, REPORT, today);
    expect(back.json()).toMatchObject({ reopened: 2 });
    expect((await finding(ids.critical!)).status).toBe('open');
    expect((await finding(ids.medium!)).status).toBe('false_positive');
  });

  it('refuses those who may not work findings', async () => {
    const res = await move(viewer, ids.low!, { action: 'confirm' });
    expect(res.statusCode).toBe(403);
    expect((await finding(ids.low!, viewer)).can.work).toBe(false);
    expect((await finding(ids.low!, officer)).can.work).toBe(true);
    expect((await viewer.get('/api/findings?limit=1')).json().can.work).toBe(false);
    // The security unit works any agency's findings.
    expect((await move(attt, ids.low!, { action: 'confirm' })).json().status).toBe('confirmed');
  });
});

describe('assignee', () => {
  it("is a user of the finding's agency", async () => {
    const ok = await officer.put(`/api/findings/${ids.low}/assignee`, { assigneeUserId: officer.me.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assignee).toEqual({ id: officer.me.id, fullName: 'Vũ Đức Long' });
    const outside = await officer.put(`/api/findings/${ids.low}/assignee`, { assigneeUserId: other.me.id });
    const missing = await officer.put(`/api/findings/${ids.low}/assignee`, { assigneeUserId: 999_999 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toEqual(missing.json());
    expect(outside.json().error.field).toBe('assigneeUserId');
    expect((await officer.get(`/api/findings?assigneeUserId=${officer.me.id}`)).json().items.map((f: F) => f.id)).toEqual([ids.low]);
    expect((await officer.put(`/api/findings/${ids.low}/assignee`, { assigneeUserId: null })).json().assignee).toBeNull();
  });
});

describe('bulk actions', () => {
  it('assign, confirm and accept risk on a selection, one audit entry a row', async () => {
    // critical is open (reported again), low was confirmed by the security unit above.
    const selection = [ids.critical!, ids.low!];
    const before = await auditCount();
    const assigned = await officer.post('/api/findings/bulk', { ids: selection, action: 'assign', assigneeUserId: officer.me.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().changed).toBe(2);
    expect(assigned.json().items.every((f: F) => f.assignee?.id === officer.me.id)).toBe(true);
    expect(await auditCount()).toBe(before + 2);
    // Confirming the confirmed one is refused, and so is the whole selection.
    const mixed = await officer.post('/api/findings/bulk', { ids: selection, action: 'confirm' });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.details.map((d: { id: number }) => d.id)).toEqual([ids.low]);
    expect([(await finding(ids.critical!)).status, (await finding(ids.low!)).status]).toEqual(['open', 'confirmed']);
    const remediate = await officer.post('/api/findings/bulk', { ids: selection, action: 'start_remediation' });
    expect(remediate.statusCode, remediate.body).toBe(200);
    const accepted = await officer.post('/api/findings/bulk', { ids: selection, action: 'accept_risk', ...exception() });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().items.map((f: F) => [f.status, f.reason, f.approvedBy?.id])).toEqual(
      selection.map(() => ['accepted_risk', exception().reason, sytAdmin.me.id]),
    );
    expect(await auditCount()).toBe(before + 6);
  });

  it('reports ids out of scope as not found, exactly like missing ones, and changes nothing', async () => {
    const before = await auditCount();
    const theirs = await officer.post('/api/findings/bulk', { ids: [ids.high!, bFinding], action: 'assign', assigneeUserId: null });
    const missing = await officer.post('/api/findings/bulk', { ids: [ids.high!, 999_999], action: 'assign', assigneeUserId: null });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error).toMatchObject({ code: 'not_found', details: [{ id: bFinding }] });
    expect(missing.json().error).toMatchObject({ code: 'not_found', details: [{ id: 999_999 }] });
    expect(await auditCount()).toBe(before);
  });

  it('is bounded, needs the assignee for assign, and refuses a viewer', async () => {
    const tooMany = Array.from({ length: MAX_BULK_FINDINGS + 1 }, (_, i) => i + 1);
    expect((await officer.post('/api/findings/bulk', { ids: tooMany, action: 'confirm' })).statusCode).toBe(400);
    expect((await officer.post('/api/findings/bulk', { ids: [1, 1], action: 'confirm' })).statusCode).toBe(400);
    const noAssignee = await officer.post('/api/findings/bulk', { ids: [ids.high!], action: 'assign' });
    expect(noAssignee.statusCode).toBe(400);
    expect(noAssignee.json().error.field).toBe('assigneeUserId');
    expect((await viewer.post('/api/findings/bulk', { ids: [ids.high!], action: 'confirm' })).statusCode).toBe(403);
  });
});

describe('overdue findings by agency', () => {
  it('shows the security unit every agency, an agency leader their subtree, and nobody else', async () => {
    const all = (await attt.get('/api/findings/overdue-by-agency')).json();
    expect(all.asOf).toBe(today);
    const names = all.agencies.map((a: { agencyName: string }) => a.agencyName);
    expect(names).toEqual(expect.arrayContaining(['Sở Y tế', 'Sở Giáo dục và Đào tạo']));
    const b = all.agencies.find((a: { agencyId: number }) => a.agencyId === other.me.agencyId);
    // B's seeded findings count too: the view agrees with the list's own overdue filter.
    const owed = async (filter: string) =>
      ((await attt.get(`/api/findings?agencyId=${other.me.agencyId}&limit=500${filter}`)).json().items as F[]).filter((f) => f.agencyId === other.me.agencyId);
    const overdue = await owed('&overdue=true');
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(b).toMatchObject({
      unresolved: (await owed('')).length,
      overdue: overdue.length,
      overdueCritical: overdue.filter((f) => f.severity === 'critical').length,
      overdueHigh: overdue.filter((f) => f.severity === 'high').length,
      overdueKnownExploited: overdue.filter((f) => f.knownExploited).length,
      oldestDueOn: overdue.map((f) => f.dueOn).sort()[0],
    });
    const mine = (await sytAdmin.get('/api/findings/overdue-by-agency')).json().agencies as { agencyId: number }[];
    expect(mine.map((a) => a.agencyId)).not.toContain(other.me.agencyId);
    expect(mine.map((a) => a.agencyId)).toContain(sytAdmin.me.agencyId);
    expect((await officer.get('/api/findings/overdue-by-agency')).statusCode).toBe(403);
    expect((await viewer.get('/api/findings/overdue-by-agency')).statusCode).toBe(403);
  });
});

describe.each([
  ['agency officer', () => officer],
  ['agency admin', () => sytAdmin],
])('isolation: the %s of agency A and a finding of agency B', (_label, who) => {
  it('cannot list, read, move or assign it', async () => {
    const c = who();
    const before = await auditCount();
    expect((await c.get(`/api/findings?limit=500&status=all`)).json().items.map((f: F) => f.agencyId)).not.toContain(other.me.agencyId);
    expect((await c.get(`/api/findings?agencyId=${other.me.agencyId}`)).statusCode).toBe(404);
    for (const res of [
      await c.get(`/api/findings/${bFinding}`),
      await move(c, bFinding, { action: 'confirm' }),
      await c.put(`/api/findings/${bFinding}/assignee`, { assigneeUserId: null }),
      await c.post('/api/findings/bulk', { ids: [bFinding], action: 'confirm' }),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(await auditCount()).toBe(before);
    expect((await finding(bFinding, other)).status).toBe('open');
  });
});

describe('reminders', () => {
  const deliveries = async (kind: string, subject: string) =>
    (
      await t.database.db.execute<{ userId: number; occurrence: string }>(
        sql`select user_id as "userId", occurrence from reminder_deliveries where kind = ${kind} and subject_id = ${subject} order by user_id`,
      )
    ).rows;

  it("remind the assignee of an overdue finding, the agency's IT officers weekly, and before an exception lapses", async () => {
    expect((await officer.put(`/api/findings/${ids.high}/assignee`, { assigneeUserId: sytAdmin.me.id })).statusCode).toBe(200);
    const lapsing = await move(officer, ids.low!, { action: 'reopen' });
    expect(lapsing.statusCode, lapsing.body).toBe(200);
    expect((await move(officer, ids.low!, { action: 'mark_false_positive', ...exception(), expiresOn: addDays(today, 10) })).statusCode).toBe(200);
    const run = await attt.post('/api/reminders/run', {});
    expect(run.statusCode, run.body).toBe(200);
    expect(await deliveries('finding_overdue', String(ids.high))).toEqual([{ userId: sytAdmin.me.id, occurrence: addDays(firstSeen, 30) }]);
    const weekly = await deliveries('finding_overdue', `agency-${officer.me.agencyId}`);
    expect(weekly.map((d) => d.userId)).toContain(officer.me.id);
    const lapse = await deliveries('finding_exception_expiring', String(ids.low));
    expect(lapse.map((d) => d.userId).sort()).toEqual([officer.me.id, sytAdmin.me.id].sort());
    expect(lapse[0]!.occurrence).toBe(addDays(today, 10));
    // Delivered once: a second run sends nothing again.
    await attt.post('/api/reminders/run', {});
    expect(await deliveries('finding_overdue', String(ids.high))).toHaveLength(1);
  });
});
