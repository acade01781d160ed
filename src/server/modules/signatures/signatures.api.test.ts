import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { tokenBody } from '../../../../tests/support/obligations-cases.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';

/** The register of special-use signature tokens and certificates (Bắc Giang 1, last bullet), per agency. */

let t: TestApp;
let admin: Client, attt: Client, viewer: Client, officer: Client, sytAdmin: Client, other: Client;
let syt: number, sgd: number, hospital: number, telecom: number;
type Agency = { id: number; name: string; kind: string };
const today = todayVn();

beforeAll(async () => {
  t = await startTestApp();
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
});

const create = async (c: Client, body: object) => {
  const res = await c.post('/api/signature-tokens', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('the register', () => {
  it('registers a token with the serial as the issuer prints it, stored as upper-case hexadecimal, audited once', async () => {
    const before = Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log where entity = 'signature_token'`)).rows[0]!.n);
    const tk = await create(officer, { ...tokenBody(syt), serial: '54:ab:01 0f:99', holderPosition: 'Giám đốc' });
    expect(tk).toMatchObject({ agencyId: syt, agencyName: 'Sở Y tế', serial: '54AB010F99', state: 'valid', holderPosition: 'Giám đốc', can: { edit: true } });
    const after = Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log where entity = 'signature_token'`)).rows[0]!.n);
    expect(after).toBe(before + 1);
    // The same certificate twice is a conflict, not a second row.
    const again = await officer.post('/api/signature-tokens', { ...tokenBody(syt), serial: '54AB010F99' });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('states each certificate by its validity: expiring within the notice period, expired after its last day', async () => {
    const expiring = await create(officer, { ...tokenBody(syt), validTo: addDays(today, 10) });
    const expired = await create(officer, { ...tokenBody(syt), validTo: addDays(today, -1) });
    expect([expiring.state, expired.state]).toEqual(['expiring', 'expired']);
    const list = (await officer.get('/api/signature-tokens?state=expiring')).json();
    expect(list.items.every((i: { state: string }) => i.state === 'expiring')).toBe(true);
    expect(list.items.map((i: { id: number }) => i.id)).toContain(expiring.id);
    expect(list.noticeDays).toBe(30);
    expect(list.counts.expiring).toBeGreaterThanOrEqual(1);
    expect(list.citations[0].vi).toBe('Khoản 1 Công văn số 2236/UBND-KT');
  });

  it('records a revocation and a loss report, each audited with its action', async () => {
    const tk = await create(officer, tokenBody(syt));
    const revoked = await officer.post(`/api/signature-tokens/${tk.id}/revocation`, { revokedOn: today, reason: 'Người giữ khóa chuyển công tác' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedOn: today, revocationReason: 'Người giữ khóa chuyển công tác' });
    const lost = await officer.post(`/api/signature-tokens/${tk.id}/loss-report`, {
      lostOn: today,
      circumstances: 'Thất lạc khi đi công tác',
      reportedOn: today,
    });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({ state: 'lost', lostOn: today, lossReportedOn: today });
    const { rows } = await t.database.db.execute(
      sql`select action from audit_log where entity = 'signature_token' and entity_id = ${String(tk.id)} order by id`,
    );
    expect(rows.map((r) => (r as { action: string }).action)).toEqual(['create', 'revoke', 'report_loss']);
  });

  it('refuses malformed tokens, naming the field, in both languages', async () => {
    const cases: [object, string][] = [
      [{ ...tokenBody(syt), serial: 'XYZ-1' }, 'serial'],
      [{ ...tokenBody(syt), serial: 'A'.repeat(41) }, 'serial'],
      [{ ...tokenBody(syt), validFrom: '2026-02-30' }, 'validFrom'],
      [{ ...tokenBody(syt), validTo: '2020-01-01' }, 'validTo'],
      [{ ...tokenBody(syt), subject: 'robot' }, 'subject'],
      [{ ...tokenBody(syt), holderName: '' }, 'holderName'],
      [{ ...tokenBody(telecom) }, 'agencyId'],
    ];
    for (const [body, field] of cases) {
      const res = await officer.post('/api/signature-tokens', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ field });
      expect(res.json().error.messageVi).toBeTruthy();
    }
    const tk = await create(officer, tokenBody(syt));
    const patch = await officer.patch(`/api/signature-tokens/${tk.id}`, { validTo: '2023-12-31' });
    expect(patch.statusCode, patch.body).toBe(400);
    expect(patch.json().error.field).toBe('validTo');
    const loss = await officer.post(`/api/signature-tokens/${tk.id}/loss-report`, { lostOn: today, circumstances: 'Mất', reportedOn: addDays(today, -3) });
    expect(loss.json().error.field).toBe('reportedOn');
  });

  it('lets the agency admin keep the subtree, refuses the viewer and the security unit (403)', async () => {
    const tk = await create(sytAdmin, tokenBody(hospital));
    expect(tk.can.edit).toBe(true);
    expect((await officer.post('/api/signature-tokens', tokenBody(hospital))).statusCode).toBe(403);
    for (const c of [viewer, attt]) {
      const seen = (await c.get(`/api/signature-tokens/${tk.id}`)).json();
      expect(seen.can.edit).toBe(false);
      expect((await c.patch(`/api/signature-tokens/${tk.id}`, { note: 'Sửa' })).statusCode).toBe(403);
      expect((await c.get('/api/signature-tokens')).json().can.create).toBe(false);
    }
  });
});

describe('isolation', () => {
  it("hides another agency's tokens and refuses them as missing (404), in lists, by id and in a request body", async () => {
    const theirs = await create(other, tokenBody(sgd));
    for (const c of [officer, sytAdmin]) {
      expect((await c.get(`/api/signature-tokens/${theirs.id}`)).statusCode).toBe(404);
      expect((await c.patch(`/api/signature-tokens/${theirs.id}`, { note: 'x' })).statusCode).toBe(404);
      expect((await c.post(`/api/signature-tokens/${theirs.id}/revocation`, { revokedOn: today, reason: 'Thu hồi' })).statusCode).toBe(404);
      const list = (await c.get('/api/signature-tokens')).json();
      expect(list.items.some((i: { agencyId: number }) => i.agencyId === sgd)).toBe(false);
      expect((await c.get(`/api/signature-tokens?agencyId=${sgd}`)).statusCode).toBe(404);
      const intoB = await c.post('/api/signature-tokens', tokenBody(sgd));
      const missing = await c.post('/api/signature-tokens', tokenBody(999_999));
      expect({ status: intoB.statusCode, body: intoB.json() }).toEqual({ status: missing.statusCode, body: missing.json() });
      expect(intoB.statusCode).toBe(404);
    }
    expect((await viewer.get('/api/signature-tokens')).json().items.some((i: { id: number }) => i.id === theirs.id)).toBe(true);
  });
});

describe('expiry reminders', () => {
  it("reminds the agency's keepers of a certificate expiring within 30 days, once per validity end", async () => {
    const tk = await create(officer, { ...tokenBody(syt), holderName: 'Trần Hết Hạn', validTo: addDays(today, 5) });
    const run = async () => (await admin.post('/api/reminders/run')).json();
    await run();
    const notes = async (c: Client) =>
      ((await c.get('/api/notifications')).json().items as { title: string }[]).filter((n) => n.title.includes('Trần Hết Hạn'));
    expect((await notes(officer)).length).toBe(1);
    expect((await notes(other)).length).toBe(0);
    await run();
    expect((await notes(officer)).length).toBe(1);
    // A renewed certificate is announced again when its new end comes near.
    await officer.patch(`/api/signature-tokens/${tk.id}`, { validTo: addDays(today, 6) });
    await run();
    expect((await notes(officer)).length).toBe(2);
  });
});
