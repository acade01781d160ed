import { z } from 'zod';
import { Can, isoDate, optionalText, id, int32, idText, intText, text } from '../core/schemas.ts';
import { ClassificationAnswersSchema } from './levels.ts';
import { DOSSIER_STATES } from '../dossiers/workflow.ts';

/** What the inventory records of the data a system holds; the classification asks Art. 6(1)'s kinds itself. */
export const DATA_KINDS = ['public', 'internal', 'personal', 'sensitive_personal', 'important', 'state_secret'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const SYSTEM_STATUSES = ['planned', 'in_development', 'in_operation', 'retired'] as const;
export const HOSTINGS = ['provincial_dc', 'agency_premises', 'cloud'] as const;
export const ONLINE_SERVICE = ['none', 'information', 'partial', 'full'] as const;
/** A system in real operation, or a test system (hệ thống thử nghiệm, Vĩnh Phúc directive 1.g). */
export const ENVIRONMENTS = ['production', 'test'] as const;

const count = z.preprocess((v) => (v === '' ? null : v), intText(0, 200_000_000).nullable().optional());

/** The fields without defaults: a PATCH must not reset what it does not mention. */
const SystemFields = z.object({
  agencyId: id(),
  operatorAgencyId: id().nullable().optional(),
  code: text(50, 2).regex(/^[A-Za-z0-9._-]+$/, 'code'),
  name: text(300, 3),
  purpose: optionalText(2000),
  status: z.enum(SYSTEM_STATUSES),
  goLiveOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  hosting: z.enum(HOSTINGS),
  cloudProvider: optionalText(200),
  servesInternal: z.boolean(),
  servesOtherAgencies: z.boolean(),
  servesPublic: z.boolean(),
  internalUsers: count,
  publicUsers: count,
  dataKinds: z.array(z.enum(DATA_KINDS)).max(DATA_KINDS.length),
  onlinePublicService: z.enum(ONLINE_SERVICE),
  environment: z.enum(ENVIRONMENTS),
});

export const SystemInput = SystemFields.extend({
  status: SystemFields.shape.status.default('in_operation'),
  hosting: SystemFields.shape.hosting.default('agency_premises'),
  servesInternal: z.boolean().default(true),
  servesOtherAgencies: z.boolean().default(false),
  servesPublic: z.boolean().default(false),
  dataKinds: SystemFields.shape.dataKinds.default([]),
  onlinePublicService: SystemFields.shape.onlinePublicService.default('none'),
  environment: SystemFields.shape.environment.default('production'),
});
export type SystemInput = z.infer<typeof SystemInput>;
export const SystemPatch = SystemFields.partial();

const Software = z.object({
  vendor: optionalText(200),
  product: text(200),
  version: optionalText(100),
  cpe: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^cpe:2\.3:[aho]:/, 'cpe')
      .max(300)
      .nullable()
      .optional(),
  ),
  /** Made or mastered by a Vietnamese enterprise; left out, the vendor table decides (vietnameseOf). */
  vietnamese: z.boolean().nullable().optional(),
  vietnameseBasis: optionalText(500),
});
export const SoftwareList = z.array(Software).max(500);

const Link = z
  .object({
    targetSystemId: id().nullable().optional(),
    targetName: optionalText(300),
    description: optionalText(500),
  })
  .refine((l) => l.targetSystemId || l.targetName, { path: ['targetName'], message: 'target' });
export const LinkList = z.array(Link).max(200);

export const SystemListQuery = z.object({
  agencyId: idText().optional(),
  level: intText(1, 5).optional(),
  status: z.enum(SYSTEM_STATUSES).optional(),
  dossierState: z.enum([...DOSSIER_STATES, 'none']).optional(),
  /** Only systems whose level is not approved yet (the directive target is 100% approved). */
  unapproved: z.enum(['true', 'false']).optional(),
  /** In operation without an approved level, or a requirement past its due date. */
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  limit: intText(1, 500).default(50),
  offset: intText(0).default(0),
});

const SystemSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  status: z.enum(SYSTEM_STATUSES),
  proposedLevel: z.number().nullable(),
  approvedLevel: z.number().nullable(),
  dossierState: z.enum(DOSSIER_STATES).nullable(),
  applicable: z.number(),
  met: z.number(),
  compliancePercent: z.number().nullable(),
  planDeployed: z.boolean(),
});

/** A page of systems; `can` says whether the caller may register a system (for some agency) and import a file. */
export const SystemList = z.object({ total: z.number(), items: z.array(SystemSummary), can: Can('create', 'import') });
export type SystemList = z.infer<typeof SystemList>;

/** Response shape: the input fields' blank-to-null preprocessors cannot run backwards when a reply is encoded. */
export const SystemDetail = SystemSummary.extend(SystemFields.shape).extend({
  purpose: z.string().nullable(),
  goLiveOn: z.string().nullable(),
  cloudProvider: z.string().nullable(),
  internalUsers: z.number().nullable(),
  publicUsers: z.number().nullable(),
  operatorAgencyName: z.string().nullable(),
  classification: z.unknown(),
  computedLevel: z.number().nullable(),
  levelJustification: z.string().nullable(),
  approvedOn: z.string().nullable(),
  approvalDecision: z.string().nullable(),
  software: z.array(
    z.object({
      id: z.number(),
      vendor: z.string().nullable(),
      product: z.string(),
      version: z.string().nullable(),
      cpe: z.string().nullable(),
      vietnamese: z.boolean(),
      vietnameseBasis: z.string().nullable(),
      /** The vendor's name when the vendor table marks it as a Vietnamese enterprise (the basis when none is written). */
      vietnameseVendor: z.string().nullable(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.number(),
      targetSystemId: z.number().nullable(),
      targetName: z.string().nullable(),
      targetSystemName: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
  /** edit: the system's record, software, links, classification and requirements. */
  can: Can('edit'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SystemDetail = z.infer<typeof SystemDetail>;

export const ClassificationBody = z.object({
  answers: ClassificationAnswersSchema,
  proposedLevel: int32(1, 5),
  justification: optionalText(5000),
});

export const SystemsStats = z.object({
  total: z.number(),
  byLevel: z.record(z.string(), z.number()),
  unclassified: z.number(),
  approved: z.number(),
  approvedPercent: z.number().nullable(),
  planDeployed: z.number(),
  planDeployedPercent: z.number().nullable(),
  applicable: z.number(),
  met: z.number(),
  compliancePercent: z.number().nullable(),
  /** Software inventory entries of the subtree's systems, and those made or mastered by a Vietnamese enterprise (Thanh Hóa letter 1.d). */
  software: z.object({
    total: z.number(),
    vietnamese: z.number(),
    vietnamesePercent: z.number().nullable(),
    /** The same for each agency directly under this one, with its own subtree. */
    byAgency: z.array(
      z.object({ agencyId: z.number(), agencyName: z.string(), total: z.number(), vietnamese: z.number(), vietnamesePercent: z.number().nullable() }),
    ),
  }),
});
export type SystemsStats = z.infer<typeof SystemsStats>;
