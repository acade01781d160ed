import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { attachment } from '../../http/download.ts';
import { fileDownload, MEDIA } from '../../http/openapi.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { SubmissionBody, SubmissionList } from '../../../shared/exchange/schemas.ts';
import type { ExchangeSubject } from '../../../shared/exchange/platforms.ts';
import * as service from './service.ts';

const PACKAGE = 'A ZIP of the Word documents, their content as JSON, the attached files and a manifest with SHA-256 digests (docs/exchange.md)';

export async function exchangeRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exchange'];
  r.get(
    '/api/dossiers/:id/exchange-package',
    {
      schema: {
        tags,
        summary: "The dossier's package for the Ministry's level-management platform",
        params: IdParam,
        response: { 200: fileDownload(PACKAGE, [MEDIA.zip]) },
      },
    },
    async (req, reply) => {
      const p = await service.dossierPackage(db, config.filesDir, actorOf(req), req.params.id);
      return reply.header('content-type', p.mediaType).header('content-disposition', attachment(p.name)).send(p.data);
    },
  );
  r.get(
    '/api/incidents/:id/exchange-package',
    {
      schema: {
        tags,
        summary: "The case's package for the national incident coordination platform",
        params: IdParam,
        response: { 200: fileDownload(PACKAGE, [MEDIA.zip]) },
      },
    },
    async (req, reply) => {
      const p = await service.incidentPackage(db, actorOf(req), req.params.id);
      return reply.header('content-type', p.mediaType).header('content-disposition', attachment(p.name)).send(p.data);
    },
  );
  for (const [kind, base, what] of [
    ['dossier', '/api/dossiers/:id', 'dossier'],
    ['incident', '/api/incidents/:id', 'case'],
  ] as [ExchangeSubject, string, string][]) {
    r.get(
      `${base}/exchange-submissions`,
      {
        schema: {
          tags,
          summary: `Uploads of the ${what} to the Ministry's platform, with the references it gave, newest first`,
          params: IdParam,
          response: { 200: SubmissionList },
        },
      },
      async (req) => service.listSubmissions(db, actorOf(req), kind, req.params.id),
    );
    r.post(
      `${base}/exchange-submissions`,
      {
        schema: {
          tags,
          summary: `Record that the ${what}'s package was uploaded to the Ministry's platform, and the reference it gave`,
          params: IdParam,
          body: SubmissionBody,
          response: { 201: SubmissionList },
        },
      },
      async (req, reply) => reply.code(201).send(await service.recordSubmission(db, actorOf(req), kind, req.params.id, req.body)),
    );
  }
}
