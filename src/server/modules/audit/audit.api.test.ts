import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { registeredRoutes } from '../../../../tests/support/routes.ts';
import { upload } from '../../../../tests/support/upload.ts';
import * as warningCases from '../../../../tests/support/warnings-cases.ts';
import * as directiveCases from '../../../../tests/support/directives-cases.ts';
import * as incidentCases from '../../../../tests/support/incidents-cases.ts';
import * as obligationCases from '../../../../tests/support/obligations-cases.ts';
import * as huntCases from '../../../../tests/support/hunts-cases.ts';
import { exchangeAuditSteps } from '../../../../tests/support/exchange-cases.ts';
import * as webhookCases from '../../../../tests/support/webhooks-cases.ts';
import * as operatorCases from '../../../../tests/support/operators-cases.ts';
import * as outgoingCases from '../../../../tests/support/outgoing-cases.ts';
import * as contributionCases from '../../../../tests/support/contributions-cases.ts';
import { mfaAuditSteps } from '../../../../tests/support/mfa.ts';
import { SERVICE_DN, SERVICE_PASSWORD, startLdapServer, SUFFIX, type LdapServer } from '../../../../tests/support/ldap-server.ts';

type Entry = {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  agencyId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
};

let t: TestApp;
let dataDir: string;
let admin: Client;
let officer: Client; // syt.canbo
let sytAdmin: Client;
let responder: Client; // ungcuu, who sets up a second factor in the steps
let agencies: { id: number; name: string; parentId: number | null }[];
/** The directory a sign-in step goes through (a real slapd). */
let ldap: LdapServer;
const agency = (name: string) => agencies.find((a) => a.name === name)!.id;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-audit-'));
  mkdirSync(path.join(dataDir, 'feeds'));
  ldap = await startLdapServer({ users: [{ uid: 'vnpt.canbo', password: 'Thu-muc-Tung-2026', cn: 'Ngô Thanh Tùng' }] });
  t = await startTestApp({
    DATA_DIR: dataDir,
    FEED_IMPORT_DIR: path.join(dataDir, 'feeds'),
    LDAP_URL: ldap.url,
    LDAP_BIND_DN: SERVICE_DN,
    LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
    LDAP_BASE_DN: SUFFIX,
  });
  [admin, officer, sytAdmin, responder] = await Promise.all(['admin', 'syt.canbo', 'syt.admin', 'ungcuu'].map((u) => t.login(u)));
  agencies = (await admin.get('/api/agencies')).json();
});
afterAll(async () => {
  await t?.close();
  await ldap?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const count = async () => {
  const { rows } = await t.database.db.execute(sql`select count(*)::int as n from audit_log`);
  return (rows[0] as { n: number }).n;
};
const newest = async () => (await admin.get('/api/audit?limit=1')).json()[0] as Entry;

describe('every change is recorded', () => {
  /**
   * Each state-changing route, called once for real: it must append exactly one entry saying who did what (`entries`
   * when a route makes two audited changes in one transaction — a hunt opening an incident: the incident's report and
   * the hunt's link; the step names the last).
   */
  type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string; entries?: number };
  const ctx: Record<string, number | string> = {};
  const steps: Step[] = [
    {
      route: 'POST /api/auth/login',
      by: () => officer,
      entity: 'user',
      action: 'login',
      call: async () => {
        const c = await t.anonymous();
        const r = await c.post('/api/auth/login', { username: 'lanhdao', password: DEMO_PASSWORD });
        return r;
      },
    },
    {
      // The first directory sign-in binds the account to its entry (`link_directory`), then signs in.
      route: 'POST /api/auth/ldap/login',
      by: () => officer,
      entity: 'user',
      action: 'login',
      entries: 2,
      call: async () => (await t.anonymous()).post('/api/auth/ldap/login', { username: 'vnpt.canbo', password: 'Thu-muc-Tung-2026' }),
    },
    { route: 'PUT /api/auth/locale', by: () => officer, entity: 'user', action: 'set_locale', call: (c) => c.put('/api/auth/locale', { locale: 'en' }) },
    {
      route: 'POST /api/agencies',
      by: () => sytAdmin,
      entity: 'agency',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/agencies', { name: 'Phòng Nhật ký', kind: 'public_unit', parentId: agency('Sở Y tế') });
        ctx.agency = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/agencies/:id',
      by: () => sytAdmin,
      entity: 'agency',
      action: 'update',
      call: (c) => c.patch(`/api/agencies/${ctx.agency}`, { phone: '0243 111 2222' }),
    },
    {
      route: 'PUT /api/designations/:code',
      by: () => admin,
      entity: 'designation',
      action: 'update',
      call: (c) =>
        c.put('/api/designations/it_department', { agencyId: agency('Sở Khoa học và Công nghệ'), titleVi: 'Cơ quan CNTT', titleEn: 'IT department' }),
    },
    {
      route: 'POST /api/users',
      by: () => sytAdmin,
      entity: 'user',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/users', { agencyId: ctx.agency, username: 'nhat.ky', fullName: 'Người Nhật Ký', roles: ['agency_officer'] });
        ctx.user = r.json().user?.id;
        ctx.temp = r.json().temporaryPassword;
        return r;
      },
    },
    {
      route: 'PATCH /api/users/:id',
      by: () => sytAdmin,
      entity: 'user',
      action: 'update',
      call: (c) => c.patch(`/api/users/${ctx.user}`, { position: 'Chuyên viên' }),
    },
    {
      route: 'POST /api/users/:id/reset-password',
      by: () => sytAdmin,
      entity: 'user',
      action: 'reset_password',
      call: (c) => c.post(`/api/users/${ctx.user}/reset-password`),
    },
    {
      route: 'POST /api/auth/password',
      by: () => officer,
      entity: 'user',
      action: 'change_password',
      call: (c) => c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'MatKhauNhatKy-1' }),
    },
    {
      route: 'POST /api/systems',
      by: () => officer,
      entity: 'system',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/systems', { agencyId: officer.me.agencyId, code: 'AUDIT-1', name: 'Hệ thống nhật ký' });
        ctx.system = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/systems/:id',
      by: () => officer,
      entity: 'system',
      action: 'update',
      call: (c) => c.patch(`/api/systems/${ctx.system}`, { purpose: 'Kiểm thử nhật ký' }),
    },
    {
      route: 'PUT /api/systems/:id/software',
      by: () => officer,
      entity: 'system_software',
      action: 'update',
      call: (c) => c.put(`/api/systems/${ctx.system}/software`, [{ vendor: 'nginx', product: 'nginx', version: '1.24.0' }]),
    },
    {
      route: 'PUT /api/systems/:id/links',
      by: () => officer,
      entity: 'system_links',
      action: 'update',
      call: (c) => c.put(`/api/systems/${ctx.system}/links`, [{ targetName: 'Cổng dịch vụ công' }]),
    },
    {
      route: 'PUT /api/systems/:id/classification',
      by: () => officer,
      entity: 'system',
      action: 'classify',
      call: async (c) => {
        // Reuse a seeded system's answers, so this test does not depend on the shape of the classification form.
        const seeded = (await c.get('/api/systems?limit=50')).json().items.find((s: { proposedLevel: number | null }) => s.proposedLevel);
        const d = (await c.get(`/api/systems/${seeded.id}`)).json();
        return c.put(`/api/systems/${ctx.system}/classification`, { answers: d.classification, proposedLevel: d.computedLevel });
      },
    },
    {
      route: 'POST /api/systems/:id/dossiers',
      by: () => officer,
      entity: 'dossier',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/systems/${ctx.system}/dossiers`);
        ctx.dossier = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/dossiers/:id',
      by: () => officer,
      entity: 'dossier',
      action: 'update',
      call: (c) => c.patch(`/api/dossiers/${ctx.dossier}`, { securityPlan: 'Sao lưu hằng ngày' }),
    },
    {
      route: 'POST /api/dossiers/:id/files',
      by: () => officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/dossiers/${ctx.dossier}/files?part=design`, 'thiet-ke.pdf'),
    },
    {
      route: 'POST /api/dossiers/:id/transitions',
      by: () => officer,
      entity: 'dossier',
      action: 'dossier_submit',
      call: (c) => c.post(`/api/dossiers/${ctx.dossier}/transitions`, { action: 'submit' }),
    },
    {
      route: 'PATCH /api/systems/:id/requirements/:requirementId',
      by: () => officer,
      entity: 'system_requirement',
      action: 'update',
      call: async (c) => {
        ctx.requirement = (await c.get(`/api/systems/${ctx.system}/requirements`)).json().items[0].requirementId;
        return c.patch(`/api/systems/${ctx.system}/requirements/${ctx.requirement}`, { status: 'in_progress' });
      },
    },
    {
      route: 'PATCH /api/systems/:id/requirements/:requirementId',
      by: () => officer,
      entity: 'system_requirement',
      action: 'update',
      call: (c) => c.patch(`/api/systems/${ctx.system}/requirements/${ctx.requirement}`, { status: 'not_applicable', reason: 'Dùng hạ tầng của tỉnh' }),
    },
    {
      route: 'POST /api/systems/:id/requirements/:requirementId/not-applicable-decision',
      by: () => sytAdmin,
      entity: 'system_requirement',
      action: 'approve_not_applicable',
      call: (c) => c.post(`/api/systems/${ctx.system}/requirements/${ctx.requirement}/not-applicable-decision`, { approve: true }),
    },
    {
      route: 'POST /api/province-parameters/:key/periods',
      by: () => admin,
      entity: 'province_parameter',
      action: 'add_period',
      // A period far ahead, so that the other steps' figures stay those of today.
      call: (c) =>
        c.post('/api/province-parameters/inspections.perYear/periods', {
          value: '1',
          effectiveFrom: new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10),
          instrument: 'thanh-hoa-letter-2024',
          clause: 2,
          point: 'b',
        }),
    },
    {
      route: 'POST /api/systems/:id/requirements/:requirementId/evidence',
      by: () => officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/systems/${ctx.system}/requirements/${ctx.requirement}/evidence`, 'bien-ban.pdf'),
    },
    {
      route: 'PUT /api/approval-matrix/:level',
      by: () => admin,
      entity: 'approval_rule',
      action: 'update',
      call: async (c) => {
        const [rule] = (await c.get('/api/approval-matrix')).json();
        const { level, ...rest } = rule;
        return c.put(`/api/approval-matrix/${level}`, { ...rest, reference: `${rest.reference} (sửa)` });
      },
    },
    {
      route: 'POST /api/systems/import',
      by: () => officer,
      entity: 'system',
      action: 'create',
      call: (c) =>
        upload(
          c,
          '/api/systems/import',
          'httt.csv',
          Buffer.from('Mã hệ thống (code),Tên hệ thống (name),Cơ quan chủ quản (agency)\nAUDIT-IMP,Hệ thống nhập,Sở Y tế\n'),
        ),
    },
    // Indicators: reports, budgets, tokens and machine pushes.
    {
      route: 'PUT /api/agencies/:id/indicators/:period',
      by: () => officer,
      entity: 'agency_indicators',
      action: 'create',
      call: (c) =>
        c.put(`/api/agencies/${officer.me.agencyId}/indicators/2020-Q1`, {
          servers: 2,
          workstations: 20,
          protectedEndpoints: 20,
          staffTotal: 25,
          staffTrained: 20,
          layerOnsite: true,
          layerMonitoring: false,
          layerAssessor: false,
          layerNational: false,
          cleanCyberspace: true,
          pdpSelfAssessment: true,
        }),
    },
    {
      route: 'POST /api/agencies/:id/budgets',
      by: () => officer,
      entity: 'it_budget',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/agencies/${officer.me.agencyId}/budgets`, {
          year: 2026,
          name: 'Dự án nhật ký',
          kind: 'project',
          totalAmount: 1e9,
          securityAmount: 1e8,
        });
        ctx.budget = r.json().id;
        return r;
      },
    },
    {
      route: 'PUT /api/budgets/:id',
      by: () => officer,
      entity: 'it_budget',
      action: 'update',
      call: (c) => c.put(`/api/budgets/${ctx.budget}`, { year: 2026, name: 'Dự án nhật ký', kind: 'project', totalAmount: 1e9, securityAmount: 2e8 }),
    },
    { route: 'DELETE /api/budgets/:id', by: () => officer, entity: 'it_budget', action: 'delete', call: (c) => c.delete(`/api/budgets/${ctx.budget}`) },
    {
      route: 'POST /api/agencies/:id/api-tokens',
      by: () => sytAdmin,
      entity: 'api_token',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/agencies/${sytAdmin.me.agencyId}/api-tokens`, { name: 'Console nhật ký' });
        ctx.tokenId = r.json().id;
        ctx.token = r.json().token;
        return r;
      },
    },
    {
      route: 'POST /api/ingest/endpoints',
      by: () => sytAdmin,
      entity: 'endpoints',
      action: 'ingest',
      call: () =>
        t.app.inject({
          method: 'POST',
          url: '/api/ingest/endpoints',
          headers: { authorization: `Bearer ${ctx.token}` },
          payload: { endpoints: [{ hostname: 'pc-nhat-ky' }] },
        }),
    },
    {
      route: 'POST /api/ingest/counts',
      by: () => sytAdmin,
      entity: 'agency_indicators',
      action: 'ingest',
      call: () =>
        t.app.inject({
          method: 'POST',
          url: '/api/ingest/counts',
          headers: { authorization: `Bearer ${ctx.token}` },
          payload: { servers: 1, workstations: 9, protectedEndpoints: 10 },
        }),
    },
    { route: 'DELETE /api/api-tokens/:id', by: () => sytAdmin, entity: 'api_token', action: 'revoke', call: (c) => c.delete(`/api/api-tokens/${ctx.tokenId}`) },
    {
      route: 'POST /api/access-tokens',
      by: () => officer,
      entity: 'access_token',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/access-tokens', { name: 'Tích hợp nhật ký', scopes: ['systems:read'], expiresInDays: 30 });
        ctx.accessToken = r.json().token.id;
        return r;
      },
    },
    {
      route: 'DELETE /api/access-tokens/:id',
      by: () => officer,
      entity: 'access_token',
      action: 'revoke',
      call: (c) => c.delete(`/api/access-tokens/${ctx.accessToken}`),
    },
    {
      route: 'POST /api/service-accounts',
      by: () => sytAdmin,
      entity: 'user',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/service-accounts', { agencyId: sytAdmin.me.agencyId, username: 'syt.nhatky', fullName: 'Máy nhật ký', roles: ['viewer'] });
        ctx.serviceAccount = r.json().id;
        return r;
      },
    },
    {
      route: 'POST /api/users/:id/access-tokens',
      by: () => sytAdmin,
      entity: 'access_token',
      action: 'create',
      call: (c) => c.post(`/api/users/${ctx.serviceAccount}/access-tokens`, { name: 'Máy nhật ký', scopes: ['systems:read'], expiresInDays: 30 }),
    },
    ...warningCases.auditSteps(
      () => admin,
      () => officer,
      ctx,
      () => agencies,
    ),
    ...directiveCases.auditSteps(
      () => admin,
      () => officer,
      ctx,
    ),
    ...outgoingCases.auditSteps(
      () => sytAdmin,
      () => officer,
      ctx,
    ),
    ...contributionCases.auditSteps(
      () => admin,
      () => officer,
      ctx,
    ),
    ...mfaAuditSteps(
      () => t,
      () => admin,
      () => responder,
    ),
    ...incidentCases.incidentAuditSteps(
      () => officer,
      () => admin,
      () => ctx.system as number,
      () => t.anonymous(),
      () => t.config.sessionSecret,
    ),
    ...obligationCases.obligationAuditSteps(() => sytAdmin, ctx),
    ...huntCases.huntAuditSteps(() => sytAdmin, ctx),
    ...exchangeAuditSteps(() => officer, ctx),
    ...webhookCases.webhookAuditSteps(() => sytAdmin, ctx),
    ...operatorCases.operatorAuditSteps(() => admin, ctx),
  ];
  /** Requests that change no stored record. */
  const NO_RECORD = new Set(['POST /api/auth/logout', 'POST /api/classification/preview']);

  it('covers every state-changing route of the app', () => {
    const changing = registeredRoutes(t.app)
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'GET')
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...steps.map((s) => s.route), ...NO_RECORD]);
    expect(changing.filter((r) => !covered.has(r)).sort()).toEqual([]);
  });

  it.each(steps.map((s, i) => [s.route, i] as const))('%s appends one entry with who, what, when and where', async (_route, i) => {
    const step = steps[i]!;
    const before = await count();
    const res = await step.call(step.by());
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await count()).toBe(before + (step.entries ?? 1));
    const entry = await newest();
    expect(entry).toMatchObject({ entity: step.entity, action: step.action });
    if (!['POST /api/auth/login', 'POST /api/auth/ldap/login'].includes(step.route)) expect(entry.actorUserId).toBe(step.by().me.id);
    expect(entry.actorName).toBeTruthy();
    expect(entry.ip).toBeTruthy();
    expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records before and after of an edit', async () => {
    const [entry] = (await admin.get(`/api/audit?entity=agency&entityId=${ctx.agency}&action=update`)).json() as Entry[];
    expect(entry!.before).toMatchObject({ phone: null });
    expect(entry!.after).toMatchObject({ phone: '0243 111 2222' });
  });

  it('writes nothing for a refused change', async () => {
    const before = await count();
    expect((await officer.patch(`/api/agencies/${agency('Bệnh viện Đa khoa tỉnh Demo')}`, { phone: '0243 000 0000' })).statusCode).toBe(403);
    expect((await officer.post('/api/agencies', { name: 'X' })).statusCode).toBe(400);
    expect((await officer.patch(`/api/systems/${ctx.system}`, { code: 'có dấu' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('hash chain', () => {
  it('verifies intact over the whole log', async () => {
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: await count(), brokenAtId: null, reason: null });
    const attt = await t.login('attt');
    expect((await attt.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('lets only province-wide oversight roles verify', async () => {
    expect((await sytAdmin.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await officer.get('/api/audit/verify')).statusCode).toBe(403);
  });
});

describe('append-only at the database level', () => {
  it.each([
    ['UPDATE', sql`update audit_log set action = 'forged' where id = (select max(id) from audit_log)`],
    ['DELETE', sql`delete from audit_log where id = (select min(id) from audit_log)`],
    ['TRUNCATE', sql`truncate audit_log`],
  ])('refuses %s', async (_label, statement) => {
    const before = await count();
    const last = await newest();
    await expect(t.database.db.execute(statement)).rejects.toThrow();
    expect(await count()).toBe(before);
    expect((await newest()).action).toBe(last.action);
  });
});

describe('scope of the audit log', () => {
  it('shows an agency admin the entries of its subtree only', async () => {
    await admin.patch(`/api/agencies/${agency('Sở Giáo dục và Đào tạo')}`, { phone: '0243 999 8888' });
    await admin.patch(`/api/agencies/${agency('Bệnh viện Đa khoa tỉnh Demo')}`, { phone: '0243 777 6666' });
    const sytTree = new Set(agencies.filter((a) => a.name === 'Sở Y tế' || a.parentId === agency('Sở Y tế')).map((a) => a.id));
    sytTree.add(
      Number(
        ((await admin.get('/api/audit?entity=agency&action=create')).json() as Entry[]).find((e) => (e.after as { name: string }).name === 'Phòng Nhật ký')!
          .entityId,
      ),
    );
    const seen = (await sytAdmin.get('/api/audit?limit=500')).json() as Entry[];
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((e) => !sytTree.has(e.agencyId!)).map((e) => `${e.entity}:${e.entityId}@${e.agencyId}`)).toEqual([]);
    expect(seen.some((e) => e.entity === 'agency' && e.entityId === String(agency('Bệnh viện Đa khoa tỉnh Demo')))).toBe(true);
    expect((await sytAdmin.get(`/api/audit?entity=agency&entityId=${agency('Sở Giáo dục và Đào tạo')}`)).json()).toEqual([]);
  });

  it('shows province-wide roles everything', async () => {
    const attt = await t.login('attt');
    const entries = (await attt.get(`/api/audit?entity=agency&entityId=${agency('Sở Giáo dục và Đào tạo')}`)).json() as Entry[];
    expect(entries).toHaveLength(1);
    expect((await admin.get('/api/audit?entity=demo_province')).json()).toHaveLength(1);
  });

  it('is closed to officers, viewers and responders', async () => {
    for (const username of ['syt.canbo', 'lanhdao', 'ungcuu']) {
      const c = username === 'syt.canbo' ? officer : await t.login(username);
      const res = await c.get('/api/audit');
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden', message: expect.any(String), messageVi: expect.any(String) });
    }
  });

  it('pages newest first', async () => {
    const first = (await admin.get('/api/audit?limit=3')).json() as Entry[];
    expect(first.map((e) => e.id)).toEqual([...first.map((e) => e.id)].sort((a, b) => b - a));
    const next = (await admin.get(`/api/audit?limit=3&beforeId=${first[2]!.id}`)).json() as Entry[];
    expect(next[0]!.id).toBeLessThan(first[2]!.id);
    expect(next).toHaveLength(3);
  });
});

describe('tamper detection', () => {
  // Last: a forged entry breaks the chain for the rest of this database.
  it('reports an entry inserted around the application', async () => {
    const last = await newest();
    const { rows } = await t.database.db.execute(sql`insert into audit_log (at, action, entity, prev_hash, hash)
      values (now(), 'forged', 'user', ${last.hash}, ${'f'.repeat(64)}) returning id`);
    const forgedId = Number((rows[0] as { id: number | string }).id);
    const res = (await admin.get('/api/audit/verify')).json();
    expect(res).toMatchObject({ ok: false, brokenAtId: forgedId, reason: expect.stringContaining('hash') });
    expect(res.checked).toBe((await count()) - 1);
  });
});
