import { z } from 'zod';
import type { IncidentDetail } from '../../../shared/incidents/schemas.ts';
import type { dossierRecord } from '../dossiers/index.ts';
import { EXCHANGE_PLATFORMS, type ExchangePlatform } from '../../../shared/exchange/platforms.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';

/**
 * The machine-readable half of an exchange package (docs/exchange.md): the content of the Word document it travels
 * with, as JSON. Codes are Khiên's vocabularies (listed in docs/exchange.md); times are ISO 8601 with offset, dates
 * YYYY-MM-DD. The schemas are strict: the test parses every package with them, so a field added to a builder and not
 * here (and in the documentation) fails.
 */
export const FORMAT_VERSION = 1;

const Platform = z.strictObject({ code: z.string(), name: z.string(), address: z.string().nullable(), basis: z.array(z.string()) });

const Decision = z.strictObject({ number: z.string(), date: z.string().nullable() });

export const DossierContent = z.strictObject({
  dossier: z.strictObject({
    id: z.number(),
    state: z.string(),
    proposedLevel: z.number(),
    computedLevel: z.number(),
    justification: z.string().nullable(),
    description: z.string().nullable(),
    securityPlan: z.string().nullable(),
    unitOpinion: z.string().nullable(),
    appraisal: z
      .strictObject({ agreed: z.boolean().nullable(), opinion: z.string().nullable(), number: z.string().nullable(), date: z.string().nullable() })
      .nullable(),
    listDecision: Decision.nullable(),
    approval: Decision.extend({ authority: z.string().nullable() }).nullable(),
  }),
  system: z.strictObject({
    code: z.string(),
    name: z.string(),
    owner: z.string(),
    operator: z.string(),
    status: z.string(),
    goLiveOn: z.string().nullable(),
    hosting: z.string(),
    cloudProvider: z.string().nullable(),
    serves: z.strictObject({ internal: z.boolean(), otherAgencies: z.boolean(), public: z.boolean() }),
    software: z.array(z.strictObject({ vendor: z.string().nullable(), product: z.string(), version: z.string().nullable() })),
  }),
  /** Decree 85/2016 Arts. 7–11: each criterion the system meets, with the clause that sets it. */
  criteria: z.array(z.strictObject({ rule: z.string(), level: z.number(), text: z.string(), basis: z.string(), component: z.string().nullable() })),
  requirements: z.strictObject({
    applicable: z.number(),
    met: z.number(),
    compliancePercent: z.number().nullable(),
    items: z.array(z.strictObject({ id: z.string(), title: z.string(), status: z.string() })),
  }),
  /** The dossier's attached files, carried in the package under `attachments/`. */
  attachments: z.array(
    z.strictObject({ file: z.string(), name: z.string(), part: z.string().nullable(), mediaType: z.string(), bytes: z.number(), sha256: z.string() }),
  ),
});

const Organizations = z.array(z.strictObject({ name: z.string(), result: z.string().nullable() }));

export const IncidentContent = z.strictObject({
  incident: z.strictObject({
    code: z.string(),
    title: z.string(),
    status: z.string(),
    kind: z.string(),
    severity: z.string(),
    tlp: z.string(),
    detectedAt: z.string(),
    reportedAt: z.string(),
    serious: z.boolean(),
    seriousGrounds: z.array(z.string()),
    effects: z.array(z.string()),
    capacity: z.string(),
  }),
  /** Decision 05/2017 Art. 11(4)(a): the operator and its owner. */
  operator: z.strictObject({
    name: z.string().nullable(),
    address: z.string().nullable(),
    owner: z.string().nullable(),
    infrastructureProvider: z.string().nullable(),
  }),
  /** Art. 11(4)(b): the contact point. */
  contact: z.strictObject({ name: z.string(), position: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  systems: z.array(z.strictObject({ code: z.string(), name: z.string(), owner: z.string(), level: z.number().nullable() })),
  /** Circular 20/2017 Art. 9(3)(a): the affected domain names and IP addresses. */
  affectedAddresses: z.array(z.string()),
  /** Art. 11(4)(c)–(h). */
  report: z.strictObject({
    description: z.string(),
    spread: z.string().nullable(),
    impact: z.string().nullable(),
    actionsTaken: z.string().nullable(),
    supportingOrganizations: Organizations,
    initialResult: z.string().nullable(),
    recommendations: z.string().nullable(),
  }),
  /** Circular 20/2017 Art. 9(2)(b): the operator's closing report, once filed. */
  closingReport: z
    .strictObject({
      filedAt: z.string(),
      damage: z.string().nullable(),
      cause: z.string().nullable(),
      actions: z.string().nullable(),
      supportingOrganizations: Organizations,
      recommendations: z.string().nullable(),
      lessonsLearned: z.string().nullable(),
    })
    .nullable(),
  observables: z.array(z.strictObject({ type: z.string(), value: z.string(), tlp: z.string(), description: z.string().nullable() })),
  recipients: z.array(z.strictObject({ role: z.string(), name: z.string() })),
});

export type DossierContent = z.infer<typeof DossierContent>;
export type IncidentContent = z.infer<typeof IncidentContent>;

export const platformOf = (code: ExchangePlatform): z.infer<typeof Platform> => {
  const p = EXCHANGE_PLATFORMS[code];
  return { code, name: p.nameVi, address: p.address, basis: p.basis.map((c) => formatCitation(c)) };
};

/** The JSON file: what it is, for which platform, when it was made, and the content the digest covers. */
export const ExchangeDocument = <C extends z.ZodType>(content: C) =>
  z.strictObject({
    format: z.string(),
    version: z.literal(FORMAT_VERSION),
    generatedAt: z.string(),
    platform: Platform,
    contentDigest: z.string(),
    content,
  });

type DossierRecord = Awaited<ReturnType<typeof dossierRecord>>;

export function dossierContent(
  { dossier: d, system: s, software, tracked, reasons }: DossierRecord,
  attachments: DossierContent['attachments'],
): DossierContent {
  return {
    dossier: {
      id: d.id,
      state: d.state,
      proposedLevel: d.proposedLevel,
      computedLevel: d.computedLevel,
      justification: d.justification,
      description: d.description,
      securityPlan: d.securityPlan,
      unitOpinion: d.opinion,
      appraisal:
        d.appraisalOpinion || d.appraisalNumber
          ? { agreed: d.appraisalAgreed, opinion: d.appraisalOpinion, number: d.appraisalNumber, date: d.appraisalDate }
          : null,
      listDecision: d.listDecisionNumber ? { number: d.listDecisionNumber, date: d.listDecisionDate } : null,
      approval: d.decisionNumber ? { number: d.decisionNumber, date: d.decisionDate, authority: d.decisionAuthority } : null,
    },
    system: {
      code: s.code,
      name: s.name,
      owner: s.agencyName,
      operator: s.operatorAgencyName ?? s.agencyName,
      status: s.status,
      goLiveOn: s.goLiveOn,
      hosting: s.hosting,
      cloudProvider: s.cloudProvider,
      serves: { internal: s.servesInternal, otherAgencies: s.servesOtherAgencies, public: s.servesPublic },
      software: software.map((x) => ({ vendor: x.vendor, product: x.product, version: x.version })),
    },
    criteria: reasons.map((r) => ({ rule: r.ruleId, level: r.level, text: r.vi, basis: r.article, component: r.component ?? null })),
    requirements: {
      applicable: tracked.applicable,
      met: tracked.met,
      compliancePercent: tracked.compliancePercent,
      items: tracked.items.map((t) => ({ id: t.requirementId, title: t.titleVi, status: t.status })),
    },
    attachments,
  };
}

export function incidentContent(d: IncidentDetail): IncidentContent {
  const c = d.closingReport;
  return {
    incident: {
      code: d.code,
      title: d.title,
      status: d.status,
      kind: d.kind,
      severity: d.severity,
      tlp: d.tlp,
      detectedAt: d.detectedAt,
      reportedAt: d.reportedAt,
      serious: d.serious,
      seriousGrounds: d.seriousness.grounds,
      effects: d.effects,
      capacity: d.capacity,
    },
    operator: {
      name: d.operator.name,
      address: d.operator.address,
      owner: d.managingAgencyName ?? d.agencyName,
      infrastructureProvider: d.infrastructureProvider,
    },
    contact: { name: d.reporter.name, position: d.reporter.position, phone: d.reporter.phone, email: d.reporter.email },
    systems: d.systems.map((s) => ({ code: s.code, name: s.name, owner: s.agencyName, level: s.level })),
    affectedAddresses: d.affectedAddresses,
    report: {
      description: d.description,
      spread: d.spread,
      impact: d.currentImpact,
      actionsTaken: d.actionsTaken,
      supportingOrganizations: d.supportingOrganizations,
      initialResult: d.initialResult,
      recommendations: d.supportRequested,
    },
    closingReport: d.closingTimeliness.filedAt
      ? {
          filedAt: d.closingTimeliness.filedAt,
          damage: c.damage,
          cause: c.cause,
          actions: c.actions,
          supportingOrganizations: c.supportingOrganizations,
          recommendations: c.recommendations,
          lessonsLearned: c.lessonsLearned,
        }
      : null,
    observables: d.observables.map((o) => ({ type: o.type, value: o.value, tlp: o.tlp, description: o.description })),
    recipients: d.recipients.map((r) => ({ role: r.role, name: r.name })),
  };
}
