import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  Contribution,
  ContributionCall,
  ContributionCallDetail,
  ContributionCallInput,
  ContributionCallQuery,
  ContributionInput,
} from '../../../shared/contributions/schemas.ts';
import { saveFile } from '../files/index.ts';
import * as service from './service.ts';

/** The yearly report's call for contributions and the agencies' contributions. */
export async function contributionRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contributions'];
  r.get(
    '/api/contribution-calls',
    {
      schema: {
        tags,
        summary: "Calls for contributions to the yearly report the caller takes part in (the security unit: all), with the caller's own contribution",
        querystring: ContributionCallQuery,
        response: { 200: z.array(ContributionCall) },
      },
    },
    async (req) => service.listCalls(db, actorOf(req), req.query),
  );
  r.post(
    '/api/contribution-calls',
    {
      schema: {
        tags,
        summary: "Open the year's call: due days from the province parameters, one awaited contribution per active agency of the kinds asked",
        body: ContributionCallInput,
        response: { 201: ContributionCallDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await service.openCall(db, actorOf(req), req.body)),
  );
  r.get(
    '/api/contribution-calls/:id',
    {
      schema: {
        tags,
        summary: 'A call with every contribution: who has sent, who is late, what each said (the security unit)',
        params: IdParam,
        response: { 200: ContributionCallDetail },
      },
    },
    async (req) => service.getCall(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/contribution-calls/:id/close',
    { schema: { tags, summary: 'Close the call: contributions can no longer be sent or revised', params: IdParam, response: { 200: ContributionCallDetail } } },
    async (req) => service.closeCall(db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/contributions/:id',
    { schema: { tags, summary: "An agency's contribution (its own agency and the security unit)", params: IdParam, response: { 200: Contribution } } },
    async (req) => service.getContribution(db, actorOf(req), req.params.id),
  );
  r.put(
    '/api/contributions/:id',
    {
      schema: {
        tags,
        summary: 'Send or revise the contribution while the call is open; the figures of the agency subtree are computed again',
        params: IdParam,
        body: ContributionInput,
        response: { 200: Contribution },
      },
    },
    async (req) => service.submitContribution(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/contributions/:id/file',
    {
      schema: {
        tags,
        summary: 'Attach a file to the contribution (PDF, DOCX, XLSX, PNG or JPEG; multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: Contribution },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target, name, data } = await readUpload(req, () => service.contributionFileTarget(db, actor, req.params.id));
      await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...target, name, data }));
      return reply.code(201).send(await service.getContribution(db, actor, req.params.id));
    },
  );
}
