import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { uploadForm } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { invalid } from '../../http/errors.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  Attachment,
  Finding,
  FindingAssignment,
  FindingDetail,
  FindingBulk,
  FindingBulkResult,
  FindingList,
  FindingListQuery,
  FindingsQuery,
  FindingTransition,
  OverdueByAgency,
  Scan,
  ScanDetail,
  ScanImportFields,
  ScanImportResult,
  ScanInput,
} from '../../../shared/warnings/schemas.ts';
import * as service from './service.ts';
import * as work from './finding-work.ts';
import { saveFile } from '../files/index.ts';

export async function scanRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
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

  r.get(
    '/api/findings',
    {
      schema: {
        tags,
        summary: 'Findings in scope (still owed by default), worst first, filtered by agency, system, severity, assignee, overdue, KEV',
        querystring: FindingListQuery,
        response: { 200: FindingList },
      },
    },
    async (req) => work.listAllFindings(db, actorOf(req), req.query),
  );

  r.get(
    '/api/findings/overdue-by-agency',
    {
      schema: {
        tags,
        summary: 'Overdue findings by agency (security unit province-wide, agency leaders over their subtree)',
        response: { 200: OverdueByAgency },
      },
    },
    async (req) => work.overdueByAgency(db, actorOf(req)),
  );

  r.get(
    '/api/findings/:id',
    {
      schema: {
        tags,
        summary: 'A finding with its due date, assignee, exception, linked warnings and evidence files',
        params: IdParam,
        response: { 200: FindingDetail },
      },
    },
    async (req) => work.getFinding(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/findings/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Attach evidence of a fix made by hand (PDF, DOCX, XLSX or image; multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target, name, data } = await readUpload(req, () => work.findingEvidenceTarget(db, actor, req.params.id));
      const saved = await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...target, name, data }));
      return reply.code(201).send({ ...saved, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );

  r.post(
    '/api/findings/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a finding: confirm, start remediation, mark fixed (evidence), false positive or accepted risk (reason, approver, expiry), reopen',
        params: IdParam,
        body: FindingTransition,
        response: { 200: Finding },
      },
    },
    async (req) => work.transitionFinding(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/findings/:id/assignee',
    {
      schema: {
        tags,
        summary: 'Assign a finding to a user of its agency (null: nobody)',
        params: IdParam,
        body: FindingAssignment,
        response: { 200: Finding },
      },
    },
    async (req) => work.assignFinding(db, actorOf(req), req.params.id, req.body.assigneeUserId),
  );

  r.post(
    '/api/findings/bulk',
    {
      schema: {
        tags,
        summary: 'One action on selected findings (assign, confirm, start remediation, false positive, accepted risk), all or nothing',
        body: FindingBulk,
        response: { 200: FindingBulkResult },
      },
    },
    async (req) => work.bulkFindings(db, actorOf(req), req.body),
  );
}
