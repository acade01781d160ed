import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { Agency, AgencyInput, AgencyKind, AgencyListQuery, AgencyPatch, Designation, DesignationInput } from '../../../shared/agencies/schemas.ts';
import * as service from './service.ts';
import { getDocumentSettings, putDocumentSettings } from './document-settings.ts';
import { DocumentSettings, DocumentSettingsInput } from '../../../shared/documents/schemas.ts';

export async function agencyRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];

  r.get('/api/agency-kinds', { schema: { tags, summary: 'Agency kinds (data, not code)', response: { 200: z.array(AgencyKind) } } }, async () =>
    service.listKinds(db),
  );

  r.get(
    '/api/agencies',
    {
      schema: { tags, summary: 'Agencies the caller may see', querystring: AgencyListQuery, response: { 200: z.array(Agency) } },
    },
    async (req) => service.listAgencies(db, actorOf(req), req.query),
  );

  r.get('/api/agencies/:id', { schema: { tags, summary: 'One agency', params: IdParam, response: { 200: Agency } } }, async (req) =>
    service.getAgency(db, actorOf(req), req.params.id),
  );

  r.post('/api/agencies', { schema: { tags, summary: 'Create an agency', body: AgencyInput, response: { 201: Agency } } }, async (req, reply) =>
    reply.code(201).send(await service.createAgency(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Edit, move or deactivate an agency (there is no delete: records point to agencies)',
        params: IdParam,
        body: AgencyPatch,
        response: { 200: Agency },
      },
    },
    async (req) => service.updateAgency(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/designations',
    {
      schema: { tags, summary: 'Which agencies hold the functions the law names', response: { 200: z.array(Designation) } },
    },
    async () => service.listDesignations(db),
  );

  r.put(
    '/api/designations/:code',
    {
      schema: {
        tags,
        summary: 'Assign a function to an agency',
        params: z.object({ code: z.string().max(50) }),
        body: DesignationInput,
        response: { 200: Designation },
      },
    },
    async (req) => service.setDesignation(db, actorOf(req), req.params.code, req.body),
  );

  r.get(
    '/api/agencies/:id/document-settings',
    {
      schema: {
        tags,
        summary: 'What the documents the agency issues print: abbreviation, place, governing body, drafting unit, signers',
        params: IdParam,
        response: { 200: DocumentSettings },
      },
    },
    async (req) => getDocumentSettings(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/agencies/:id/document-settings',
    {
      schema: {
        tags,
        summary: "Set the agency's document settings (Decree 30/2020 Appendix I)",
        params: IdParam,
        body: DocumentSettingsInput,
        response: { 200: DocumentSettings },
      },
    },
    async (req) => putDocumentSettings(db, actorOf(req), req.params.id, req.body),
  );
}
