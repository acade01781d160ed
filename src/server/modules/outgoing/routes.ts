import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { OutgoingDocument, OutgoingListQuery, OutgoingPatch, OutgoingReserveInput } from '../../../shared/documents/schemas.ts';
import { issueOutgoing, listOutgoing, patchOutgoing, reserveOutgoing } from './service.ts';
import { pdfAvailable, pdfUnavailable } from '../../documents/pdf.ts';

export async function outgoingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outgoing documents'];

  r.get(
    '/api/documents/pdf-status',
    {
      schema: {
        tags,
        summary: 'Whether the server can make PDFs of documents (LibreOffice installed), and if not, why',
        response: { 200: z.object({ available: z.boolean(), message: z.string().nullable(), messageVi: z.string().nullable() }) },
      },
    },
    async () => {
      if (pdfAvailable()) return { available: true, message: null, messageVi: null };
      const why = pdfUnavailable();
      return { available: false, message: why.message, messageVi: why.messageVi };
    },
  );

  r.get(
    '/api/outgoing-documents',
    {
      schema: {
        tags,
        summary: 'The register of outgoing documents (sổ đăng ký văn bản đi) of the agencies the caller may see',
        querystring: OutgoingListQuery,
        response: { 200: z.array(OutgoingDocument) },
      },
    },
    async (req) => listOutgoing(db, actorOf(req), req.query),
  );

  r.post(
    '/api/outgoing-documents',
    {
      schema: {
        tags,
        summary: "Take the issuer's next number of the year for a document, with its signer",
        body: OutgoingReserveInput,
        response: { 201: OutgoingDocument },
      },
    },
    async (req, reply) => reply.code(201).send(await reserveOutgoing(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/outgoing-documents/:id',
    {
      schema: {
        tags,
        summary: 'Correct the number, symbol, signer or date of a document not yet issued',
        params: IdParam,
        body: OutgoingPatch,
        response: { 200: OutgoingDocument },
      },
    },
    async (req) => patchOutgoing(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/outgoing-documents/:id/issue',
    {
      schema: { tags, summary: 'Issue the document: its number, date, signer and header become final', params: IdParam, response: { 200: OutgoingDocument } },
    },
    async (req) => issueOutgoing(db, actorOf(req), req.params.id),
  );
}
