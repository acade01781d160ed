/**
 * The cases for the shared isolation and audit matrices (src/server/http/isolation.api.test.ts,
 * src/server/modules/audit/audit.api.test.ts) of the operators' duties: records of a telecom operator, which no state
 * agency may see. The module's own file (operators.api.test.ts) proves the same between two operators.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string };

export const customerWarning = (over: object = {}) => ({
  issuedOn: '2026-11-20',
  subject: 'Cảnh báo chiến dịch lừa đảo giả mạo tổng đài chăm sóc khách hàng',
  customersReached: 12_500,
  ...over,
});
export const incidentShare = (over: object = {}) => ({
  sharedOn: '2026-11-21',
  recipient: 'security_unit',
  description: 'Phát hiện lưu lượng DDoS bất thường hướng tới dải địa chỉ của khách hàng doanh nghiệp.',
  ...over,
});

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

/** The id of a demo operator by name, as the platform admin sees it. */
async function operatorId(admin: Client, name: string): Promise<number> {
  const found = (ok(await admin.get('/api/operators')) as { id: number; name: string }[]).find((o) => o.name === name);
  if (!found) throw new Error(`no operator ${name}`);
  return found.id;
}

export type OperatorRecordsOf = { operator: number };

/** A warning and a shared incident of VNPT Demo, recorded by the platform admin. */
export async function createOperatorRecords(admin: Client): Promise<OperatorRecordsOf> {
  const operator = await operatorId(admin, 'VNPT Demo (Viễn thông Demo)');
  ok(await admin.post(`/api/operators/${operator}/customer-warnings`, customerWarning()), 201);
  ok(await admin.post(`/api/operators/${operator}/incident-shares`, incidentShare()), 201);
  return { operator };
}

/** Each route with an id, aimed at the operator with a valid request: a state agency's users must get 404. */
export function operatorScopedCases(o: () => OperatorRecordsOf): Record<string, Call[]> {
  return {
    'GET /api/operators/:id': [(c) => c.get(`/api/operators/${o().operator}`)],
    'POST /api/operators/:id/customer-warnings': [(c) => c.post(`/api/operators/${o().operator}/customer-warnings`, customerWarning())],
    'POST /api/operators/:id/incident-shares': [(c) => c.post(`/api/operators/${o().operator}/incident-shares`, incidentShare())],
  };
}

/** The list of operators: nothing of the operator for a state agency's users, the operator for a platform admin. */
export function operatorListChecks(o: () => OperatorRecordsOf): Record<string, (c: Client) => Promise<string[]>> {
  return {
    'GET /api/operators': async (c) => (ok(await c.get('/api/operators')) as { id: number }[]).filter((i) => i.id === o().operator).map((i) => String(i.id)),
  };
}

/** The public list of contact points is for everyone, without a session. */
export const OPERATORS_NOT_AGENCY_OWNED = ['GET /api/public/operator-contacts'];

/** One step per state-changing route, each appending exactly one audit entry. */
export function operatorAuditSteps(admin: () => Client, ctx: Record<string, number | string>): Step[] {
  const operator = async (c: Client) => {
    ctx.operator ??= await operatorId(c, 'Viettel Demo');
    return ctx.operator;
  };
  return [
    {
      route: 'POST /api/operators/:id/customer-warnings',
      by: admin,
      entity: 'operator_customer_warning',
      action: 'create',
      call: async (c) => c.post(`/api/operators/${await operator(c)}/customer-warnings`, customerWarning({ authorityWarning: 'Cảnh báo số 01/CB-A05' })),
    },
    {
      route: 'POST /api/operators/:id/incident-shares',
      by: admin,
      entity: 'operator_incident_share',
      action: 'create',
      call: async (c) => c.post(`/api/operators/${await operator(c)}/incident-shares`, incidentShare({ incidentRef: 'SC-2026-0001' })),
    },
  ];
}
