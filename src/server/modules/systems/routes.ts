import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { fileDownload, MEDIA } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam, idText } from '../../../shared/core/schemas.ts';
import {
  ClassificationBody,
  LinkList,
  SoftwareList,
  SystemDetail,
  SystemInput,
  SystemList,
  SystemListQuery,
  SystemPatch,
  SystemsStats,
} from '../../../shared/systems/schemas.ts';
import { AuditEntry } from '../../../shared/audit/schemas.ts';
import { ClassificationAnswersSchema } from '../../../shared/systems/levels.ts';
import * as service from './service.ts';
import { exportInventory, inventoryTemplate } from './spreadsheet.ts';
import { assertMayImport, importInventory } from './inventory-import.ts';
import { rowsImported } from '../../http/metrics.ts';

const LevelResult = z.object({
  level: z.number(),
  reasons: z.array(
    z.object({
      ruleId: z.string(),
      level: z.number(),
      article: z.string(),
      vi: z.string(),
      en: z.string(),
      component: z.string().optional(),
      citation: z.object({ instrument: z.string(), article: z.number().optional(), clause: z.number().optional(), point: z.string().optional() }),
    }),
  ),
});

export async function systemRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['systems'];

  r.get(
    '/api/systems',
    {
      schema: { tags, summary: "Information systems in the caller's scope, filtered and paged", querystring: SystemListQuery, response: { 200: SystemList } },
    },
    async (req) => service.listSystems(db, actorOf(req), req.query),
  );

  r.post(
    '/api/systems',
    { schema: { tags, summary: 'Register an information system', body: SystemInput, response: { 201: SystemDetail } } },
    async (req, reply) => reply.code(201).send(await service.createSystem(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/systems/export',
    {
      schema: {
        tags,
        summary: 'The inventory as XLSX or CSV (UTF-8)',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), agencyId: idText().optional() }),
        response: { 200: fileDownload('The inventory in the format asked for', [MEDIA.xlsx, MEDIA.csv]) },
      },
    },
    async (req, reply) => {
      const data = await exportInventory(db, actorOf(req), req.query.format, req.sessionUser!.locale, req.query.agencyId);
      const xlsx = req.query.format === 'xlsx';
      return reply
        .header('content-type', xlsx ? MEDIA.xlsx : `${MEDIA.csv}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="he-thong-thong-tin.${req.query.format}"`)
        .send(data);
    },
  );

  r.get(
    '/api/systems/import-template',
    {
      schema: {
        tags,
        summary: 'The inventory import template (XLSX): Vietnamese headers, drop-down lists, examples and instructions',
        response: { 200: fileDownload('The template workbook', [MEDIA.xlsx]) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertMayImport(actor);
      return reply
        .header('content-type', MEDIA.xlsx)
        .header('content-disposition', 'attachment; filename="mau-nhap-he-thong-thong-tin.xlsx"')
        .send(await inventoryTemplate(db, actor));
    },
  );

  r.post(
    '/api/systems/import',
    {
      schema: {
        tags,
        summary: 'Import an inventory file (multipart field "file": .xlsx, .ods or .csv): all rows or none, rows of systems the caller only reads skipped',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            created: z.number(),
            updated: z.number(),
            unchanged: z.number(),
            skipped: z.number(),
            skippedRows: z.array(z.object({ row: z.number(), code: z.string(), message: z.string(), messageVi: z.string() })),
            ignoredColumns: z.array(z.string()),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await importInventory(db, actor, await readUpload(req, () => assertMayImport(actor)));
      rowsImported.inc({ kind: 'inventory' }, result.created + result.updated + result.unchanged);
      return result;
    },
  );

  r.post(
    '/api/classification/preview',
    {
      schema: {
        tags,
        summary: 'The level the Decree 85/2016 criteria (Arts. 5–11) give for these answers, with the clause of each reason',
        body: ClassificationAnswersSchema,
        response: { 200: LevelResult },
      },
    },
    async (req) => service.classifyAnswers(req.body),
  );

  r.get(
    '/api/systems/:id',
    { schema: { tags, summary: 'One system with software and interconnections', params: IdParam, response: { 200: SystemDetail } } },
    async (req) => service.getSystem(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/systems/:id',
    {
      schema: {
        tags,
        summary: 'Edit a system (retire it by status; systems are never deleted)',
        params: IdParam,
        body: SystemPatch,
        response: { 200: SystemDetail },
      },
    },
    async (req) => service.updateSystem(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/systems/:id/software',
    { schema: { tags, summary: 'Replace the software inventory', params: IdParam, body: SoftwareList, response: { 200: SystemDetail } } },
    async (req) => service.replaceSoftware(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/systems/:id/links',
    { schema: { tags, summary: 'Replace the interconnections', params: IdParam, body: LinkList, response: { 200: SystemDetail } } },
    async (req) => service.replaceLinks(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/systems/:id/history',
    {
      schema: {
        tags,
        summary: 'Audit trail of the system, its software, links, requirements and dossiers',
        params: IdParam,
        response: { 200: z.array(AuditEntry) },
      },
    },
    async (req) => service.systemHistory(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/systems/:id/classification',
    {
      schema: {
        tags,
        summary: 'Record the classification answers and the proposed level',
        params: IdParam,
        body: ClassificationBody,
        response: { 200: z.object({ system: SystemDetail, computedLevel: z.number(), reasons: LevelResult.shape.reasons }) },
      },
    },
    async (req) => service.classify(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/agencies/:id/systems-stats',
    {
      schema: {
        tags,
        summary: 'Systems of an agency and its subtree: by level, approved, plan deployed, compliance',
        params: IdParam,
        response: { 200: SystemsStats },
      },
    },
    async (req) => service.systemsStats(db, actorOf(req), req.params.id),
  );
}
