import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';
import { PDF } from '../../../tests/support/upload.ts';
import { initialReport } from '../../../tests/support/incident-report.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../app.ts';

/**
 * Regressions of issue 12, item 3: ordinary bad input that answered 500 (PostgreSQL `integer` overflow, NUL
 * characters, impossible dates, lone surrogates, unreadable multipart) or answered outside the error shape (Node's
 * 431, Fastify's 414, the login limiter's 429), and path ids that reached record 1. All over real HTTP.
 */

let t: TestApp;
let dataDir: string;
let admin: HttpClient;
let anonymous: HttpClient;
let systemId: number;
let dossierId: number;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-hardening-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  const http = await listen(t.app);
  [admin, anonymous] = await Promise.all([http.login('admin'), http.anonymous()]);
  const systems = (await admin.get('/api/systems?limit=500')).json.items as { id: number; dossierState: string | null }[];
  systemId = systems[0]!.id;
  const withDossier = systems.find((s) => s.dossierState === 'draft' || s.dossierState === 'returned')!;
  dossierId = (await admin.get(`/api/systems/${withDossier.id}/dossiers`)).json[0].id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The answer is a 4xx in the one error shape, about `field` when given. */
function refused(res: { status: number; json: any; text: string }, status: number, field?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String), messageVi: expect.any(String) });
  expect(res.json.error.messageVi.length).toBeGreaterThan(0);
  if (field) expect(res.json.error.field, res.text).toBe(field);
}

const rowCount = async (table: 'systems' | 'files') =>
  Number((await t.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!.n);

describe('integers beyond PostgreSQL integer', () => {
  it('answers 400 for 2^31 in a path, a query string and a body', async () => {
    refused(await admin.get('/api/systems/2147483648'), 400, 'id');
    refused(await admin.get('/api/systems?agencyId=2147483648'), 400, 'agencyId');
    refused(await admin.get('/api/systems?limit=2147483648'), 400, 'limit');
    const before = await rowCount('systems');
    refused(await admin.post('/api/systems', { agencyId: 2 ** 31, code: 'HT-TRAN-SO', name: 'Hệ thống tràn số' }), 400, 'agencyId');
    refused(
      await admin.request('PATCH', `/api/systems/${systemId}`, { raw: '{"internalUsers":1e309}', headers: { 'content-type': 'application/json' } }),
      400,
      'internalUsers',
    );
    expect(await rowCount('systems')).toBe(before);
    // The largest integer still is one: not found, not refused.
    refused(await admin.get('/api/systems/2147483647'), 404);
  });

  it('keeps bigint columns wide: a budget of 10^12 đồng is accepted', async () => {
    const res = await admin.post(`/api/agencies/${(await admin.get('/api/auth/me')).json.agencyId}/budgets`, {
      year: 2026,
      name: 'Dự án trung tâm dữ liệu',
      kind: 'project',
      totalAmount: 1e12,
      securityAmount: 3e9,
    });
    expect(res.status, res.text).toBe(201);
  });
});

describe('path ids', () => {
  it.each(['%201', '1e3', '0x10', '01', '1.0', '-1', '+1'])('refuses /api/systems/%s instead of reading it as a number', async (id) => {
    refused(await admin.get(`/api/systems/${id}`), 400, 'id');
  });

  it('reaches the record with its plain id', async () => {
    expect((await admin.get(`/api/systems/${systemId}`)).status).toBe(200);
  });
});

describe('text PostgreSQL cannot store', () => {
  it('answers 400, not 500, to a NUL in the login form, anonymously', async () => {
    refused(await anonymous.post('/api/auth/login', { username: 'abc\u0000def', password: 'x' }), 400, 'username');
    refused(await anonymous.post('/api/auth/login', { username: 'admin', password: 'abc\u0000def' }), 400, 'password');
  });

  it('answers 400 to a lone surrogate, in a value or in a key', async () => {
    refused(await admin.request('PATCH', `/api/systems/${systemId}`, { body: { name: 'Hệ thống \ud800' } }), 400, 'name');
    refused(await admin.request('PATCH', `/api/systems/${systemId}`, { raw: '{"\\udfff":1}', headers: { 'content-type': 'application/json' } }), 400);
    expect((await admin.get(`/api/systems/${systemId}`)).json.name).not.toContain('\ufffd');
  });

  it('answers 400 to a NUL in a query string and to nesting 10,000 deep', async () => {
    refused(await admin.get('/api/systems?q=a%00b'), 400, 'q');
    refused(
      await admin.request('PUT', `/api/systems/${systemId}/software`, {
        raw: '['.repeat(10_000) + ']'.repeat(10_000),
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
  });
});

describe('dates', () => {
  it.each(['2026-02-30', '2026-13-45', '0000-01-01'])('refuses the impossible day %s with the field', async (day) => {
    refused(await admin.request('PATCH', `/api/systems/${systemId}`, { body: { goLiveOn: day } }), 400, 'goLiveOn');
    refused(await admin.get(`/api/audit?from=${day}`), 400, 'from');
  });

  it('refuses an instant on an impossible day or with an offset PostgreSQL refuses', async () => {
    refused(await admin.get('/api/incidents?from=2026-02-30'), 400, 'from');
    const report = initialReport(1, [systemId], { title: 'Sự cố thử', severity: 'low', description: 'Mô tả đủ dài cho sự cố.', reporterName: 'Người báo' });
    refused(await admin.post('/api/incidents', { ...report, detectedAt: '2026-02-30T10:00:00Z' }), 400, 'detectedAt');
    refused(await admin.post('/api/incidents', { ...report, detectedAt: '2026-01-15T10:00:00+23:59' }), 400, 'detectedAt');
  });
});

describe('multipart', () => {
  const part = (filename: string, boundary: string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const send = (payload: Buffer, type: string) =>
    admin.request('POST', `/api/dossiers/${dossierId}/files`, { raw: new Uint8Array(payload), headers: { 'content-type': type } });

  it('answers 400 to a multipart body without a boundary', async () => {
    const res = await send(part('a.pdf', 'bnd'), 'multipart/form-data');
    refused(res, 400, 'file');
    expect(res.json.error.code).toBe('invalid_multipart');
  });

  it('answers 400 to a NUL in the file name, and stores nothing', async () => {
    const before = await rowCount('files');
    refused(await send(part('ho-so\u0000.pdf', 'bnd'), 'multipart/form-data; boundary=bnd'), 400, 'file');
    expect(await rowCount('files')).toBe(before);
    // The same upload with a plain name goes through, so the refusal is about the name.
    expect((await send(part('ho-so.pdf', 'bnd'), 'multipart/form-data; boundary=bnd')).status).toBe(201);
  });
});

describe('errors raised before the route', () => {
  it("answers 431 in the error shape for headers over Node's limit", async () => {
    refused(await admin.get('/api/auth/me', { 'x-padding': 'a'.repeat(20_000) }), 431);
    // A request line over the limit is refused the same way.
    refused(await admin.get(`/api/systems?q=${'a'.repeat(20_000)}`), 431);
  });

  it('answers 414 in the error shape for a path segment over maxParamLength', async () => {
    const res = await admin.get(`/api/systems/${'1'.repeat(101)}`);
    refused(res, 414);
    expect(res.json.error.code).toBe('uri_too_long');
  });

  it('answers 400 in the error shape for a path that is not valid UTF-8', async () => {
    refused(await admin.get('/api/systems/%ED%A0%80'), 400, 'url');
  });

  it("answers the login limiter's 429 in the error shape", async () => {
    const limited = await buildApp(
      loadConfig({ LOG_LEVEL: 'silent', LOGIN_MAX_PER_IP: '1', SESSION_SECRET: 'test-secret-test-secret', DATA_DIR: dataDir }),
      t.database,
    );
    try {
      const client = await (await listen(limited)).anonymous();
      await client.post('/api/auth/login', { username: 'khong.co.ai', password: 'sai-mat-khau-1' });
      const res = await client.post('/api/auth/login', { username: 'khong.co.ai', password: 'sai-mat-khau-1' });
      refused(res, 429);
      expect(res.json.error.code).toMatch(/too_many/);
    } finally {
      await limited.close();
    }
  });

  it('answers 415 in the error shape for a content type the API does not read', async () => {
    refused(await admin.request('PATCH', `/api/systems/${systemId}`, { raw: 'name=x', headers: { 'content-type': 'text/plain' } }), 415);
  });
});
