import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { initialReport } from '../../../../tests/support/incident-report.ts';
import { startReceiver } from '../../../../tests/support/webhook-receiver.ts';
import { openDatabase } from '../../db/client.ts';
import { buildApp } from '../../app.ts';
import { runReminderJobs } from '../reminders/jobs.ts';
import { runWebhookDispatch, type DispatchOptions } from './dispatcher.ts';

/**
 * Webhooks against a real HTTP receiver on a loopback port: signed deliveries, retries while the receiver is down,
 * turning a failing subscription off, the agency scope of events and subscriptions, and two app nodes on one
 * PostgreSQL never delivering an event twice.
 */

let t: TestApp;
let dataDir: string;
let admin: HttpClient, attt: HttpClient, sytAdmin: HttpClient, sytOfficer: HttpClient, sgdOfficer: HttpClient;
let syt: number, sgd: number, hospital: number;
const systemOf = new Map<number, number>();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const ALL_INCIDENT_EVENTS = ['incident.reported', 'incident.status_changed', 'incident.closed'];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-webhooks-'));
  t = await startTestApp({ DATA_DIR: dataDir, WEBHOOK_ALLOW_LOOPBACK: 'true' });
  const http = await listen(t.app);
  [admin, attt, sytAdmin, sytOfficer, sgdOfficer] = await Promise.all(['admin', 'attt', 'syt.admin', 'syt.canbo', 'sgd.canbo'].map((u) => http.login(u)));
  const all = (await admin.get('/api/agencies')).json as { id: number; name: string }[];
  syt = all.find((a) => a.name === 'Sở Y tế')!.id;
  sgd = all.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  hospital = all.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')!.id;
  for (const agency of [syt, sgd, hospital]) {
    const systems = (await admin.get(`/api/systems?agencyId=${agency}&limit=500`)).json.items as { id: number; agencyId: number }[];
    systemOf.set(agency, systems.find((s) => s.agencyId === agency)!.id);
  }
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  // Each test's subscriptions go with it, so none receives the next test's events.
  await t.database.db.execute(sql`delete from webhook_subscriptions`);
  receiver.received.length = 0;
  receiver.answer(200);
});

const dispatch = (opts: DispatchOptions = {}) => runWebhookDispatch(t.database.db, t.config, opts);
const subscribe = async (c: HttpClient, body: Record<string, unknown>) => {
  const res = await c.post('/api/webhooks', { url: receiver.url(), eventTypes: ALL_INCIDENT_EVENTS, ...body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: number; secret: string; active: boolean };
};
const report = async (c: HttpClient, agency: number, title = 'Máy trạm nhiễm mã độc') => {
  const res = await c.post('/api/incidents', initialReport(agency, [systemOf.get(agency)!], { title }));
  expect(res.status, res.text).toBe(201);
  return res.json.id as number;
};
const deliveriesOf = async (c: HttpClient, id: number) => {
  const res = await c.get(`/api/webhooks/${id}/deliveries`);
  expect(res.status, res.text).toBe(200);
  return res.json.items as {
    id: number;
    messageId: string;
    type: string;
    status: string;
    attempts: number;
    nextAttemptAt: string | null;
    lastStatusCode: number | null;
    lastError: string | null;
  }[];
};
const audits = async (id: number) =>
  (
    await t.database.db.execute(
      sql`select action, actor_user_id, after from audit_log where entity = 'webhook_subscription' and entity_id = ${String(id)} order by id`,
    )
  ).rows as { action: string; actor_user_id: number | null; after: Record<string, unknown> | null }[];
const payloads = () => receiver.received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> });

describe('a subscription', () => {
  it('is created by an agency admin with a whsec_ secret shown once, audited without the secret', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt, description: 'SIEM của Sở Y tế' });
    expect(s.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(s.active).toBe(true);
    const read = await sytAdmin.get(`/api/webhooks/${s.id}`);
    expect(read.status).toBe(200);
    expect(read.json).not.toHaveProperty('secret');
    expect(read.json).toMatchObject({ agencyId: syt, provinceWide: false, eventTypes: ALL_INCIDENT_EVENTS, can: { edit: true } });
    expect(JSON.stringify((await t.database.db.execute(sql`select secret_sealed from webhook_subscriptions where id = ${s.id}`)).rows)).not.toContain(s.secret);
    const [entry] = await audits(s.id);
    expect(entry).toMatchObject({ action: 'create', actor_user_id: expect.any(Number), after: { url: receiver.url(), provinceWide: false } });
    expect(JSON.stringify(entry)).not.toContain(s.secret);
    const list = await sytAdmin.get('/api/webhooks');
    expect(list.json.items.map((w: { id: number }) => w.id)).toEqual([s.id]);
    expect(list.json.can).toEqual({ create: true, provinceWide: false });
  });

  it('refuses a bad address, an unknown event and no event, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://siem.example.vn/hook' }, 'url'],
      [{ url: 'http://user:pw@siem.example.vn/hook' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 'url'],
      [{ url: 'http://[ff02::1]/hook' }, 'url'],
      [{ eventTypes: ['incident.deleted'] }, 'eventTypes'],
      [{ eventTypes: [] }, 'eventTypes'],
    ];
    for (const [over, field] of cases) {
      const res = await sytAdmin.post('/api/webhooks', { agencyId: syt, url: 'https://siem.example.vn/hook', eventTypes: ['incident.reported'], ...over });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.json.error.field, JSON.stringify(over)).toMatch(new RegExp(`^${field}`));
      expect(res.json.error.messageVi).toBeTruthy();
    }
    // A private network (the province's SIEM) is allowed.
    expect((await sytAdmin.post('/api/webhooks', { agencyId: syt, url: 'http://10.10.0.5:8088/hook', eventTypes: ['incident.reported'] })).status).toBe(201);
  });

  it("is managed only within the owner's scope: other agencies get 404, province-wide takes the security unit", async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    for (const c of [sgdOfficer, sytOfficer]) {
      expect((await c.get(`/api/webhooks/${s.id}`)).status).toBe(404);
      expect((await c.request('PATCH', `/api/webhooks/${s.id}`, { body: { active: false } })).status).toBe(404);
      expect((await c.request('DELETE', `/api/webhooks/${s.id}`)).status).toBe(404);
      expect((await c.post(`/api/webhooks/${s.id}/test`)).status).toBe(404);
      expect((await c.get(`/api/webhooks/${s.id}/deliveries`)).status).toBe(404);
    }
    expect((await sytOfficer.get('/api/webhooks')).status).toBe(403);
    expect((await sytAdmin.post('/api/webhooks', { agencyId: sgd, url: receiver.url(), eventTypes: ['incident.reported'] })).status).toBe(404);
    expect((await sytAdmin.post('/api/webhooks', { agencyId: syt, provinceWide: true, url: receiver.url(), eventTypes: ['incident.reported'] })).status).toBe(
      403,
    );
    const attAgency = (await attt.get('/api/auth/me')).json.agencyId as number;
    const wide = await subscribe(attt, { agencyId: attAgency, provinceWide: true });
    // The province-wide subscription is not the agency admin's business.
    expect((await sytAdmin.get(`/api/webhooks/${wide.id}`)).status).toBe(404);
    expect((await sytAdmin.get('/api/webhooks')).json.items.map((w: { id: number }) => w.id)).toEqual([s.id]);
    expect((await admin.get('/api/webhooks')).json.items.map((w: { id: number }) => w.id)).toEqual([wide.id, s.id]);
    expect((await sytAdmin.request('DELETE', `/api/webhooks/${s.id}`)).status).toBe(204);
    expect((await audits(s.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('delivery', () => {
  it("sends the agency subtree's events signed by the Standard Webhooks scheme, and never another agency's", async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    const own = await report(sytOfficer, syt);
    const child = await report(admin, hospital, 'Sự cố của bệnh viện');
    const other = await report(sgdOfficer, sgd, 'Sự cố của Sở Giáo dục');
    const tally = await dispatch();
    expect(tally).toMatchObject({ sent: 2, failed: 0 });
    expect(receiver.received).toHaveLength(2);
    const wh = new Webhook(s.secret);
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      expect(r.headers['webhook-timestamp']).toMatch(/^\d+$/);
      expect(r.headers['webhook-signature']).toMatch(/^v1,/);
      expect(wh.verify(r.body, r.headers)).toEqual(JSON.parse(r.body));
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret entirely!').toString('base64')}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers),
    ).toThrow();
    const got = payloads();
    expect(got.map((p) => p.type)).toEqual(['incident.reported', 'incident.reported']);
    expect(got.map((p) => p.data.incidentId).sort()).toEqual([own, child].sort());
    expect(got.map((p) => p.data.incidentId)).not.toContain(other);
    // Ids and codes only: nothing of the report's text or its reporter.
    expect(Object.keys(got[0]!.data).sort()).toEqual(['agencyId', 'incidentId', 'kind', 'severity', 'source', 'status']);
    expect(receiver.received[0]!.body).not.toContain('0912 345 678');
    // Nothing more to send.
    expect((await dispatch()).sent).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });

  it('sends status changes and the closing of a case, only the types chosen', async () => {
    await subscribe(sytAdmin, { agencyId: syt, eventTypes: ['incident.status_changed'] });
    const id = await report(sytOfficer, syt);
    expect((await admin.post(`/api/incidents/${id}/transitions`, { action: 'accept' })).status).toBe(200);
    await dispatch();
    expect(payloads()).toEqual([
      {
        type: 'incident.status_changed',
        timestamp: expect.any(String),
        data: { incidentId: id, agencyId: syt, action: 'accept', from: 'received', to: expect.any(String) },
      },
    ]);
  });

  it('retries with backoff while the receiver is down and delivers once when it is back', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    await receiver.down();
    const start = Date.now();
    const at = (ms: number) => ({ now: () => new Date(start + ms), random: () => 0.5 });
    await report(sytOfficer, syt);
    expect(await dispatch(at(0))).toMatchObject({ sent: 0, failed: 1 });
    let [d] = await deliveriesOf(sytAdmin, s.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toMatch(/ECONNREFUSED|connect/);
    expect(new Date(d!.nextAttemptAt!).getTime() - start).toBe(30_000);
    // Not due yet: nothing is tried.
    expect(await dispatch(at(20_000))).toMatchObject({ sent: 0, failed: 0 });
    expect(await dispatch(at(30_000))).toMatchObject({ failed: 1 });
    [d] = await deliveriesOf(sytAdmin, s.id);
    expect(d).toMatchObject({ attempts: 2 });
    expect(new Date(d!.nextAttemptAt!).getTime() - start).toBe(30_000 + 120_000);
    await receiver.up();
    expect(await dispatch(at(100_000))).toMatchObject({ sent: 0, failed: 0 });
    expect(await dispatch(at(150_000))).toMatchObject({ sent: 1, failed: 0 });
    expect(await dispatch(at(3_600_000))).toMatchObject({ sent: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    [d] = await deliveriesOf(sytAdmin, s.id);
    expect(d).toMatchObject({ status: 'sent', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect((await sytAdmin.get(`/api/webhooks/${s.id}`)).json.consecutiveFailures).toBe(0);
  });

  it('turns the subscription off after repeated failures, records it, and its owner turns it on again', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    receiver.answer(500);
    await report(sytOfficer, syt);
    const start = Date.now();
    const opts = (ms: number): DispatchOptions => ({ now: () => new Date(start + ms), random: () => 0.5, delays: [1000, 1000, 1000, 1000], disableAfter: 3 });
    for (const ms of [0, 1000, 2000]) await dispatch(opts(ms));
    const off = (await sytAdmin.get(`/api/webhooks/${s.id}`)).json;
    expect(off).toMatchObject({ active: false, disabledReason: 'failures', consecutiveFailures: 3 });
    const disabled = (await audits(s.id)).find((a) => a.action === 'disable')!;
    expect(disabled).toMatchObject({ actor_user_id: null, after: { reason: 'failures', lastStatusCode: 500 } });
    // Off: nothing is tried, and a test event is refused until it is on again.
    expect(await dispatch(opts(10_000))).toMatchObject({ sent: 0, failed: 0 });
    expect(receiver.received).toHaveLength(3);
    expect((await sytAdmin.post(`/api/webhooks/${s.id}/test`)).status).toBe(409);
    receiver.answer(204);
    const on = await sytAdmin.request('PATCH', `/api/webhooks/${s.id}`, { body: { active: true } });
    expect(on.json).toMatchObject({ active: true, disabledReason: null, consecutiveFailures: 0 });
    expect(await dispatch(opts(20_000))).toMatchObject({ sent: 1 });
    expect((await deliveriesOf(sytAdmin, s.id))[0]).toMatchObject({ status: 'sent', attempts: 4, lastStatusCode: 204 });
    expect((await audits(s.id)).map((a) => a.action)).toEqual(['create', 'disable', 'update']);
  });

  it('gives a delivery up after the last retry', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    receiver.answer(503);
    await report(sytOfficer, syt);
    const start = Date.now();
    for (const ms of [0, 1000]) await dispatch({ now: () => new Date(start + ms), random: () => 0.5, delays: [1000] });
    expect((await deliveriesOf(sytAdmin, s.id))[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503, nextAttemptAt: null });
    expect(await dispatch({ now: () => new Date(start + 100_000) })).toMatchObject({ sent: 0, failed: 0 });
  });

  it('sends a test event and redelivers it with the same webhook-id, audited', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt });
    const queued = await sytAdmin.post(`/api/webhooks/${s.id}/test`);
    expect(queued.status, queued.text).toBe(202);
    expect(queued.json).toMatchObject({ type: 'webhook.test', status: 'pending', attempts: 0 });
    await dispatch();
    expect(payloads()).toEqual([{ type: 'webhook.test', timestamp: expect.any(String), data: { subscriptionId: s.id, agencyId: syt } }]);
    const again = await sytAdmin.post(`/api/webhooks/${s.id}/deliveries/${queued.json.id}/redeliver`);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ status: 'pending', attempts: 0 });
    await dispatch();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    expect(new Webhook(s.secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers)).toMatchObject({ type: 'webhook.test' });
    expect((await audits(s.id)).map((a) => a.action)).toEqual(['create', 'test', 'redeliver']);
    expect((await sgdOfficer.post(`/api/webhooks/${s.id}/deliveries/${queued.json.id}/redeliver`)).status).toBe(404);
    expect((await sytAdmin.post(`/api/webhooks/${s.id}/deliveries/999999999/redeliver`)).status).toBe(404);
  });

  it("gives a province-wide subscription every agency's events", async () => {
    const attAgency = (await attt.get('/api/auth/me')).json.agencyId as number;
    await subscribe(attt, { agencyId: attAgency, provinceWide: true, eventTypes: ['incident.reported'] });
    const a = await report(sytOfficer, syt);
    const b = await report(sgdOfficer, sgd);
    await dispatch();
    expect(payloads().map((p) => p.data.incidentId)).toEqual([a, b]);
  });

  it('sends overdue tasks, findings coming due and overdue remediation from the reminder run, once', async () => {
    const s = await subscribe(sytAdmin, { agencyId: syt, eventTypes: ['task.overdue', 'remediation.overdue', 'finding.due'] });
    // Far enough ahead that every open task and remediation item of the demo province is overdue.
    const later = new Date(Date.now() + 3 * 365 * 86_400_000);
    await runReminderJobs(t.database.db, t.config, { now: later });
    await runReminderJobs(t.database.db, t.config, { now: later });
    await dispatch({ now: () => later });
    const got = payloads();
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got.map((p) => p.type))).toContain('task.overdue');
    const subtree = ((await sytAdmin.get('/api/agencies')).json as { id: number }[]).map((a) => a.id);
    expect(got.every((p) => subtree.includes(p.data.agencyId as number))).toBe(true);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await deliveriesOf(sytAdmin, s.id)).length).toBe(got.length);
  });
});

describe('two app nodes on one PostgreSQL', () => {
  it('deliver each event to each subscription exactly once', async (ctx) => {
    if (t.database.label !== 'postgres') ctx.skip();
    const second = await openDatabase({ url: t.database.url!, poolSize: 4 });
    const node2 = await buildApp(t.config, second);
    await node2.ready();
    try {
      const a = await subscribe(sytAdmin, { agencyId: syt });
      const b = await subscribe(sytAdmin, { agencyId: syt, url: receiver.url('/second'), eventTypes: ['incident.reported'] });
      const incidents: number[] = [];
      for (let i = 0; i < 12; i++) incidents.push(await report(sytOfficer, syt, `Sự cố số ${i + 1}`));
      // Each answer takes a while, so both nodes are claiming and sending at once.
      receiver.answer(200, 30);
      const tallies = [];
      for (let round = 0; round < 3; round++)
        tallies.push(...(await Promise.all([runWebhookDispatch(t.database.db, t.config), runWebhookDispatch(second.db, t.config)])));
      const perTarget = receiver.received.map((r) => `${r.headers['webhook-id']} ${JSON.parse(r.body).data.incidentId}`);
      expect(receiver.received).toHaveLength(24);
      expect(new Set(perTarget).size).toBe(12);
      expect(new Set(receiver.received.map((r) => JSON.parse(r.body).data.incidentId))).toEqual(new Set(incidents));
      const keys = receiver.received.map((r) => `${r.headers['webhook-id']}`);
      // Each event reached each of the two subscriptions once: every webhook-id twice, no more.
      expect([...new Set(keys)].every((k) => keys.filter((x) => x === k).length === 2)).toBe(true);
      expect(tallies.reduce((n, x) => n + x.sent, 0)).toBe(24);
      expect(tallies.reduce((n, x) => n + x.events, 0)).toBe(12);
      for (const s of [a, b]) expect((await deliveriesOf(sytAdmin, s.id)).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    } finally {
      await node2.close();
      await second.close();
    }
  });
});
