/**
 * The cases for the shared isolation and audit matrices (src/server/http/isolation.api.test.ts,
 * src/server/modules/audit/audit.api.test.ts) of the provincial texts' smaller obligations: the link to the
 * provincial operations centre, kept here so those files only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { multipart, PDF, upload } from './upload.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

const SOC_LINK = { connectedOn: '2025-05-01', scope: 'Nhật ký tường lửa gửi về Trung tâm điều hành' };

export type ObligationRecordsOfB = { agency: number };

/** Records of agency B (`attt` is the security unit): B's link to the operations centre. */
export async function createObligationRecordsOfB(attt: Client, b: { agency: number }): Promise<ObligationRecordsOfB> {
  const res = await attt.put(`/api/agencies/${b.agency}/soc-connection`, SOC_LINK);
  if (res.statusCode !== 200) throw new Error(res.body);
  return { agency: b.agency };
}

/** Each route with an id, aimed at B's record with a valid request: scope is the only reason to refuse it (404). */
export function obligationScopedCases(o: () => ObligationRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/agencies/:id/soc-connection': [(c) => c.get(`/api/agencies/${o().agency}/soc-connection`)],
    'PUT /api/agencies/:id/soc-connection': [(c) => c.put(`/api/agencies/${o().agency}/soc-connection`, SOC_LINK)],
    'POST /api/agencies/:id/soc-connection/evidence': [
      (c) => c.request({ method: 'POST', url: `/api/agencies/${o().agency}/soc-connection/evidence`, ...multipart('x.pdf', PDF) }),
    ],
  };
}

/** List routes: what of B's each returns (must be nothing for A, something for a platform admin). */
export function obligationListChecks(bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  return {
    'GET /api/soc-connections': async (c) => {
      const r = await c.get('/api/soc-connections');
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
      return (r.json().items as { agency: { id: number } }[]).filter((i) => bSubtree().includes(i.agency.id)).map((i) => String(i.agency.id));
    },
  };
}

/**
 * One step per state-changing route, each appending exactly one audit entry. `ctx.agency` is an agency created by
 * the audit test under Sở Y tế (no link yet); `agencyAdmin` is an agency admin above it.
 */
export function obligationAuditSteps(agencyAdmin: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'PUT /api/agencies/:id/soc-connection',
      by: agencyAdmin,
      entity: 'soc_connection',
      action: 'create',
      call: (c) => c.put(`/api/agencies/${ctx.agency}/soc-connection`, SOC_LINK),
    },
    {
      route: 'POST /api/agencies/:id/soc-connection/evidence',
      by: agencyAdmin,
      entity: 'file',
      action: 'upload',
      call: (c) => upload(c, `/api/agencies/${ctx.agency}/soc-connection/evidence`, 'bien-ban.pdf'),
    },
  ];
}
