import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { TemporaryPassword, User, UserInput, UserListQuery, UserPatch } from '../../../shared/users/schemas.ts';
import * as service from './service.ts';

export async function userRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/users',
    { schema: { tags, summary: 'Users of the agencies the caller may see', querystring: UserListQuery, response: { 200: z.array(User) } } },
    async (req) => service.listUsers(db, actorOf(req), req.query),
  );

  r.get('/api/users/:id', { schema: { tags, summary: 'One user', params: IdParam, response: { 200: User } } }, async (req) =>
    service.getUser(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/users',
    {
      schema: { tags, summary: 'Create a user with a one-time temporary password', body: UserInput, response: { 201: TemporaryPassword } },
    },
    async (req, reply) => reply.code(201).send(await service.createUser(db, actorOf(req), req.body)),
  );

  r.post(
    '/api/service-accounts',
    {
      schema: {
        tags,
        summary: 'Create a service account: a user without password sign-in, acting through API tokens',
        body: UserInput,
        response: { 201: User },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createServiceAccount(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: { tags, summary: 'Edit, move or deactivate a user (users are never deleted)', params: IdParam, body: UserPatch, response: { 200: User } },
    },
    async (req) => service.updateUser(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      schema: { tags, summary: "Issue a new temporary password and end the user's sessions", params: IdParam, response: { 200: TemporaryPassword } },
    },
    async (req) => service.resetPassword(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/users/:id/reset-mfa',
    {
      schema: { tags, summary: "Remove the user's second factor (audited) and end their sessions", params: IdParam, response: { 200: User } },
    },
    async (req) => service.resetMfa(db, actorOf(req), req.params.id),
  );
}
