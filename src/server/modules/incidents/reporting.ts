import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findVisible } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { incidents, incidentSystems } from './schema.ts';
import { addEvent, assertNotEnded, canEditReport, mayReportFor } from './access.ts';
import { changeCase } from './case-change.ts';
import { getIncident } from './queries.ts';
import { detectionProblem } from '../../../shared/incidents/deadlines.ts';
import { normalizeObservable } from '../../../shared/incidents/observables.ts';
import { seriousness, type AffectedSystemFacts } from '../../../shared/incidents/seriousness.ts';
import type { HandlingCapacity, IncidentEffect } from '../../../shared/incidents/vocabulary.ts';
import type { IncidentPatch, IncidentReportBody } from '../../../shared/incidents/schemas.ts';

const unknownAgency = () => invalid('agencyId', 'The agency does not exist', 'Cơ quan không tồn tại');

/** A state agency the actor can see; a missing one and one out of scope give the same answer. */
export async function stateAgency(db: Queryable, actor: Actor, id: number) {
  const agency = await findVisible(db, actor, id).catch(() => {
    throw unknownAgency();
  });
  if (agency.external) throw unknownAgency();
  return agency;
}

/** Systems the actor can see, optionally only those of one agency; refuses the whole list if one is unknown. */
export async function visibleSystems(db: Queryable, actor: Actor, ids: number[], ownerAgencyId?: number) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db
    .select({ id: systems.id, name: systems.name, agencyId: systems.agencyId })
    .from(systems)
    .where(and(inArray(systems.id, unique), readableAgency(actor, systems.agencyId), ownerAgencyId ? eq(systems.agencyId, ownerAgencyId) : undefined));
  if (rows.length !== unique.length) {
    throw invalid(
      'systemIds',
      ownerAgencyId ? 'Choose systems of the reporting agency' : 'Unknown system',
      ownerAgencyId ? 'Hãy chọn hệ thống thuộc cơ quan báo cáo' : 'Hệ thống không tồn tại',
    );
  }
  return rows;
}

function checkDetection(detectedAt: string, reportedAt: Date) {
  const problem = detectionProblem(detectedAt, reportedAt);
  if (problem) throw invalid('detectedAt', problem.en, problem.vi);
}

/** The national coordinator always receives the report (QĐ05 Art. 11(1)(a); Circular 20/2017 Art. 9(2)(a)). */
function checkRecipients(forNationalCoordinator: boolean | undefined) {
  if (forNationalCoordinator === false) {
    throw invalid(
      'forNationalCoordinator',
      'The national coordinating agency always receives the report (Decision 05/2017 Art. 11(1)(a))',
      'Báo cáo sự cố luôn được gửi đồng thời Cơ quan điều phối quốc gia (điểm a khoản 1 Điều 11 Quyết định số 05/2017/QĐ-TTg)',
    );
  }
}

/** The affected systems' domain names and IP addresses (Circular 20/2017 Art. 9(3)(a)), written canonically. */
function affectedAddresses(list: string[]): string[] {
  const out = list.map((raw, i) => {
    const n = normalizeObservable('ip', raw) ?? normalizeObservable('domain', raw);
    if (!n) throw invalid(`affectedAddresses.${i}`, 'Give an IP address or a domain name', 'Cần nhập địa chỉ IP hoặc tên miền');
    return n.value;
  });
  return [...new Set(out)];
}

/** Level (approved, else proposed) and national-list membership of the case's systems, for Decision 05/2017 Art. 9. */
async function systemFacts(db: Queryable, incidentId: number): Promise<AffectedSystemFacts[]> {
  return db
    .select({
      level: sql<number | null>`coalesce(${systems.approvedLevel}, ${systems.proposedLevel})`,
      nationalImportantList: sql<boolean>`coalesce((${systems.classification}->>'primeMinisterDesignated')::boolean, false)`,
    })
    .from(incidentSystems)
    .innerJoin(systems, eq(systems.id, incidentSystems.systemId))
    .where(eq(incidentSystems.incidentId, incidentId));
}

/** Derives "serious" again from the case's systems, stated effects and capacity; call after any of them changes. */
export async function refreshSerious(tx: Tx, incidentId: number) {
  const [row] = await tx
    .select({ effects: incidents.effects, capacity: incidents.capacity, serious: incidents.serious })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  const { serious } = seriousness({
    systems: await systemFacts(tx, incidentId),
    effects: row!.effects as IncidentEffect[],
    capacity: row!.capacity as HandlingCapacity,
  });
  if (serious !== row!.serious) await tx.update(incidents).set({ serious }).where(eq(incidents.id, incidentId));
}

/**
 * An agency reports an incident on its own systems (any of its officers, or an admin above it; the team may file
 * on its behalf). The report goes to every recipient the texts name (shared/incidents/recipients.ts), always.
 */
export async function reportIncident(db: Queryable, actor: Actor, body: IncidentReportBody) {
  checkRecipients(body.forNationalCoordinator);
  const addresses = affectedAddresses(body.affectedAddresses);
  return db.transaction(async (tx) => {
    const agency = await stateAgency(tx, actor, body.agencyId);
    assert(mayReportFor(actor, agency));
    const affected = await visibleSystems(tx, actor, body.systemIds, agency.id);
    const reportedAt = new Date();
    checkDetection(body.detectedAt, reportedAt);
    const { systemIds: _s, agencyId: _a, forNationalCoordinator: _n, ...fields } = body;
    const [inserted] = await tx
      .insert(incidents)
      .values({
        ...fields,
        affectedAddresses: addresses,
        effects: [...new Set(body.effects)],
        source: 'agency',
        agencyId: agency.id,
        managingAgencyId: agency.parentId,
        detectedAt: new Date(body.detectedAt),
        reportedAt,
        reporterName: body.reporterName ?? actor.fullName,
        reporterUserId: actor.userId,
      })
      .returning({ id: incidents.id });
    await tx.insert(incidentSystems).values(affected.map((s) => ({ incidentId: inserted!.id, systemId: s.id })));
    await refreshSerious(tx, inserted!.id);
    const [row] = await tx.select().from(incidents).where(eq(incidents.id, inserted!.id));
    await addEvent(tx, row!.id, actor, 'reported', { detail: { source: 'agency', systems: affected.map((s) => s.name) } });
    await recordAudit(tx, actor, {
      action: 'report',
      entity: 'incident',
      entityId: row!.id,
      agencyId: agency.id,
      after: { ...row, systemIds: body.systemIds },
    });
    return getIncident(tx, actor, row!.id);
  });
}

/** Corrects the report: the agency before triage, the team until the case ends; "serious" follows the new facts. */
export async function updateReport(db: Db, actor: Actor, id: number, patch: z.infer<typeof IncidentPatch>) {
  checkRecipients(patch.forNationalCoordinator);
  const addresses = patch.affectedAddresses && affectedAddresses(patch.affectedAddresses);
  return changeCase(db, actor, { id, lock: true }, async (tx, { incident, agencyPath }) => {
    assertNotEnded(incident);
    assert(canEditReport(actor, incident, agencyPath));
    if (patch.detectedAt) checkDetection(patch.detectedAt, incident.reportedAt);
    const { detectedAt, forNationalCoordinator: _n, affectedAddresses: _a, effects, ...rest } = patch;
    await tx
      .update(incidents)
      .set({
        ...rest,
        ...(detectedAt ? { detectedAt: new Date(detectedAt) } : {}),
        ...(addresses ? { affectedAddresses: addresses } : {}),
        ...(effects ? { effects: [...new Set(effects)] } : {}),
        updatedAt: new Date(),
      })
      .where(eq(incidents.id, id));
    await refreshSerious(tx, id);
    const [after] = await tx.select().from(incidents).where(eq(incidents.id, id));
    return { event: { kind: 'report_updated', detail: { fields: Object.keys(patch) } }, action: 'update', before: incident, after };
  });
}
