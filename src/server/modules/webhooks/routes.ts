import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  DeliveryParams,
  DeliveryQuery,
  Webhook,
  WebhookCreated,
  WebhookDeliveries,
  WebhookDelivery,
  WebhookInput,
  WebhookList,
  WebhookPatch,
  WebhookQuery,
} from '../../../shared/webhooks/schemas.ts';
import * as service from './service.ts';

export async function webhookRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];
  r.get(
    '/api/webhooks',
    { schema: { tags, summary: 'Webhook subscriptions of the agencies the caller manages', querystring: WebhookQuery, response: { 200: WebhookList } } },
    async (req) => service.listWebhooks(db, actorOf(req), req.query),
  );
  r.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: "Subscribe a URL to events of an agency's subtree (or the province's); answers the signing secret, this once",
        body: WebhookInput,
        response: { 201: WebhookCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createWebhook(db, config, actorOf(req), req.body)),
  );
  r.get(
    '/api/webhooks/:id',
    { schema: { tags, summary: 'A webhook subscription (without its secret)', params: IdParam, response: { 200: Webhook } } },
    async (req) => service.getWebhook(db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change the URL, description or events of a subscription, or turn it off or on again',
        params: IdParam,
        body: WebhookPatch,
        response: { 200: Webhook },
      },
    },
    async (req) => service.updateWebhook(db, config, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/webhooks/:id',
    { schema: { tags, summary: 'Delete a subscription and its delivery log', params: IdParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteWebhook(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The latest deliveries of a subscription: event, status, attempts, last answer',
        params: IdParam,
        querystring: DeliveryQuery,
        response: { 200: WebhookDeliveries },
      },
    },
    async (req) => service.listDeliveries(db, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/webhooks/:id/test',
    {
      schema: { tags, summary: 'Queue a webhook.test event for this subscription', params: IdParam, response: { 202: WebhookDelivery } },
    },
    async (req, reply) => reply.code(202).send(await service.sendTestEvent(db, actorOf(req), req.params.id)),
  );
  r.post(
    '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a delivery again (same webhook-id), its retries starting over',
        params: DeliveryParams,
        response: { 200: WebhookDelivery },
      },
    },
    async (req) => service.redeliver(db, actorOf(req), req.params.id, req.params.deliveryId),
  );
}
