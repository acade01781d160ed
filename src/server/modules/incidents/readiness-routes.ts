import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { readUpload } from '../../http/upload.ts';
import { IdParam } from '../../../shared/core/schemas.ts';
import {
  CertificateInput,
  Exercise,
  ExerciseInput,
  ExerciseListQuery,
  ExercisePatch,
  MemberInput,
  MemberPatch,
  Plan,
  PlanInput,
  PlanListQuery,
  PlanPatch,
  Readiness,
  ReadinessQuery,
  Roster,
} from '../../../shared/incidents/readiness-schemas.ts';
import { assertPlanEditable, attachPlanFile, createPlan, getPlan, listPlans, updatePlan } from './plans.ts';
import { createExercise, getExercise, listExercises, updateExercise } from './exercises.ts';
import { addMember, getRoster, replaceCertificates, updateMember } from './team.ts';
import { readiness } from './readiness.ts';

/** Readiness for incidents: response plans and playbooks, exercises, the response team roster. */
export function readinessRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incident readiness'];

  r.get(
    '/api/incidents/readiness',
    {
      schema: {
        tags,
        summary: 'Per-system facts: current response plan, playbooks, last exercise, overdue flags; team strength (for the dashboard)',
        querystring: ReadinessQuery,
        response: { 200: Readiness },
      },
    },
    async (req) => readiness(db, actorOf(req), req.query.agencyId),
  );

  r.get(
    '/api/response-plans',
    { schema: { tags, summary: "Response plans and playbooks in the caller's scope", querystring: PlanListQuery, response: { 200: z.array(Plan) } } },
    async (req) => listPlans(db, actorOf(req), req.query),
  );
  r.post(
    '/api/response-plans',
    { schema: { tags, summary: 'Register a response plan or playbook of a system', body: PlanInput, response: { 201: Plan } } },
    async (req, reply) => reply.code(201).send(await createPlan(db, actorOf(req), req.body)),
  );
  r.get('/api/response-plans/:id', { schema: { tags, summary: 'One plan document', params: IdParam, response: { 200: Plan } } }, async (req) =>
    getPlan(db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/response-plans/:id',
    { schema: { tags, summary: 'Edit a plan (new version, review dates)', params: IdParam, body: PlanPatch, response: { 200: Plan } } },
    async (req) => updatePlan(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/response-plans/:id/file',
    {
      schema: {
        tags,
        summary: 'Attach the plan document (PDF or DOCX, multipart field "file")',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 200: Plan },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { name, data } = await readUpload(req, () => assertPlanEditable(db, actor, req.params.id));
      return attachPlanFile(db, actor, config.filesDir, req.params.id, { name, data });
    },
  );

  r.get(
    '/api/response-exercises',
    { schema: { tags, summary: "Exercises in the caller's scope, newest first", querystring: ExerciseListQuery, response: { 200: z.array(Exercise) } } },
    async (req) => listExercises(db, actorOf(req), req.query),
  );
  r.post(
    '/api/response-exercises',
    { schema: { tags, summary: 'Record an exercise and the systems that took part', body: ExerciseInput, response: { 201: Exercise } } },
    async (req, reply) => reply.code(201).send(await createExercise(db, actorOf(req), req.body)),
  );
  r.get('/api/response-exercises/:id', { schema: { tags, summary: 'One exercise', params: IdParam, response: { 200: Exercise } } }, async (req) =>
    getExercise(db, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/response-exercises/:id',
    { schema: { tags, summary: 'Edit an exercise (outcome, findings, systems)', params: IdParam, body: ExercisePatch, response: { 200: Exercise } } },
    async (req) => updateExercise(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/response-team',
    { schema: { tags, summary: 'The provincial response team roster with certificates and strength', response: { 200: Roster } } },
    async (req) => getRoster(db, actorOf(req)),
  );
  r.post(
    '/api/response-team',
    { schema: { tags, summary: 'Add a team member (specialized security unit)', body: MemberInput, response: { 201: Roster } } },
    async (req, reply) => reply.code(201).send(await addMember(db, actorOf(req), req.body)),
  );
  r.patch(
    '/api/response-team/:id',
    { schema: { tags, summary: 'Edit a team member', params: IdParam, body: MemberPatch, response: { 200: Roster } } },
    async (req) => updateMember(db, actorOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/response-team/:id/certificates',
    {
      schema: { tags, summary: "Replace a member's skill certificates", params: IdParam, body: z.array(CertificateInput).max(30), response: { 200: Roster } },
    },
    async (req) => replaceCertificates(db, actorOf(req), req.params.id, req.body),
  );
}
