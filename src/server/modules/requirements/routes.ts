import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { readUpload } from '../../http/upload.ts';
import { isoDate, IdParam, optionalText, id, idText } from '../../../shared/core/schemas.ts';
import { REQUIREMENT_CONDITIONS, REQUIREMENT_STATUSES, type RequirementStatus } from '../../../shared/requirements/compliance.ts';
import { Attachment } from '../../../shared/dossiers/schemas.ts';
import { assert } from '../../auth/scope.ts';
import { saveFile } from '../files/index.ts';
import { findSystem } from '../systems/index.ts';
import * as service from './service.ts';
import type { systemRequirements } from './schema.ts';
import { mayTrack } from './access.ts';

const Requirement = z.object({
  id: z.string(),
  group: z.string(),
  area: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  descriptionVi: z.string(),
  levels: z.array(z.number()),
  /** Applies only when this holds for the system besides its level (REQUIREMENT_CONDITIONS). */
  condition: z.enum(REQUIREMENT_CONDITIONS).nullable(),
  reference: z.string(),
  sort: z.number(),
});
const Tracked = z.object({
  requirementId: z.string(),
  group: z.string(),
  area: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  descriptionVi: z.string(),
  reference: z.string(),
  /** The law or directive that makes it a minimum requirement; "not applicable" never excuses one. */
  basis: z.string().nullable(),
  minimum: z.boolean(),
  condition: z.enum(REQUIREMENT_CONDITIONS).nullable(),
  status: z.enum(REQUIREMENT_STATUSES),
  reason: z.string().nullable(),
  /** When the "not applicable" was approved, and by whom; null while it awaits approval. */
  notApplicableApprovedAt: z.string().nullable(),
  notApplicableApprovedByName: z.string().nullable(),
  ownerUserId: z.number().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  lastVerifiedOn: z.string().nullable(),
  note: z.string().nullable(),
  evidenceCount: z.number(),
});
/** One requirement of a system as stored. */
const Tracking = z.object({
  systemId: z.number(),
  requirementId: z.string(),
  status: z.enum(REQUIREMENT_STATUSES),
  reason: z.string().nullable(),
  notApplicableApprovedBy: z.number().nullable(),
  notApplicableApprovedAt: z.string().nullable(),
  ownerUserId: z.number().nullable(),
  dueOn: z.string().nullable(),
  lastVerifiedOn: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
const presentTracking = (row: typeof systemRequirements.$inferSelect) => ({
  ...row,
  status: row.status as RequirementStatus,
  notApplicableApprovedAt: row.notApplicableApprovedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
});
const Decision = z.object({ approve: z.boolean(), note: optionalText(2000) });
const nullableDate = z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional());
const Patch = z.object({
  status: z.enum(REQUIREMENT_STATUSES).optional(),
  reason: optionalText(2000),
  ownerUserId: id().nullable().optional(),
  dueOn: nullableDate,
  lastVerifiedOn: nullableDate,
  note: optionalText(5000),
});
const ReqParams = z.object({ id: idText(), requirementId: z.string().max(50) });

export async function requirementRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requirements'];

  r.get(
    '/api/requirements',
    { schema: { tags, summary: 'The baseline requirement catalog (TCVN 11930:2017 groups)', response: { 200: z.array(Requirement) } } },
    async () => service.listCatalog(db),
  );

  r.get(
    '/api/systems/:id/requirements',
    {
      schema: {
        tags,
        summary: "The requirements of the system's level and their status",
        params: IdParam,
        response: {
          200: z.object({
            level: z.number().nullable(),
            applicable: z.number(),
            met: z.number(),
            compliancePercent: z.number().nullable(),
            can: z.object({ track: z.boolean(), approveNotApplicable: z.boolean() }),
            items: z.array(Tracked),
          }),
        },
      },
    },
    async (req) => service.listSystemRequirements(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/systems/:id/requirements/:requirementId',
    {
      schema: { tags, summary: 'Update status, owner, due date, verification of one requirement', params: ReqParams, body: Patch, response: { 200: Tracking } },
    },
    async (req) => presentTracking(await service.updateSystemRequirement(db, actorOf(req), req.params.id, req.params.requirementId, req.body)),
  );

  r.post(
    '/api/systems/:id/requirements/:requirementId/not-applicable-decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject a "not applicable" and its reason (rejected: back to not started, with the note saying why)',
        params: ReqParams,
        body: Decision,
        response: { 200: Tracking },
      },
    },
    async (req) => presentTracking(await service.decideNotApplicable(db, actorOf(req), req.params.id, req.params.requirementId, req.body)),
  );

  r.get(
    '/api/systems/:id/requirements/:requirementId/evidence',
    {
      schema: { tags, summary: 'Evidence files of one requirement', params: ReqParams, response: { 200: z.array(Attachment) } },
    },
    async (req) => {
      await findSystem(db, actorOf(req), req.params.id);
      await service.requireTracked(db, req.params.id, req.params.requirementId);
      const rows = await service.listEvidence(db, req.params.id, req.params.requirementId);
      return rows.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() }));
    },
  );

  r.post(
    '/api/systems/:id/requirements/:requirementId/evidence',
    {
      schema: {
        tags,
        summary: 'Attach evidence (multipart field "file")',
        params: ReqParams,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { target: system, ...upload } = await readUpload(req, async () => {
        const s = await findSystem(db, actor, req.params.id);
        assert(mayTrack(actor, s));
        return s;
      });
      const saved = await db.transaction(async (tx) => {
        await service.requireTracked(tx, req.params.id, req.params.requirementId);
        return saveFile(tx, actor, config.filesDir, {
          agencyId: system.agencyId,
          entity: 'system_requirement',
          entityId: `${req.params.id}:${req.params.requirementId}`,
          name: upload.name,
          data: upload.data,
        });
      });
      return reply.code(201).send({ ...saved, uploadedAt: saved.uploadedAt.toISOString() });
    },
  );
}
