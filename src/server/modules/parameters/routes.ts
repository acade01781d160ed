import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { ParameterList, ParameterPeriod, ParameterPeriodInput } from '../../../shared/parameters/schemas.ts';
import * as service from './service.ts';

/** The province's parameters: everyone reads them (like the approval matrix); changing one adds a period. */
export async function parameterRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['parameters'];
  r.get(
    '/api/province-parameters',
    {
      schema: {
        tags,
        summary: "The province's targets, deadlines and intervals, each with its periods and the instrument it comes from",
        response: { 200: ParameterList },
      },
    },
    async (req) => service.listParameters(db, actorOf(req)),
  );
  r.post(
    '/api/province-parameters/:key/periods',
    {
      schema: {
        tags,
        summary: 'A new value from a day on (today or later); the period in effect then ends that day',
        params: z.object({ key: z.string().max(80) }),
        body: ParameterPeriodInput,
        response: { 201: ParameterPeriod },
      },
    },
    async (req, reply) => reply.code(201).send(await service.addParameterPeriod(db, actorOf(req), req.params.key, req.body)),
  );
}
