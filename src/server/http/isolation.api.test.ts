import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.ts';
import { registeredRoutes } from '../../../tests/support/routes.ts';
import { scopesAllowing, TOKEN_SCOPE_NAMES } from '../../shared/core/capabilities.ts';
import { multipart, PDF, upload } from '../../../tests/support/upload.ts';
import * as warningCases from '../../../tests/support/warnings-cases.ts';
import * as directiveCases from '../../../tests/support/directives-cases.ts';
import * as incidentCases from '../../../tests/support/incidents-cases.ts';
import * as obligationCases from '../../../tests/support/obligations-cases.ts';
import * as huntCases from '../../../tests/support/hunts-cases.ts';
import { exchangeScopedCases } from '../../../tests/support/exchange-cases.ts';
import * as webhookCases from '../../../tests/support/webhooks-cases.ts';
import * as operatorCases from '../../../tests/support/operators-cases.ts';
import * as outgoingCases from '../../../tests/support/outgoing-cases.ts';
import * as contributionCases from '../../../tests/support/contributions-cases.ts';
import { enrolPasskey, SoftAuthenticator } from '../../../tests/support/passkey.ts';

/**
 * Tenant isolation: users of agency A (Sở Y tế) must not list, read, change or delete anything owned by
 * agency B (Sở Giáo dục và Đào tạo) or its subtree. Every route with a path parameter must have a case
 * here, so a new route cannot ship without one.
 */

type Agency = { id: number; name: string; parentId: number | null };
type Ids = {
  agency: number;
  childAgency: number;
  user: number;
  system: number;
  childSystem: number;
  dossier: number;
  requirement: string;
  dossierFile: number;
  evidenceFile: number;
  classification: unknown;
  proposedLevel: number;
  ownSystem: number;
  ownRequirement: string;
  budget?: number;
  apiToken?: number;
  serviceAccount?: number;
  accessTokens?: number[];
  passkey?: number;
};

let t: TestApp;
let dataDir: string;
let admin: Client;
let owner: Client; // sgd.canbo: an officer of B, who creates B's records
let officer: Client; // syt.canbo: agency_officer of A
let agencyAdmin: Client; // syt.admin: agency_admin of A
let officerToken: Client; // an API token of syt.canbo with every scope
let agencyAdminToken: Client; // an API token of syt.admin with every scope
let b: Ids;
let bSubtree: number[];
let w: warningCases.RecordsOfB;
let d: directiveCases.DirectiveRecordsOfB;
let inc: incidentCases.IncidentRecordsOfB;
let ob: obligationCases.ObligationRecordsOfB;
let hu: huntCases.HuntRecordsOfB;
let wh: webhookCases.WebhookRecordsOfB;
let op: operatorCases.OperatorRecordsOf;
let out: outgoingCases.OutgoingRecordsOfB;
let contrib: contributionCases.ContributionRecordsOfB;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-isolation-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [admin, owner, officer, agencyAdmin] = await Promise.all(['admin', 'sgd.canbo', 'syt.canbo', 'syt.admin'].map((u) => t.login(u)));
  const agencies = (await admin.get('/api/agencies')).json() as Agency[];
  const agency = agencies.find((a) => a.name === 'Sở Giáo dục và Đào tạo')!.id;
  const childAgency = agencies.find((a) => a.name === 'Trường THPT Chuyên Demo')!.id;
  bSubtree = [agency, ...agencies.filter((a) => a.parentId === agency).map((a) => a.id)];

  const systems = (await admin.get(`/api/systems?agencyId=${agency}&limit=500`)).json().items as {
    id: number;
    agencyId: number;
    dossierState: string | null;
  }[];
  const system = systems.find((s) => s.agencyId === agency && s.dossierState)!;
  const childSystem = systems.find((s) => s.agencyId === childAgency)!;
  expect(system, 'a seeded system of B with a dossier').toBeDefined();
  expect(childSystem, "a seeded system in B's subtree").toBeDefined();
  const detail = (await admin.get(`/api/systems/${system.id}`)).json();
  const dossier = ((await admin.get(`/api/systems/${system.id}/dossiers`)).json() as { id: number }[])[0]!.id;
  const requirement = (await admin.get(`/api/systems/${system.id}/requirements`)).json().items[0].requirementId as string;
  const dossierFile = await upload(owner, `/api/dossiers/${dossier}/files`, 'b-dossier.pdf');
  expect(dossierFile.statusCode, dossierFile.body).toBe(201);
  const evidenceFile = await upload(owner, `/api/systems/${system.id}/requirements/${requirement}/evidence`, 'b-evidence.pdf');
  expect(evidenceFile.statusCode, evidenceFile.body).toBe(201);
  const user = ((await admin.get('/api/users')).json() as { id: number; username: string }[]).find((u) => u.username === 'sgd.canbo')!.id;

  const own = (await officer.get(`/api/systems?agencyId=${officer.me.agencyId}&limit=500`)).json().items as {
    id: number;
    agencyId: number;
    proposedLevel: number | null;
  }[];
  const ownSystem = own.find((s) => s.agencyId === officer.me.agencyId && s.proposedLevel)!.id;
  const ownRequirement = (await officer.get(`/api/systems/${ownSystem}/requirements`)).json().items[0].requirementId as string;

  b = {
    agency,
    childAgency,
    user,
    system: system.id,
    childSystem: childSystem.id,
    dossier,
    requirement,
    dossierFile: dossierFile.json().id,
    evidenceFile: evidenceFile.json().id,
    classification: detail.classification,
    proposedLevel: detail.proposedLevel,
    ownSystem,
    ownRequirement,
  };
  b.budget = (
    await admin.post(`/api/agencies/${agency}/budgets`, { year: 2026, name: 'Kế hoạch CNTT của B', kind: 'plan', totalAmount: 1e9, securityAmount: 1e8 })
  ).json().id;
  b.apiToken = (await admin.post(`/api/agencies/${agency}/api-tokens`, { name: 'Console của B' })).json().id;
  b.serviceAccount = (
    await admin.post('/api/service-accounts', { agencyId: agency, username: 'sgd.siem', fullName: 'SIEM của B', roles: ['agency_officer'] })
  ).json().id;
  const tokenBody = { name: 'Mã của B', scopes: TOKEN_SCOPE_NAMES, expiresInDays: 30 };
  b.accessTokens = [
    (await owner.post('/api/access-tokens', tokenBody)).json().token.id,
    (await admin.post(`/api/users/${b.serviceAccount}/access-tokens`, tokenBody)).json().token.id,
  ];
  b.passkey = (await enrolPasskey(owner, new SoftAuthenticator(t.config.webauthn.origin), 'Khóa của B')).passkey.id;
  const tokenOf = async (c: Client) => t.bearer((await c.post('/api/access-tokens', { ...tokenBody, name: 'Mã của A' })).json().secret);
  [officerToken, agencyAdminToken] = await Promise.all([tokenOf(officer), tokenOf(agencyAdmin)]);
  w = await warningCases.createRecordsOfB(owner, admin, b);
  d = await directiveCases.createRecordsOfB(owner, admin, b, officer.me.agencyId);
  inc = await incidentCases.createIncidentRecordsOfB(owner, admin, b);
  ob = await obligationCases.createObligationRecordsOfB(admin, b);
  hu = await huntCases.createHuntRecordsOfB(admin, b);
  wh = await webhookCases.createWebhookRecordsOfB(admin, b);
  op = await operatorCases.createOperatorRecords(admin);
  out = await outgoingCases.createRecordsOfB(owner, admin, b);
  contrib = await contributionCases.createRecordsOfB(owner, admin, b);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Call = (c: Client) => Promise<LightMyRequestResponse>;
const json =
  (method: 'POST' | 'PUT' | 'PATCH', url: () => string, payload: () => unknown): Call =>
  (c) =>
    c.request({ method, url: url(), payload: payload() as never });
const get =
  (url: () => string): Call =>
  (c) =>
    c.get(url());
const file =
  (url: () => string): Call =>
  (c) =>
    c.request({ method: 'POST', url: url(), ...multipart('x.pdf', PDF) });

/**
 * Agency-owned records reached by id: each call targets a record of B, with a valid body,
 * so the only reason to refuse it is scope. Expected: 404 (indistinguishable from a missing record).
 */
const SCOPED: Record<string, Call[]> = {
  'GET /api/agencies/:id': [get(() => `/api/agencies/${b.agency}`), get(() => `/api/agencies/${b.childAgency}`)],
  'PATCH /api/agencies/:id': [
    json(
      'PATCH',
      () => `/api/agencies/${b.agency}`,
      () => ({ name: 'Sửa trái phép' }),
    ),
    json(
      'PATCH',
      () => `/api/agencies/${b.childAgency}`,
      () => ({ active: false }),
    ),
  ],
  'GET /api/agencies/:id/systems-stats': [get(() => `/api/agencies/${b.agency}/systems-stats`)],
  'GET /api/users/:id': [get(() => `/api/users/${b.user}`)],
  'PATCH /api/users/:id': [
    json(
      'PATCH',
      () => `/api/users/${b.user}`,
      () => ({ fullName: 'Sửa trái phép' }),
    ),
  ],
  'POST /api/users/:id/reset-password': [
    json(
      'POST',
      () => `/api/users/${b.user}/reset-password`,
      () => undefined,
    ),
  ],
  'POST /api/users/:id/reset-mfa': [
    json(
      'POST',
      () => `/api/users/${b.user}/reset-mfa`,
      () => undefined,
    ),
  ],
  'GET /api/files/:id': [get(() => `/api/files/${b.dossierFile}`), get(() => `/api/files/${b.evidenceFile}`)],
  'GET /api/systems/:id': [get(() => `/api/systems/${b.system}`), get(() => `/api/systems/${b.childSystem}`)],
  'PATCH /api/systems/:id': [
    json(
      'PATCH',
      () => `/api/systems/${b.system}`,
      () => ({ name: 'Sửa trái phép' }),
    ),
  ],
  'PUT /api/systems/:id/software': [
    json(
      'PUT',
      () => `/api/systems/${b.system}/software`,
      () => [],
    ),
  ],
  'PUT /api/systems/:id/links': [
    json(
      'PUT',
      () => `/api/systems/${b.system}/links`,
      () => [],
    ),
  ],
  'GET /api/systems/:id/history': [get(() => `/api/systems/${b.system}/history`)],
  'PUT /api/systems/:id/classification': [
    json(
      'PUT',
      () => `/api/systems/${b.system}/classification`,
      () => ({ answers: b.classification, proposedLevel: b.proposedLevel, justification: 'Thuyết minh đủ dài để không bị từ chối vì thiếu.' }),
    ),
  ],
  'GET /api/systems/:id/dossiers': [get(() => `/api/systems/${b.system}/dossiers`)],
  'POST /api/systems/:id/dossiers': [
    json(
      'POST',
      () => `/api/systems/${b.system}/dossiers`,
      () => undefined,
    ),
  ],
  'GET /api/systems/:id/requirements': [get(() => `/api/systems/${b.system}/requirements`)],
  'PATCH /api/systems/:id/requirements/:requirementId': [
    json(
      'PATCH',
      () => `/api/systems/${b.system}/requirements/${b.requirement}`,
      () => ({ status: 'met' }),
    ),
  ],
  'POST /api/systems/:id/requirements/:requirementId/not-applicable-decision': [
    json(
      'POST',
      () => `/api/systems/${b.system}/requirements/${b.requirement}/not-applicable-decision`,
      () => ({ approve: true }),
    ),
  ],
  'GET /api/systems/:id/requirements/:requirementId/evidence': [get(() => `/api/systems/${b.system}/requirements/${b.requirement}/evidence`)],
  'POST /api/systems/:id/requirements/:requirementId/evidence': [file(() => `/api/systems/${b.system}/requirements/${b.requirement}/evidence`)],
  'GET /api/dossiers/:id': [get(() => `/api/dossiers/${b.dossier}`)],
  'PATCH /api/dossiers/:id': [
    json(
      'PATCH',
      () => `/api/dossiers/${b.dossier}`,
      () => ({ securityPlan: 'Sửa trái phép' }),
    ),
  ],
  'POST /api/dossiers/:id/transitions': [
    json(
      'POST',
      () => `/api/dossiers/${b.dossier}/transitions`,
      () => ({ action: 'submit' }),
    ),
  ],
  'POST /api/dossiers/:id/files': [file(() => `/api/dossiers/${b.dossier}/files`)],
  'GET /api/dossiers/:id/docx': [get(() => `/api/dossiers/${b.dossier}/docx`)],
  'GET /api/dossiers/:id/pdf': [get(() => `/api/dossiers/${b.dossier}/pdf`)],
  'GET /api/agencies/:id/indicators': [get(() => `/api/agencies/${b.agency}/indicators`)],
  'PUT /api/agencies/:id/indicators/:period': [
    json(
      'PUT',
      () => `/api/agencies/${b.agency}/indicators/2026-Q4`,
      () => ({
        servers: 1,
        workstations: 1,
        protectedEndpoints: 0,
        staffTotal: 1,
        staffTrained: 0,
        layerOnsite: false,
        layerMonitoring: false,
        layerAssessor: false,
        layerNational: false,
        cleanCyberspace: false,
        pdpSelfAssessment: false,
      }),
    ),
  ],
  'GET /api/agencies/:id/budgets': [get(() => `/api/agencies/${b.agency}/budgets`)],
  'POST /api/agencies/:id/budgets': [
    json(
      'POST',
      () => `/api/agencies/${b.agency}/budgets`,
      () => ({ year: 2026, name: 'Chen ngang', kind: 'plan', totalAmount: 10, securityAmount: 1 }),
    ),
  ],
  'PUT /api/budgets/:id': [
    json(
      'PUT',
      () => `/api/budgets/${b.budget}`,
      () => ({ year: 2026, name: 'Sửa trái phép', kind: 'plan', totalAmount: 10, securityAmount: 1 }),
    ),
  ],
  'DELETE /api/budgets/:id': [(c) => c.delete(`/api/budgets/${b.budget}`)],
  'GET /api/agencies/:id/api-tokens': [get(() => `/api/agencies/${b.agency}/api-tokens`)],
  'POST /api/agencies/:id/api-tokens': [
    json(
      'POST',
      () => `/api/agencies/${b.agency}/api-tokens`,
      () => ({ name: 'Chen ngang' }),
    ),
  ],
  'DELETE /api/api-tokens/:id': [(c) => c.delete(`/api/api-tokens/${b.apiToken}`)],
  'GET /api/users/:id/access-tokens': [get(() => `/api/users/${b.serviceAccount}/access-tokens`)],
  'POST /api/users/:id/access-tokens': [
    json(
      'POST',
      () => `/api/users/${b.serviceAccount}/access-tokens`,
      () => ({ name: 'Mã lạ', scopes: ['systems:read'], expiresInDays: 1 }),
    ),
  ],
  // The caller's own passkeys only: B's officer's is not found, by anyone else.
  'DELETE /api/auth/mfa/passkeys/:id': [(c) => c.delete(`/api/auth/mfa/passkeys/${b.passkey}`)],
  'DELETE /api/access-tokens/:id': [(c) => c.delete(`/api/access-tokens/${b.accessTokens![0]}`), (c) => c.delete(`/api/access-tokens/${b.accessTokens![1]}`)],
  ...warningCases.scopedCases(() => w),
  ...directiveCases.scopedCases(() => d),
  ...incidentCases.incidentScopedCases(() => inc),
  ...obligationCases.obligationScopedCases(() => ob),
  ...huntCases.huntScopedCases(() => hu),
  ...exchangeScopedCases(() => ({ dossier: b.dossier, incident: inc.incident })),
  ...webhookCases.webhookScopedCases(() => wh),
  ...operatorCases.operatorScopedCases(() => op),
  ...outgoingCases.scopedCases(() => out),
  ...contributionCases.scopedCases(() => contrib),
};

/** Province-wide settings keyed by a code, not owned by an agency: only a platform admin may change them (403). */
const PROVINCE_SETTINGS: Record<string, Call[]> = {
  'PUT /api/designations/:code': [
    json(
      'PUT',
      () => '/api/designations/security_unit',
      () => ({ agencyId: b.agency, titleVi: 'Chiếm quyền', titleEn: 'Takeover' }),
    ),
  ],
  'PUT /api/approval-matrix/:level': [
    json(
      'PUT',
      () => '/api/approval-matrix/3',
      () => ({
        appraiserKind: 'internal',
        appraiserDesignation: 'security_unit',
        appraiserNameVi: 'Chiếm quyền',
        appraiserNameEn: 'Takeover',
        approverKind: 'owner',
        approverNameVi: 'Chiếm quyền',
        approverNameEn: 'Takeover',
        opinionRequired: false,
        reference: 'Không có',
      }),
    ),
  ],
  'POST /api/province-parameters/:key/periods': [
    json(
      'POST',
      () => '/api/province-parameters/scan.intervalMonths/periods',
      () => ({ value: '1', effectiveFrom: '2099-01-01', instrument: 'quang-nam-directive-15-2022' }),
    ),
  ],
  ...incidentCases.incidentProvinceSettings,
};

/** Lists: each must leave out B's records for A's users, and show them to a platform admin (so the check is not vacuous). */
type ListCheck = (c: Client) => Promise<string[]>;
const texts = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};
const ids = (rows: { id: number }[]) => rows.map((r) => String(r.id));
const LISTS: Record<string, ListCheck> = {
  'GET /api/agencies': async (c) => ids(JSON.parse(texts(await c.get('/api/agencies?includeInactive=true')))).filter((id) => bSubtree.map(String).includes(id)),
  'GET /api/users': async (c) =>
    (JSON.parse(texts(await c.get('/api/users?includeInactive=true'))) as { agencyId: number; id: number }[])
      .filter((u) => bSubtree.includes(u.agencyId))
      .map((u) => String(u.id)),
  'GET /api/systems': async (c) =>
    (JSON.parse(texts(await c.get('/api/systems?limit=500'))).items as { agencyId: number; id: number }[])
      .filter((s) => bSubtree.includes(s.agencyId))
      .map((s) => String(s.id)),
  'GET /api/systems/export': async (c) => {
    const csv = texts(await c.get('/api/systems/export?format=csv'));
    const bNames = ['Sở Giáo dục và Đào tạo', 'Trường THPT Chuyên Demo', 'Trường THPT Hòa Bình'];
    return csv
      .split('\n')
      .slice(1)
      .filter((line) => bNames.some((n) => line.includes(n)));
  },
  'GET /api/systems/import-template': async (c) => {
    const res = await c.get('/api/systems/import-template');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
    return cells.filter((v) => ['Sở Giáo dục và Đào tạo', 'Trường THPT Chuyên Demo', 'Trường THPT Hòa Bình'].includes(v));
  },
  'GET /api/approvals': async (c) =>
    (JSON.parse(texts(await c.get('/api/approvals'))) as { agencyName: string; id: number }[])
      .filter((q) => ['Sở Giáo dục và Đào tạo', 'Trường THPT Chuyên Demo', 'Trường THPT Hòa Bình'].includes(q.agencyName))
      .map((q) => String(q.id)),
  'GET /api/dashboard': async (c) =>
    (JSON.parse(texts(await c.get('/api/dashboard'))).ranking as { agency: { id: number } }[])
      .filter((r) => bSubtree.includes(r.agency.id))
      .map((r) => String(r.agency.id)),
  'GET /api/audit': async (c) => {
    const res = await c.get('/api/audit?limit=500');
    if (res.statusCode === 403) return [];
    return (JSON.parse(texts(res)) as { agencyId: number | null; id: number }[])
      .filter((r) => r.agencyId !== null && bSubtree.includes(r.agencyId))
      .map((r) => String(r.id));
  },
  'GET /api/access-tokens': async (c) =>
    (JSON.parse(texts(await c.get('/api/access-tokens'))) as { id: number }[]).filter((k) => b.accessTokens!.includes(k.id)).map((k) => String(k.id)),
  ...warningCases.listChecks(
    () => w,
    () => bSubtree,
  ),
  ...directiveCases.listChecks(
    () => d,
    () => bSubtree,
  ),
  ...incidentCases.incidentListChecks(
    () => inc,
    () => bSubtree,
  ),
  ...obligationCases.obligationListChecks(() => bSubtree),
  ...huntCases.huntListChecks(() => bSubtree),
  ...webhookCases.webhookListChecks(() => bSubtree),
  ...operatorCases.operatorListChecks(() => op),
  ...outgoingCases.listChecks(() => bSubtree),
};

/** Routes without agency-owned data: shared catalogs, the caller's own session, or computations on the request body. */
const NOT_AGENCY_OWNED = new Set([
  'GET /api/health',
  'GET /api/ready',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
  'PUT /api/auth/locale',
  // Single sign-on and the directory: the ways to sign in, the browser's two legs through the provider, the directory's form.
  'GET /api/auth/methods',
  'POST /api/auth/ldap/login',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  // The caller's own second factor and sessions, and the province's MFA policy.
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/verify/passkey-options',
  'POST /api/auth/mfa/verify/passkey',
  'GET /api/auth/mfa',
  'POST /api/auth/mfa/totp',
  'POST /api/auth/mfa/totp/confirm',
  'POST /api/auth/mfa/passkeys/options',
  'POST /api/auth/mfa/passkeys',
  'POST /api/auth/mfa/recovery-codes',
  'GET /api/auth/sessions',
  'POST /api/auth/sessions/sign-out-others',
  'GET /api/mfa-policy',
  'PUT /api/mfa-policy',
  'GET /api/agency-kinds',
  'GET /api/designations',
  'GET /api/approval-matrix',
  'GET /api/requirements',
  'POST /api/classification/preview',
  'GET /api/audit/verify',
  'GET /api/legal/instruments',
  'GET /api/province-parameters',
  // Creation and import take the owner in the body; covered by 'references to B in a request body' below.
  'POST /api/agencies',
  'POST /api/users',
  'POST /api/service-accounts',
  // The caller's own tokens, made for the caller.
  'POST /api/access-tokens',
  'POST /api/systems',
  'POST /api/systems/import',
  // The same builder as GET /api/dashboard (a list check above); pushes take their agency from the API token, not the request.
  'GET /api/dashboard/export',
  'POST /api/ingest/endpoints',
  'POST /api/ingest/counts',
  ...warningCases.NOT_AGENCY_OWNED,
  ...directiveCases.NOT_AGENCY_OWNED,
  ...incidentCases.INCIDENT_NOT_AGENCY_OWNED,
  ...outgoingCases.NOT_AGENCY_OWNED,
  ...contributionCases.NOT_AGENCY_OWNED,
  ...obligationCases.OBLIGATIONS_NOT_AGENCY_OWNED,
  ...huntCases.HUNTS_NOT_AGENCY_OWNED,
  ...webhookCases.WEBHOOKS_NOT_AGENCY_OWNED,
  ...operatorCases.OPERATORS_NOT_AGENCY_OWNED,
]);

const apiRoutes = () =>
  registeredRoutes(t.app)
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .map((r) => `${r.method} ${r.url}`);

describe('the matrix covers the app', () => {
  it('has a case for every route that takes an id', () => {
    const withParam = apiRoutes().filter((r) => r.includes('/:'));
    expect(withParam.length).toBeGreaterThan(20);
    const covered = new Set([...Object.keys(SCOPED), ...Object.keys(PROVINCE_SETTINGS)]);
    expect(withParam.filter((r) => !covered.has(r)).sort()).toEqual([]);
    // And no stale case for a route that no longer exists.
    expect([...covered].filter((r) => !withParam.includes(r)).sort()).toEqual([]);
  });

  it('classifies every other route as a list check or as not agency-owned', () => {
    const rest = apiRoutes().filter((r) => !r.includes('/:'));
    expect(rest.filter((r) => !(r in LISTS) && !NOT_AGENCY_OWNED.has(r)).sort()).toEqual([]);
  });
});

describe.each([
  ['agency officer (syt.canbo)', () => officer],
  ['agency admin (syt.admin)', () => agencyAdmin],
])('%s of agency A', (_label, who) => {
  it.each(Object.keys(SCOPED))('gets 404 from %s on records of agency B', async (route) => {
    for (const call of SCOPED[route]!) {
      const res = await call(who());
      expect(res.statusCode, `${route}: ${res.body}`).toBe(404);
      // A real "not found" from the scope guard, not a mistyped URL.
      expect(res.json().error.code, route).toBe('not_found');
    }
  });

  it.each(Object.keys(PROVINCE_SETTINGS))('is refused %s (province-wide settings)', async (route) => {
    for (const call of PROVINCE_SETTINGS[route]!) expect((await call(who())).statusCode, route).toBe(403);
  });

  it.each(Object.keys(LISTS))("sees none of B's records in %s", async (route) => {
    expect(await LISTS[route]!(who())).toEqual([]);
  });

  it('cannot narrow a list to agency B', async () => {
    expect((await who().get(`/api/systems?agencyId=${b.agency}`)).statusCode).toBe(404);
    expect((await who().get(`/api/systems/export?format=csv&agencyId=${b.agency}`)).statusCode).toBe(404);
    expect((await who().get(`/api/users?agencyId=${b.agency}`)).json()).toEqual([]);
    expect((await who().get(`/api/agencies?parentId=${b.agency}`)).json()).toEqual([]);
  });
});

describe.each([
  ["agency officer's API token (syt.canbo)", () => officerToken],
  ["agency admin's API token (syt.admin)", () => agencyAdminToken],
])('%s, with every scope', (_label, who) => {
  // A token acts as its owner: what the owner cannot reach, it cannot; what no scope covers, it may not call at all.
  it.each(Object.keys(SCOPED))('gets 404 from %s on records of agency B', async (route) => {
    for (const call of SCOPED[route]!) {
      const res = await call(who());
      const expected = scopesAllowing(route) === null ? [403, 'token_scope'] : [404, 'not_found'];
      expect([res.statusCode, res.json().error.code], `${route}: ${res.body}`).toEqual(expected);
    }
  });

  it.each(Object.keys(LISTS))("sees none of B's records in %s", async (route) => {
    if (scopesAllowing(route) === null) expect((await who().get(route.slice(4))).statusCode).toBe(403);
    else expect(await LISTS[route]!(who())).toEqual([]);
  });

  it('cannot narrow a list to agency B', async () => {
    expect((await who().get(`/api/systems?agencyId=${b.agency}`)).statusCode).toBe(404);
    expect((await who().get(`/api/users?agencyId=${b.agency}`)).json()).toEqual([]);
  });
});

describe('the records of B are real', () => {
  it("answers every read of the matrix for a platform admin, and B's lists are not empty for them", async () => {
    for (const [route, calls] of Object.entries(SCOPED)) {
      if (!route.startsWith('GET ')) continue;
      for (const call of calls) expect((await call(admin)).statusCode, route).toBe(200);
    }
    for (const [route, list] of Object.entries(LISTS)) {
      if (route === 'GET /api/approvals') continue; // a queue holds only what awaits the caller
      if (route === 'GET /api/access-tokens') {
        expect((await list(owner)).length, route).toBe(1); // the caller's own tokens only: B's officer sees theirs
        continue;
      }
      expect((await list(admin)).length, route).toBeGreaterThan(0);
    }
    // Every read of the matrix, documents and packages included, one after another: more than the default 30 s on a loaded machine.
  }, 120_000);

  it('lets A reach its own records through the same routes', async () => {
    expect((await officer.get(`/api/agencies/${officer.me.agencyId}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/systems/${b.ownSystem}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/systems/${b.ownSystem}/requirements/${b.ownRequirement}/evidence`)).statusCode).toBe(200);
    expect((await officer.patch(`/api/systems/${b.ownSystem}/requirements/${b.ownRequirement}`, { note: 'Kiểm tra phạm vi' })).statusCode).toBe(200);
  });
});

describe('references to B in a request body', () => {
  /** Refusing B's id must look exactly like refusing an id that does not exist. */
  async function sameAsMissing(send: (id: number) => Promise<LightMyRequestResponse>, bId: number) {
    const theirs = await send(bId);
    const missing = await send(999_999);
    expect(theirs.statusCode).toBeGreaterThanOrEqual(400);
    expect(theirs.statusCode).toBeLessThan(500);
    expect({ status: theirs.statusCode, body: theirs.json() }).toEqual({ status: missing.statusCode, body: missing.json() });
    return theirs;
  }

  it.each([
    ['agency officer', () => officer],
    ['agency admin', () => agencyAdmin],
  ])('refuses to create or move records into agency B (%s)', async (_l, who) => {
    const c = who();
    const before = (await admin.get(`/api/systems?agencyId=${b.agency}&limit=1`)).json().total;
    await sameAsMissing((id) => c.post('/api/systems', { agencyId: id, code: `X-${Math.random().toString(36).slice(2, 8)}`, name: 'Hệ thống lạ' }), b.agency);
    await sameAsMissing((id) => c.post('/api/users', { agencyId: id, username: 'ke.la', fullName: 'Kẻ lạ', roles: ['viewer'] }), b.agency);
    await sameAsMissing((id) => c.post('/api/agencies', { name: 'Đơn vị lạ', kind: 'public_unit', parentId: id }), b.agency);
    await sameAsMissing((id) => c.patch(`/api/systems/${b.ownSystem}`, { agencyId: id }), b.agency);
    expect((await admin.get(`/api/systems?agencyId=${b.agency}&limit=1`)).json().total).toBe(before);
  });

  it.each([
    ['agency officer', () => officer],
    ['agency admin', () => agencyAdmin],
  ])('refuses reports and task evidence that point into agency B (%s)', async (_l, who) => {
    await directiveCases.bodyReferences(sameAsMissing, who(), d);
  });

  it('refuses links, operators and owners that point into agency B', async () => {
    await sameAsMissing((id) => officer.put(`/api/systems/${b.ownSystem}/links`, [{ targetSystemId: id }]), b.system);
    await sameAsMissing((id) => officer.patch(`/api/systems/${b.ownSystem}`, { operatorAgencyId: id }), b.agency);
    await sameAsMissing((id) => officer.patch(`/api/systems/${b.ownSystem}/requirements/${b.ownRequirement}`, { ownerUserId: id }), b.user);
    const sytUser = ((await agencyAdmin.get('/api/users')).json() as { id: number; username: string }[]).find((u) => u.username === 'syt.canbo')!;
    await sameAsMissing((id) => agencyAdmin.patch(`/api/users/${sytUser.id}`, { agencyId: id }), b.agency);
    expect((await officer.get(`/api/systems/${b.ownSystem}`)).json().links.map((l: { targetSystemId: number | null }) => l.targetSystemId)).not.toContain(
      b.system,
    );
  });

  it('refuses incidents, plans and exercises that point into agency B', async () => {
    await incidentCases.incidentBodyReferenceChecks(officer, b, sameAsMissing);
  });

  it("does not let an import touch B's systems", async () => {
    const code = (await admin.get(`/api/systems/${b.system}`)).json().code as string;
    const csv = (agency: string, c = code) =>
      Buffer.from(`Mã hệ thống (code),Tên hệ thống (name),Cơ quan chủ quản (agency)\n${c},Ghi đè trái phép,${agency}\n`);
    const overwrite = await upload(officer, '/api/systems/import', 'httt.csv', csv('Sở Y tế'));
    expect(overwrite.statusCode).toBe(422);
    const intoB = await upload(officer, '/api/systems/import', 'httt.csv', csv('Sở Giáo dục và Đào tạo', 'NEW-IN-B'));
    expect(intoB.statusCode).toBe(422);
    expect(intoB.json().error.details[0].field).toBe('agency');
    expect((await admin.get(`/api/systems/${b.system}`)).json().name).not.toBe('Ghi đè trái phép');
    expect((await admin.get('/api/systems?q=NEW-IN-B')).json().total).toBe(0);
  });
});

describe('nothing of B changed', () => {
  it("left no audit entry by A's users about B, and B's records as they were", async () => {
    const { rows } = await t.database.db.execute(sql`select action, entity, entity_id from audit_log
      where actor_user_id in (${officer.me.id}, ${agencyAdmin.me.id}) and agency_id in (${sql.join(
        bSubtree.map((id) => sql`${id}`),
        sql`, `,
      )})`);
    expect(rows).toEqual([]);
    expect((await admin.get(`/api/agencies/${b.agency}`)).json()).toMatchObject({ name: 'Sở Giáo dục và Đào tạo', active: true });
    expect((await admin.get(`/api/agencies/${b.childAgency}`)).json().active).toBe(true);
    expect((await admin.get(`/api/users/${b.user}`)).json()).toMatchObject({ fullName: 'Đỗ Ngọc Mai', mustChangePassword: false });
    expect((await owner.get('/api/auth/me')).statusCode).toBe(200);
    const system = (await admin.get(`/api/systems/${b.system}`)).json();
    expect(system.name).not.toBe('Sửa trái phép');
    expect(system.software.length).toBeGreaterThan(0);
    expect((await admin.get(`/api/dossiers/${b.dossier}`)).json().securityPlan).not.toBe('Sửa trái phép');
    expect((await admin.get(`/api/systems/${b.system}/requirements/${b.requirement}/evidence`)).json()).toHaveLength(1);
    expect((await admin.get('/api/designations')).json().find((d: { code: string }) => d.code === 'security_unit').titleEn).not.toBe('Takeover');
  });
});
