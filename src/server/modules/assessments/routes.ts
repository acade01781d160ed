import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  Assessment,
  AssessmentInput,
  Attachment,
  InspectionDetail,
  InspectionInput,
  InspectionPatch,
  InspectionSummary,
  InspectionTask,
  MonitoringProviderBody,
  SystemSecurity,
  TaskInput,
  TaskPatch,
} from '../../../shared/warnings/schemas.ts';
import type { Actor } from '../../auth/actor.ts';
import type { FastifyRequest } from 'fastify';
import { saveFile } from '../files/index.ts';
import { systemSecurity } from '../warnings/index.ts';
import * as assessments from './service.ts';
import * as inspections from './inspections.ts';

/** Assessments, monitoring providers and inspection rounds. */
export async function assessmentRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];

  /** Saves the single uploaded file against a record the actor may attach to. */
  const attach = async (req: FastifyRequest, target: (actor: Actor) => Promise<{ agencyId: number; entity: string; entityId: string }>) => {
    const actor = actorOf(req);
    const { target: where, name, data } = await readUpload(req, () => target(actor));
    const saved = await db.transaction((tx) => saveFile(tx, actor, config.filesDir, { ...where, name, data }));
    return { ...saved, uploadedAt: saved.uploadedAt.toISOString() };
  };

  r.get(
    '/api/systems/:id/security',
    {
      schema: {
        tags,
        summary: "A system's scan and assessment schedule, monitoring provider, open findings and items",
        params: IdParam,
        response: { 200: SystemSecurity },
      },
    },
    async (req) => systemSecurity(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/systems/:id/monitoring-provider',
    {
      schema: {
        tags,
        summary: 'Name the professional monitoring provider of a system (an outside organization), or none',
        params: IdParam,
        body: MonitoringProviderBody,
        response: { 200: SystemSecurity },
      },
    },
    async (req) => assessments.setMonitoringProvider(db, actorOf(req), req.params.id, req.body.monitoringProviderAgencyId),
  );

  r.get(
    '/api/systems/:id/assessments',
    {
      schema: { tags, summary: 'Independent assessments of a system, newest first', params: IdParam, response: { 200: z.array(Assessment) } },
    },
    async (req) => assessments.listAssessments(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/systems/:id/assessments',
    {
      schema: {
        tags,
        summary: "Record an assessment (the assessor must not be the system's monitoring provider or operator)",
        params: IdParam,
        body: AssessmentInput,
        response: { 201: Assessment },
      },
    },
    async (req, reply) => reply.code(201).send(await assessments.createAssessment(db, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/assessments/:id/report',
    {
      schema: {
        tags,
        summary: 'Attach the assessment report (multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => reply.code(201).send(await attach(req, (actor) => assessments.reportTarget(db, actor, req.params.id))),
  );

  const itags = ['inspections'];
  r.get(
    '/api/inspections',
    {
      schema: {
        tags: itags,
        summary: "Compliance inspection rounds: all for the security unit, those inspecting the caller's scope otherwise",
        response: { 200: z.array(InspectionSummary) },
      },
    },
    async (req) => inspections.listInspections(db, actorOf(req)),
  );

  r.post(
    '/api/inspections',
    {
      schema: { tags: itags, summary: 'Plan an inspection round and the agencies it inspects', body: InspectionInput, response: { 201: InspectionDetail } },
    },
    async (req, reply) => reply.code(201).send(await inspections.createInspection(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/inspections/:id',
    {
      schema: {
        tags: itags,
        summary: "An inspection round with the inspected agencies and tasks in the caller's scope",
        params: IdParam,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => inspections.getInspection(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/inspections/:id',
    {
      schema: {
        tags: itags,
        summary: 'Edit a round: plan, dates, status, inspected agencies and conclusions',
        params: IdParam,
        body: InspectionPatch,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => inspections.updateInspection(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/inspections/:id/tasks',
    {
      schema: {
        tags: itags,
        summary: 'Turn a finding into a task for an inspected agency, with a deadline',
        params: IdParam,
        body: TaskInput,
        response: { 201: InspectionTask },
      },
    },
    async (req, reply) => reply.code(201).send(await inspections.addTask(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/inspection-tasks/:id',
    {
      schema: {
        tags: itags,
        summary: 'Report a task done (or reopen it); the unit may also change finding, action and deadline',
        params: IdParam,
        body: TaskPatch,
        response: { 200: InspectionTask },
      },
    },
    async (req) => inspections.updateTask(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/inspection-tasks/:id/evidence',
    {
      schema: {
        tags: itags,
        summary: 'Attach evidence of a task (multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => reply.code(201).send(await attach(req, (actor) => inspections.taskEvidenceTarget(db, actor, req.params.id))),
  );
}
