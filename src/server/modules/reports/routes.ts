import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { fileDownload, MEDIA } from '../../http/openapi.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import { Report, ReportInput, ReportListQuery, ReportSummary } from '../../../shared/directives/schemas.ts';
import { renderReportDocx, renderReportXlsx } from './render.ts';
import * as service from './service.ts';
import { pdfRoute } from '../../documents/pdf-route.ts';
import { attachment } from '../../http/download.ts';

/** "bao-cao-01-BC-CAT" once issued; a draft by its id: "bao-cao-du-thao-12". */
const fileStem = (report: { id: number; number: string | null }) =>
  report.number ? `bao-cao-${report.number.replace(/[^\w-]+/g, '-')}` : `bao-cao-du-thao-${report.id}`;

/** Official reports. */
export async function reportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Reports about agencies the caller may see, newest first',
        querystring: ReportListQuery,
        response: { 200: z.array(ReportSummary) },
      },
    },
    async (req) => service.listReports(db, actorOf(req), req.query),
  );

  r.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Generate a report for a period and agency subtree; its figures are stored with it',
        body: ReportInput,
        response: { 201: Report },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createReport(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/reports/:id',
    { schema: { tags, summary: 'A report with the figures it was built from', params: IdParam, response: { 200: Report } } },
    async (req) => service.getReport(db, actorOf(req), req.params.id),
  );

  async function download(req: FastifyRequest, reply: FastifyReply, id: number, kind: 'docx' | 'xlsx') {
    const report = await service.getReport(db, actorOf(req), id);
    const data = kind === 'docx' ? await renderReportDocx(db, report) : await renderReportXlsx(report.snapshot, report.number, req.sessionUser!.locale);
    const name = `${fileStem(report)}.${kind}`;
    return reply.header('content-type', MEDIA[kind]).header('content-disposition', attachment(name)).send(data);
  }
  r.get(
    '/api/reports/:id/docx',
    {
      schema: {
        tags,
        summary: 'The report as a Word document in the Decree 30/2020 layout',
        params: IdParam,
        response: { 200: fileDownload('The Word document', [MEDIA.docx]) },
      },
    },
    (req, reply) => download(req, reply, req.params.id, 'docx'),
  );
  r.get(
    '/api/reports/:id/xlsx',
    {
      schema: {
        tags,
        summary: "The report's figures and tables as a spreadsheet",
        params: IdParam,
        response: { 200: fileDownload('The spreadsheet', [MEDIA.xlsx]) },
      },
    },
    (req, reply) => download(req, reply, req.params.id, 'xlsx'),
  );
  pdfRoute(app, '/api/reports/:id/pdf', {
    tags,
    what: 'The report',
    render: async (req) => {
      const report = await service.getReport(db, actorOf(req), req.params.id);
      return { name: `${fileStem(report)}.docx`, data: await renderReportDocx(db, report) };
    },
  });
}
