/**
 * The cases of the exchange packages for the shared isolation and audit matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string };

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const submission = (reference: string) => ({ reference, submittedOn: today() });

/** Each route aimed at B's dossier and B's case with a valid request: scope is the only reason to refuse it (404). */
export function exchangeScopedCases(b: () => { dossier: number; incident: number }): Record<string, Call[]> {
  return {
    'GET /api/dossiers/:id/exchange-package': [(c) => c.get(`/api/dossiers/${b().dossier}/exchange-package`)],
    'GET /api/dossiers/:id/exchange-submissions': [(c) => c.get(`/api/dossiers/${b().dossier}/exchange-submissions`)],
    'POST /api/dossiers/:id/exchange-submissions': [(c) => c.post(`/api/dossiers/${b().dossier}/exchange-submissions`, submission('CHEN-NGANG-1'))],
    'GET /api/incidents/:id/exchange-package': [(c) => c.get(`/api/incidents/${b().incident}/exchange-package`)],
    'GET /api/incidents/:id/exchange-submissions': [(c) => c.get(`/api/incidents/${b().incident}/exchange-submissions`)],
    'POST /api/incidents/:id/exchange-submissions': [(c) => c.post(`/api/incidents/${b().incident}/exchange-submissions`, submission('CHEN-NGANG-2'))],
  };
}

/** The audited changes: the officer records the uploads of the dossier made earlier in the run and of its agency's newest case. */
export function exchangeAuditSteps(officer: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'POST /api/dossiers/:id/exchange-submissions',
      by: officer,
      entity: 'dossier',
      action: 'record_exchange',
      call: (c) => c.post(`/api/dossiers/${ctx.dossier}/exchange-submissions`, submission('AUDIT-CD-1')),
    },
    {
      route: 'POST /api/incidents/:id/exchange-submissions',
      by: officer,
      entity: 'incident',
      action: 'record_exchange',
      call: async (c) => {
        const cases = (await c.get('/api/incidents?limit=50')).json().items as { id: number; agencyId: number | null }[];
        const own = cases.find((i) => i.agencyId === c.me.agencyId)!;
        return c.post(`/api/incidents/${own.id}/exchange-submissions`, submission('AUDIT-IR-1'));
      },
    },
  ];
}
