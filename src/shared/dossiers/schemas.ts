import { z } from 'zod';
import { Can, isoDate, optionalText, id, text } from '../core/schemas.ts';
import { DOSSIER_ACTIONS, DOSSIER_STATES } from './workflow.ts';
import { APPRAISER_KINDS, APPROVER_KINDS } from './matrix.ts';
import { ATTACHABLE_PARTS, DOSSIER_PARTS } from './contents.ts';
import { DOSSIER_STAGES } from './deadlines.ts';

export const DossierPatch = z.object({
  description: optionalText(20_000),
  securityPlan: optionalText(100_000),
});

/**
 * One move of the workflow. `comment` is the reason of a return, the text of the specialized unit's opinion, or the
 * reasons of an appraisal; `agreed` says whether the appraisal agrees with the proposed level. The decision fields
 * hold the document the move records: the appraisal's, the Prime Minister's list's or the approval's.
 */
export const TransitionBody = z.object({
  action: z.enum(DOSSIER_ACTIONS),
  comment: optionalText(5000),
  agreed: z.boolean().optional(),
  decisionNumber: optionalText(100),
  decisionDate: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  decisionAuthority: optionalText(300),
  decisionFileId: id().nullable().optional(),
});

const Attachment = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });
/** A dossier attachment and the part of the dossier it is, if marked. */
export const DossierAttachment = Attachment.extend({ part: z.enum(ATTACHABLE_PARTS).nullable() });

/** Which part of the dossier (Art. 15) an upload is: `?part=design`. */
export const AttachmentQuery = z.object({ part: z.enum(ATTACHABLE_PARTS).optional() });

export const ApprovalRule = z.object({
  level: z.number(),
  appraiserKind: z.enum(APPRAISER_KINDS),
  appraiserDesignation: z.string(),
  appraiserNameVi: z.string(),
  appraiserNameEn: z.string(),
  approverKind: z.enum(APPROVER_KINDS),
  approverNameVi: z.string(),
  approverNameEn: z.string(),
  opinionRequired: z.boolean(),
  listApproverNameVi: z.string().nullable(),
  listApproverNameEn: z.string().nullable(),
  reference: z.string(),
});

export const ApprovalRuleInput = z.object({
  appraiserKind: z.enum(APPRAISER_KINDS),
  appraiserDesignation: z.string().min(1).max(50),
  appraiserNameVi: text(300, 2),
  appraiserNameEn: text(300, 2),
  approverKind: z.enum(APPROVER_KINDS),
  approverNameVi: text(300, 2),
  approverNameEn: text(300, 2),
  opinionRequired: z.boolean(),
  listApproverNameVi: optionalText(300),
  listApproverNameEn: optionalText(300),
  reference: text(300, 2),
});

/** A time limit of the latest submission (src/shared/dossiers/deadlines.ts), with its source in the official wording. */
export const DossierDeadline = z.object({
  stage: z.enum(DOSSIER_STAGES),
  days: z.number(),
  unit: z.enum(['working', 'calendar']),
  reference: z.string(),
  referenceEn: z.string(),
  startedOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  status: z.enum(['running', 'overdue', 'met', 'late']),
  provisional: z.boolean(),
});

/** A part of the dossier (Art. 15) and whether it is there. */
const DossierContentsPart = z.object({
  part: z.enum(DOSSIER_PARTS),
  required: z.boolean(),
  present: z.boolean(),
  via: z.enum(['section', 'attachment', 'classification']).nullable(),
  variant: z.enum(['project', 'running']).nullable(),
  reference: z.string(),
  referenceEn: z.string(),
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
  opinion: z.string().nullable(),
  opinionFileId: z.number().nullable(),
  appraisalAgreed: z.boolean().nullable(),
  appraisalOpinion: z.string().nullable(),
  appraisalNumber: z.string().nullable(),
  appraisalDate: z.string().nullable(),
  appraisalFileId: z.number().nullable(),
  listDecisionNumber: z.string().nullable(),
  listDecisionDate: z.string().nullable(),
  listDecisionFileId: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionAuthority: z.string().nullable(),
  decisionFileId: z.number().nullable(),
  submissions: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rule: ApprovalRule,
  contents: z.array(DossierContentsPart),
  deadlines: z.array(DossierDeadline),
  /** edit: the description and security plan (draft or returned, the owner); attach: any party to the dossier. */
  can: Can('edit', 'attach'),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  events: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorUserId: z.number().nullable(),
      actorName: z.string().nullable(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
  attachments: z.array(DossierAttachment),
});

export const DossierSummary = z.object({
  id: z.number(),
  state: z.enum(DOSSIER_STATES),
  proposedLevel: z.number(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const QueueItem = z.object({
  id: z.number(),
  systemId: z.number(),
  systemName: z.string(),
  systemCode: z.string(),
  agencyName: z.string(),
  state: z.enum(DOSSIER_STATES),
  proposedLevel: z.number(),
  computedLevel: z.number(),
  submissions: z.number(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  /** The clock of the stage the dossier is in, if it has one. */
  deadline: DossierDeadline.nullable(),
});

export { Attachment };
