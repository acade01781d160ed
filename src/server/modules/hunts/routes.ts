import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { Hunt, HuntIncidentBody, HuntInput, HuntList, HuntPatch, HuntQuarterQuery, HuntQuarters, HuntQuery } from '../../../shared/hunts/schemas.ts';
import * as service from './service.ts';

export async function huntRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hunts'];
  r.get(
    '/api/hunts',
    {
      schema: { tags, summary: 'Threat hunts of the agencies in reach, latest period first', querystring: HuntQuery, response: { 200: HuntList } },
    },
    async (req) => service.listHunts(db, actorOf(req), req.query),
  );
  r.get(
    '/api/hunts/by-quarter',
    {
      schema: {
        tags,
        summary: "Hunts per agency per quarter of a year (by the quarter each ends in), and the security unit's shared-systems schedule",
        querystring: HuntQuarterQuery,
        response: { 200: HuntQuarters },
      },
    },
    async (req) => service.huntsByQuarter(db, actorOf(req), req.query),
  );
  r.post(
    '/api/hunts',
    {
      schema: {
        tags,
        summary: 'Record a hunt: hypothesis, systems or the whole agency, period, techniques, who hunted, status and result',
        body: HuntInput,
        response: { 201: Hunt },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createHunt(db, actorOf(req), req.body)),
  );
  r.get(
    '/api/hunts/:id',
    { schema: { tags, summary: 'A hunt, its systems, result and the incident it opened', params: IdParam, response: { 200: Hunt } } },
    async (req) => service.getHunt(db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/hunts/:id',
    { schema: { tags, summary: 'Correct a hunt or record its progress and result', params: IdParam, body: HuntPatch, response: { 200: Hunt } } },
    async (req) => service.updateHunt(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/hunts/:id/incident',
    {
      schema: {
        tags,
        summary: "Open an incident from a hunt that found a threat: the agency's initial report, linked to the hunt",
        params: IdParam,
        body: HuntIncidentBody,
        response: { 201: Hunt },
      },
    },
    async (req, reply) => reply.code(201).send(await service.openIncident(db, actorOf(req), req.params.id, req.body)),
  );
}
