import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { uploadForm } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { invalid } from '../../http/errors.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { Finding, FindingsQuery, Scan, ScanDetail, ScanImportFields, ScanImportResult, ScanInput } from '../../../shared/warnings/schemas.ts';
import * as service from './service.ts';

export async function scanRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scans'];

  r.get(
    '/api/systems/:id/scans',
    { schema: { tags, summary: 'Vulnerability scans of a system, newest first', params: IdParam, response: { 200: z.array(Scan) } } },
    async (req) => service.listScans(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/systems/:id/scans',
    {
      schema: { tags, summary: 'Record a scan by hand (date, tool, scope, who ran it)', params: IdParam, body: ScanInput, response: { 201: Scan } },
    },
    async (req, reply) => reply.code(201).send(await service.recordScan(db, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/systems/:id/scans/import',
    {
      schema: {
        tags,
        summary: 'Import a scanner report (OpenVAS/Greenbone XML or CSV; multipart "file" plus optional scannedOn, tool, scope, performedBy, hosts)',
        params: IdParam,
        consumes: ['multipart/form-data'],
        documentedBody: { 'multipart/form-data': uploadForm(ScanImportFields) },
        response: { 201: ScanImportResult },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => service.recordable(db, actor, req.params.id));
      const fields = ScanImportFields.safeParse(upload.fields);
      if (!fields.success) {
        const field = String(fields.error.issues[0]!.path[0] ?? 'file');
        throw invalid(field, `${field}: ${fields.error.issues[0]!.message}`, `${field}: giá trị không hợp lệ`);
      }
      return reply.code(201).send(await service.importScan(db, actor, req.params.id, upload, fields.data));
    },
  );

  r.get(
    '/api/systems/:id/findings',
    {
      schema: {
        tags,
        summary: 'Findings of a system (open by default), worst first',
        params: IdParam,
        querystring: FindingsQuery,
        response: { 200: z.array(Finding) },
      },
    },
    async (req) => service.listFindings(db, actorOf(req), req.params.id, req.query),
  );

  r.get('/api/scans/:id', { schema: { tags, summary: 'A scan and the findings it reported', params: IdParam, response: { 200: ScanDetail } } }, async (req) =>
    service.getScan(db, actorOf(req), req.params.id),
  );
}
