import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { fileDownload } from '../../http/openapi.ts';
import { ATTACHMENT_TYPES, readFileFor } from './service.ts';
import { attachment } from '../../http/download.ts';

export async function fileRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download an attachment',
        params: IdParam,
        response: {
          200: fileDownload(
            'The file in the type read from its bytes when it was stored: PDF, DOCX, XLSX, PNG or JPEG for an attachment, any type for incident evidence',
            [...ATTACHMENT_TYPES, '*/*'],
          ),
        },
      },
    },
    async (req, reply) => {
      const { row, data } = await readFileFor(db, actorOf(req), config.filesDir, req.params.id);
      return reply.header('content-type', row.mime).header('content-disposition', attachment(row.name)).header('x-content-type-options', 'nosniff').send(data);
    },
  );
}
