import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  LossReportInput,
  RevocationInput,
  SignatureToken,
  SignatureTokenInput,
  SignatureTokenList,
  SignatureTokenPatch,
  SignatureTokenQuery,
} from '../../../shared/signatures/schemas.ts';
import * as service from './service.ts';

export async function signatureRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['signatures'];
  r.get(
    '/api/signature-tokens',
    {
      schema: {
        tags,
        summary: 'Special-use signature tokens and certificates of the agencies in reach, soonest expiry first, with counts by state',
        querystring: SignatureTokenQuery,
        response: { 200: SignatureTokenList },
      },
    },
    async (req) => service.listTokens(db, actorOf(req), req.query),
  );
  r.post(
    '/api/signature-tokens',
    {
      schema: { tags, summary: 'Register a token: holder, certificate serial, issuer, validity', body: SignatureTokenInput, response: { 201: SignatureToken } },
    },
    async (req, reply) => reply.code(201).send(await service.createToken(db, actorOf(req), req.body)),
  );
  r.get(
    '/api/signature-tokens/:id',
    { schema: { tags, summary: 'A registered token and its state', params: IdParam, response: { 200: SignatureToken } } },
    async (req) => service.getToken(db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/signature-tokens/:id',
    {
      schema: {
        tags,
        summary: "Correct a token's details or record a renewed certificate",
        params: IdParam,
        body: SignatureTokenPatch,
        response: { 200: SignatureToken },
      },
    },
    async (req) => service.updateToken(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/signature-tokens/:id/revocation',
    {
      schema: {
        tags,
        summary: "Record the certificate's revocation: day and reason",
        params: IdParam,
        body: RevocationInput,
        response: { 200: SignatureToken },
      },
    },
    async (req) => service.revokeToken(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/signature-tokens/:id/loss-report',
    {
      schema: {
        tags,
        summary: 'Report the token lost: the day, what happened, when the issuer was told',
        params: IdParam,
        body: LossReportInput,
        response: { 200: SignatureToken },
      },
    },
    async (req) => service.reportLoss(db, actorOf(req), req.params.id, req.body),
  );
}
