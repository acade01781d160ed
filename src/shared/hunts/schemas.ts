import { z } from 'zod';
import { Can, id, idText, intText, isoDate, optionalText, text } from '../core/schemas.ts';
import { IncidentReportBody } from '../incidents/schemas.ts';
import { ATTACK_TECHNIQUE, HUNT_RESULTS, HUNT_STATUSES, HUNTER_KINDS } from './rules.ts';

const nullableId = z.preprocess((v) => (v === '' ? null : v), id().nullable().optional());

const details = {
  title: text(300, 3),
  hypothesis: text(5000, 10),
  /** What was looked at beyond the systems: hosts, logs, networks. */
  scope: optionalText(5000),
  /** The agency's systems hunted; empty for the whole agency. */
  systemIds: z.array(id()).max(100),
  periodFrom: isoDate,
  periodTo: isoDate,
  /** Techniques and data sources as the hunters name them, free text. */
  techniques: z.array(text(300, 2)).max(30),
  /** MITRE ATT&CK technique ids, checked by pattern only. */
  attackTechniques: z.array(z.string().trim().toUpperCase().max(9).regex(ATTACK_TECHNIQUE, 'T1234 or T1234.001')).max(50),
  hunterKind: z.enum(HUNTER_KINDS),
  providerAgencyId: nullableId,
  /** Who hunted: names, the provider's team. */
  hunters: optionalText(1000),
  status: z.enum(HUNT_STATUSES),
  result: z.preprocess((v) => (v === '' ? null : v), z.enum(HUNT_RESULTS).nullable().optional()),
  resultSummary: optionalText(10_000),
};
const periodIssue = { path: ['periodTo'], message: 'The period cannot end before it starts' };
const period = (v: { periodFrom?: string; periodTo?: string }) => !v.periodFrom || !v.periodTo || v.periodTo >= v.periodFrom;

export const HuntInput = z
  .object({ agencyId: id(), ...details, techniques: details.techniques.default([]), attackTechniques: details.attackTechniques.default([]) })
  .refine(period, periodIssue);
export const HuntPatch = z.object(details).partial().refine(period, periodIssue);

/** The incident a hunt that found a threat opens: the initial report of QĐ05 Art. 11(4), by the hunt's agency. */
export const HuntIncidentBody = IncidentReportBody.omit({ agencyId: true });

export const HuntQuery = z.object({
  agencyId: idText().optional(),
  /** The hunt that opened this incident. */
  incidentId: idText().optional(),
  status: z.enum(HUNT_STATUSES).optional(),
  result: z.enum(HUNT_RESULTS).optional(),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional(),
});
export const HuntQuarterQuery = z.object({ year: intText(2000, 2100).optional() });

const Named = z.object({ id: z.number(), name: z.string() });
export const Hunt = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  title: z.string(),
  hypothesis: z.string(),
  scope: z.string().nullable(),
  wholeAgency: z.boolean(),
  systems: z.array(Named),
  periodFrom: z.string(),
  periodTo: z.string(),
  quarter: z.string(),
  techniques: z.array(z.string()),
  attackTechniques: z.array(z.string()),
  hunterKind: z.enum(HUNTER_KINDS),
  provider: Named.nullable(),
  hunters: z.string().nullable(),
  status: z.enum(HUNT_STATUSES),
  result: z.enum(HUNT_RESULTS).nullable(),
  resultSummary: z.string().nullable(),
  incident: z.object({ id: z.number(), code: z.string(), title: z.string(), status: z.string() }).nullable(),
  updatedAt: z.string(),
  can: Can('edit', 'openIncident'),
});
export const HuntList = z.object({
  items: z.array(Hunt),
  citations: z.array(z.object({ vi: z.string(), en: z.string() })),
  can: Can('create'),
});
const Counts = z.object({ total: z.number(), completed: z.number(), threatFound: z.number(), incidents: z.number() });
export const HuntQuarters = z.object({
  year: z.number(),
  quarters: z.array(z.string()),
  rows: z.array(z.object({ agencyId: z.number(), agencyName: z.string(), byQuarter: z.array(Counts) })),
  totals: z.array(Counts),
  /** Quảng Nam 15/CT-UBND clause 2: the security unit's hunts of the province's shared systems, when the province sets an interval. */
  sharedSystems: z
    .object({
      intervalMonths: z.number(),
      citation: z.object({ vi: z.string(), en: z.string() }),
      unit: Named,
      lastCompletedOn: z.string().nullable(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
  citations: z.array(z.object({ vi: z.string(), en: z.string() })),
});
