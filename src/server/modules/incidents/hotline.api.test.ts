import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { formTokenProblem, issueFormToken } from './intake.ts';

let t: TestApp;
let responder: Client;
let officer: Client;
let caller: Client;
/** Each test speaks from its own address, so the per-IP limit of one does not spill into another. */
let address = 10;
const nextAddress = () => `198.51.100.${address++}`;

beforeAll(async () => {
  t = await startTestApp({ INCIDENT_INTAKE_MAX_PER_HOUR: '3', INCIDENT_INTAKE_MIN_SECONDS: '5', HOTLINE_PHONE: '0211 000 0000' });
  [responder, officer] = await Promise.all(['ungcuu', 'syt.canbo'].map((u) => t.login(u)));
  caller = await t.anonymous();
});
afterAll(async () => {
  await t?.close();
});

/** A token issued a minute ago: old enough to pass the minimum fill time. */
const oldToken = () => issueFormToken(t.config.sessionSecret, Date.now() - 60_000);
const form = (over: Record<string, unknown> = {}) => ({
  reporterName: 'Trần Văn Dân',
  reporterPhone: '0987 654 321',
  organization: 'Bệnh viện Đa khoa tỉnh Demo',
  kind: 'defacement',
  description: `Trang web của bệnh viện hiển thị nội dung lạ, nhiều người dân phản ánh (${Math.random().toString(36).slice(2)}).`,
  formToken: oldToken(),
  ...over,
});
const send = (payload: unknown, remoteAddress = nextAddress(), c = caller): Promise<LightMyRequestResponse> =>
  c.request({ method: 'POST', url: '/api/public/incidents', payload: payload as never, remoteAddress });
const hotlineTotal = async () => (await responder.get('/api/incidents?source=hotline&limit=1')).json().total as number;

describe('form tokens', () => {
  it('are signed, must be a few seconds old and expire', () => {
    const now = Date.now();
    const token = issueFormToken('secret-secret-secret', now);
    expect(formTokenProblem('secret-secret-secret', token, 5, now + 1000)).toBe('too_fast');
    expect(formTokenProblem('secret-secret-secret', token, 5, now + 6000)).toBeNull();
    expect(formTokenProblem('secret-secret-secret', token, 5, now + 7 * 3_600_000)).toBe('expired');
    expect(formTokenProblem('another-secret-here', token, 5, now + 6000)).toBe('invalid');
    expect(
      formTokenProblem(
        'secret-secret-secret',
        token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
        5,
        now + 6000,
      ),
    ).toBe('invalid');
    expect(formTokenProblem('secret-secret-secret', 'garbage', 5, now)).toBe('invalid');
  });

  it("are handed out without a session, with the province's 24/7 number", async () => {
    const res = await caller.get('/api/public/incidents/form-token');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ token: expect.any(String), minSeconds: 5, hotlinePhone: '0211 000 0000' });
    expect(formTokenProblem(t.config.sessionSecret, res.json().token, 0)).toBeNull();
  });
});

describe('the public hotline intake', () => {
  it("lands a report in the team's queue without a sign-in, and never in an agency's", async () => {
    const before = await hotlineTotal();
    const res = await send(form({ affectedAddress: 'https://bvdk.demo.gov.vn' }));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ reference: expect.stringMatching(/^SC-\d{4}-\d{4}$/), duplicate: false });
    expect(await hotlineTotal()).toBe(before + 1);
    const [item] = (await responder.get('/api/incidents?source=hotline&status=received&limit=1')).json().items;
    expect(item).toMatchObject({ source: 'hotline', agencyId: null, hotlineOrganization: 'Bệnh viện Đa khoa tỉnh Demo', kind: 'defacement' });
    const detail = (await responder.get(`/api/incidents/${item.id}`)).json();
    expect(detail.description).toContain('https://bvdk.demo.gov.vn');
    expect(detail.timeliness).toMatchObject({ applies: false, late: false });
    expect((await officer.get(`/api/incidents/${item.id}`)).statusCode).toBe(404);

    // Triage names the agency: from then on the agency sees its case.
    const sytHospital = (await responder.get('/api/agencies')).json().find((a: { name: string }) => a.name === 'Bệnh viện Đa khoa tỉnh Demo').id;
    const accepted = await responder.post(`/api/incidents/${item.id}/transitions`, { action: 'accept', agencyId: sytHospital });
    expect(accepted.json()).toMatchObject({ status: 'triaged', agencyName: 'Bệnh viện Đa khoa tỉnh Demo', managingAgencyName: 'Sở Y tế' });
    expect((await officer.get(`/api/incidents/${item.id}`)).statusCode).toBe(200);
  });

  it('counts the same report sent twice as one', async () => {
    const payload = form({ description: 'Nhận được thư giả mạo Sở Y tế yêu cầu cung cấp mật khẩu thư công vụ, mời kiểm tra.' });
    const first = (await send(payload)).json();
    const again = await send({ ...payload, formToken: oldToken(), reporterPhone: '0987-654-321' });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ reference: first.reference, duplicate: true });
  });

  it('drops a form whose trap field is filled, answering as if it were kept', async () => {
    const before = await hotlineTotal();
    const res = await send(form({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(202);
    expect(res.json().reference).toMatch(/^SC-/);
    expect(await hotlineTotal()).toBe(before);
  });

  it('refuses a form sent too fast, a forged token, no contact, too many links and too much text', async () => {
    const before = await hotlineTotal();
    const fast = await send(form({ formToken: issueFormToken(t.config.sessionSecret) }));
    expect(fast.statusCode).toBe(400);
    expect(fast.json().error).toMatchObject({ field: 'formToken', messageVi: expect.stringContaining('quá nhanh') });
    expect((await send(form({ formToken: issueFormToken('not-the-server-secret', Date.now() - 60_000) }))).json().error.field).toBe('formToken');
    expect((await send(form({ reporterPhone: null }))).statusCode).toBe(400);
    // The kind states a fact about the incident: no default, a missing one is refused by name.
    expect((await send(form({ kind: undefined }))).json().error.field).toBe('kind');
    expect((await send(form({ kind: null }))).json().error.field).toBe('kind');
    const links = Array.from({ length: 6 }, (_, i) => `https://x${i}.example`).join(' ');
    expect((await send(form({ description: `Quảng cáo ${links}` }))).json().error.field).toBe('description');
    expect((await send(form({ description: 'x'.repeat(40_000) }))).statusCode).toBe(413);
    expect((await send(form({ detectedAt: new Date(Date.now() + 86_400_000).toISOString() }))).json().error.field).toBe('detectedAt');
    expect(await hotlineTotal()).toBe(before);
  });

  it('needs the CSRF cookie round-trip like any other write', async () => {
    const bare = await caller.request({ method: 'POST', url: '/api/public/incidents', payload: form() as never, csrf: false, remoteAddress: nextAddress() });
    expect(bare.statusCode).toBe(403);
  });

  it('limits reports per address', async () => {
    const ip = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await send(form(), ip)).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
    // Another address is not affected.
    expect((await send(form())).statusCode).toBe(202);
  });
});
