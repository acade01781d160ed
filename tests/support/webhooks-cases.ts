/**
 * The cases of webhook subscriptions for the shared isolation, audit and capabilities matrices
 * (src/server/http/isolation.api.test.ts, src/server/modules/audit/audit.api.test.ts,
 * src/server/http/capabilities.api.test.ts), kept here so those files only spread them in.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './test-app.ts';

type Call = (c: Client) => Promise<LightMyRequestResponse>;
type Step = { route: string; by: () => Client; call: Call; entity: string; action: string };

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

/** A subscription of `agencyId` to incident reports, sent to an address outside (no test here sends it). */
export const webhookBody = (agencyId: number, over: Record<string, unknown> = {}) => ({
  agencyId,
  url: 'https://siem.example.vn/khien',
  description: 'SIEM của cơ quan',
  eventTypes: ['incident.reported'],
  ...over,
});

export type WebhookRecordsOfB = { webhook: number; delivery: number };

/** A subscription of agency B, with a queued test delivery (`admin` is a platform admin). */
export async function createWebhookRecordsOfB(admin: Client, b: { agency: number }): Promise<WebhookRecordsOfB> {
  const webhook = ok(await admin.post('/api/webhooks', webhookBody(b.agency)), 201).id;
  const delivery = ok(await admin.post(`/api/webhooks/${webhook}/test`), 202).id;
  return { webhook, delivery };
}

/** Creation takes the agency in the body; webhooks.api.test.ts proves B's id is refused as a missing one. */
export const WEBHOOKS_NOT_AGENCY_OWNED = ['POST /api/webhooks'];

/** Each route with an id, aimed at B's subscription with a valid request: scope is the only reason to refuse it (404). */
export function webhookScopedCases(h: () => WebhookRecordsOfB): Record<string, Call[]> {
  return {
    'GET /api/webhooks/:id': [(c) => c.get(`/api/webhooks/${h().webhook}`)],
    'PATCH /api/webhooks/:id': [(c) => c.patch(`/api/webhooks/${h().webhook}`, { url: 'https://attacker.example/hook' })],
    'DELETE /api/webhooks/:id': [(c) => c.delete(`/api/webhooks/${h().webhook}`)],
    'GET /api/webhooks/:id/deliveries': [(c) => c.get(`/api/webhooks/${h().webhook}/deliveries`)],
    'POST /api/webhooks/:id/test': [(c) => c.post(`/api/webhooks/${h().webhook}/test`)],
    'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver': [(c) => c.post(`/api/webhooks/${h().webhook}/deliveries/${h().delivery}/redeliver`)],
  };
}

/** The list, as agency A sees it (officers may not list: nothing). */
export function webhookListChecks(bSubtree: () => number[]): Record<string, (c: Client) => Promise<string[]>> {
  return {
    'GET /api/webhooks': async (c) => {
      const res = await c.get('/api/webhooks');
      if (res.statusCode === 403) return [];
      return (ok(res).items as { agencyId: number; id: number }[]).filter((i) => bSubtree().includes(i.agencyId)).map((i) => String(i.id));
    },
  };
}

/** The audited changes, by an agency admin of the agency `ctx.agency`. */
export function webhookAuditSteps(agencyAdmin: () => Client, ctx: Record<string, number | string>): Step[] {
  const entity = 'webhook_subscription';
  return [
    {
      route: 'POST /api/webhooks',
      by: agencyAdmin,
      entity,
      action: 'create',
      call: async (c) => {
        const r = await c.post('/api/webhooks', webhookBody(agencyAdmin().me.agencyId));
        ctx.webhook = r.json().id;
        return r;
      },
    },
    {
      route: 'PATCH /api/webhooks/:id',
      by: agencyAdmin,
      entity,
      action: 'update',
      call: (c) => c.patch(`/api/webhooks/${ctx.webhook}`, { eventTypes: ['incident.reported', 'incident.closed'] }),
    },
    {
      route: 'POST /api/webhooks/:id/test',
      by: agencyAdmin,
      entity,
      action: 'test',
      call: async (c) => {
        const r = await c.post(`/api/webhooks/${ctx.webhook}/test`);
        ctx.webhookDelivery = r.json().id;
        return r;
      },
    },
    {
      route: 'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver',
      by: agencyAdmin,
      entity,
      action: 'redeliver',
      call: (c) => c.post(`/api/webhooks/${ctx.webhook}/deliveries/${ctx.webhookDelivery}/redeliver`),
    },
    { route: 'DELETE /api/webhooks/:id', by: agencyAdmin, entity, action: 'delete', call: (c) => c.delete(`/api/webhooks/${ctx.webhook}`) },
  ];
}
