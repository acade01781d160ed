import { z } from 'zod';
import { Can, isoDate, isoDateTime, optionalText, id, int32, text } from '../core/schemas.ts';
import { INDICATOR_IDS, PERIOD_RE, RAGS, TIERS, TREND_IDS, type Tier } from './rules.ts';

const count = int32(0, 10_000_000);

export const Period = z.string().regex(PERIOD_RE, 'period');

/** One agency's report for a quarter. */
export const IndicatorReport = z
  .object({
    servers: count,
    workstations: count,
    protectedEndpoints: count,
    antimalwareProduct: optionalText(200),
    antimalwareConsole: optionalText(200),
    staffTotal: count,
    staffTrained: count,
    trainingSessions: count.default(0),
    layerOnsite: z.boolean(),
    layerOnsiteTeam: optionalText(300),
    layerMonitoring: z.boolean(),
    layerMonitoringProviderId: id().nullable().optional(),
    layerAssessor: z.boolean(),
    layerAssessorId: id().nullable().optional(),
    layerNational: z.boolean(),
    layerNationalConnectedOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
    cleanCyberspace: z.boolean(),
    pdpSelfAssessment: z.boolean(),
    note: optionalText(2000),
  })
  .refine((r) => r.protectedEndpoints <= r.servers + r.workstations, { path: ['protectedEndpoints'], message: 'protected' })
  .refine((r) => r.staffTrained <= r.staffTotal, { path: ['staffTrained'], message: 'trained' });

export const BudgetInput = z
  .object({
    year: int32(2015, 2100),
    name: text(300, 3),
    kind: z.enum(['plan', 'project']),
    totalAmount: z.int().min(1).max(1e15),
    securityAmount: z.int().min(0).max(1e15),
    note: optionalText(1000),
  })
  .refine((b) => b.securityAmount <= b.totalAmount, { path: ['securityAmount'], message: 'security' });

export const EndpointRow = z.object({
  hostname: text(253),
  os: optionalText(200),
  agentVersion: optionalText(100),
  lastSeen: isoDateTime.optional(),
});

export const CountsPush = z.object({
  servers: count,
  workstations: count,
  protectedEndpoints: count,
  product: optionalText(200),
  console: optionalText(200),
});

/** A stored quarter report, as `PUT …/indicators/:period` writes it and `GET …/indicators` lists it. */
export const StoredIndicatorReport = z.object({
  id: z.number(),
  agencyId: z.number(),
  period: z.string(),
  servers: z.number(),
  workstations: z.number(),
  protectedEndpoints: z.number(),
  antimalwareProduct: z.string().nullable(),
  antimalwareConsole: z.string().nullable(),
  endpointsSource: z.enum(['manual', 'ingest']).describe('`manual` when typed in, `ingest` when pushed by the anti-malware console'),
  staffTotal: z.number(),
  staffTrained: z.number(),
  trainingSessions: z.number(),
  layerOnsite: z.boolean(),
  layerOnsiteTeam: z.string().nullable(),
  layerMonitoring: z.boolean(),
  layerMonitoringProviderId: z.number().nullable(),
  layerAssessor: z.boolean(),
  layerAssessorId: z.number().nullable(),
  layerNational: z.boolean(),
  layerNationalConnectedOn: z.string().nullable(),
  cleanCyberspace: z.boolean(),
  pdpSelfAssessment: z.boolean(),
  note: z.string().nullable(),
  updatedBy: z.number().nullable(),
  updatedAt: z.string(),
});

/** A stored IT plan or project budget line (amounts in đồng). */
export const BudgetLine = z.object({
  id: z.number(),
  agencyId: z.number(),
  year: z.number(),
  name: z.string(),
  kind: z.enum(['plan', 'project']),
  totalAmount: z.number(),
  securityAmount: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
/** A budget line with its security share (percent, one decimal) and whether that is under the province's target (10%). */
export const Budget = BudgetLine.extend({ securityShare: z.number(), underTarget: z.boolean() });

/** An API token as listed: never the secret. */
export const ApiToken = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** A token just issued: the only answer that carries the secret. */
export const IssuedApiToken = z.object({ id: z.number(), name: z.string(), token: z.string() });

/** What a counts push stored for the current quarter (the protected count is capped at the machines). */
export const CountsPushResult = z.object({ period: z.string(), servers: z.number(), workstations: z.number(), protectedEndpoints: z.number() });

const Rag = z.enum(RAGS);
const IndicatorValue = z.object({
  id: z.enum(INDICATOR_IDS),
  num: z.number(),
  den: z.number(),
  percent: z.number().nullable(),
  target: z.number(),
  rag: Rag,
  deadline: z.string().nullable().describe('The deadline the province set for the target; null where none is set (never "overdue")'),
});
const AgencyRef = z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable(), kind: z.string() });
/** The indicators of a group of agencies: shares summed, composite score, worst status, how many agencies. */
const GroupFigures = { values: z.array(IndicatorValue), score: z.number().nullable(), rag: Rag, agencies: z.number() };
const OverdueLists = {
  antimalwareLate: z.array(z.object({ agency: AgencyRef, percent: z.number().nullable() })),
  notReported: z.array(AgencyRef),
  contactMissing: z.array(z.object({ agency: AgencyRef, designated: z.boolean(), published: z.boolean() })),
  budgetsUnder10: z.array(
    z.object({
      id: z.number(),
      agencyId: z.number(),
      agencyName: z.string(),
      name: z.string(),
      totalAmount: z.number(),
      securityAmount: z.number(),
    }),
  ),
  systemsUnapproved: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      agencyId: z.number(),
      agencyName: z.string(),
      goLiveOn: z.string().nullable(),
    }),
  ),
};
const overdueKeys = Object.keys(OverdueLists) as (keyof typeof OverdueLists)[];

/** The dashboard of an agency subtree (id 0: the whole country) for a quarter, as the page draws it. */
export const Dashboard = z.object({
  period: z.string(),
  today: z.string(),
  agency: AgencyRef,
  ...GroupFigures,
  ownValues: z.array(IndicatorValue).nullable().describe("The agency's own figures, without its subtree; null for the whole country"),
  ownScore: z.number().nullable(),
  children: z.array(z.object({ agency: AgencyRef, ...GroupFigures })),
  tiers: z.array(z.object({ tier: z.enum(Object.keys(TIERS) as [Tier, ...Tier[]]), vi: z.string(), en: z.string(), ...GroupFigures })),
  ranking: z
    .array(z.object({ rank: z.number(), agency: AgencyRef, score: z.number().nullable(), rag: Rag, reported: z.boolean() }))
    .describe('The first rows of the ranking; the XLSX export has them all'),
  rankingTotal: z.number(),
  trend: z.array(
    z.object({
      period: z.string(),
      ...(Object.fromEntries(TREND_IDS.map((id) => [id, z.number().nullable()])) as Record<(typeof TREND_IDS)[number], z.ZodNullable<z.ZodNumber>>),
    }),
  ),
  inspections: z
    .object({ year: z.number(), planned: z.number(), done: z.number(), target: z.number(), reference: z.string() })
    .describe("The year's compliance inspection rounds of the subtree against the province's yearly minimum"),
  overdue: z.object(OverdueLists).describe('The first items of each list; `overdueTotals` counts them all'),
  overdueTotals: z.object(Object.fromEntries(overdueKeys.map((k) => [k, z.number()])) as Record<keyof typeof OverdueLists, z.ZodNumber>),
});

/** What an agency records of its link to the provincial security operations centre. */
export const SocConnectionInput = z
  .object({
    connectedOn: isoDate,
    scope: text(1000, 3),
    disconnectedOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
    note: optionalText(1000),
  })
  .refine((v) => !v.disconnectedOn || v.disconnectedOn >= v.connectedOn, {
    path: ['disconnectedOn'],
    message: 'The link cannot stop before it started',
  });

const SocFile = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });
/** The stored link with its evidence files. */
const SocConnection = z.object({
  id: z.number(),
  agencyId: z.number(),
  connectedOn: z.string(),
  scope: z.string(),
  disconnectedOn: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  evidence: z.array(SocFile),
});
/** An agency's link as its page shows it: none yet, or the record; `can.record` says whether the caller may change it. */
export const AgencySocConnection = z.object({
  agencyId: z.number(),
  connection: SocConnection.nullable(),
  can: Can('record'),
});
/** The province's view: every state agency in the caller's reach with its link (connected: a link that has not stopped). */
const SocConnectionRow = z.object({
  agency: z.object({ id: z.number(), name: z.string(), kind: z.string(), parentId: z.number().nullable() }),
  connectedOn: z.string().nullable(),
  disconnectedOn: z.string().nullable(),
  connected: z.boolean(),
  evidenceCount: z.number(),
});
export const SocConnectionList = z.object({
  items: z.array(SocConnectionRow),
  connected: z.number(),
  total: z.number(),
  citations: z.array(z.object({ vi: z.string(), en: z.string() })),
});
