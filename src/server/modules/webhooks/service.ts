/** Webhook subscriptions of an agency (or of the province), their delivery log, test events and redeliveries. */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { seal } from '../../auth/secret-box.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from './schema.ts';
import { mayMakeProvinceWide, mayManageWebhook, mayManageWebhooksSomewhere, mayReadWebhook, mayReadWebhooksSomewhere } from './access.ts';
import { hostRefused } from './address.ts';
import { TEST_EVENT_TYPE, type WebhookEventType } from '../../../shared/webhooks/events.ts';
import type { DeliveryQuery, WebhookInput, WebhookPatch, WebhookQuery } from '../../../shared/webhooks/schemas.ts';

const ENTITY = 'webhook_subscription';
type Row = { s: typeof webhookSubscriptions.$inferSelect; agencyName: string; agencyPath: string };

const select = (db: Queryable, where: SQL | undefined) =>
  db
    .select({ s: webhookSubscriptions, agencyName: agencies.name, agencyPath: agencies.path })
    .from(webhookSubscriptions)
    .innerJoin(agencies, eq(agencies.id, webhookSubscriptions.agencyId))
    .where(where);

const place = (r: Row) => ({ agencyId: r.s.agencyId, agencyPath: r.agencyPath, provinceWide: r.s.provinceWide });

function present(actor: Actor, r: Row) {
  const s = r.s;
  return {
    id: s.id,
    agencyId: s.agencyId,
    agencyName: r.agencyName,
    provinceWide: s.provinceWide,
    url: s.url,
    description: s.description,
    eventTypes: s.eventTypes as WebhookEventType[],
    active: s.active,
    consecutiveFailures: s.consecutiveFailures,
    disabledAt: s.disabledAt?.toISOString() ?? null,
    disabledReason: s.disabledReason as 'failures' | 'owner' | null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    can: { edit: mayManageWebhook(actor, place(r)) },
  };
}

/** What the audit entry keeps of a subscription: never its secret. */
const audited = (s: typeof webhookSubscriptions.$inferSelect) => ({
  url: s.url,
  description: s.description,
  eventTypes: s.eventTypes,
  provinceWide: s.provinceWide,
  active: s.active,
});

/** The subscriptions the actor manages or reads, of one agency's subtree if asked. */
export async function listWebhooks(db: Queryable, actor: Actor, q: z.infer<typeof WebhookQuery>) {
  assert(mayReadWebhooksSomewhere(actor));
  const under = q.agencyId ? await findVisible(db, actor, q.agencyId) : null;
  const rows = await select(
    db,
    and(readableAgency(actor, webhookSubscriptions.agencyId), under ? eq(webhookSubscriptions.agencyId, under.id) : undefined),
  ).orderBy(desc(webhookSubscriptions.id));
  return {
    items: rows.filter((r) => mayReadWebhook(actor, place(r))).map((r) => present(actor, r)),
    can: { create: mayManageWebhooksSomewhere(actor), provinceWide: mayMakeProvinceWide(actor) },
  };
}

/** The subscription if it exists for the actor: in an agency they read, and theirs to read (404 otherwise). */
async function findWebhook(db: Queryable, actor: Actor, id: number, lock = false) {
  const query = select(db, and(eq(webhookSubscriptions.id, id), readableAgency(actor, webhookSubscriptions.agencyId)));
  const [row] = lock ? await query.for('update', { of: webhookSubscriptions }) : await query;
  if (!row || !mayReadWebhook(actor, place(row))) throw notFound('Webhook');
  return row;
}

export async function getWebhook(db: Queryable, actor: Actor, id: number) {
  return present(actor, await findWebhook(db, actor, id));
}

function checkUrl(config: Config, url: string) {
  if (hostRefused(url, config.webhooks.allowLoopback))
    throw invalid(
      'url',
      'Webhooks cannot be sent to this machine, a link-local or a multicast address',
      'Không thể gửi webhook tới chính máy chủ này, địa chỉ link-local hoặc multicast',
    );
}

/** The signing secret in the Standard Webhooks format: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function createWebhook(db: Db, config: Config, actor: Actor, input: z.infer<typeof WebhookInput>) {
  checkUrl(config, input.url);
  const secret = newSecret();
  let id = 0;
  const answer = await change(db, actor, {
    find: async (tx) => {
      const agency = await findVisible(tx, actor, input.agencyId);
      if (input.provinceWide) assert(mayMakeProvinceWide(actor));
      assert(mayManageWebhook(actor, { agencyId: agency.id, agencyPath: agency.path, provinceWide: input.provinceWide }));
      return agency;
    },
    apply: async (tx, agency) => {
      const [row] = await tx
        .insert(webhookSubscriptions)
        .values({
          agencyId: agency.id,
          provinceWide: input.provinceWide,
          url: input.url,
          description: input.description ?? null,
          eventTypes: input.eventTypes,
          secretSealed: seal(config, secret),
          createdBy: actor.userId,
        })
        .returning();
      id = row!.id;
      return { action: 'create', entity: ENTITY, entityId: id, agencyId: agency.id, after: audited(row!) };
    },
    answer: (tx) => getWebhook(tx, actor, id),
  });
  return { ...answer, secret };
}

export async function updateWebhook(db: Db, config: Config, actor: Actor, id: number, patch: z.infer<typeof WebhookPatch>) {
  if (patch.url) checkUrl(config, patch.url);
  return change(db, actor, {
    find: async (tx) => {
      const row = await findWebhook(tx, actor, id, true);
      assert(mayManageWebhook(actor, place(row)));
      return row;
    },
    apply: async (tx, { s: before }) => {
      const switched = patch.active !== undefined && patch.active !== before.active;
      const [after] = await tx
        .update(webhookSubscriptions)
        .set({
          ...(patch.url !== undefined && { url: patch.url }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.eventTypes !== undefined && { eventTypes: patch.eventTypes }),
          // Turned on again: the failures that turned it off are forgotten.
          ...(switched && patch.active && { active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null }),
          ...(switched && !patch.active && { active: false, disabledAt: new Date(), disabledReason: 'owner' }),
          updatedAt: new Date(),
        })
        .where(eq(webhookSubscriptions.id, id))
        .returning();
      return { action: 'update', entity: ENTITY, entityId: id, agencyId: before.agencyId, before: audited(before), after: audited(after!) };
    },
    answer: (tx) => getWebhook(tx, actor, id),
  });
}

export async function deleteWebhook(db: Db, actor: Actor, id: number) {
  await change(db, actor, {
    find: async (tx) => {
      const row = await findWebhook(tx, actor, id, true);
      assert(mayManageWebhook(actor, place(row)));
      return row;
    },
    apply: async (tx, { s }) => {
      await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
      return { action: 'delete', entity: ENTITY, entityId: id, agencyId: s.agencyId, before: audited(s) };
    },
    answer: async () => undefined,
  });
}

const deliveryColumns = {
  d: webhookDeliveries,
  messageId: webhookEvents.messageId,
  type: webhookEvents.type,
  occurredAt: webhookEvents.occurredAt,
};
type DeliveryRow = { d: typeof webhookDeliveries.$inferSelect; messageId: string; type: string; occurredAt: Date };

const iso = (d: Date | null) => d?.toISOString() ?? null;
function presentDelivery(r: DeliveryRow) {
  const d = r.d;
  return {
    id: d.id,
    messageId: r.messageId,
    type: r.type as WebhookEventType | typeof TEST_EVENT_TYPE,
    occurredAt: r.occurredAt.toISOString(),
    status: d.status as 'pending' | 'sent' | 'failed',
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastDurationMs: d.lastDurationMs,
    deliveredAt: iso(d.deliveredAt),
  };
}

const deliveriesOf = (db: Queryable, where: SQL | undefined) =>
  db.select(deliveryColumns).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId)).where(where);

/** The latest deliveries of a subscription, newest first. */
export async function listDeliveries(db: Queryable, actor: Actor, id: number, q: z.infer<typeof DeliveryQuery>) {
  await findWebhook(db, actor, id);
  const rows = await deliveriesOf(db, eq(webhookDeliveries.subscriptionId, id)).orderBy(desc(webhookDeliveries.id)).limit(q.limit);
  return { items: rows.map(presentDelivery) };
}

async function deliveryAnswer(tx: Tx, deliveryId: number) {
  const [row] = await deliveriesOf(tx, eq(webhookDeliveries.id, deliveryId));
  return presentDelivery(row!);
}

/** Queues a `webhook.test` event for this subscription only; the dispatcher sends it on its next round. */
export async function sendTestEvent(db: Db, actor: Actor, id: number) {
  let deliveryId = 0;
  return change(db, actor, {
    find: async (tx) => {
      const row = await findWebhook(tx, actor, id, true);
      assert(mayManageWebhook(actor, place(row)));
      if (!row.s.active) throw conflict('active', 'Turn the subscription on first', 'Hãy bật lại đăng ký trước');
      return row;
    },
    apply: async (tx, { s }) => {
      const uuid = randomUUID();
      const [event] = await tx
        .insert(webhookEvents)
        .values({
          key: `test:${uuid}`,
          messageId: `msg_test_${uuid.replaceAll('-', '')}`,
          type: TEST_EVENT_TYPE,
          agencyIds: [s.agencyId],
          data: { subscriptionId: s.id, agencyId: s.agencyId },
          occurredAt: new Date(),
        })
        .returning({ id: webhookEvents.id });
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({ eventId: event!.id, subscriptionId: s.id, nextAttemptAt: new Date() })
        .returning({ id: webhookDeliveries.id });
      deliveryId = delivery!.id;
      return { action: 'test', entity: ENTITY, entityId: id, agencyId: s.agencyId, after: { deliveryId } };
    },
    answer: (tx) => deliveryAnswer(tx, deliveryId),
  });
}

/** Sends a delivery again, with the same webhook-id, its retries starting over. */
export async function redeliver(db: Db, actor: Actor, id: number, deliveryId: number) {
  return change(db, actor, {
    find: async (tx) => {
      const row = await findWebhook(tx, actor, id, true);
      const [delivery] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, id)));
      if (!delivery) throw notFound('Delivery');
      assert(mayManageWebhook(actor, place(row)));
      if (!row.s.active) throw conflict('active', 'Turn the subscription on first', 'Hãy bật lại đăng ký trước');
      return row;
    },
    apply: async (tx, { s }) => {
      await tx
        .update(webhookDeliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), claimedUntil: null, claimToken: null })
        .where(eq(webhookDeliveries.id, deliveryId));
      return { action: 'redeliver', entity: ENTITY, entityId: id, agencyId: s.agencyId, after: { deliveryId } };
    },
    answer: (tx) => deliveryAnswer(tx, deliveryId),
  });
}
