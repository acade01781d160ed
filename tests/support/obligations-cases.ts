/**
 * The cases for the shared isolation and audit matrices (src/server/http/isolation.api.test.ts,
 * src/server/modules/audit/audit.api.test.ts) of the provincial texts' smaller obligations: the link to the
 * provincial operations centre, the register of signature tokens, kept here so those files only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';
import { multipart, PDF, upload } from './upload.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: (c: Client) => Promise<LightMyRequestResponse>; entity: string; action: string };

const SOC_LINK = { connectedOn: '2025-05-01', scope: 'Nhật ký tường lửa gửi về Trung tâm điều hành' };

export type ObligationRecordsOfB = { agency: number; token: number };

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};
let serials = 0;
/** A token of `agencyId` with a serial of its own. */
export const tokenBody = (agencyId: number) => ({
  agencyId,
  subject: 'person',
  holderName: 'Nguyễn Văn Giữ',
  serial: `54AB${(++serials).toString(16).padStart(4, '0')}${Math.random().toString(16).slice(2, 10)}`,
  issuer: 'Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ',
  validFrom: '2024-01-01',
  validTo: '2029-01-01',
});

/** Records of agency B (`admin` is a platform admin): B's link to the operations centre, a token of B. */
export async function createObligationRecordsOfB(admin: Client, b: { agency: number }): Promise<ObligationRecordsOfB> {
  ok(await admin.put(`/api/agencies/${b.agency}/soc-connection`, SOC_LINK));
  const token = ok(await admin.post('/api/signature-tokens', tokenBody(b.agency)), 201).id;
  return { agency: b.agency, token };
}

/** Creation takes the agency in the body; signatures.api.test.ts proves B's id is refused as a missing one. */
export const OBLIGATIONS_NOT_AGENCY_OWNED = ['POST /api/signature-tokens'];

/** Each route with an id, aimed at B's record with a valid request: scope is the only reason to refuse it (404). */
export function obligationScopedCases(o: () => ObligationRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/agencies/:id/soc-connection': [(c) => c.get(`/api/agencies/${o().agency}/soc-connection`)],
    'PUT /api/agencies/:id/soc-connection': [(c) => c.put(`/api/agencies/${o().agency}/soc-connection`, SOC_LINK)],
    'POST /api/agencies/:id/soc-connection/evidence': [
      (c) => c.request({ method: 'POST', url: `/api/agencies/${o().agency}/soc-connection/evidence`, ...multipart('x.pdf', PDF) }),
    ],
    'GET /api/signature-tokens/:id': [(c) => c.get(`/api/signature-tokens/${o().token}`)],
    'PATCH /api/signature-tokens/:id': [(c) => c.patch(`/api/signature-tokens/${o().token}`, { holderName: 'Sửa trái phép' })],
    'POST /api/signature-tokens/:id/revocation': [
      (c) => c.post(`/api/signature-tokens/${o().token}/revocation`, { revokedOn: '2026-01-01', reason: 'Thu hồi trái phép' }),
    ],
    'POST /api/signature-tokens/:id/loss-report': [
      (c) => c.post(`/api/signature-tokens/${o().token}/loss-report`, { lostOn: '2026-01-01', circumstances: 'Báo mất trái phép', reportedOn: '2026-01-02' }),
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
    'GET /api/signature-tokens': async (c) =>
      (ok(await c.get('/api/signature-tokens')).items as { agencyId: number; id: number }[])
        .filter((i) => bSubtree().includes(i.agencyId))
        .map((i) => String(i.id)),
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
    {
      route: 'POST /api/signature-tokens',
      by: agencyAdmin,
      entity: 'signature_token',
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/signature-tokens', tokenBody(Number(ctx.agency)));
        ctx.signatureToken = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/signature-tokens/:id',
      by: agencyAdmin,
      entity: 'signature_token',
      action: 'update',
      call: (c) => c.patch(`/api/signature-tokens/${ctx.signatureToken}`, { holderPosition: 'Chánh Văn phòng' }),
    },
    {
      route: 'POST /api/signature-tokens/:id/revocation',
      by: agencyAdmin,
      entity: 'signature_token',
      action: 'revoke',
      call: (c) => c.post(`/api/signature-tokens/${ctx.signatureToken}/revocation`, { revokedOn: '2026-11-30', reason: 'Chuyển công tác' }),
    },
    {
      route: 'POST /api/signature-tokens/:id/loss-report',
      by: agencyAdmin,
      entity: 'signature_token',
      action: 'report_loss',
      call: (c) =>
        c.post(`/api/signature-tokens/${ctx.signatureToken}/loss-report`, { lostOn: '2026-11-28', circumstances: 'Thất lạc', reportedOn: '2026-11-29' }),
    },
  ];
}
