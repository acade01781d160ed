/**
 * The incidents module's cases for the shared isolation and audit matrices (src/server/http/isolation.api.test.ts,
 * src/server/modules/audit/audit.api.test.ts), kept here so those files only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client } from './test-app.ts';
import { multipart, PDF, upload } from './upload.ts';
import { issueFormToken } from '../../src/server/modules/incidents/intake.ts';
import { initialReport } from './incident-report.ts';

/** A MISP event of one attribute, to upload into a case. */
const MISP_EVENT = Buffer.from(JSON.stringify({ Event: { info: 'Sự kiện MISP', Attribute: [{ type: 'domain', value: 'misp-nhat-ky.example' }] } }));

type Call = (c: Client) => Promise<LightMyRequestResponse>;

export type IncidentRecordsOfB = { incident: number; task: number; observable: number; plan: number; exercise: number; agency: number; system: number };

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/**
 * Records of agency B (`owner` is B's officer, `team` a platform admin who works cases): an incident reported by B,
 * accepted, with a task, an observable, the team's response report and B's closing report; a response plan and an
 * exercise of B's system.
 */
export async function createIncidentRecordsOfB(owner: Client, team: Client, b: { agency: number; system: number }): Promise<IncidentRecordsOfB> {
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const incident = ok(
    await owner.post(
      '/api/incidents',
      initialReport(b.agency, [b.system], { title: 'Sự cố của cơ quan B', description: 'Sự cố thuộc cơ quan B, dùng để kiểm tra phạm vi truy cập.' }),
    ),
    201,
  ).id as number;
  ok(await team.post(`/api/incidents/${incident}/transitions`, { action: 'accept' }));
  const task = ok(await team.post(`/api/incidents/${incident}/tasks`, { title: 'Việc của cơ quan B' })).tasks[0].id as number;
  const observable = ok(await owner.post(`/api/incidents/${incident}/observables`, { type: 'ip', value: '192.0.2.44' })).observables[0].id as number;
  ok(
    await team.put(`/api/incidents/${incident}/response-report`, {
      damage: 'Không đáng kể',
      rootCause: 'Tệp đính kèm độc hại',
      origin: 'Thư giả mạo',
      actions: 'Cài lại máy trạm',
      lessonsLearned: 'Tập huấn nhận diện thư lừa đảo',
    }),
  );
  ok(
    await owner.put(`/api/incidents/${incident}/closing-report`, {
      damage: 'Không đáng kể',
      cause: 'Tệp đính kèm độc hại',
      actions: 'Cài lại máy trạm',
      recommendations: 'Bật lọc thư',
      lessonsLearned: 'Tập huấn nhận diện thư lừa đảo',
    }),
  );
  const plan = ok(
    await owner.post('/api/response-plans', { systemId: b.system, kind: 'plan', title: 'Phương án ứng cứu của B', version: '1.0', issuedOn: today() }),
    201,
  ).id as number;
  const exercise = ok(
    await owner.post('/api/response-exercises', {
      agencyId: b.agency,
      title: 'Diễn tập của B',
      heldOn: today(),
      kind: 'tabletop',
      scenario: 'Mã độc trên máy trạm',
      participants: 'Phòng CNTT của B',
      outcome: 'achieved',
      systemIds: [b.system],
    }),
    201,
  ).id as number;
  return { incident, task, observable, plan, exercise, agency: b.agency, system: b.system };
}

const json =
  (method: 'POST' | 'PUT' | 'PATCH', url: () => string, payload: () => unknown): Call =>
  (c) =>
    c.request({ method, url: url(), payload: payload() as never });
const get =
  (url: () => string): Call =>
  (c) =>
    c.get(url());

/** Each route with an id, aimed at B's record with a valid request: scope is the only reason to refuse it (404). */
export function incidentScopedCases(w: () => IncidentRecordsOfB): Record<string, Call[]> {
  const at =
    (suffix = '') =>
    () =>
      `/api/incidents/${w().incident}${suffix}`;
  return {
    'GET /api/incidents/:id': [get(at())],
    'PATCH /api/incidents/:id': [json('PATCH', at(), () => ({ title: 'Sửa trái phép sự cố' }))],
    'POST /api/incidents/:id/transitions': [json('POST', at('/transitions'), () => ({ action: 'start_response' }))],
    'PUT /api/incidents/:id/assignment': [json('PUT', at('/assignment'), () => ({ leadUserId: null, responderIds: [] }))],
    'POST /api/incidents/:id/messages': [json('POST', at('/messages'), () => ({ message: 'Chen ngang' }))],
    'POST /api/incidents/:id/tasks': [json('POST', at('/tasks'), () => ({ title: 'Việc chen ngang' }))],
    'PATCH /api/incidents/:id/tasks/:taskId': [
      json(
        'PATCH',
        () => `/api/incidents/${w().incident}/tasks/${w().task}`,
        () => ({ status: 'done' }),
      ),
    ],
    'POST /api/incidents/:id/observables': [json('POST', at('/observables'), () => ({ type: 'domain', value: 'chen-ngang.example' }))],
    'DELETE /api/incidents/:id/observables/:observableId': [(c) => c.delete(`/api/incidents/${w().incident}/observables/${w().observable}`)],
    'POST /api/incidents/:id/evidence': [(c) => c.request({ method: 'POST', url: at('/evidence')(), ...multipart('x.pdf', PDF) })],
    'POST /api/incidents/:id/observables/misp': [(c) => c.request({ method: 'POST', url: at('/observables/misp')(), ...multipart('event.json', MISP_EVENT) })],
    'PUT /api/incidents/:id/affected': [json('PUT', at('/affected'), () => ({ systemIds: [], agencyIds: [] }))],
    'PUT /api/incidents/:id/related': [json('PUT', at('/related'), () => ({ incidentIds: [] }))],
    'PUT /api/incidents/:id/communication': [json('PUT', at('/communication'), () => ({ spokesperson: 'Kẻ lạ', decision: 'Phát ngôn trái phép' }))],
    'PUT /api/incidents/:id/response-report': [json('PUT', at('/response-report'), () => ({ damage: 'Sửa trái phép' }))],
    'PUT /api/incidents/:id/closing-report': [json('PUT', at('/closing-report'), () => ({ damage: 'Sửa trái phép' }))],
    'POST /api/incidents/:id/national-share': [json('POST', at('/national-share'), () => ({}))],
    'GET /api/incidents/:id/initial-report.docx': [get(at('/initial-report.docx'))],
    'GET /api/incidents/:id/closing-report.docx': [get(at('/closing-report.docx'))],
    'GET /api/incidents/:id/response-report.docx': [get(at('/response-report.docx'))],
    'GET /api/incidents/:id/initial-report.pdf': [get(at('/initial-report.pdf'))],
    'GET /api/incidents/:id/closing-report.pdf': [get(at('/closing-report.pdf'))],
    'GET /api/incidents/:id/response-report.pdf': [get(at('/response-report.pdf'))],
    'GET /api/incidents/:id/stix': [get(at('/stix')), get(at('/stix?for=national_coordinator'))],
    'GET /api/incidents/:id/misp': [get(at('/misp')), get(at('/misp?for=national_coordinator'))],
    'GET /api/response-plans/:id': [get(() => `/api/response-plans/${w().plan}`)],
    'PATCH /api/response-plans/:id': [
      json(
        'PATCH',
        () => `/api/response-plans/${w().plan}`,
        () => ({ version: '9.9' }),
      ),
    ],
    'POST /api/response-plans/:id/file': [(c) => c.request({ method: 'POST', url: `/api/response-plans/${w().plan}/file`, ...multipart('x.pdf', PDF) })],
    'GET /api/response-exercises/:id': [get(() => `/api/response-exercises/${w().exercise}`)],
    'PATCH /api/response-exercises/:id': [
      json(
        'PATCH',
        () => `/api/response-exercises/${w().exercise}`,
        () => ({ title: 'Sửa trái phép diễn tập' }),
      ),
    ],
  };
}

/** Province-wide settings: the reporting deadlines and the response team roster (403 for agency users). */
export const incidentProvinceSettings: Record<string, Call[]> = {
  'PUT /api/incident-policy/:severityClass': [
    json(
      'PUT',
      () => '/api/incident-policy/immediate',
      () => ({ reportWithinHours: 0, lateAfterHours: 720, reference: 'Chiếm quyền' }),
    ),
  ],
  'PATCH /api/response-team/:id': [
    json(
      'PATCH',
      () => '/api/response-team/1',
      () => ({ active: false }),
    ),
  ],
  'PUT /api/response-team/:id/certificates': [
    json(
      'PUT',
      () => '/api/response-team/1/certificates',
      () => [],
    ),
  ],
};

const inList = <T>(res: LightMyRequestResponse, pick: (body: unknown) => T[]) => {
  expect(res.statusCode, res.body).toBe(200);
  return pick(res.json());
};

/** Lists and facts: none of B's records for A's users. */
export function incidentListChecks(w: () => IncidentRecordsOfB, subtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  const ofB = (agencyId: number | null) => agencyId !== null && subtree().includes(agencyId);
  return {
    'GET /api/incidents': async (c) =>
      inList(await c.get('/api/incidents?limit=500'), (b) => (b as { items: { id: number; agencyId: number | null }[] }).items)
        .filter((i) => ofB(i.agencyId))
        .map((i) => String(i.id)),
    'GET /api/incidents/stats': async (c) => {
      // Counts cannot name records: the check is that A cannot narrow them to B.
      const res = await c.get(`/api/incidents/stats?agencyId=${w().agency}`);
      return res.statusCode === 404 ? [] : [inList(res, (b) => [JSON.stringify(b)])[0]!];
    },
    'GET /api/incidents/readiness': async (c) =>
      inList(await c.get('/api/incidents/readiness'), (b) => (b as { systems: { systemId: number; agencyId: number }[] }).systems)
        .filter((s) => ofB(s.agencyId))
        .map((s) => String(s.systemId)),
    'GET /api/response-plans': async (c) =>
      inList(await c.get('/api/response-plans'), (b) => b as { id: number; agencyId: number }[])
        .filter((p) => ofB(p.agencyId))
        .map((p) => String(p.id)),
    'GET /api/response-exercises': async (c) =>
      inList(await c.get('/api/response-exercises'), (b) => b as { id: number; agencyId: number; systems: { id: number }[] }[])
        .filter((e) => ofB(e.agencyId) || e.systems.some((s) => s.id === w().system))
        .map((e) => String(e.id)),
  };
}

/** Routes without agency-owned data in the path: the province roster and policy, the public hotline, creations (owner in the body). */
export const INCIDENT_NOT_AGENCY_OWNED = [
  'GET /api/incident-policy',
  'GET /api/response-team',
  'POST /api/response-team',
  'GET /api/public/incidents/form-token',
  'POST /api/public/incidents',
  'POST /api/incidents',
  'POST /api/response-plans',
  'POST /api/response-exercises',
];

/** Creations and edits naming B's agency or system in the body: refused exactly like a missing id. */
export async function incidentBodyReferenceChecks(
  officer: Client,
  b: { agency: number; system: number; ownSystem: number },
  sameAsMissing: (send: (id: number) => Promise<LightMyRequestResponse>, bId: number) => Promise<unknown>,
) {
  const report = initialReport(officer.me.agencyId, [b.ownSystem], {
    title: 'Sự cố của A',
    kind: 'phishing',
    severity: 'low',
    description: 'Sự cố của cơ quan A để kiểm tra tham chiếu.',
  });
  await sameAsMissing((id) => officer.post('/api/incidents', { ...report, agencyId: id }), b.agency);
  await sameAsMissing((id) => officer.post('/api/incidents', { ...report, systemIds: [id] }), b.system);
  const mine = (await officer.post('/api/incidents', report)).json().id as number;
  await sameAsMissing((id) => officer.put(`/api/incidents/${mine}/affected`, { systemIds: [id], agencyIds: [] }), b.system);
  await sameAsMissing((id) => officer.put(`/api/incidents/${mine}/affected`, { systemIds: [b.ownSystem], agencyIds: [id] }), b.agency);
  await sameAsMissing(
    (id) => officer.post('/api/response-plans', { systemId: id, kind: 'plan', title: 'Phương án', version: '1', issuedOn: today() }),
    b.system,
  );
  const exercise = { title: 'Diễn tập', heldOn: today(), kind: 'tabletop', scenario: 'Tình huống giả định', participants: 'Các phòng', outcome: 'achieved' };
  await sameAsMissing((id) => officer.post('/api/response-exercises', { ...exercise, agencyId: id, systemIds: [b.ownSystem] }), b.agency);
  await sameAsMissing((id) => officer.post('/api/response-exercises', { ...exercise, agencyId: officer.me.agencyId, systemIds: [id] }), b.system);
}

type AuditStep = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

/**
 * One call of each state-changing route, in an order that builds on the previous ones. `officer` is an agency
 * officer with `system()` of their own agency; `team` a platform admin (works cases, keeps the policy and roster).
 */
export function incidentAuditSteps(
  officer: () => Client,
  team: () => Client,
  system: () => number,
  anonymous: () => Promise<Client>,
  secret: () => string,
): AuditStep[] {
  const ctx: Record<string, number> = {};
  const at = (suffix = '') => `/api/incidents/${ctx.incident}${suffix}`;
  // A hotline caller has no account: the entry names them with no user id.
  const caller = () => ({ me: { id: null } }) as unknown as Client;
  const exercise = () => ({
    agencyId: officer().me.agencyId,
    title: 'Diễn tập nhật ký',
    heldOn: today(),
    kind: 'tabletop',
    scenario: 'Tình huống giả định',
    participants: 'Phòng CNTT',
    outcome: 'achieved',
    systemIds: [system()],
  });
  return [
    {
      route: 'POST /api/incidents',
      by: officer,
      entity: 'incident',
      action: 'report',
      call: async (c) => {
        const r = await c.post(
          '/api/incidents',
          initialReport(c.me.agencyId, [system()], { title: 'Sự cố nhật ký', description: 'Sự cố để kiểm tra nhật ký thay đổi.' }),
        );
        ctx.incident = r.json().id;
        return r;
      },
    },
    { route: 'PATCH /api/incidents/:id', by: officer, entity: 'incident', action: 'update', call: (c) => c.patch(at(), { currentImpact: 'Chậm truy cập' }) },
    {
      route: 'PUT /api/incidents/:id/affected',
      by: officer,
      entity: 'incident',
      action: 'set_affected',
      call: (c) => c.put(at('/affected'), { systemIds: [system()], agencyIds: [] }),
    },
    {
      route: 'POST /api/incidents/:id/observables',
      by: officer,
      entity: 'incident',
      action: 'add_observable',
      call: async (c) => {
        const r = await c.post(at('/observables'), { type: 'domain', value: 'nhat-ky.example', tlp: 'green' });
        ctx.observable = r.json().observables?.[0]?.id;
        return r;
      },
    },
    {
      route: 'POST /api/incidents/:id/observables/misp',
      by: officer,
      entity: 'incident',
      action: 'import_observables',
      call: (c) => c.request({ method: 'POST', url: at('/observables/misp'), ...multipart('event.json', MISP_EVENT) }),
    },
    {
      route: 'POST /api/incidents/:id/messages',
      by: officer,
      entity: 'incident',
      action: 'message',
      call: (c) => c.post(at('/messages'), { message: 'Đã cách ly máy trạm' }),
    },
    {
      route: 'POST /api/incidents/:id/evidence',
      by: officer,
      entity: 'incident',
      action: 'add_evidence',
      call: (c) => c.request({ method: 'POST', url: at('/evidence'), ...multipart('nhat-ky.log', Buffer.from('login failed from 192.0.2.1\n')) }),
    },
    {
      route: 'POST /api/incidents/:id/transitions',
      by: team,
      entity: 'incident',
      action: 'incident_accept',
      call: (c) => c.post(at('/transitions'), { action: 'accept' }),
    },
    {
      route: 'PUT /api/incidents/:id/assignment',
      by: team,
      entity: 'incident',
      action: 'assign',
      call: (c) => c.put(at('/assignment'), { leadUserId: c.me.id, responderIds: [] }),
    },
    {
      route: 'POST /api/incidents/:id/tasks',
      by: team,
      entity: 'incident',
      action: 'add_task',
      call: async (c) => {
        const r = await c.post(at('/tasks'), { title: 'Thu thập nhật ký', assigneeUserId: officer().me.id });
        ctx.task = r.json().tasks?.[0]?.id;
        return r;
      },
    },
    {
      route: 'PATCH /api/incidents/:id/tasks/:taskId',
      by: officer,
      entity: 'incident',
      action: 'update_task',
      call: (c) => c.patch(at(`/tasks/${ctx.task}`), { status: 'done' }),
    },
    {
      route: 'DELETE /api/incidents/:id/observables/:observableId',
      by: team,
      entity: 'incident',
      action: 'remove_observable',
      call: (c) => c.delete(at(`/observables/${ctx.observable}`)),
    },
    {
      route: 'PUT /api/incidents/:id/related',
      by: team,
      entity: 'incident',
      action: 'set_related',
      call: async (c) => {
        const other = (await c.get('/api/incidents?limit=2')).json().items.find((i: { id: number }) => i.id !== ctx.incident).id;
        return c.put(at('/related'), { incidentIds: [other] });
      },
    },
    {
      route: 'PUT /api/incidents/:id/communication',
      by: team,
      entity: 'incident',
      action: 'record_communication',
      call: (c) => c.put(at('/communication'), { spokesperson: 'Người phát ngôn của Sở', decision: 'Không công bố ra công chúng' }),
    },
    {
      route: 'PUT /api/incidents/:id/response-report',
      by: team,
      entity: 'incident',
      action: 'write_response_report',
      call: (c) => c.put(at('/response-report'), { damage: 'Không đáng kể', rootCause: 'Mật khẩu yếu' }),
    },
    {
      route: 'PUT /api/incidents/:id/closing-report',
      by: officer,
      entity: 'incident',
      action: 'write_closing_report',
      call: (c) => c.put(at('/closing-report'), { damage: 'Không đáng kể', cause: 'Mật khẩu yếu' }),
    },
    { route: 'POST /api/incidents/:id/national-share', by: team, entity: 'incident', action: 'share_national', call: (c) => c.post(at('/national-share'), {}) },
    {
      route: 'PUT /api/incident-policy/:severityClass',
      by: team,
      entity: 'incident_report_rule',
      action: 'update',
      call: (c) => c.put('/api/incident-policy/critical', { reportWithinHours: 24, lateAfterHours: 72, reference: 'Quy chế của tỉnh' }),
    },
    {
      route: 'POST /api/public/incidents',
      by: caller,
      entity: 'incident',
      action: 'public_report',
      call: async () =>
        (await anonymous()).post('/api/public/incidents', {
          reporterName: 'Người dân',
          reporterEmail: 'nguoi.dan@example.com',
          organization: 'UBND xã Đông Phú',
          kind: 'defacement',
          description: 'Trang thông tin của xã hiển thị nội dung lạ từ sáng nay.',
          formToken: issueFormToken(secret(), Date.now() - 60_000),
        }),
    },
    {
      route: 'POST /api/response-plans',
      by: officer,
      entity: 'response_plan',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/response-plans', { systemId: system(), kind: 'plan', title: 'Phương án nhật ký', version: '1.0', issuedOn: today() });
        ctx.plan = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/response-plans/:id',
      by: officer,
      entity: 'response_plan',
      action: 'update',
      call: (c) => c.patch(`/api/response-plans/${ctx.plan}`, { version: '1.1' }),
    },
    {
      route: 'POST /api/response-plans/:id/file',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/response-plans/${ctx.plan}/file`, 'phuong-an-ung-cuu.pdf'),
    },
    {
      route: 'POST /api/response-exercises',
      by: officer,
      entity: 'response_exercise',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/response-exercises', exercise());
        ctx.exercise = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/response-exercises/:id',
      by: officer,
      entity: 'response_exercise',
      action: 'update',
      call: (c) => c.patch(`/api/response-exercises/${ctx.exercise}`, { findings: 'Cần bổ sung kịch bản' }),
    },
    {
      route: 'POST /api/response-team',
      by: team,
      entity: 'response_team_member',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/response-team', { fullName: 'Thành viên Nhật Ký', employment: 'in_house' });
        ctx.member = r.json().members?.find((m: { fullName: string }) => m.fullName === 'Thành viên Nhật Ký')?.id;
        return r;
      },
    },
    {
      route: 'PATCH /api/response-team/:id',
      by: team,
      entity: 'response_team_member',
      action: 'update',
      call: (c) => c.patch(`/api/response-team/${ctx.member}`, { position: 'Kỹ sư' }),
    },
    {
      route: 'PUT /api/response-team/:id/certificates',
      by: team,
      entity: 'response_team_member',
      action: 'update_certificates',
      call: (c) => c.put(`/api/response-team/${ctx.member}/certificates`, [{ name: 'CompTIA Security+', expiresOn: '2030-01-01' }]),
    },
  ];
}
