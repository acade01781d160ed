import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { AppError } from '../../http/errors.ts';
import { IdParam, idText, intText, text } from '../../../shared/core/schemas.ts';
import { fileDownload, MEDIA } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import {
  ApiToken,
  Budget,
  BudgetInput,
  BudgetLine,
  CountsPush,
  CountsPushResult,
  Dashboard,
  EndpointRow,
  IndicatorReport,
  IssuedApiToken,
  Period,
  SocConnectionInput,
  SocConnectionList,
  StoredIndicatorReport,
  AgencySocConnection,
} from '../../../shared/indicators/schemas.ts';
import { buildDashboard, dashboardOf, dashboardTarget, forScreen } from './dashboard.ts';
import { dashboardCache } from './dashboard-cache.ts';
import { dashboardWorkbook } from './export.ts';
import * as reports from './reports.ts';
import * as ingest from './ingest.ts';
import * as soc from './soc.ts';
import { rowsImported } from '../../http/metrics.ts';

const DashboardQuery = z.object({ agencyId: idText().optional(), period: Period.optional() });

export async function indicatorRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const cached = dashboardCache(config.dashboardCache);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];
  // Anti-malware consoles may push a CSV export as is.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary: 'Indicators of an agency subtree for a quarter: values, score, children, tiers, ranking, trend, overdue lists',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (req, reply) => {
      const target = await dashboardTarget(db, actorOf(req), req.query);
      const json = await cached(db, `${target.root.id}|${target.period}|${target.today}`, async () => forScreen(await dashboardOf(db, target)));
      // The bytes of a Dashboard, built and cached once and sent as they are (a buffer is never serialized again).
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  r.get(
    '/api/dashboard/export',
    {
      schema: {
        tags,
        summary: 'The dashboard tables as XLSX',
        querystring: DashboardQuery,
        response: { 200: fileDownload('The spreadsheet, every row of each table', [MEDIA.xlsx]) },
      },
    },
    async (req, reply) => {
      const d = await buildDashboard(db, actorOf(req), req.query);
      return reply
        .header('content-type', MEDIA.xlsx)
        .header('content-disposition', `attachment; filename="chi-tieu-attt-${d.period}.xlsx"`)
        .send(await dashboardWorkbook(d, req.sessionUser!.locale));
    },
  );

  r.get(
    '/api/agencies/:id/indicators',
    {
      schema: { tags, summary: "The agency's quarterly indicator reports, newest first", params: IdParam, response: { 200: z.array(StoredIndicatorReport) } },
    },
    async (req) => reports.listReports(db, actorOf(req), req.params.id),
  );
  r.put(
    '/api/agencies/:id/indicators/:period',
    {
      schema: {
        tags,
        summary: "Create or replace the agency's report for a quarter",
        params: IdParam.extend({ period: Period }),
        body: IndicatorReport,
        response: { 200: StoredIndicatorReport },
      },
    },
    async (req) => reports.saveReport(db, actorOf(req), req.params.id, req.params.period, req.body),
  );

  r.get(
    '/api/agencies/:id/budgets',
    {
      schema: {
        tags,
        summary: 'IT plans and projects with their security share',
        params: IdParam,
        querystring: z.object({ year: intText(2015, 2100).optional() }),
        response: { 200: z.array(Budget) },
      },
    },
    async (req) => reports.listBudgets(db, actorOf(req), req.params.id, req.query.year),
  );
  r.post(
    '/api/agencies/:id/budgets',
    { schema: { tags, summary: 'Add an IT plan or project budget', params: IdParam, body: BudgetInput, response: { 201: BudgetLine } } },
    async (req, reply) => reply.code(201).send(await reports.createBudget(db, actorOf(req), req.params.id, req.body)),
  );
  r.put(
    '/api/budgets/:id',
    { schema: { tags, summary: 'Edit a budget line', params: IdParam, body: BudgetInput, response: { 200: BudgetLine } } },
    async (req) => reports.updateBudget(db, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/budgets/:id',
    { schema: { tags, summary: 'Remove a budget line entered by mistake', params: IdParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await reports.deleteBudget(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/soc-connections',
    {
      schema: {
        tags,
        summary: "State agencies in reach with their link to the province's security operations centre (the 4th layer's evidence)",
        querystring: z.object({ agencyId: idText().optional() }),
        response: { 200: SocConnectionList },
      },
    },
    async (req) => soc.listSocConnections(db, actorOf(req), req.query),
  );
  r.get(
    '/api/agencies/:id/soc-connection',
    {
      schema: { tags, summary: "The agency's link to the provincial security operations centre", params: IdParam, response: { 200: AgencySocConnection } },
    },
    async (req) => soc.getSocConnection(db, actorOf(req), req.params.id),
  );
  r.put(
    '/api/agencies/:id/soc-connection',
    {
      schema: {
        tags,
        summary: "Record the agency's link to the provincial security operations centre: connected on, scope, stopped on",
        params: IdParam,
        body: SocConnectionInput,
        response: { 200: AgencySocConnection },
      },
    },
    async (req) => soc.saveSocConnection(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/agencies/:id/soc-connection/evidence',
    {
      schema: {
        tags,
        summary: 'Attach evidence of the link (PDF, DOCX, XLSX, PNG or JPEG, multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: AgencySocConnection },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => soc.assertSocEvidenceAllowed(db, actor, req.params.id));
      return reply.code(201).send(await soc.attachSocEvidence(db, actor, config.filesDir, req.params.id, upload));
    },
  );

  r.get(
    '/api/agencies/:id/api-tokens',
    { schema: { tags, summary: 'API tokens of the agency (never the secrets)', params: IdParam, response: { 200: z.array(ApiToken) } } },
    async (req) => ingest.listTokens(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/agencies/:id/api-tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token for a console; the token is shown once',
        params: IdParam,
        body: z.object({ name: text(100, 2) }),
        response: { 201: IssuedApiToken },
      },
    },
    async (req, reply) => reply.code(201).send(await ingest.issueToken(db, actorOf(req), req.params.id, req.body.name)),
  );
  r.delete('/api/api-tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: IdParam, response: { 204: z.null() } } }, async (req, reply) => {
    await ingest.revokeToken(db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  // The token is checked before the body is parsed or validated: a stranger learns nothing about the format.
  const pushers = new WeakMap<object, Awaited<ReturnType<typeof ingest.tokenAgency>>>();
  const onRequest = async (req: FastifyRequest) => {
    pushers.set(req, await ingest.tokenAgency(db, req));
  };

  r.post(
    '/api/ingest/endpoints',
    {
      config: { tokenAuth: true },
      onRequest,
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Push machines seen by the anti-malware console (Bearer token): JSON {endpoints:[…]} or text/csv; idempotent, all rows or none',
        security: [{ bearer: [] }],
        documentedBody: {
          'application/json': z.object({ endpoints: z.array(EndpointRow).min(1) }).describe(`At most ${ingest.MAX_BATCH} machines; more answers 413`),
          [MEDIA.csv]: z
            .string()
            .describe('A header line naming hostname, os, agent_version, last_seen (any order, other columns ignored), then one machine a line'),
        },
        response: { 200: z.object({ received: z.number(), upserted: z.number(), protectedEndpoints: z.number(), period: z.string() }) },
      },
    },
    async (req) => {
      const { agencyId, actor } = pushers.get(req)!;
      const raw = typeof req.body === 'string' ? ingest.parseEndpointCsv(req.body) : { rows: (req.body as { endpoints?: unknown })?.endpoints, errors: [] };
      if (raw.errors.length) throw new AppError(400, 'invalid_rows', 'The file has errors', 'Tệp có lỗi', 'file', raw.errors);
      if (!Array.isArray(raw.rows) || raw.rows.length === 0)
        throw new AppError(400, 'invalid', 'Send a non-empty "endpoints" array or a CSV file', 'Cần gửi mảng "endpoints" hoặc tệp CSV có dữ liệu', 'endpoints');
      if (raw.rows.length > ingest.MAX_BATCH)
        throw new AppError(413, 'batch_too_large', `At most ${ingest.MAX_BATCH} rows per request`, `Tối đa ${ingest.MAX_BATCH} dòng mỗi lần gửi`, 'endpoints');
      const { valid, errors } = ingest.validateEndpoints(raw.rows);
      if (errors.length)
        throw new AppError(
          400,
          'invalid_rows',
          `${errors.length} rows are invalid; nothing was saved`,
          `${errors.length} dòng không hợp lệ; chưa lưu dòng nào`,
          'endpoints',
          errors.slice(0, 200),
        );
      const saved = await ingest.upsertEndpoints(db, agencyId, actor, valid);
      rowsImported.inc({ kind: 'endpoints' }, valid.length);
      return saved;
    },
  );

  r.post(
    '/api/ingest/counts',
    {
      config: { tokenAuth: true },
      onRequest,
      schema: {
        tags,
        summary: 'Push machine totals and protected count for the current quarter (Bearer token)',
        security: [{ bearer: [] }],
        body: CountsPush,
        response: { 200: CountsPushResult },
      },
    },
    async (req) => {
      const { agencyId, actor } = pushers.get(req)!;
      return ingest.pushCounts(db, agencyId, actor, req.body);
    },
  );
}
