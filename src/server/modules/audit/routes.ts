import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { assert } from '../../auth/scope.ts';
import { AuditEntry, AuditQuery, AuditVerification } from '../../../shared/audit/schemas.ts';
import { listAudit, verifyAuditChain } from './service.ts';
import { mayVerifyAudit } from './access.ts';

export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit',
    { schema: { tags, summary: "Audit log, newest first, within the caller's scope", querystring: AuditQuery, response: { 200: z.array(AuditEntry) } } },
    async (req) => listAudit(db, actorOf(req), req.query),
  );

  r.get('/api/audit/verify', { schema: { tags, summary: 'Check the hash chain of the whole log', response: { 200: AuditVerification } } }, async (req) => {
    assert(mayVerifyAudit(actorOf(req)));
    return verifyAuditChain(db);
  });
}
