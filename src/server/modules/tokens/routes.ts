import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { AccessToken, AccessTokenInput, CreatedAccessToken } from '../../../shared/tokens/schemas.ts';
import * as service from './service.ts';

export async function tokenRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access tokens'];

  r.get('/api/access-tokens', { schema: { tags, summary: "The caller's own API tokens", response: { 200: z.array(AccessToken) } } }, async (req) =>
    service.listOwnTokens(db, actorOf(req)),
  );

  r.post(
    '/api/access-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token of your own with some of your powers; the secret is in this answer only',
        body: AccessTokenInput,
        response: { 201: CreatedAccessToken },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createOwnToken(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/users/:id/access-tokens',
    { schema: { tags, summary: "A service account's API tokens", params: IdParam, response: { 200: z.array(AccessToken) } } },
    async (req) => service.listAccountTokens(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/users/:id/access-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for a service account; the secret is in this answer only',
        params: IdParam,
        body: AccessTokenInput,
        response: { 201: CreatedAccessToken },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createAccountToken(db, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/access-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token (at once, for good)', params: IdParam, response: { 200: AccessToken } } },
    async (req) => service.revokeToken(db, actorOf(req), req.params.id),
  );
}
