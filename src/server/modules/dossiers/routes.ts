import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { fileDownload, MEDIA } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam, intText } from '../../../shared/core/schemas.ts';
import {
  ApprovalRule,
  ApprovalRuleInput,
  AttachmentQuery,
  DossierAttachment,
  Dossier,
  DossierPatch,
  DossierSummary,
  QueueItem,
  TransitionBody,
} from '../../../shared/dossiers/schemas.ts';
import { saveFile } from '../files/index.ts';
import { renderDossierDocx } from './document.ts';
import * as service from './service.ts';
import { pdfRoute } from '../../documents/pdf-route.ts';
import { attachment } from '../../http/download.ts';

export async function dossierRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dossiers'];

  r.get(
    '/api/systems/:id/dossiers',
    { schema: { tags, summary: 'Level dossiers of a system, newest first', params: IdParam, response: { 200: z.array(DossierSummary) } } },
    async (req) => service.listSystemDossiers(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/systems/:id/dossiers',
    { schema: { tags, summary: 'Open a level proposal dossier from the current classification', params: IdParam, response: { 201: Dossier } } },
    async (req, reply) => reply.code(201).send(await service.createDossier(db, actorOf(req), req.params.id)),
  );

  r.get(
    '/api/dossiers/:id',
    { schema: { tags, summary: 'A dossier with its history and what the caller may do', params: IdParam, response: { 200: Dossier } } },
    async (req) => service.getDossier(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/dossiers/:id',
    {
      schema: {
        tags,
        summary: 'Edit the description and the security plan (draft or returned only)',
        params: IdParam,
        body: DossierPatch,
        response: { 200: Dossier },
      },
    },
    async (req) => service.updateDossier(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/dossiers/:id/transitions',
    {
      schema: {
        tags,
        summary: "Ask for or give the specialized unit's opinion, submit, take for appraisal, appraise, record the level-5 list, approve or return",
        params: IdParam,
        body: TransitionBody,
        response: { 200: Dossier },
      },
    },
    async (req) => service.transition(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/dossiers/:id/files',
    {
      schema: {
        tags,
        summary: 'Attach a PDF, DOCX or image (multipart field "file"), optionally as a part of the dossier (Art. 15)',
        params: IdParam,
        querystring: AttachmentQuery,
        consumes: ['multipart/form-data'],
        response: { 201: DossierAttachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { part } = req.query;
      const { target, name, data } = await readUpload(req, () => service.attachmentTarget(db, actor, req.params.id));
      const saved = await db.transaction(async (tx) => {
        const file = await saveFile(tx, actor, config.filesDir, { ...target, name, data });
        if (part) await service.markAttachment(tx, req.params.id, file.id, part);
        return file;
      });
      return reply.code(201).send({ ...saved, part: part ?? null, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );

  r.get(
    '/api/dossiers/:id/docx',
    {
      schema: {
        tags,
        summary: 'The dossier as a Word document in the Decree 30/2020 layout',
        params: IdParam,
        response: { 200: fileDownload('The Word document', [MEDIA.docx]) },
      },
    },
    async (req, reply) => {
      const { name, data } = await renderDossierDocx(db, actorOf(req), req.params.id);
      return reply.header('content-type', MEDIA.docx).header('content-disposition', attachment(name)).send(data);
    },
  );
  pdfRoute(app, '/api/dossiers/:id/pdf', { tags, what: 'The dossier', render: (req) => renderDossierDocx(db, actorOf(req), req.params.id) });

  r.get(
    '/api/approvals',
    { schema: { tags, summary: 'Dossiers awaiting the caller (appraisal or approval)', response: { 200: z.array(QueueItem) } } },
    async (req) => service.approvalQueue(db, actorOf(req)),
  );

  r.get(
    '/api/approval-matrix',
    { schema: { tags, summary: 'Who appraises and approves each level (Decree 85/2016 Articles 12, 14)', response: { 200: z.array(ApprovalRule) } } },
    async () => service.listApprovalRules(db),
  );

  r.put(
    '/api/approval-matrix/:level',
    {
      schema: {
        tags,
        summary: 'Change who appraises and approves a level',
        params: z.object({ level: intText(1, 5) }),
        body: ApprovalRuleInput,
        response: { 200: ApprovalRule },
      },
    },
    async (req) =>
      service.updateApprovalRule(db, actorOf(req), req.params.level, {
        ...req.body,
        listApproverNameVi: req.body.listApproverNameVi ?? null,
        listApproverNameEn: req.body.listApproverNameEn ?? null,
      }),
  );
}
