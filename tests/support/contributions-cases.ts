/**
 * The yearly report's call for contributions, for the shared isolation and audit matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { upload } from './upload.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string };

export type ContributionRecordsOfB = { call: number; contribution: number };

const ok = (res: LightMyRequestResponse) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

/** A call opened by the platform admin (who runs it as the security unit does), and B's contribution, sent by B's officer. */
export async function createRecordsOfB(owner: Client, admin: Client, b: { agency: number }): Promise<ContributionRecordsOfB> {
  const call = ok(await admin.post('/api/contribution-calls', { year: 2098, agencyKinds: ['department'] }));
  const contribution = (call.contributions as { id: number; agencyId: number }[]).find((c) => c.agencyId === b.agency)!.id;
  ok(await owner.put(`/api/contributions/${contribution}`, { results: 'Kết quả của B' }));
  return { call: call.id, contribution };
}

/** The call is the security unit's (404 to an agency), the contribution B's own. */
export function scopedCases(r: () => ContributionRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/contribution-calls/:id': [(c) => c.get(`/api/contribution-calls/${r().call}`)],
    'POST /api/contribution-calls/:id/close': [(c) => c.post(`/api/contribution-calls/${r().call}/close`, {})],
    'GET /api/contributions/:id': [(c) => c.get(`/api/contributions/${r().contribution}`)],
    'PUT /api/contributions/:id': [(c) => c.put(`/api/contributions/${r().contribution}`, { results: 'Chiếm quyền' })],
    'POST /api/contributions/:id/file': [(c) => upload(c, `/api/contributions/${r().contribution}/file`, 'chiem.pdf')],
  };
}

/** Calls are the province's, not an agency's; the list carries only the caller's own contribution. */
export const NOT_AGENCY_OWNED = ['GET /api/contribution-calls', 'POST /api/contribution-calls'];

/** A call opened by the platform admin, Sở Y tế's contribution sent, revised with a file, then the call closed. */
export function auditSteps(admin: () => Client, officer: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'POST /api/contribution-calls',
      by: admin,
      entity: 'contribution_call',
      action: 'create',
      call: async (c) => {
        const res = await c.post('/api/contribution-calls', { year: 2097, agencyKinds: ['department'] });
        ctx.contributionCall = res.json().id;
        ctx.contribution = (res.json().contributions as { id: number; agencyId: number }[]).find((x) => x.agencyId === officer().me.agencyId)!.id;
        return res;
      },
    },
    {
      route: 'PUT /api/contributions/:id',
      by: officer,
      entity: 'contribution',
      action: 'submit',
      call: (c) => c.put(`/api/contributions/${ctx.contribution}`, { results: 'Kết quả thực hiện năm 2097' }),
    },
    {
      route: 'POST /api/contributions/:id/file',
      by: officer,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/contributions/${ctx.contribution}/file`, 'ket-qua.pdf'),
    },
    {
      route: 'POST /api/contribution-calls/:id/close',
      by: admin,
      entity: 'contribution_call',
      action: 'close',
      call: (c) => c.post(`/api/contribution-calls/${ctx.contributionCall}/close`, {}),
    },
  ];
}
