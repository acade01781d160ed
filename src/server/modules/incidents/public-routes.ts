import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { FormToken, PublicIncidentBody, PublicIncidentReceipt } from '../../../shared/incidents/schemas.ts';
import { issueFormToken, submitPublicReport } from './intake.ts';
import { addressKey, enforceLimit } from '../../http/rate-limit.ts';

/**
 * The 24/7 hotline intake: no sign-in. The CSRF cookie still applies (the page fetches a token first, like the
 * sign-in form), the route is rate-limited per IP (counted in the database, shared by every node), and the body is small.
 */
export function publicIntakeRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incident hotline'];

  r.get(
    '/api/public/incidents/form-token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A signed form token to send back with the report, and the province's 24/7 telephone",
        security: [],
        response: { 200: FormToken },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { token: issueFormToken(config.sessionSecret), minSeconds: config.incidentIntake.minFillSeconds, hotlinePhone: config.hotlinePhone ?? null };
    },
  );

  r.post(
    '/api/public/incidents',
    {
      config: { public: true },
      bodyLimit: 32_768,
      onRequest: (req, reply) =>
        enforceLimit(
          db,
          reply,
          { key: `hotline:${addressKey(req.ip)}`, max: config.incidentIntake.maxPerHour, windowMs: 3_600_000 },
          {
            en: 'Too many reports from this address; try again later or call the hotline',
            vi: 'Quá nhiều báo cáo từ địa chỉ này, vui lòng thử lại sau hoặc gọi đường dây nóng',
          },
        ),
      schema: {
        tags,
        summary: 'Report an incident to the hotline desk without signing in (rate-limited)',
        security: [],
        body: PublicIncidentBody,
        response: { 202: PublicIncidentReceipt },
      },
    },
    async (req, reply) => {
      const receipt = await submitPublicReport(db, { secret: config.sessionSecret, minSeconds: config.incidentIntake.minFillSeconds, ip: req.ip }, req.body);
      return reply.code(202).send(receipt);
    },
  );
}
