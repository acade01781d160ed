/**
 * The warnings, scans, assessments and inspections module's cases for the shared isolation and audit matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts), kept here so those files
 * only spread them in.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { multipart, PDF, upload } from './upload.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Agency = { id: number; name: string; kind?: string; external?: boolean };

const CSV_FINDINGS = Buffer.from('host,port,cve,severity,title\n10.99.0.1,443,CVE-2023-44487,high,HTTP/2 Rapid Reset\n');
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

export type RecordsOfB = {
  warning: number;
  item: number;
  scan: number;
  /** A finding of that scan. */
  finding: number;
  assessment: number;
  inspection: number;
  task: number;
  assessor: number;
  agency: number;
  system: number;
};

/**
 * Records of agency B (`owner` is B's officer) in this module: a warning that concerns only B's system, its item,
 * a scan, an assessment, an inspection round of B with a task.
 */
export async function createRecordsOfB(owner: Client, attt: Client, b: { agency: number; system: number }): Promise<RecordsOfB> {
  const system = (await owner.get(`/api/systems/${b.system}`)).json() as { software: { vendor: string | null; product: string; version: string | null }[] };
  const software = system.software.map(({ vendor, product, version }) => ({ vendor, product, version }));
  await owner.put(`/api/systems/${b.system}/software`, [...software, { vendor: 'KhienIsolation', product: 'Portal', version: '1.0' }]);
  const warning = (
    await attt.post('/api/warnings', {
      source: 'NCSC',
      number: 'ISO-B-1',
      issuedOn: today(),
      title: 'Cảnh báo chỉ liên quan đến B',
      severity: 'high',
      products: [{ vendor: 'KhienIsolation', product: 'Portal', versionRange: '<2.0' }],
    })
  ).json();
  const scan = await owner.request({ method: 'POST', url: `/api/systems/${b.system}/scans/import`, ...multipartScan() });
  const agencies = (await attt.get('/api/agencies')).json() as Agency[];
  const assessor = agencies.find((a) => a.kind === 'assessor')!.id;
  const assessment = (
    await attt.post(`/api/systems/${b.system}/assessments`, { assessorAgencyId: assessor, assessedOn: today(), scope: 'Đánh giá định kỳ', result: 'passed' })
  ).json();
  const inspection = (
    await attt.post('/api/inspections', { title: 'Kiểm tra riêng cơ quan B', startsOn: today(), endsOn: today(), agencies: [{ agencyId: b.agency }] })
  ).json();
  const task = (
    await attt.post(`/api/inspections/${inspection.id}/tasks`, { agencyId: b.agency, finding: 'Thiếu đầu mối ATTT', action: 'Cử đầu mối ATTT', dueOn: today() })
  ).json();
  const finding = (await attt.get(`/api/scans/${scan.json().scan.id}`)).json().findings[0].id as number;
  return {
    warning: warning.id,
    item: warning.items[0].id,
    scan: scan.json().scan.id,
    finding,
    assessment: assessment.id,
    inspection: inspection.id,
    task: task.id,
    assessor,
    agency: b.agency,
    system: b.system,
  };
}

function multipartScan() {
  const boundary = `----khienscan${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="scannedOn"\r\n\r\n${today()}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    CSV_FINDINGS,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
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
export function scopedCases(w: () => RecordsOfB): Record<string, Call[]> {
  const sys = () => w().system;
  return {
    'GET /api/warnings/:id': [get(() => `/api/warnings/${w().warning}`)],
    'PATCH /api/warnings/:id': [
      json(
        'PATCH',
        () => `/api/warnings/${w().warning}`,
        () => ({ title: 'Sửa trái phép cảnh báo' }),
      ),
    ],
    'POST /api/warnings/:id/rematch': [
      json(
        'POST',
        () => `/api/warnings/${w().warning}/rematch`,
        () => undefined,
      ),
    ],
    'GET /api/remediation-items/:id': [get(() => `/api/remediation-items/${w().item}`)],
    'POST /api/remediation-items/:id/response': [
      json(
        'POST',
        () => `/api/remediation-items/${w().item}/response`,
        () => ({ status: 'patched' }),
      ),
    ],
    'POST /api/remediation-items/:id/evidence': [file(() => `/api/remediation-items/${w().item}/evidence`)],
    'GET /api/systems/:id/scans': [get(() => `/api/systems/${sys()}/scans`)],
    'POST /api/systems/:id/scans': [
      json(
        'POST',
        () => `/api/systems/${sys()}/scans`,
        () => ({ scannedOn: today(), tool: 'Nmap' }),
      ),
    ],
    'POST /api/systems/:id/scans/import': [(c) => c.request({ method: 'POST', url: `/api/systems/${sys()}/scans/import`, ...multipartScan() })],
    'GET /api/systems/:id/findings': [get(() => `/api/systems/${sys()}/findings`)],
    'GET /api/scans/:id': [get(() => `/api/scans/${w().scan}`)],
    'GET /api/findings/:id': [get(() => `/api/findings/${w().finding}`)],
    'POST /api/findings/:id/evidence': [file(() => `/api/findings/${w().finding}/evidence`)],
    'POST /api/findings/:id/transitions': [
      json(
        'POST',
        () => `/api/findings/${w().finding}/transitions`,
        () => ({ action: 'confirm' }),
      ),
    ],
    'PUT /api/findings/:id/assignee': [
      json(
        'PUT',
        () => `/api/findings/${w().finding}/assignee`,
        () => ({ assigneeUserId: null }),
      ),
    ],
    'GET /api/systems/:id/security': [get(() => `/api/systems/${sys()}/security`)],
    'PUT /api/systems/:id/monitoring-provider': [
      json(
        'PUT',
        () => `/api/systems/${sys()}/monitoring-provider`,
        () => ({ monitoringProviderAgencyId: null }),
      ),
    ],
    'GET /api/systems/:id/assessments': [get(() => `/api/systems/${sys()}/assessments`)],
    'POST /api/systems/:id/assessments': [
      json(
        'POST',
        () => `/api/systems/${sys()}/assessments`,
        () => ({ assessorAgencyId: w().assessor, assessedOn: today(), scope: 'Đánh giá trái phép', result: 'passed' }),
      ),
    ],
    'POST /api/assessments/:id/report': [file(() => `/api/assessments/${w().assessment}/report`)],
    'GET /api/inspections/:id': [get(() => `/api/inspections/${w().inspection}`)],
    'PATCH /api/inspections/:id': [
      json(
        'PATCH',
        () => `/api/inspections/${w().inspection}`,
        () => ({ plan: 'Sửa trái phép' }),
      ),
    ],
    'POST /api/inspections/:id/tasks': [
      json(
        'POST',
        () => `/api/inspections/${w().inspection}/tasks`,
        () => ({ agencyId: w().agency, finding: 'Phát hiện trái phép', action: 'Hành động trái phép', dueOn: today() }),
      ),
    ],
    'PATCH /api/inspection-tasks/:id': [
      json(
        'PATCH',
        () => `/api/inspection-tasks/${w().task}`,
        () => ({ status: 'done', response: 'Báo cáo trái phép' }),
      ),
    ],
    'POST /api/inspection-tasks/:id/evidence': [file(() => `/api/inspection-tasks/${w().task}/evidence`)],
  };
}

/** List routes: what of B's each returns (must be nothing for A, something for a platform admin). */
export function listChecks(w: () => RecordsOfB, bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  const body = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const inB = (rows: { agencyId: number }[]) => rows.filter((r) => bSubtree().includes(r.agencyId));
  return {
    'GET /api/warnings': async (c) =>
      ((await body(c.get('/api/warnings?limit=500'))).items as { id: number }[]).filter((x) => x.id === w().warning).map((x) => String(x.id)),
    'GET /api/remediation-items': async (c) => inB((await body(c.get('/api/remediation-items?limit=500'))).items).map((x) => JSON.stringify(x)),
    'GET /api/warnings/system-facts': async (c) => inB((await body(c.get('/api/warnings/system-facts?limit=500'))).items).map((x) => JSON.stringify(x)),
    'GET /api/findings': async (c) => inB((await body(c.get('/api/findings?limit=500&status=all'))).items).map((x) => JSON.stringify(x)),
    // Agency officers may not see the view (403: nothing of B); agency leaders see their own subtree only.
    'GET /api/findings/overdue-by-agency': async (c) => {
      const r = await c.get('/api/findings/overdue-by-agency');
      return r.statusCode === 403 ? [] : (inB((await body(Promise.resolve(r))).agencies) as { agencyId: number }[]).map((x) => String(x.agencyId));
    },
    // A selection naming B's finding is refused as not found (404), as if it did not exist.
    'POST /api/findings/bulk': async (c) => {
      const r = await c.post('/api/findings/bulk', { ids: [w().finding], action: 'assign', assigneeUserId: null });
      return r.statusCode === 404 ? [] : ((await body(Promise.resolve(r))).items as { id: number }[]).map((x) => String(x.id));
    },
    'GET /api/inspections': async (c) =>
      ((await body(c.get('/api/inspections'))) as { id: number }[]).filter((x) => x.id === w().inspection).map((x) => String(x.id)),
    // Statistics of B's subtree: refused as unknown for A.
    'GET /api/warnings/stats': async (c) => {
      const r = await c.get(`/api/warnings/stats?agencyId=${w().agency}`);
      return r.statusCode === 404 ? [] : [String(r.statusCode)];
    },
  };
}

/** Province-level creation, and the deployment's feed sources: only the specialized security unit, no agency owns them. */
export const NOT_AGENCY_OWNED = [
  'POST /api/warnings',
  'POST /api/warnings/import',
  'POST /api/inspections',
  'GET /api/admin/feed-imports',
  'POST /api/admin/feed-imports/run',
];

type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

/**
 * One step per state-changing route, each appending exactly one audit entry. `ctx.system` is a system of the
 * officer's agency (Sở Y tế) with nginx 1.24.0 in its inventory.
 */
export function auditSteps(admin: () => Client, officer: () => Client, ctx: Record<string, number | string>, agencies: () => Agency[]): Step[] {
  const agency = (name: string) => agencies().find((a) => a.name === name)!.id;
  return [
    {
      route: 'POST /api/warnings',
      by: admin,
      entity: 'warning',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/warnings', {
          source: 'NCSC',
          number: 'AUDIT-W-1',
          issuedOn: today(),
          title: 'Lỗ hổng HTTP/2 trong nginx',
          severity: 'high',
          products: [{ vendor: 'nginx', product: 'nginx', versionRange: '<1.25.3' }],
        });
        ctx.warning = r.json().id;
        ctx.item = r.json().items.find((i: { systemId: number }) => i.systemId === ctx.system).id;
        return r;
      },
    },
    {
      route: 'PATCH /api/warnings/:id',
      by: admin,
      entity: 'warning',
      action: 'update',
      call: (c) => c.patch(`/api/warnings/${ctx.warning}`, { recommendedAction: 'Nâng cấp nginx' }),
    },
    { route: 'POST /api/warnings/:id/rematch', by: admin, entity: 'warning', action: 'rematch', call: (c) => c.post(`/api/warnings/${ctx.warning}/rematch`) },
    {
      route: 'POST /api/warnings/import',
      by: admin,
      entity: 'warning',
      action: 'import',
      call: (c) =>
        upload(
          c,
          '/api/warnings/import',
          'feed.csv',
          Buffer.from('source,number,issuedOn,title,severity,products\nA05,AUDIT-W-2,2026-11-01,Cảnh báo nhập từ tệp,cao,Zimbra|Collaboration|9.0.0\n'),
        ),
    },
    // The audit test's app takes an empty folder as its feed source: the run itself is the one entry.
    { route: 'POST /api/admin/feed-imports/run', by: admin, entity: 'feed_import', action: 'run', call: (c) => c.post('/api/admin/feed-imports/run') },
    {
      route: 'POST /api/remediation-items/:id/response',
      by: officer,
      entity: 'remediation_item',
      action: 'respond',
      call: (c) => c.post(`/api/remediation-items/${ctx.item}/response`, { status: 'patched', response: 'Đã nâng cấp nginx 1.26.2' }),
    },
    {
      route: 'POST /api/remediation-items/:id/evidence',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/remediation-items/${ctx.item}/evidence`, 'nang-cap.pdf'),
    },
    {
      route: 'POST /api/systems/:id/scans',
      by: officer,
      entity: 'scan',
      action: 'create',
      call: (c) => c.post(`/api/systems/${ctx.system}/scans`, { scannedOn: today(), tool: 'Nmap', scope: 'Cổng 80, 443' }),
    },
    {
      route: 'POST /api/systems/:id/scans/import',
      by: officer,
      entity: 'scan',
      action: 'import',
      call: (c) => upload(c, `/api/systems/${ctx.system}/scans/import`, 'openvas.xml', readFileSync('tests/fixtures/openvas-report.xml')),
    },
    {
      route: 'PUT /api/findings/:id/assignee',
      by: officer,
      entity: 'finding',
      action: 'assign',
      call: async (c) => {
        ctx.finding = (await c.get(`/api/systems/${ctx.system}/findings`)).json()[0].id;
        return c.put(`/api/findings/${ctx.finding}/assignee`, { assigneeUserId: c.me.id });
      },
    },
    {
      route: 'POST /api/findings/:id/evidence',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/findings/${ctx.finding}/evidence`, 'ban-va.pdf'),
    },
    {
      route: 'POST /api/findings/:id/transitions',
      by: officer,
      entity: 'finding',
      action: 'confirm',
      call: (c) => c.post(`/api/findings/${ctx.finding}/transitions`, { action: 'confirm' }),
    },
    {
      route: 'POST /api/findings/bulk',
      by: officer,
      entity: 'finding',
      action: 'start_remediation',
      call: (c) => c.post('/api/findings/bulk', { ids: [ctx.finding], action: 'start_remediation' }),
    },
    {
      route: 'PUT /api/systems/:id/monitoring-provider',
      by: officer,
      entity: 'system',
      action: 'set_monitoring_provider',
      call: (c) => c.put(`/api/systems/${ctx.system}/monitoring-provider`, { monitoringProviderAgencyId: agency('Công ty Cổ phần An ninh mạng Sao Việt') }),
    },
    {
      route: 'POST /api/systems/:id/assessments',
      by: officer,
      entity: 'assessment',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/systems/${ctx.system}/assessments`, {
          assessorAgencyId: agency('Trung tâm Kiểm định An toàn thông tin Phương Nam'),
          assessedOn: today(),
          scope: 'Đánh giá định kỳ',
          result: 'passed',
        });
        ctx.assessment = r.json().id;
        return r;
      },
    },
    {
      route: 'POST /api/assessments/:id/report',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/assessments/${ctx.assessment}/report`, 'bao-cao.pdf'),
    },
    {
      route: 'POST /api/inspections',
      by: admin,
      entity: 'inspection',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/inspections', {
          title: 'Kiểm tra tuân thủ (nhật ký)',
          startsOn: today(),
          endsOn: today(),
          agencies: [{ agencyId: agency('Sở Y tế') }],
        });
        ctx.inspection = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/inspections/:id',
      by: admin,
      entity: 'inspection',
      action: 'update',
      call: (c) => c.patch(`/api/inspections/${ctx.inspection}`, { status: 'in_progress' }),
    },
    {
      route: 'POST /api/inspections/:id/tasks',
      by: admin,
      entity: 'inspection_task',
      action: 'create',
      call: async (c) => {
        const r = await c.post(`/api/inspections/${ctx.inspection}/tasks`, {
          agencyId: agency('Sở Y tế'),
          finding: 'Chưa rà quét lỗ hổng',
          action: 'Rà quét lỗ hổng',
          dueOn: today(),
        });
        ctx.task = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/inspection-tasks/:id',
      by: officer,
      entity: 'inspection_task',
      action: 'update',
      call: (c) => c.patch(`/api/inspection-tasks/${ctx.task}`, { status: 'done', response: 'Đã rà quét và khắc phục' }),
    },
    {
      route: 'POST /api/inspection-tasks/:id/evidence',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/inspection-tasks/${ctx.task}/evidence`, 'ket-qua.pdf'),
    },
  ];
}
