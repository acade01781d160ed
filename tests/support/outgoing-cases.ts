/**
 * The document settings and register of outgoing documents for the shared isolation and audit matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string };

export type OutgoingRecordsOfB = { agency: number; entry: number };

const ok = (res: LightMyRequestResponse) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

const SETTINGS = {
  abbreviation: 'SGDĐT',
  place: null,
  governingBody: 'Ủy ban nhân dân tỉnh Demo',
  draftingUnit: 'VP',
  signers: [{ collective: null, authority: 'KT', head: 'Giám đốc', title: 'Phó Giám đốc', name: 'Trần Văn Bình' }],
};

/** B's signer (set by the platform admin) and a number taken by B's officer for B's dossier. */
export async function createRecordsOfB(owner: Client, admin: Client, b: { agency: number; dossier: number }): Promise<OutgoingRecordsOfB> {
  ok(await admin.put(`/api/agencies/${b.agency}/document-settings`, SETTINGS));
  const entry = ok(await owner.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: b.dossier })).id as number;
  return { agency: b.agency, entry };
}

export function scopedCases(r: () => OutgoingRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/agencies/:id/document-settings': [(c) => c.get(`/api/agencies/${r().agency}/document-settings`)],
    'PUT /api/agencies/:id/document-settings': [(c) => c.put(`/api/agencies/${r().agency}/document-settings`, { ...SETTINGS, abbreviation: 'CHIEM' })],
    'PATCH /api/outgoing-documents/:id': [(c) => c.patch(`/api/outgoing-documents/${r().entry}`, { number: 99 })],
    'POST /api/outgoing-documents/:id/issue': [(c) => c.post(`/api/outgoing-documents/${r().entry}/issue`, {})],
  };
}

export function listChecks(bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  return {
    'GET /api/outgoing-documents': async (c) => {
      const res = await c.get('/api/outgoing-documents');
      if (res.statusCode !== 200) throw new Error(res.body);
      return (res.json() as { id: number; agencyId: number }[]).filter((e) => bSubtree().includes(e.agencyId)).map((e) => String(e.id));
    },
  };
}

/** The reservation names its document in the body (a document of B is 404 for A: outgoing.api.test.ts); whether PDFs can be made is the server's. */
export const NOT_AGENCY_OWNED = ['POST /api/outgoing-documents', 'GET /api/documents/pdf-status'];

/** Settings of Sở Y tế by its admin, then a number for one of its dossiers by its officer: corrected, then issued. */
export function auditSteps(agencyAdmin: () => Client, officer: () => Client, ctx: Record<string, number | string>): Step[] {
  return [
    {
      route: 'PUT /api/agencies/:id/document-settings',
      by: agencyAdmin,
      entity: 'agency_document_settings',
      action: 'update',
      call: async (c) => {
        const current = ok(await c.get(`/api/agencies/${c.me.agencyId}/document-settings`));
        return c.put(`/api/agencies/${c.me.agencyId}/document-settings`, { ...current, draftingUnit: 'KHTC' });
      },
    },
    {
      route: 'POST /api/outgoing-documents',
      by: officer,
      entity: 'outgoing_document',
      action: 'create',
      call: async (c) => {
        const systems = ok(await c.get(`/api/systems?agencyId=${c.me.agencyId}&limit=500`)).items as {
          id: number;
          agencyId: number;
          dossierState: string | null;
        }[];
        const system = systems.find((s) => s.agencyId === c.me.agencyId && s.dossierState)!;
        const dossier = (ok(await c.get(`/api/systems/${system.id}/dossiers`)) as { id: number }[])[0]!.id;
        const res = await c.post('/api/outgoing-documents', { subjectKind: 'dossier', subjectId: dossier, signerIndex: 1 });
        ctx.outgoing = res.json().id;
        return res;
      },
    },
    {
      route: 'PATCH /api/outgoing-documents/:id',
      by: officer,
      entity: 'outgoing_document',
      action: 'update',
      call: (c) => c.patch(`/api/outgoing-documents/${ctx.outgoing}`, { signerIndex: 0 }),
    },
    {
      route: 'POST /api/outgoing-documents/:id/issue',
      by: officer,
      entity: 'outgoing_document',
      action: 'issue',
      call: (c) => c.post(`/api/outgoing-documents/${ctx.outgoing}/issue`, {}),
    },
  ];
}
