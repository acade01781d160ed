import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayVn } from '../../../shared/core/dates.ts';
import { legalOverview } from '../../../shared/legal/registry.ts';
import { LegalOverview } from '../../../shared/legal/schemas.ts';

/**
 * The legal registry: province-wide reference data, the same for every agency, so any signed-in user may read it
 * (like the approval matrix and the requirement catalog). It is read-only: the registry changes with the code.
 */
export async function legalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/legal/instruments',
    {
      schema: {
        tags: ['legal'],
        summary: 'Legal instruments with their dates and status today, the rules citing each, and rules citing one not in force or to confirm',
        response: { 200: LegalOverview },
      },
    },
    async () => legalOverview(todayVn()),
  );
}
