/**
 * The cases of the threat hunts for the shared isolation, audit and capabilities matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts,
 * src/server/http/capabilities.api.test.ts), kept here so those files only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { initialReport } from './incident-report.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string; entries?: number };

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

/** A hunt of the whole agency `agencyId`, by its own staff; `over` replaces any part. */
export const huntBody = (agencyId: number, over: Record<string, unknown> = {}) => ({
  agencyId,
  title: 'Săn lùng mã độc tống tiền',
  hypothesis: 'Mã độc tống tiền đã vào qua thư điện tử lừa đảo.',
  systemIds: [],
  periodFrom: '2026-10-01',
  periodTo: '2026-10-10',
  techniques: ['Truy vấn EDR theo hành vi'],
  attackTechniques: ['T1486'],
  hunterKind: 'own_staff',
  status: 'completed',
  result: 'threat_found',
  resultSummary: 'Phát hiện máy trạm kết nối tới máy chủ điều khiển.',
  ...over,
});

/** The initial report a hunt of the agency opens, on `systemIds` of that agency. */
export const huntIncident = (systemIds: number[]) => {
  const { agencyId: _a, ...report } = initialReport(0, systemIds, { title: 'Mã độc tống tiền phát hiện khi săn lùng' });
  return report;
};

export type HuntRecordsOfB = { hunt: number; system: number };

/** A completed hunt of agency B that found a threat (`admin` is a platform admin). */
export async function createHuntRecordsOfB(admin: Client, b: { agency: number; system: number }): Promise<HuntRecordsOfB> {
  const hunt = ok(await admin.post('/api/hunts', huntBody(b.agency, { systemIds: [b.system] })), 201).id;
  return { hunt, system: b.system };
}

/** Creation takes the agency in the body; hunts.api.test.ts proves B's id is refused as a missing one. */
export const HUNTS_NOT_AGENCY_OWNED = ['POST /api/hunts'];

/** Each route with an id, aimed at B's hunt with a valid request: scope is the only reason to refuse it (404). */
export function huntScopedCases(h: () => HuntRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/hunts/:id': [(c) => c.get(`/api/hunts/${h().hunt}`)],
    'PATCH /api/hunts/:id': [(c) => c.patch(`/api/hunts/${h().hunt}`, { title: 'Sửa trái phép' })],
    'POST /api/hunts/:id/incident': [(c) => c.post(`/api/hunts/${h().hunt}/incident`, huntIncident([h().system]))],
  };
}

/** The lists, as agency A sees them: B's hunts (or B's rows with any hunt counted) must not appear. */
export function huntListChecks(bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  return {
    'GET /api/hunts': async (c) =>
      (ok(await c.get('/api/hunts')).items as { agencyId: number; id: number }[]).filter((i) => bSubtree().includes(i.agencyId)).map((i) => String(i.id)),
    'GET /api/hunts/by-quarter': async (c) =>
      (ok(await c.get('/api/hunts/by-quarter?year=2026')).rows as { agencyId: number }[])
        .filter((r) => bSubtree().includes(r.agencyId))
        .map((r) => String(r.agencyId)),
  };
}

/** The audited changes, by an agency admin of the agency `ctx.agency` on its system `ctx.system`. */
export function huntAuditSteps(agencyAdmin: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'POST /api/hunts',
      by: agencyAdmin,
      entity: 'hunt',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/hunts', huntBody(agencyAdmin().me.agencyId));
        ctx.hunt = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/hunts/:id',
      by: agencyAdmin,
      entity: 'hunt',
      action: 'update',
      call: (c) => c.patch(`/api/hunts/${ctx.hunt}`, { hunters: 'Tổ công nghệ thông tin của Sở' }),
    },
    {
      // The incident's own report entry, then the hunt's link: two entries, the hunt's last.
      route: 'POST /api/hunts/:id/incident',
      by: agencyAdmin,
      entity: 'hunt',
      action: 'open_incident',
      entries: 2,
      call: async (c) => {
        const systems = ok(await c.get(`/api/systems?agencyId=${agencyAdmin().me.agencyId}&limit=500`)).items as { id: number; agencyId: number }[];
        const own = systems.find((s) => s.agencyId === agencyAdmin().me.agencyId)!;
        return c.post(`/api/hunts/${ctx.hunt}/incident`, huntIncident([own.id]));
      },
    },
  ];
}
