import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import multipart from '@fastify/multipart';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentRoute } from './http/openapi.ts';
import { serializerCompiler } from './http/serializer.ts';
import { z } from 'zod';
import type { Config } from './config.ts';
import { migrationState, type Database } from './db/client.ts';
import { AppError } from './http/errors.ts';
import { authPlugin } from './http/auth-plugin.ts';
import { registerCompression, registerWebAssets } from './http/web-assets.ts';
import { registerMetrics } from './http/metrics.ts';
import { securityHeaders } from './http/security-headers.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandler } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { authRoutes } from './modules/auth/index.ts';
import { agencyRoutes } from './modules/agencies/index.ts';
import { userRoutes } from './modules/users/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { fileRoutes } from './modules/files/index.ts';
import { systemRoutes } from './modules/systems/index.ts';
import { dossierDeadlineReminders, dossierReminders, dossierRoutes } from './modules/dossiers/index.ts';
import { requirementRoutes } from './modules/requirements/index.ts';
import { closingReportReminders, incidentReminders, incidentRoutes } from './modules/incidents/index.ts';
import { warningReminders, warningRoutes } from './modules/warnings/index.ts';
import { directiveReminders, directiveRoutes } from './modules/directives/index.ts';
import { registerReminderListener, registerReminderSource, reminderRoutes } from './modules/reminders/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { findingReminders, scanRoutes } from './modules/scans/index.ts';
import { assessmentRoutes } from './modules/assessments/index.ts';
import { indicatorRoutes } from './modules/indicators/index.ts';
import { legalRoutes } from './modules/legal/index.ts';
import { outgoingRoutes } from './modules/outgoing/index.ts';
import { signatureRoutes, signatureTokenReminders } from './modules/signatures/index.ts';
import { huntRoutes } from './modules/hunts/index.ts';
import { exchangeRoutes } from './modules/exchange/index.ts';
import { operatorRoutes } from './modules/operators/index.ts';
import { contributionReminders, contributionRoutes } from './modules/contributions/index.ts';
import { tokenRoutes } from './modules/tokens/index.ts';
import { parameterRoutes } from './modules/parameters/index.ts';
import { eventsFromReminders, webhookRoutes } from './modules/webhooks/index.ts';
import { intelRoutes } from './modules/intel/index.ts';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Builds the whole app without listening, so tests can inject requests or listen on a free port. */
export async function buildApp(config: Config, database: Database): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            ...(config.production ? {} : { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }),
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    frameworkErrors,
    clientErrorHandler,
  });
  database.onConnectionError((err) => app.log.warn({ err }, 'database connection lost; the pool reconnects'));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, { spa: existsSync(webDist) });
  registerMetrics(app, database, config.metricsToken);
  await app.register(securityHeaders);
  await registerCompression(app);
  registerInputGuard(app);
  // The API reads JSON, multipart uploads and the CSV push; with Fastify's default plain-text parser, a route that
  // declares no body would take any text/plain one instead of answering 415.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Khiên API',
        description: 'Cybersecurity governance for Vietnamese state bodies',
        version: '0.1.0',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: '/', description: 'This Khiên server' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'khien_session' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              "An API token (`khien_at_…`, created on the account page or for a service account): acts with its owner's roles and agency, limited to its scopes; no CSRF token needed. The anti-malware ingest routes take an agency's `khien_` console token instead.",
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: documentRoute,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });

  const deps = { db: database.db, config };
  await app.register(authPlugin, deps);
  await app.register(authRoutes, deps);
  await app.register(agencyRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(fileRoutes, deps);
  await app.register(systemRoutes, deps);
  await app.register(dossierRoutes, deps);
  await app.register(requirementRoutes, deps);
  await app.register(incidentRoutes, deps);
  await app.register(warningRoutes, deps);
  await app.register(scanRoutes, deps);
  await app.register(assessmentRoutes, deps);
  await app.register(directiveRoutes, deps);
  await app.register(reminderRoutes, deps);
  await app.register(reportRoutes, deps);
  await app.register(legalRoutes);
  await app.register(parameterRoutes, deps);
  await app.register(indicatorRoutes, deps);
  await app.register(outgoingRoutes, deps);
  await app.register(signatureRoutes, deps);
  await app.register(huntRoutes, deps);
  await app.register(exchangeRoutes, deps);
  await app.register(operatorRoutes, deps);
  await app.register(contributionRoutes, deps);
  await app.register(tokenRoutes, deps);
  await app.register(webhookRoutes, deps);
  await app.register(intelRoutes, deps);
  // Each module's scheduled reminders, over its own tables; the scheduler and POST /api/reminders/run deliver them.
  for (const source of [
    directiveReminders,
    dossierReminders,
    dossierDeadlineReminders,
    incidentReminders,
    closingReportReminders,
    ...warningReminders,
    signatureTokenReminders,
    contributionReminders,
    ...findingReminders,
  ])
    registerReminderSource(source);
  // Overdue and coming-due reminders are also webhook events.
  registerReminderListener(eventsFromReminders);

  // Liveness answers without the database (an outage there is not cured by restarting the app); readiness needs it.
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: z.object({ ok: z.boolean(), database: z.string() }) } },
    },
    async () => ({ ok: true, database: database.kind }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: "Readiness: the database answers and has every migration of this build (503 when not, for the proxy's health check)",
        response: { 200: z.object({ ready: z.boolean(), database: z.string(), migrations: z.object({ applied: z.number(), expected: z.number() }) }) },
      },
    },
    async () => {
      const migrations = await migrationState(database.db);
      if (migrations.applied < migrations.expected) {
        throw new AppError(
          503,
          'not_ready',
          `The database has ${migrations.applied} of ${migrations.expected} migrations`,
          `Cơ sở dữ liệu mới có ${migrations.applied}/${migrations.expected} bản cập nhật cấu trúc`,
        );
      }
      return { ready: true, database: database.kind, migrations };
    },
  );

  if (existsSync(webDist)) await registerWebAssets(app, webDist);
  return app;
}
