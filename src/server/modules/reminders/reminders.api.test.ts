import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { runReminderJobs } from './jobs.ts';
import { deliverReminder } from './deliver.ts';
import { registerReminderSource } from './registry.ts';
import { reminderDeliveries } from './schema.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { REMINDER_KINDS } from '../../../shared/reminders/kinds.ts';
import { EMPTY_ANSWERS } from '../../../shared/systems/levels.ts';

let t: TestApp;
let dataDir: string;
let attt: Client;
let officer: Client; // syt.canbo
let sytAdmin: Client;
let admin: Client;
let syt: number;
let assignmentId: number;
const dueOn = addDays(todayVn(), 40);
/** Noon in Hà Nội on a calendar day. */
const vnNoon = (day: string) => new Date(`${day}T12:00:00+07:00`);
const outbox = () => readdirSync(path.join(dataDir, 'outbox'), { withFileTypes: true }).filter((f) => f.name.endsWith('.eml')).length;

async function deliveriesFor(kind: string, subjectId: string) {
  return t.database.db
    .select()
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.kind, kind), eq(reminderDeliveries.subjectId, subjectId)));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-reminders-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [attt, officer, sytAdmin, admin] = await Promise.all(['attt', 'syt.canbo', 'syt.admin', 'admin'].map((u) => t.login(u)));
  syt = officer.me.agencyId;
  const d = (
    await attt.post('/api/directives', {
      kind: 'official_letter',
      number: '77/UBND-KT',
      issuer: 'UBND tỉnh Demo',
      issuedOn: todayVn(),
      title: 'Về việc nhắc việc kiểm thử',
    })
  ).json();
  const withTask = (
    await attt.post(`/api/directives/${d.id}/tasks`, { text: 'Gửi báo cáo rà quét lỗ hổng', assignAgencyIds: [syt], deadline: { kind: 'once', date: dueOn } })
  ).json();
  assignmentId = withTask.tasks[0].assignments[0].id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('task reminders', () => {
  it("reminds the agency's officers 7 days ahead, in the app and by e-mail to the outbox", async () => {
    const first = await runReminderJobs(t.database.db, t.config, { now: vnNoon(addDays(dueOn, -6)) });
    expect(first.delivered).toBeGreaterThan(0);
    const rows = await deliveriesFor('task_due_7', String(assignmentId));
    expect(rows.map((r) => r.userId).sort()).toEqual([officer.me.id, sytAdmin.me.id].sort());
    expect(rows.every((r) => r.occurrence === dueOn && r.emailStatus === 'outbox' && r.notificationId)).toBe(true);
    const mine = (await officer.get('/api/notifications')).json();
    expect(mine.items.find((n: { link: string }) => n.link === `/tasks/assignments/${assignmentId}`)).toMatchObject({ kind: 'task_due_7' });
    expect(outbox()).toBe(first.emailed);
  });

  it('never sends the same reminder twice: a second run, a restart, two nodes at once', async () => {
    const now = vnNoon(addDays(dueOn, -6));
    const files = outbox();
    const {
      rows: [before],
    } = await t.database.db.execute(sql`select count(*)::int as n from notifications`);
    const again = await runReminderJobs(t.database.db, t.config, { now });
    expect(again.delivered).toBe(0);
    // Two app nodes running the same job at the same moment.
    const [a, b] = await Promise.all([runReminderJobs(t.database.db, t.config, { now }), runReminderJobs(t.database.db, t.config, { now })]);
    expect(a.delivered + b.delivered).toBe(0);
    const {
      rows: [after],
    } = await t.database.db.execute(sql`select count(*)::int as n from notifications`);
    expect(after).toEqual(before);
    expect(outbox()).toBe(files);
    expect(await deliveriesFor('task_due_7', String(assignmentId))).toHaveLength(2);
  });

  it('splits a new occurrence between concurrent runs without duplicates', async () => {
    const now = vnNoon(dueOn);
    const [a, b] = await Promise.all([runReminderJobs(t.database.db, t.config, { now }), runReminderJobs(t.database.db, t.config, { now })]);
    const rows = await deliveriesFor('task_due_1', String(assignmentId));
    expect(rows).toHaveLength(2);
    expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(2);
    const { rows: dupes } = await t.database.db.execute(sql`select kind, subject_id, user_id, occurrence from reminder_deliveries
      group by 1, 2, 3, 4 having count(*) > 1`);
    expect(dupes).toEqual([]);
  });

  it('reminds once more when the task is overdue, on the day after the deadline in Vietnam', async () => {
    // 23:30 UTC on the due day is already the next morning in Hà Nội.
    await runReminderJobs(t.database.db, t.config, { now: new Date(`${dueOn}T23:30:00Z`) });
    expect(await deliveriesFor('task_overdue', String(assignmentId))).toHaveLength(2);
  });

  it('sends nothing about a task handed in for review', async () => {
    const d = (
      await attt.post('/api/directives', {
        kind: 'plan',
        number: '78/KH-UBND',
        issuer: 'UBND tỉnh Demo',
        issuedOn: todayVn(),
        title: 'Kế hoạch kiểm thử nhắc việc',
      })
    ).json();
    const task = (
      await attt.post(`/api/directives/${d.id}/tasks`, { text: 'Nộp kế hoạch diễn tập', assignAgencyIds: [syt], deadline: { kind: 'once', date: dueOn } })
    ).json();
    const a = task.tasks[0].assignments[0].id;
    await officer.post(`/api/task-assignments/${a}/reports`, { progress: 'done', comment: 'Đã nộp' });
    await runReminderJobs(t.database.db, t.config, { now: vnNoon(addDays(dueOn, 2)) });
    expect(await deliveriesFor('task_overdue', String(a))).toEqual([]);
  });
});

describe('preferences', () => {
  it('lists every kind, both channels on by default', async () => {
    const prefs = (await officer.get('/api/reminder-preferences')).json();
    expect(prefs.map((p: { kind: string }) => p.kind)).toEqual([...REMINDER_KINDS]);
    expect(prefs.every((p: { inApp: boolean; email: boolean }) => p.inApp && p.email)).toBe(true);
  });

  it("honours a user's choice: e-mail off, or nothing at all", async () => {
    const res = await officer.put('/api/reminder-preferences', [{ kind: 'incident_assigned', inApp: true, email: false }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().find((p: { kind: string }) => p.kind === 'incident_assigned')).toEqual({ kind: 'incident_assigned', inApp: true, email: false });
    await sytAdmin.put('/api/reminder-preferences', [{ kind: 'incident_assigned', inApp: false, email: false }]);
    const reminder = {
      kind: 'incident_assigned' as const,
      subjectId: 'SC-2026-001',
      occurrence: 'assigned',
      recipients: [officer.me.id, sytAdmin.me.id],
      title: 'Sự cố được giao xử lý',
      body: 'Anh/chị được giao xử lý sự cố SC-2026-001.',
      link: '/incidents/1',
    };
    const tally = await deliverReminder(t.database.db, t.config, reminder);
    expect(tally).toMatchObject({ delivered: 1, skipped: 1, emailed: 0 });
    const [row] = await deliveriesFor('incident_assigned', 'SC-2026-001');
    expect(row).toMatchObject({ userId: officer.me.id, emailStatus: 'none' });
    // The hook is idempotent too.
    expect((await deliverReminder(t.database.db, t.config, reminder)).delivered).toBe(0);
  });
});

describe('sources from other modules', () => {
  it('runs a registered source with the others', async () => {
    registerReminderSource({
      name: 'test-scans',
      kinds: ['scan_due'],
      collect: async (_db, { today }) => [
        {
          kind: 'scan_due',
          subjectId: 'system-1',
          occurrence: today,
          recipients: [officer.me.id],
          title: 'Đến hạn rà quét lỗ hổng',
          body: 'Hệ thống cần được rà quét lỗ hổng.',
          link: null,
        },
      ],
    });
    await runReminderJobs(t.database.db, t.config, { now: vnNoon('2027-01-05') });
    await runReminderJobs(t.database.db, t.config, { now: vnNoon('2027-01-05') });
    expect(await deliveriesFor('scan_due', 'system-1')).toHaveLength(1);
  });

  it('reminds the security unit of each submission of a dossier awaiting appraisal', async () => {
    const { rows } = await t.database.db.execute(sql`select id, submissions from dossiers where state = 'submitted' limit 1`);
    const dossier = rows[0] as { id: number; submissions: number };
    await runReminderJobs(t.database.db, t.config, { now: vnNoon('2027-01-06') });
    const sent = await deliveriesFor('dossier_awaiting_appraisal', String(dossier.id));
    expect(sent.map((d) => d.userId)).toEqual([attt.me.id]);
    expect(sent[0]!.occurrence).toBe(`submission-${dossier.submissions}`);
  });
});

describe('reminders from incidents, warnings, scans and assessments', () => {
  it('reminds the lead of an open incident, the owners of an open warning item and of systems due for a scan', async () => {
    // A system in operation, classified and never scanned: due for a scan now.
    const fresh = (await officer.post('/api/systems', { agencyId: syt, code: 'NHAC-QUET', name: 'Hệ thống chưa rà quét' })).json().id as number;
    const answers = { ...EMPTY_ANSWERS, information: ['personal'] }; // internal with personal information: level 2 (Art. 8(1))
    expect((await officer.put(`/api/systems/${fresh}/classification`, { answers, proposedLevel: 2 })).statusCode).toBe(200);
    const now = vnNoon(todayVn());
    await runReminderJobs(t.database.db, t.config, { now });
    const {
      rows: [incident],
    } = await t.database.db.execute(sql`select id, lead_user_id as lead from incidents
      where lead_user_id is not null and status in ('triaged', 'responding', 'contained', 'recovered') limit 1`);
    const lead = incident as { id: number; lead: number };
    expect((await deliveriesFor('incident_assigned', String(lead.id))).map((d) => d.userId)).toContain(lead.lead);
    const {
      rows: [item],
    } = await t.database.db.execute(sql`select id from remediation_items where status = 'open' and agency_id = ${syt} limit 1`);
    const itemRows = await deliveriesFor('warning_received', String((item as { id: number }).id));
    expect(itemRows.map((d) => d.userId).sort()).toEqual([officer.me.id, sytAdmin.me.id].sort());
    expect((await deliveriesFor('scan_due', String(fresh))).map((d) => d.userId).sort()).toEqual([officer.me.id, sytAdmin.me.id].sort());
    // A second run the same day sends none of them again.
    const again = await runReminderJobs(t.database.db, t.config, { now });
    expect(again.delivered).toBe(0);
  });
});

describe('notifications and the outbox', () => {
  it('marks notifications read, for the caller only', async () => {
    const before = (await sytAdmin.get('/api/notifications')).json();
    expect(before.unread).toBeGreaterThan(0);
    const res = await officer.post('/api/notifications/read', {});
    expect(res.json().unread).toBe(0);
    expect((await sytAdmin.get('/api/notifications')).json().unread).toBe(before.unread);
  });

  it('shows the platform admin the outbox with readable Vietnamese subjects', async () => {
    const list = (await admin.get('/api/admin/outbox')).json() as { to: string; subject: string; text: string }[];
    const mail = list.find((m) => m.text.includes(`/tasks/assignments/${assignmentId}`))!;
    expect(mail.subject).toMatch(/^\[Khiên\] Nhiệm vụ/);
    expect(mail.to).toMatch(/Vũ Đức Long|Hoàng Thị Lan/);
    expect(mail.text).toContain('Gửi báo cáo rà quét lỗ hổng');
    expect((await officer.get('/api/admin/outbox')).statusCode).toBe(403);
  });

  it('lets the security unit run the jobs by hand, and nobody else', async () => {
    expect((await officer.post('/api/reminders/run', {})).statusCode).toBe(403);
    const res = await attt.post('/api/reminders/run', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ delivered: expect.any(Number), failed: 0 });
  });
});
