import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { fileDownload } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  AssignmentDetail,
  Directive,
  DirectiveInput,
  DirectivePatch,
  DirectiveSummary,
  ProgressInput,
  ReviewInput,
  TaskEvidence,
  TaskInput,
  TaskList,
  TaskListQuery,
  TaskPatch,
} from '../../../shared/directives/schemas.ts';
import { ATTACHMENT_TYPES, saveFile } from '../files/index.ts';
import * as directives from './service.ts';
import * as assignments from './assignments.ts';
import { attachment } from '../../http/download.ts';

/** Directives, tasks and progress. */
export async function directiveRoutes(app: FastifyInstance, deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directives'];

  r.get(
    '/api/directives',
    {
      schema: {
        tags,
        summary: "Directives with tasks for the caller's agencies (all of them for the security unit)",
        response: { 200: z.array(DirectiveSummary) },
      },
    },
    async (req) => directives.listDirectives(db, actorOf(req)),
  );

  r.post(
    '/api/directives',
    { schema: { tags, summary: 'Enter a directive (chỉ thị, công văn, công điện, kế hoạch)', body: DirectiveInput, response: { 201: Directive } } },
    async (req, reply) => reply.code(201).send(await directives.createDirective(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/directives/:id',
    { schema: { tags, summary: 'A directive, its tasks and the assignments the caller may see', params: IdParam, response: { 200: Directive } } },
    async (req) => directives.getDirective(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/directives/:id',
    { schema: { tags, summary: 'Edit a directive', params: IdParam, body: DirectivePatch, response: { 200: Directive } } },
    async (req) => directives.updateDirective(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/directives/:id/file',
    {
      schema: {
        tags,
        summary: 'Attach the directive\'s document (PDF or DOCX, multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: TaskEvidence },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target, name, data } = await readUpload(req, () => directives.directiveFileTarget(db, actor, req.params.id));
      const saved = await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...target, name, data }));
      return reply.code(201).send({ ...saved, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );

  r.get(
    '/api/directives/:id/file',
    {
      schema: {
        tags,
        summary: "Download the directive's document",
        params: IdParam,
        response: { 200: fileDownload('The document as it was attached', ATTACHMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // The document belongs to the directive, readable by whoever sees the directive (not only the uploader's agency).
      const file = await directives.directiveFile(db, actor, req.params.id);
      const data = await readFile(path.join(config.filesDir, file.storageKey));
      return reply
        .header('content-type', file.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', attachment(file.name))
        .send(data);
    },
  );

  r.post(
    '/api/directives/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task, assigned to agencies by name or by kind, with its deadline rule',
        params: IdParam,
        body: TaskInput,
        response: { 201: Directive },
      },
    },
    async (req, reply) => reply.code(201).send(await directives.createTask(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/tasks/:id',
    { schema: { tags, summary: 'Edit a task, its deadline or its agencies, or withdraw it', params: IdParam, body: TaskPatch, response: { 200: Directive } } },
    async (req) => directives.updateTask(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/tasks',
    { schema: { tags, summary: "Task assignments of the caller's agencies, overdue first", querystring: TaskListQuery, response: { 200: TaskList } } },
    async (req) => assignments.listTasks(db, actorOf(req), req.query),
  );

  r.get(
    '/api/task-assignments/:id',
    { schema: { tags, summary: "One agency's task: deadline, reports, evidence", params: IdParam, response: { 200: AssignmentDetail } } },
    async (req) => assignments.getAssignment(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/task-assignments/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Upload an evidence file for a task (multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: TaskEvidence },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target, name, data } = await readUpload(req, () => assignments.evidenceTarget(db, actor, req.params.id));
      const saved = await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...target, name, data }));
      return reply.code(201).send({ ...saved, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );

  r.post(
    '/api/task-assignments/:id/reports',
    {
      schema: {
        tags,
        summary: 'Report progress (in progress, or done for review) with a comment and evidence',
        params: IdParam,
        body: ProgressInput,
        response: { 201: AssignmentDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await assignments.reportProgress(db, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/task-reports/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept a report (next occurrence or completed) or return it with reasons',
        params: IdParam,
        body: ReviewInput,
        response: { 200: AssignmentDetail },
      },
    },
    async (req) => assignments.reviewReport(db, actorOf(req), req.params.id, req.body),
  );
}
