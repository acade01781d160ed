import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { CustomerWarningInput, IncidentShareInput, Operator, OperatorSummary, PublicOperatorContacts } from '../../../shared/operators/schemas.ts';
import * as service from './service.ts';

/** Telecom and Internet operators and security firms answering their duties; the public list of their contact points. */
export async function operatorRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operators'];
  r.get(
    '/api/operators',
    {
      schema: {
        tags,
        summary: 'Telecom and Internet operators and security firms in reach (the own organisation; all for the security unit)',
        response: { 200: z.array(OperatorSummary) },
      },
    },
    async (req) => service.listOperators(db, actorOf(req)),
  );
  r.get(
    '/api/operators/:id',
    {
      schema: {
        tags,
        summary: "An operator's contact point, the warnings it sent its customers and the incident information it shared",
        params: IdParam,
        response: { 200: Operator },
      },
    },
    async (req) => service.getOperator(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/operators/:id/customer-warnings',
    {
      schema: {
        tags,
        summary: 'Record a warning sent to customers: day, subject, customers reached, the authorities’ warning it passes on',
        params: IdParam,
        body: CustomerWarningInput,
        response: { 201: Operator },
      },
    },
    async (req, reply) => reply.code(201).send(await service.recordCustomerWarning(db, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/operators/:id/incident-shares',
    {
      schema: {
        tags,
        summary: 'Record incident information shared with an authority: day, with whom, which incident or what happened',
        params: IdParam,
        body: IncidentShareInput,
        response: { 201: Operator },
      },
    },
    async (req, reply) => reply.code(201).send(await service.recordIncidentShare(db, actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/public/operator-contacts',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The province’s public list of operators’ and security firms’ incident contact points (no sign-in)',
        security: [],
        response: { 200: PublicOperatorContacts },
      },
    },
    async () => service.publicContacts(db),
  );
}
