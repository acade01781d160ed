import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam, idText, intText } from '../../../shared/core/schemas.ts';
import {
  AnswerBody,
  Attachment,
  FeedImportResult,
  FeedImportStatus,
  FeedRunSummary,
  ItemDetail,
  ItemListQuery,
  ItemSummary,
  MatchResult,
  SystemFacts,
  SystemFactsQuery,
  WarningDetail,
  WarningInput,
  WarningList,
  WarningListQuery,
  WarningPatch,
  WarningsStats,
} from '../../../shared/warnings/schemas.ts';
import { saveFile } from '../files/index.ts';
import * as warnings from './service.ts';
import * as items from './items.ts';
import { assertMayImportFeed, importFeed } from './feed-import.ts';
import { listSystemFacts, warningsStats } from './facts.ts';
import { feedImportStatus, runFeedSourcesNow } from './feed-sources.ts';

/** Warnings and remediation items, and the security facts of systems. */
export async function warningRoutes(app: FastifyInstance, deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings'];

  r.get(
    '/api/warnings',
    {
      schema: {
        tags,
        summary: "Warnings from the authorities with remediation progress in the caller's scope",
        querystring: WarningListQuery,
        response: { 200: WarningList },
      },
    },
    async (req) => warnings.listWarnings(db, actorOf(req), req.query),
  );

  r.post(
    '/api/warnings',
    {
      schema: {
        tags,
        summary: 'Record a warning; matching inventories opens one remediation item per affected system',
        body: WarningInput,
        response: { 201: WarningDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await warnings.createWarning(db, actorOf(req), req.body)),
  );

  r.post(
    '/api/warnings/import',
    {
      schema: {
        tags,
        summary:
          'Import warnings from a feed file (multipart field "file"): CISA KEV (JSON, CSV), NVD CVE API 2.0, CSAF 2.0, OSV or the province list (CSV, JSON), recognised by content; all entries or none; known ones skipped; KEV CVEs recorded as exploited',
        consumes: ['multipart/form-data'],
        response: { 200: FeedImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => assertMayImportFeed(actor));
      return importFeed(db, actor, upload.data, upload.name);
    },
  );

  r.get(
    '/api/admin/feed-imports',
    {
      schema: {
        tags,
        summary: 'The scheduled warning feed sources (folder, URLs) as configured, and the files taken from them, newest first',
        querystring: z.object({ limit: intText(1, 200).default(50), offset: intText(0).default(0) }),
        response: { 200: FeedImportStatus },
      },
    },
    async (req) => feedImportStatus(db, config, actorOf(req), req.query),
  );

  r.post(
    '/api/admin/feed-imports/run',
    {
      schema: {
        tags,
        summary: 'Take the feed sources now, as the caller: new files are imported, files met before are left alone',
        response: { 200: FeedRunSummary },
      },
    },
    async (req) => runFeedSourcesNow(db, config, actorOf(req), req.log),
  );

  r.get(
    '/api/warnings/stats',
    {
      schema: {
        tags,
        summary: 'Items answered/overdue, systems scanned in 6 months, assessments on schedule, open findings, inspection tasks',
        querystring: z.object({ agencyId: idText().optional() }),
        response: { 200: WarningsStats },
      },
    },
    async (req) => warningsStats(db, actorOf(req), req.query.agencyId),
  );

  r.get(
    '/api/warnings/system-facts',
    {
      schema: {
        tags,
        summary: 'Per system: last scan, scan due and overdue, next assessment due and overdue, open findings and items',
        querystring: SystemFactsQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(SystemFacts) }) },
      },
    },
    async (req) => listSystemFacts(db, actorOf(req), req.query),
  );

  r.get(
    '/api/warnings/:id',
    {
      schema: {
        tags,
        summary: "A warning, its products, progress by agency and the items in the caller's scope",
        params: IdParam,
        response: { 200: WarningDetail },
      },
    },
    async (req) => warnings.getWarning(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/warnings/:id',
    {
      schema: {
        tags,
        summary: 'Edit a warning (new products or ranges open items for newly affected systems)',
        params: IdParam,
        body: WarningPatch,
        response: { 200: WarningDetail },
      },
    },
    async (req) => warnings.updateWarning(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/warnings/:id/rematch',
    {
      schema: { tags, summary: 'Match the warning against the current inventories again', params: IdParam, response: { 200: MatchResult } },
    },
    async (req) => warnings.rematchWarning(db, actorOf(req), req.params.id),
  );

  r.get(
    '/api/remediation-items',
    {
      schema: {
        tags,
        summary: "Remediation items in the caller's scope, overdue first",
        querystring: ItemListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(ItemSummary) }) },
      },
    },
    async (req) => items.listItems(db, actorOf(req), req.query),
  );

  r.get(
    '/api/remediation-items/:id',
    {
      schema: { tags, summary: 'A remediation item with its answer and evidence', params: IdParam, response: { 200: ItemDetail } },
    },
    async (req) => items.getItem(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/remediation-items/:id/response',
    {
      schema: {
        tags,
        summary: "The owner's answer: patched, mitigated (how), not affected (why) or accepted risk (approved by whom)",
        params: IdParam,
        body: AnswerBody,
        response: { 200: ItemDetail },
      },
    },
    async (req) => items.answerItem(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/remediation-items/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Attach evidence (PDF, DOCX, XLSX or image; multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target, name, data } = await readUpload(req, () => items.evidenceTarget(db, actor, req.params.id));
      const saved = await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...target, name, data }));
      return reply.code(201).send({ ...saved, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );
}
