/**
 * The directives, reminders and reports module's cases for the shared isolation and audit matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts), kept here so those files
 * only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { multipart, PDF, upload } from './upload.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;

export type DirectiveRecordsOfB = {
  agency: number;
  directive: number;
  task: number;
  assignment: number;
  taskReport: number;
  evidence: number;
  report: number;
  /** An assignment of agency A (the caller's own), to aim body references at B from. */
  ownAssignment: number;
};

const DIRECTIVE = { kind: 'directive', issuer: 'UBND tỉnh Demo', issuedOn: '2026-01-05' };

/**
 * Records of agency B (`owner` is B's officer): a directive with a task assigned only to B's subtree, B's evidence and
 * report on it, and a compliance report about B. Also one directive for agency A (`ownAgency`), kept separate so
 * B's directive stays invisible to A.
 */
export async function createRecordsOfB(
  owner: Client,
  admin: Client,
  b: { agency: number; childAgency: number },
  ownAgency: number,
): Promise<DirectiveRecordsOfB> {
  const ok = (res: LightMyRequestResponse) => {
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const directive = ok(await admin.post('/api/directives', { ...DIRECTIVE, number: '01/CT-UBND', title: 'Chỉ thị riêng cho Sở Giáo dục và Đào tạo' }));
  ok(await upload(admin, `/api/directives/${directive.id}/file`, 'b-chi-thi.pdf'));
  const withTask = ok(
    await admin.post(`/api/directives/${directive.id}/tasks`, {
      text: 'Nhiệm vụ riêng của Sở Giáo dục và Đào tạo',
      assignAgencyIds: [b.agency, b.childAgency],
      deadline: { kind: 'once', date: '2027-01-31' },
    }),
  );
  const task = withTask.tasks[0];
  const assignment = task.assignments.find((a: { agencyId: number }) => a.agencyId === b.agency).id;
  const evidence = ok(await upload(owner, `/api/task-assignments/${assignment}/evidence`, 'b-minh-chung.pdf')).id;
  const progress = ok(
    await owner.post(`/api/task-assignments/${assignment}/reports`, { progress: 'done', comment: 'Đã hoàn thành', evidenceFileIds: [evidence] }),
  );
  const report = ok(await admin.post('/api/reports', { kind: 'agency_compliance', agencyId: b.agency, year: 2026 })).id;
  const own = ok(await admin.post('/api/directives', { ...DIRECTIVE, number: '02/CT-UBND', title: 'Chỉ thị riêng cho cơ quan A' }));
  const ownTask = ok(
    await admin.post(`/api/directives/${own.id}/tasks`, {
      text: 'Nhiệm vụ riêng của cơ quan A',
      assignAgencyIds: [ownAgency],
      deadline: { kind: 'once', date: '2027-01-31' },
    }),
  );
  return {
    agency: b.agency,
    directive: directive.id,
    task: task.id,
    assignment,
    taskReport: progress.reports[0].id,
    evidence,
    report,
    ownAssignment: ownTask.tasks[0].assignments[0].id,
  };
}

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

/** Each route with an id, aimed at B's record with a valid request: scope is the only reason to refuse it (404). */
export function scopedCases(d: () => DirectiveRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/directives/:id': [get(() => `/api/directives/${d().directive}`)],
    'PATCH /api/directives/:id': [
      json(
        'PATCH',
        () => `/api/directives/${d().directive}`,
        () => ({ title: 'Sửa trái phép văn bản chỉ đạo' }),
      ),
    ],
    'POST /api/directives/:id/file': [file(() => `/api/directives/${d().directive}/file`)],
    'GET /api/directives/:id/file': [get(() => `/api/directives/${d().directive}/file`)],
    'POST /api/directives/:id/tasks': [
      json(
        'POST',
        () => `/api/directives/${d().directive}/tasks`,
        () => ({ text: 'Nhiệm vụ chen ngang', assignAgencyIds: [d().agency], deadline: { kind: 'once', date: '2027-01-31' } }),
      ),
    ],
    'PATCH /api/tasks/:id': [
      json(
        'PATCH',
        () => `/api/tasks/${d().task}`,
        () => ({ text: 'Sửa trái phép nhiệm vụ' }),
      ),
    ],
    'GET /api/task-assignments/:id': [get(() => `/api/task-assignments/${d().assignment}`)],
    'POST /api/task-assignments/:id/evidence': [file(() => `/api/task-assignments/${d().assignment}/evidence`)],
    'POST /api/task-assignments/:id/reports': [
      json(
        'POST',
        () => `/api/task-assignments/${d().assignment}/reports`,
        () => ({ progress: 'in_progress', comment: 'Báo cáo hộ' }),
      ),
    ],
    'POST /api/task-reports/:id/review': [
      json(
        'POST',
        () => `/api/task-reports/${d().taskReport}/review`,
        () => ({ decision: 'accept' }),
      ),
    ],
    'GET /api/reports/:id': [get(() => `/api/reports/${d().report}`)],
    'GET /api/reports/:id/docx': [get(() => `/api/reports/${d().report}/docx`)],
    'GET /api/reports/:id/pdf': [get(() => `/api/reports/${d().report}/pdf`)],
    'GET /api/reports/:id/xlsx': [get(() => `/api/reports/${d().report}/xlsx`)],
  };
}

/** List routes: what of B's each returns (must be nothing for A, something for a platform admin). */
export function listChecks(d: () => DirectiveRecordsOfB, bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  const body = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  return {
    'GET /api/directives': async (c) =>
      ((await body(c.get('/api/directives'))) as { id: number }[]).filter((x) => x.id === d().directive).map((x) => String(x.id)),
    'GET /api/tasks': async (c) =>
      ((await body(c.get(`/api/tasks?directiveId=${d().directive}&limit=500`))).items as { id: number; agencyId: number }[])
        .filter((x) => bSubtree().includes(x.agencyId))
        .map((x) => String(x.id)),
    'GET /api/reports': async (c) =>
      ((await body(c.get('/api/reports'))) as { id: number; agencyId: number }[]).filter((x) => bSubtree().includes(x.agencyId)).map((x) => String(x.id)),
  };
}

/**
 * Not owned by an agency: a directive is entered province-wide by the security unit; notifications, preferences and
 * the reminder run are the caller's own or province-wide; the outbox is the platform's. POST /api/reports takes its
 * agency in the body (see bodyReferences).
 */
export const NOT_AGENCY_OWNED = [
  'POST /api/directives',
  'POST /api/reports',
  'GET /api/notifications',
  'POST /api/notifications/read',
  'GET /api/reminder-preferences',
  'PUT /api/reminder-preferences',
  'POST /api/reminders/run',
  'GET /api/admin/outbox',
];

/** References to B in request bodies must be refused exactly like references to records that do not exist. */
export async function bodyReferences(
  sameAsMissing: (send: (id: number) => Promise<LightMyRequestResponse>, bId: number) => Promise<unknown>,
  c: Client,
  d: DirectiveRecordsOfB,
) {
  await sameAsMissing((id) => c.post('/api/reports', { kind: 'agency_compliance', agencyId: id, year: 2026 }), d.agency);
  await sameAsMissing(
    (id) => c.post(`/api/task-assignments/${d.ownAssignment}/reports`, { progress: 'in_progress', comment: 'Minh chứng lạ', evidenceFileIds: [id] }),
    d.evidence,
  );
}

type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

/** One step per state-changing route, each appending exactly one audit entry; `officer` belongs to the agency the task goes to. */
export function auditSteps(admin: () => Client, officer: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'POST /api/directives',
      by: admin,
      entity: 'directive',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/directives', { ...DIRECTIVE, number: '03/CT-UBND', title: 'Chỉ thị ghi nhật ký' });
        ctx.directive = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/directives/:id',
      by: admin,
      entity: 'directive',
      action: 'update',
      call: (c) => c.patch(`/api/directives/${ctx.directive}`, { basedOn: 'Chỉ thị 18/CT-TTg' }),
    },
    {
      route: 'POST /api/directives/:id/file',
      by: admin,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/directives/${ctx.directive}/file`, 'chi-thi.pdf'),
    },
    {
      route: 'POST /api/directives/:id/tasks',
      by: admin,
      entity: 'directive_task',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/directives/${ctx.directive}/tasks`, {
          text: 'Báo cáo quý ghi nhật ký',
          assignAgencyIds: [officer().me.agencyId],
          deadline: { kind: 'quarterly', day: 20, monthOfQuarter: 3 },
        });
        ctx.directiveTask = r.json().tasks[0].id;
        ctx.assignment = r.json().tasks[0].assignments[0].id;
        return r;
      },
    },
    {
      route: 'PATCH /api/tasks/:id',
      by: admin,
      entity: 'directive_task',
      action: 'update',
      call: (c) => c.patch(`/api/tasks/${ctx.directiveTask}`, { legalClause: 'Mục 2' }),
    },
    {
      route: 'POST /api/task-assignments/:id/evidence',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/task-assignments/${ctx.assignment}/evidence`, 'bao-cao-quy.pdf'),
    },
    {
      route: 'POST /api/task-assignments/:id/reports',
      by: officer,
      entity: 'task_report',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/task-assignments/${ctx.assignment}/reports`, { progress: 'done', comment: 'Đã gửi báo cáo quý' });
        ctx.taskReport = r.json().reports[0].id;
        return r;
      },
    },
    {
      route: 'POST /api/task-reports/:id/review',
      by: admin,
      entity: 'task_report',
      action: 'task_report_accept',
      call: (c) => c.post(`/api/task-reports/${ctx.taskReport}/review`, { decision: 'accept', comment: 'Đạt yêu cầu' }),
    },
    {
      route: 'POST /api/reports',
      by: admin,
      entity: 'report',
      action: 'create',
      call: (c) => c.post('/api/reports', { kind: 'agency_compliance', agencyId: officer().me.agencyId, year: 2026 }),
    },
    {
      route: 'PUT /api/reminder-preferences',
      by: officer,
      entity: 'reminder_preferences',
      action: 'update',
      call: (c) => c.put('/api/reminder-preferences', [{ kind: 'task_due_7', inApp: true, email: false }]),
    },
    { route: 'POST /api/reminders/run', by: admin, entity: 'reminder_job', action: 'run', call: (c) => c.post('/api/reminders/run', {}) },
    { route: 'POST /api/notifications/read', by: officer, entity: 'notification', action: 'read', call: (c) => c.post('/api/notifications/read', {}) },
  ];
}
