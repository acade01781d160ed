import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { contributionReminders } from './reminders.ts';

/** The yearly report's call for contributions (Thanh Hóa 1.d; Vĩnh Phúc 2.l, Thanh Hóa 2.c) and the report that compiles them. */

type Contribution = { id: number; agencyId: number; agencyName: string; state: string; results: string | null; revisions: number; submittedAt: string | null };
type Call = {
  id: number;
  year: number;
  contributionsDueOn: string;
  reportDueOn: string;
  state: string;
  ownContributionId: number | null;
  counts: Record<string, number>;
  citations: { vi: string }[];
  contributions: Contribution[];
};

let t: TestApp;
let dataDir: string;
let attt: Client, admin: Client, officer: Client, sytAdmin: Client, other: Client, viewer: Client, responder: Client;
let syt: number, sgd: number, root: number;
let past: Call; // 2025: its due day has gone by
let future: Call; // 2099: still in time

const audits = async (entity: string) =>
  (await t.database.db.execute(sql`select action, entity_id as "entityId" from audit_log where entity = ${entity} order by id`)).rows as {
    action: string;
    entityId: string;
  }[];
const own = (call: Call, agencyId: number) => call.contributions.find((c) => c.agencyId === agencyId)!;
const open = async (year: number) => {
  const res = await attt.post('/api/contribution-calls', { year, agencyKinds: ['department'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Call;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-contributions-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [attt, admin, officer, sytAdmin, other, viewer, responder] = await Promise.all(
    ['attt', 'admin', 'syt.canbo', 'syt.admin', 'sgd.canbo', 'lanhdao', 'ungcuu'].map((u) => t.login(u)),
  );
  const all = (await admin.get('/api/agencies')).json() as { id: number; name: string; parentId: number | null }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  root = all.find((a) => a.parentId === null && a.name.startsWith('Ủy ban'))!.id;
  past = await open(2025);
  future = await open(2099);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('opening the call', () => {
  it('takes both due days from the province parameters and asks every active agency of the kinds chosen, audited once', async () => {
    expect([past.contributionsDueOn, past.reportDueOn, past.state]).toEqual(['2025-12-10', '2025-12-15', 'open']);
    expect(past.citations.map((c) => c.vi)).toEqual([
      expect.stringMatching(/^Điểm l khoản 2 .*Vĩnh Phúc/),
      expect.stringMatching(/^Điểm d khoản 1 .*Thanh Hóa/),
      expect.stringMatching(/^Điểm c khoản 2 .*Thanh Hóa/),
    ]);
    const names = past.contributions.map((c) => c.agencyName);
    expect(names).toEqual(expect.arrayContaining(['Sở Y tế', 'Sở Giáo dục và Đào tạo']));
    expect(names).not.toContain('Trường THPT Chuyên Demo');
    expect((await audits('contribution_call')).filter((a) => a.entityId === String(past.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('refuses bad input with the field at fault, a second call for a year, and anyone but the security unit', async () => {
    const bad = async (c: Client, body: object, status: number, field?: string) => {
      const res = await c.post('/api/contribution-calls', body);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(res.json().error.field).toBe(field);
      expect(res.json().error.messageVi).toBeTruthy();
    };
    await bad(attt, { year: 2030, agencyKinds: [] }, 400, 'agencyKinds');
    await bad(attt, { year: 2030, agencyKinds: ['no_such_kind'] }, 400, 'agencyKinds');
    await bad(attt, { year: 2030, agencyKinds: ['telecom'] }, 400, 'agencyKinds');
    await bad(attt, { year: 1999, agencyKinds: ['department'] }, 400, 'year');
    // Before any period of the parameter (the Thanh Hóa text is of 2024), the province has no due day.
    await bad(attt, { year: 2023, agencyKinds: ['department'] }, 400, 'year');
    await bad(attt, { year: 2025, agencyKinds: ['department'] }, 409, 'year');
    await bad(officer, { year: 2031, agencyKinds: ['department'] }, 403);
    await bad(sytAdmin, { year: 2031, agencyKinds: ['department'] }, 403);
  });
});

describe('scoping', () => {
  it('shows an agency the calls it is asked in and its own contribution only; the call itself is the security unit’s', async () => {
    const calls = (await officer.get('/api/contribution-calls')).json() as Call[];
    expect(calls.map((c) => c.year)).toEqual([2099, 2025]);
    const mine = calls.find((c) => c.year === 2025)!;
    expect(mine.ownContributionId).toBe(own(past, syt).id);
    expect(mine.counts).toEqual({ awaited: 0, late: 0, submitted: 0, submitted_late: 0 });
    expect((await officer.get(`/api/contribution-calls/${past.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/contributions/${own(past, syt).id}`)).statusCode).toBe(200);
    for (const c of [officer, sytAdmin, viewer, responder]) {
      expect((await c.get(`/api/contributions/${own(past, sgd).id}`)).statusCode).toBe(404);
      expect((await c.put(`/api/contributions/${own(past, sgd).id}`, { results: 'Chiếm quyền' })).statusCode).toBe(404);
      expect((await upload(c, `/api/contributions/${own(past, sgd).id}/file`, 'x.pdf')).statusCode).toBe(404);
      expect((await c.post(`/api/contribution-calls/${past.id}/close`, {})).statusCode).toBe(404);
    }
    // Not asked: the provincial committee's viewer takes part in no call.
    expect((await viewer.get('/api/contribution-calls')).json()).toEqual([]);
    // The security unit reads every one.
    expect((await attt.get(`/api/contributions/${own(past, sgd).id}`)).statusCode).toBe(200);
  });

  it('lets the agency’s viewers read but not send', async () => {
    const res = await viewer.put(`/api/contributions/${own(past, syt).id}`, { results: 'Không phải của tôi' });
    expect(res.statusCode).toBe(404);
  });
});

describe('sending and revising', () => {
  it('validates the text with the field at fault', async () => {
    const res = await officer.put(`/api/contributions/${own(past, syt).id}`, { results: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('results');
    const long = await officer.put(`/api/contributions/${own(past, syt).id}`, { results: 'Đủ dài', proposals: 'x'.repeat(5001) });
    expect(long.json().error.field).toBe('proposals');
  });

  it('sends after the due day: late, with the figures of the agency’s subtree; a revision keeps the first day', async () => {
    const id = own(past, syt).id;
    const sent = await officer.put(`/api/contributions/${id}`, {
      results: 'Đã phê duyệt cấp độ cho các hệ thống.',
      difficulties: 'Thiếu nhân lực.',
      proposals: null,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const c = sent.json();
    expect(c).toMatchObject({
      state: 'submitted_late',
      results: 'Đã phê duyệt cấp độ cho các hệ thống.',
      difficulties: 'Thiếu nhân lực.',
      proposals: null,
      revisions: 0,
    });
    const stats = (await officer.get(`/api/agencies/${syt}/systems-stats`)).json();
    expect(c.figures.find((f: { key: string }) => f.key === 'systems.total').value).toBe(stats.total);
    const revised = (await sytAdmin.put(`/api/contributions/${id}`, { results: 'Đã phê duyệt cấp độ cho 100% hệ thống.' })).json();
    expect([revised.revisions, revised.submittedAt, revised.submittedByName]).toEqual([1, c.submittedAt, 'Vũ Đức Long']);
    expect((await audits('contribution')).filter((a) => a.entityId === String(id)).map((a) => a.action)).toEqual(['submit', 'revise']);
  });

  it('sends in time: submitted; attaches a file through the files module', async () => {
    const id = own(future, syt).id;
    expect((await officer.get(`/api/contributions/${id}`)).json().state).toBe('awaited');
    expect((await officer.put(`/api/contributions/${id}`, { results: 'Hoàn thành đúng hạn.' })).json().state).toBe('submitted');
    const file = await upload(officer, `/api/contributions/${id}/file`, 'ket-qua.pdf');
    expect(file.statusCode, file.body).toBe(201);
    expect(file.json().files.map((f: { name: string }) => f.name)).toEqual(['ket-qua.pdf']);
    const fileId = file.json().files[0].id;
    expect((await attt.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await other.get(`/api/files/${fileId}`)).statusCode).toBe(404);
  });

  it('shows the security unit who has sent, who is late and what each said', async () => {
    const call = (await attt.get(`/api/contribution-calls/${past.id}`)).json() as Call;
    expect(own(call, syt)).toMatchObject({ state: 'submitted_late', results: 'Đã phê duyệt cấp độ cho 100% hệ thống.' });
    expect(own(call, sgd)).toMatchObject({ state: 'late', results: null });
    expect(call.counts.submitted_late).toBe(1);
    expect(call.counts.late).toBe(call.contributions.length - 1);
    const inTime = (await attt.get(`/api/contribution-calls/${future.id}`)).json() as Call;
    expect([own(inTime, syt).state, own(inTime, sgd).state]).toEqual(['submitted', 'awaited']);
  });
});

describe('reminders', () => {
  const collect = async (today: string) =>
    (await contributionReminders.collect(t.database.db, { now: new Date(), today })).filter((r) => r.subjectId === String(own(future, sgd).id));

  it('reminds the agency’s editors of an unsent contribution within 7 days of the due day, then when late; nothing earlier or once sent', async () => {
    expect(await collect('2099-12-02')).toEqual([]);
    const ahead = await collect('2099-12-03');
    expect(ahead.map((r) => [r.kind, r.occurrence, r.link])).toEqual([['contribution_due', '2099-12-10:ahead', '/yearly-report']]);
    expect(ahead[0]!.recipients).toContain(other.me.id);
    expect(ahead[0]!.recipients).not.toContain(officer.me.id);
    expect((await collect('2099-12-10'))[0]!.kind).toBe('contribution_due');
    expect((await collect('2099-12-11')).map((r) => [r.kind, r.occurrence])).toEqual([['contribution_late', '2099-12-10:late']]);
    // Sent ones are not reminded.
    const sent = (await contributionReminders.collect(t.database.db, { now: new Date(), today: '2099-12-11' })).filter(
      (r) => r.subjectId === String(own(future, syt).id),
    );
    expect(sent).toEqual([]);
  });
});

describe('the yearly report', () => {
  it('is the security unit’s own document to the People’s Committee, citing its clauses, compiling the contributions', async () => {
    const res = await attt.post('/api/reports', { kind: 'yearly_security', agencyId: root, year: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.dueOn).toBe('2025-12-15');
    expect(r.snapshot.issuer.name).toBe('Công an tỉnh Demo');
    expect(r.snapshot.recipients).toEqual([expect.stringMatching(/^Ủy ban nhân dân tỉnh Demo \(để báo cáo\)$/)]);
    expect(r.snapshot.intro).toMatch(/^Thực hiện điểm l khoản 2 .*Vĩnh Phúc.* và điểm c khoản 2 .*Thanh Hóa/);
    const section = r.snapshot.sections.find((s: { key: string }) => s.key === 'contributions');
    expect(section.paragraphs.join('\n')).toContain('Sở Y tế (gửi ngày');
    expect(section.paragraphs.join('\n')).toContain('Đã phê duyệt cấp độ cho 100% hệ thống.');
    expect(section.figures.find((f: { key: string }) => f.key === 'contributions.submitted').value).toBe(1);
    expect(r.snapshot.sections.map((s: { key: string }) => s.key)).toEqual(['systems', 'indicators', 'contacts', 'tasks', 'contributions']);
    const docx = await attt.get(`/api/reports/${r.id}/docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Đã phê duyệt cấp độ cho 100% hệ thống.');
    // Agencies do not make it.
    expect((await officer.post('/api/reports', { kind: 'yearly_security', agencyId: syt, year: 2025 })).statusCode).toBe(403);
  });

  it('says so when the year has no call', async () => {
    const r = (await attt.post('/api/reports', { kind: 'yearly_security', agencyId: root, year: 2026 })).json();
    expect(r.snapshot.sections.find((s: { key: string }) => s.key === 'contributions').paragraphs).toEqual([
      'Đơn vị chuyên trách chưa mở đợt lấy kết quả thực hiện năm 2026 của các cơ quan, đơn vị.',
    ]);
  });
});

describe('closing', () => {
  it('closes the call once; nothing can then be sent, revised or attached', async () => {
    const closed = await attt.post(`/api/contribution-calls/${future.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().state).toBe('closed');
    expect((await attt.post(`/api/contribution-calls/${future.id}/close`, {})).json().error.field).toBe('state');
    const id = own(future, syt).id;
    const again = await officer.put(`/api/contributions/${id}`, { results: 'Sửa sau khi đóng' });
    expect([again.statusCode, again.json().error.field]).toEqual([409, 'state']);
    expect((await upload(officer, `/api/contributions/${id}/file`, 'muon.pdf')).statusCode).toBe(409);
    expect((await officer.get(`/api/contributions/${id}`)).json().can.edit).toBe(false);
    // No reminder for a closed call.
    expect(
      (await contributionReminders.collect(t.database.db, { now: new Date(), today: '2099-12-11' })).filter((r) => r.subjectId === String(own(future, sgd).id)),
    ).toEqual([]);
    expect((await audits('contribution_call')).filter((a) => a.entityId === String(future.id)).map((a) => a.action)).toEqual(['create', 'close']);
  });
});
