import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';
import { initialReport } from '../../../tests/support/incident-report.ts';
import { tokenBody } from '../../../tests/support/obligations-cases.ts';
import { huntBody } from '../../../tests/support/hunts-cases.ts';
import { webhookBody } from '../../../tests/support/webhooks-cases.ts';
import { fromOpenApiPath, registeredRoutes } from '../../../tests/support/routes.ts';
import { CAPABILITIES, CAPABILITY_NAMES, scopesAllowing } from '../../shared/core/capabilities.ts';
import { ROLES } from '../../shared/core/roles.ts';
import { EMPTY_ANSWERS } from '../../shared/systems/levels.ts';
import type { Me } from '../../shared/auth/schemas.ts';

/**
 * Capabilities (src/shared/core/capabilities.ts) against the app: every route that needs a session names one, every
 * capability gates registered routes and is checked by the server, and the `can` a response carries says what the
 * server then allows (2xx) or refuses, for each demo role.
 */

let t: TestApp;
let dataDir: string;
let http: Awaited<ReturnType<typeof listen>>;
const USERS = ['admin', 'attt', 'ungcuu', 'lanhdao', 'syt.admin', 'syt.canbo', 'sgd.canbo'] as const;
const clients = new Map<string, { c: HttpClient; me: Me }>();
let admin: HttpClient;
let syt: number; // Sở Y tế
let hospitalSystem: { id: number; name: string }; // a system of a hospital under Sở Y tế
let leaf: number; // an agency below Sở Y tế, to deactivate and restore
let sytCase: number; // an incident reported by Sở Y tế, not yet triaged
let sytAccepted: number; // an incident reported by Sở Y tế, accepted by the team
let sytDossier: number; // a draft level dossier of a system of Sở Y tế
const systemOf = new Map<number, number>(); // agency → a system it owns

const ok = (res: { status: number; text: string }, status = 200) => {
  expect(res.status, res.text).toBe(status);
  return JSON.parse(res.text);
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-capabilities-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  http = await listen(t.app);
  for (const u of USERS) {
    const c = await http.login(u);
    clients.set(u, { c, me: ok(await c.get('/api/auth/me')) });
  }
  admin = clients.get('admin')!.c;
  const agencies = ok(await admin.get('/api/agencies')) as { id: number; name: string; parentId: number | null }[];
  syt = agencies.find((a) => a.name === 'Sở Y tế')!.id;
  const hospital = agencies.find((a) => a.name === 'Bệnh viện Đa khoa tỉnh Demo')!.id;
  hospitalSystem = ok(await admin.get(`/api/systems?agencyId=${hospital}&limit=1`)).items[0];
  for (const agencyId of new Set([...clients.values()].map((x) => x.me.agencyId))) {
    const s = ok(await admin.request('POST', '/api/systems', { body: { agencyId, code: `CAN-BASE-${agencyId}`, name: 'Hệ thống kiểm tra quyền' } }), 201);
    systemOf.set(agencyId, s.id);
  }
  leaf = ok(await admin.request('POST', '/api/agencies', { body: { name: 'Tổ kiểm tra quyền', kind: 'public_unit', parentId: syt } }), 201).id;
  const officer = clients.get('syt.canbo')!.c;
  sytCase = ok(
    await officer.request('POST', '/api/incidents', {
      body: initialReport(syt, [systemOf.get(syt)!], { title: 'Kiểm tra quyền xử lý sự cố' }),
    }),
    201,
  ).id;
  sytAccepted = ok(
    await officer.request('POST', '/api/incidents', {
      body: initialReport(syt, [systemOf.get(syt)!], { title: 'Kiểm tra quyền báo cáo kết thúc' }),
    }),
    201,
  ).id;
  ok(await admin.request('POST', `/api/incidents/${sytAccepted}/transitions`, { body: { action: 'accept' } }));
  const answers = { ...EMPTY_ANSWERS, functions: ['internal'], information: ['personal'] };
  const level = ok(await admin.request('POST', '/api/classification/preview', { body: answers })).level;
  ok(await admin.request('PUT', `/api/systems/${systemOf.get(syt)}/classification`, { body: { answers, proposedLevel: level, justification: null } }));
  sytDossier = ok(await admin.request('POST', `/api/systems/${systemOf.get(syt)}/dossiers`), 201).id;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Op = { security?: { [scheme: string]: unknown }[] };

describe('capability declarations', () => {
  it('name a capability for every route that needs a session, and only registered, signed-in routes', async () => {
    const doc = ok(await admin.get('/api/docs/json')) as { paths: Record<string, Record<string, Op>> };
    const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.entries(byMethod).map(([m, op]) => ({ key: `${m.toUpperCase()} ${fromOpenApiPath(p)}`, op })),
    );
    const publicOps = new Set(ops.filter(({ op }) => op.security?.length === 0).map((o) => o.key));
    // Machine pushes authenticate with an agency's API token (managed under `apiTokens.manage`), not a role.
    const tokenOps = new Set(ops.filter(({ op }) => op.security?.length && op.security.every((s) => 'bearer' in s)).map((o) => o.key));
    const registered = registeredRoutes(t.app)
      .filter((r) => (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')) || r.url.startsWith('/taxii2/'))
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(100);
    expect(publicOps).toContain('POST /api/auth/login');
    expect([...tokenOps].sort()).toEqual(['POST /api/ingest/counts', 'POST /api/ingest/endpoints']);

    const declared = new Map<string, string[]>();
    for (const name of CAPABILITY_NAMES) for (const r of CAPABILITIES[name].routes) declared.set(r, [...(declared.get(r) ?? []), name]);
    expect(declared.get('POST /api/systems')).toEqual(['systems.create']);
    expect(registered.filter((r) => !publicOps.has(r) && !tokenOps.has(r) && !declared.has(r)).sort()).toEqual([]);
    expect([...declared.keys()].filter((r) => !registered.includes(r)).sort()).toEqual([]);
    expect([...declared.keys()].filter((r) => publicOps.has(r) || tokenOps.has(r)).sort()).toEqual([]);
    // A signed-in route says whether an API token may call it, as the token scopes decide.
    const bearerToo = ops.filter(({ op }) => op.security?.some((s) => 'bearer' in s) && op.security.some((s) => 'session' in s)).map((o) => o.key);
    expect(bearerToo.sort()).toEqual(registered.filter((r) => scopesAllowing(r) !== null).sort());
    expect(bearerToo).toContain('PATCH /api/systems/:id');
    expect(bearerToo).not.toContain('POST /api/access-tokens');
  });

  it('are each checked by the server, unless every role holds them', () => {
    const dir = path.resolve(import.meta.dirname, '..');
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const everyone = (name: (typeof CAPABILITY_NAMES)[number]) =>
      ROLES.every((r) => CAPABILITIES[name].grants.some((g) => g.roles.includes(r) && g.reach === 'any'));
    expect(CAPABILITY_NAMES.filter((name) => !everyone(name) && !source.includes(`'${name}'`))).toEqual([]);
    expect(CAPABILITY_NAMES.filter(everyone).sort()).toEqual(['account.self', 'reference.read']);
  });
});

type Reply = { status: number; text: string; json: any };
type Case = {
  /** The flag the caller is shown, or null when the record does not exist for them (404: nothing to compare). */
  flag: (c: HttpClient, me: Me) => Promise<boolean | null>;
  /** The request the flag is about; `n` makes names and codes unique per caller. */
  act: (c: HttpClient, me: Me, n: number) => Promise<Reply>;
  /** Puts back what a successful `act` changed. */
  undo?: (res: Reply) => Promise<void>;
  /** How the server refuses (default: 403). */
  refused?: (res: Reply) => boolean;
};

const visible = async (c: HttpClient, url: string) => {
  const res = await c.get(url);
  if (res.status === 404) return null;
  expect(res.status, res.text).toBe(200);
  return res.json;
};
const send = (c: HttpClient, method: string, url: string, body?: unknown) => c.request(method, url, body === undefined ? {} : { body });
const csv = (rows: string[][]) =>
  Buffer.from(`\ufeff${['Mã (code)', 'Tên (name)', 'Chủ quản (agency)'].join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
function multipart(name: string, data: Buffer) {
  const boundary = `----khiencan${Math.random().toString(16).slice(2)}`;
  return {
    raw: new Uint8Array(
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const CASES: Record<string, Case> = {
  // The drift this table was built for: the systems page offered Add and Import to the security unit, which the server refuses.
  'systems list can.create ↔ POST /api/systems (own agency)': {
    flag: async (c) => (await visible(c, '/api/systems?limit=1')).can.create,
    act: (c, me, n) => send(c, 'POST', '/api/systems', { agencyId: me.agencyId, code: `CAN-S-${n}`, name: `Hệ thống đăng ký ${n}` }),
  },
  'systems list can.import ↔ POST /api/systems/import (own agency)': {
    flag: async (c) => (await visible(c, '/api/systems?limit=1')).can.import,
    act: (c, me, n) => c.request('POST', '/api/systems/import', multipart('httt.csv', csv([[`CAN-I-${n}`, `Hệ thống nhập ${n}`, me.agencyName]]))),
  },
  'system can.edit ↔ PATCH /api/systems/:id': {
    flag: async (c) => (await visible(c, `/api/systems/${hospitalSystem.id}`))?.can.edit ?? null,
    act: (c) => send(c, 'PATCH', `/api/systems/${hospitalSystem.id}`, { name: hospitalSystem.name }),
  },
  'system security can.record ↔ PUT /api/systems/:id/monitoring-provider': {
    flag: async (c) => (await visible(c, `/api/systems/${hospitalSystem.id}/security`))?.can.record ?? null,
    act: (c) => send(c, 'PUT', `/api/systems/${hospitalSystem.id}/monitoring-provider`, { monitoringProviderAgencyId: null }),
  },
  'agency can.addChild ↔ POST /api/agencies under Sở Y tế': {
    flag: async (c) => (await visible(c, `/api/agencies/${syt}`))?.can.addChild ?? null,
    act: (c, _me, n) => send(c, 'POST', '/api/agencies', { name: `Đơn vị kiểm tra ${n}`, kind: 'public_unit', parentId: syt }),
  },
  'agency can.restructure ↔ PATCH /api/agencies/:id (deactivate)': {
    flag: async (c) => (await visible(c, `/api/agencies/${leaf}`))?.can.restructure ?? null,
    act: (c) => send(c, 'PATCH', `/api/agencies/${leaf}`, { active: false }),
    undo: async () => {
      ok(await send(admin, 'PATCH', `/api/agencies/${leaf}`, { active: true }));
    },
  },
  'agency can.manageUsers ↔ POST /api/users (own agency)': {
    flag: async (c, me) => (await visible(c, `/api/agencies/${me.agencyId}`)).can.manageUsers,
    act: (c, me, n) => send(c, 'POST', '/api/users', { agencyId: me.agencyId, username: `can.user${n}`, fullName: `Người dùng ${n}`, roles: ['viewer'] }),
  },
  'session can[users.grantProvinceRoles] ↔ POST /api/users with a province-wide role': {
    flag: async (_c, me) => me.can['users.grantProvinceRoles'],
    act: (c, me, n) => send(c, 'POST', '/api/users', { agencyId: me.agencyId, username: `can.team${n}`, fullName: `Ứng cứu ${n}`, roles: ['responder'] }),
    // Agency admins are told which role they may not grant; the others may not create users at all.
    refused: (res) => res.status === 403 || (res.status === 400 && res.json.error.field === 'roles'),
  },
  'incidents list can.report ↔ POST /api/incidents (own agency)': {
    flag: async (c) => (await visible(c, '/api/incidents?limit=1')).can.report,
    act: (c, me, n) =>
      send(
        c,
        'POST',
        '/api/incidents',
        initialReport(me.agencyId, [systemOf.get(me.agencyId)!], {
          title: `Sự cố kiểm tra ${n}`,
          kind: 'phishing',
          severity: 'low',
          description: 'Thư giả mạo gửi tới nhiều cán bộ trong cơ quan.',
        }),
      ),
  },
  'incident can.work ↔ PUT /api/incidents/:id/related': {
    flag: async (c) => (await visible(c, `/api/incidents/${sytCase}`))?.can.work ?? null,
    act: (c) => send(c, 'PUT', `/api/incidents/${sytCase}/related`, { incidentIds: [] }),
  },
  'incident can.editReport ↔ PATCH /api/incidents/:id': {
    flag: async (c) => (await visible(c, `/api/incidents/${sytCase}`))?.can.editReport ?? null,
    act: (c) => send(c, 'PATCH', `/api/incidents/${sytCase}`, { title: 'Kiểm tra quyền xử lý sự cố' }),
  },
  'incident can.contribute ↔ POST /api/incidents/:id/messages': {
    flag: async (c) => (await visible(c, `/api/incidents/${sytCase}`))?.can.contribute ?? null,
    act: (c, _me, n) => send(c, 'POST', `/api/incidents/${sytCase}/messages`, { message: `Cập nhật tình hình ${n}` }),
  },
  'incident can.writeClosingReport ↔ PUT /api/incidents/:id/closing-report (accepted case)': {
    flag: async (c) => (await visible(c, `/api/incidents/${sytAccepted}`))?.can.writeClosingReport ?? null,
    act: (c, _me, n) => send(c, 'PUT', `/api/incidents/${sytAccepted}/closing-report`, { damage: `Gián đoạn tra cứu ${n} phút` }),
  },
  'dossier can.edit ↔ PATCH /api/dossiers/:id (draft)': {
    flag: async (c) => (await visible(c, `/api/dossiers/${sytDossier}`))?.can.edit ?? null,
    act: (c, _me, n) => send(c, 'PATCH', `/api/dossiers/${sytDossier}`, { description: `Hệ thống phục vụ kiểm tra quyền, lần ${n}.` }),
  },
  'session can[directives.manage] ↔ POST /api/directives': {
    flag: async (_c, me) => me.can['directives.manage'],
    act: (c, _me, n) =>
      send(c, 'POST', '/api/directives', {
        kind: 'directive',
        number: `${n}/CT-KT`,
        issuer: 'UBND tỉnh Demo',
        issuedOn: '2026-01-15',
        title: `Về kiểm tra quyền số ${n}`,
      }),
  },
  'warnings list can.record ↔ POST /api/warnings': {
    flag: async (c) => (await visible(c, '/api/warnings?limit=1')).can.record,
    act: (c, _me, n) =>
      send(c, 'POST', '/api/warnings', {
        source: 'NCSC',
        number: `CAN-${n}`,
        issuedOn: '2026-01-10',
        title: `Cảnh báo kiểm tra quyền ${n}`,
        severity: 'low',
        cveIds: [],
        products: [{ vendor: 'KhienCan', product: 'Không có', versionRange: '<1.0' }],
      }),
  },
  'soc connection can.record ↔ PUT /api/agencies/:id/soc-connection (Sở Y tế)': {
    flag: async (c) => (await visible(c, `/api/agencies/${syt}/soc-connection`))?.can.record ?? null,
    act: (c, _me, n) => send(c, 'PUT', `/api/agencies/${syt}/soc-connection`, { connectedOn: '2025-01-02', scope: `Nhật ký tường lửa, lần ${n}` }),
  },
  'signature tokens can.create ↔ POST /api/signature-tokens (own agency)': {
    flag: async (c) => (await visible(c, '/api/signature-tokens')).can.create,
    act: (c, me) => send(c, 'POST', '/api/signature-tokens', tokenBody(me.agencyId)),
  },
  'hunts can.create ↔ POST /api/hunts (own agency, whole agency)': {
    flag: async (c) => (await visible(c, '/api/hunts')).can.create,
    act: (c, me) => send(c, 'POST', '/api/hunts', huntBody(me.agencyId)),
  },
  'session can[webhooks.manage] ↔ POST /api/webhooks (own agency)': {
    flag: async (_c, me) => me.can['webhooks.manage'],
    act: (c, me) => send(c, 'POST', '/api/webhooks', webhookBody(me.agencyId)),
    undo: async (res) => void (await admin.request('DELETE', `/api/webhooks/${res.json.id}`)),
  },
  'webhooks list can.provinceWide ↔ POST /api/webhooks province-wide (own agency)': {
    flag: async (c, me) => (me.can['webhooks.read'] ? (await visible(c, '/api/webhooks')).can.provinceWide : false),
    act: (c, me) => send(c, 'POST', '/api/webhooks', webhookBody(me.agencyId, { provinceWide: true })),
    undo: async (res) => void (await admin.request('DELETE', `/api/webhooks/${res.json.id}`)),
  },
  'session can[audit.read] ↔ GET /api/audit': {
    flag: async (_c, me) => me.can['audit.read'],
    act: (c) => c.get('/api/audit?limit=1'),
  },
  'session can[audit.verify] ↔ GET /api/audit/verify': {
    flag: async (_c, me) => me.can['audit.verify'],
    act: (c) => c.get('/api/audit/verify'),
  },
  'session can[outbox.read] ↔ GET /api/admin/outbox': {
    flag: async (_c, me) => me.can['outbox.read'],
    act: (c) => c.get('/api/admin/outbox'),
  },
  'session can[incidentPolicy.edit] ↔ PUT /api/incident-policy/:class': {
    flag: async (_c, me) => me.can['incidentPolicy.edit'],
    act: async (c) => {
      const [rule] = ok(await admin.get('/api/incident-policy'));
      return send(c, 'PUT', `/api/incident-policy/${rule.severityClass}`, {
        reportWithinHours: rule.reportWithinHours,
        lateAfterHours: rule.lateAfterHours,
        reference: rule.reference,
      });
    },
  },
};

describe('`can` says what the server allows', () => {
  let n = 0;
  for (const [name, k] of Object.entries(CASES)) {
    it(name, async () => {
      const outcomes: string[] = [];
      for (const u of USERS) {
        const { c, me } = clients.get(u)!;
        const flag = await k.flag(c, me);
        if (flag === null) continue;
        const res = await k.act(c, me, ++n);
        const refused = (k.refused ?? ((r: Reply) => r.status === 403))(res);
        expect({ user: u, flag, status: res.status, allowed: res.status < 300, refused }, res.text.slice(0, 300)).toEqual({
          user: u,
          flag,
          status: res.status,
          allowed: flag,
          refused: !flag,
        });
        if (flag) await k.undo?.(res);
        outcomes.push(`${u}:${flag}`);
      }
      // Each case tells roles apart: someone may, someone may not.
      expect(outcomes.some((o) => o.endsWith(':true')) && outcomes.some((o) => o.endsWith(':false')), outcomes.join(' ')).toBe(true);
    });
  }

  it('shows the security unit no Add or Import on the systems list, and the server refuses both', async () => {
    const { c, me } = clients.get('attt')!;
    expect((await visible(c, '/api/systems?limit=1')).can).toEqual({ create: false, import: false });
    expect(me.can['systems.create']).toBe(false);
    expect((await send(c, 'POST', '/api/systems', { agencyId: syt, code: 'CAN-ATTT', name: 'Không được phép' })).status).toBe(403);
    const officer = clients.get('syt.canbo')!;
    expect((await visible(officer.c, '/api/systems?limit=1')).can).toEqual({ create: true, import: true });
    expect(ok(await send(officer.c, 'POST', '/api/systems', { agencyId: syt, code: 'CAN-SYT', name: 'Hệ thống của Sở' }), 201).can).toEqual({ edit: true });
  });

  it('lists the users a case can be given to: those whose roles work incidents', async () => {
    const team = ok(await admin.get('/api/users?capability=incidents.work')) as { username: string; roles: string[] }[];
    const names = team.map((u) => u.username);
    expect(USERS.filter((u) => names.includes(u))).toEqual(['admin', 'attt', 'ungcuu']);
    expect(team.every((u) => u.roles.some((r) => ['platform_admin', 'dept_security', 'responder'].includes(r)))).toBe(true);
    const assigned = await send(admin, 'PUT', `/api/incidents/${sytCase}/assignment`, { leadUserId: clients.get('syt.canbo')!.me.id, responderIds: [] });
    expect(assigned.status, assigned.text).toBe(400);
    expect(assigned.json.error.field).toBe('leadUserId');
  });
});
