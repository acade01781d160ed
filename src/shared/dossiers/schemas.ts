import { z } from 'zod';
import { Can, isoDate, optionalText, id, text } from '../core/schemas.ts';
import { DOSSIER_ACTIONS, DOSSIER_STATES } from './workflow.ts';

export const DossierPatch = z.object({
  description: optionalText(20_000),
  securityPlan: optionalText(100_000),
});

export const TransitionBody = z.object({
  action: z.enum(DOSSIER_ACTIONS),
  comment: optionalText(5000),
  decisionNumber: optionalText(100),
  decisionDate: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  decisionAuthority: optionalText(300),
  decisionFileId: id().nullable().optional(),
});

const Attachment = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

export const ApprovalRule = z.object({
  level: z.number(), appraiserKind: z.string(), appraiserDesignation: z.string().nullable(), appraiserNameVi: z.string(),
  appraiserNameEn: z.string(), approverKind: z.string(), approverNameVi: z.string(), approverNameEn: z.string(), reference: z.string(),
});

export const ApprovalRuleInput = z.object({
  appraiserKind: z.enum(['internal', 'external']),
  appraiserDesignation: z.string().max(50).nullable(),
  appraiserNameVi: text(300, 2),
  appraiserNameEn: text(300, 2),
  approverKind: z.enum(['owner', 'external']),
  approverNameVi: text(300, 2),
  approverNameEn: text(300, 2),
  reference: text(300, 2),
});

export const Dossier = z.object({
  id: z.number(),
  systemId: z.number(),
  systemName: z.string(),
  systemCode: z.string(),
  agencyId: z.number(),
  state: z.enum(DOSSIER_STATES),
  computedLevel: z.number(),
  proposedLevel: z.number(),
  justification: z.string().nullable(),
  classification: z.unknown(),
  description: z.string().nullable(),
  securityPlan: z.string().nullable(),
  appraisalOpinion: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionAuthority: z.string().nullable(),
  decisionFileId: z.number().nullable(),
  submissions: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rule: ApprovalRule,
  /** edit: the description and security plan (draft or returned, the owner); attach: any party to the dossier. */
  can: Can('edit', 'attach'),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  events: z.array(z.object({
    id: z.number(), action: z.string(), fromState: z.string().nullable(), toState: z.string(), actorUserId: z.number().nullable(),
    actorName: z.string().nullable(), comment: z.string().nullable(), at: z.string(),
  })),
  attachments: z.array(Attachment),
});

export const DossierSummary = z.object({
  id: z.number(), state: z.enum(DOSSIER_STATES), proposedLevel: z.number(), decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});

export const QueueItem = z.object({
  id: z.number(), systemId: z.number(), systemName: z.string(), systemCode: z.string(), agencyName: z.string(),
  state: z.enum(DOSSIER_STATES), proposedLevel: z.number(), computedLevel: z.number(), submissions: z.number(),
  updatedAt: z.string(), allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
});

export { Attachment };
