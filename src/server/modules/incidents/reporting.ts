import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { findVisible } from '../agencies/service.ts';
import { systems } from '../systems/schema.ts';
import { incidents, incidentSystems } from './schema.ts';
import { addEvent, assertNotEnded, canEditReport, findIncident, mayReportFor } from './access.ts';
import { getIncident } from './queries.ts';
import { detectionProblem } from '../../../shared/incidents/deadlines.ts';
import type { IncidentPatch, IncidentReportBody } from '../../../shared/incidents/schemas.ts';

const unknownAgency = () => invalid('agencyId', 'The agency does not exist', 'Cơ quan không tồn tại');

/** A state agency the actor can see; a missing one and one out of scope give the same answer. */
export async function stateAgency(db: Queryable, actor: Actor, id: number) {
  const agency = await findVisible(db, actor, id).catch(() => { throw unknownAgency(); });
  if (agency.external) throw unknownAgency();
  return agency;
}

/** Systems the actor can see, optionally only those of one agency; refuses the whole list if one is unknown. */
export async function visibleSystems(db: Queryable, actor: Actor, ids: number[], ownerAgencyId?: number) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db.select({ id: systems.id, name: systems.name, agencyId: systems.agencyId }).from(systems)
    .where(and(inArray(systems.id, unique), readableAgency(actor, systems.agencyId), ownerAgencyId ? eq(systems.agencyId, ownerAgencyId) : undefined));
  if (rows.length !== unique.length) {
    throw invalid('systemIds', ownerAgencyId ? 'Choose systems of the reporting agency' : 'Unknown system',
      ownerAgencyId ? 'Hãy chọn hệ thống thuộc cơ quan báo cáo' : 'Hệ thống không tồn tại');
  }
  return rows;
}

function checkDetection(detectedAt: string, reportedAt: Date) {
  const problem = detectionProblem(detectedAt, reportedAt);
  if (problem) throw invalid('detectedAt', problem.en, problem.vi);
}

/**
 * An agency reports an incident on its own systems (any of its officers, or an admin above it; the team may file
 * on its behalf). The report goes to the managing body, the provincial team and, if marked, the national coordinator.
 */
export async function reportIncident(db: Db, actor: Actor, body: IncidentReportBody) {
  return db.transaction(async (tx) => {
    const agency = await stateAgency(tx, actor, body.agencyId);
    assert(mayReportFor(actor, agency));
    const affected = await visibleSystems(tx, actor, body.systemIds, agency.id);
    const reportedAt = new Date();
    checkDetection(body.detectedAt, reportedAt);
    const { systemIds: _s, agencyId: _a, ...fields } = body;
    const [row] = await tx.insert(incidents).values({
      ...fields, source: 'agency', agencyId: agency.id, managingAgencyId: agency.parentId, detectedAt: new Date(body.detectedAt), reportedAt,
      reporterName: body.reporterName ?? actor.fullName, reporterUserId: actor.userId,
    }).returning();
    await tx.insert(incidentSystems).values(affected.map((s) => ({ incidentId: row!.id, systemId: s.id })));
    await addEvent(tx, row!.id, actor, 'reported', { detail: { source: 'agency', systems: affected.map((s) => s.name) } });
    await recordAudit(tx, actor, { action: 'report', entity: 'incident', entityId: row!.id, agencyId: agency.id, after: { ...row, systemIds: body.systemIds } });
    return getIncident(tx, actor, row!.id);
  });
}

/** Corrects the report: the agency before triage, the team (also severity and the serious flag) until the case ends. */
export async function updateReport(db: Db, actor: Actor, id: number, patch: z.infer<typeof IncidentPatch>) {
  return db.transaction(async (tx) => {
    const { incident, agencyPath } = await findIncident(tx, actor, id, { lock: true });
    assertNotEnded(incident);
    assert(canEditReport(actor, incident, agencyPath));
    if (patch.detectedAt) checkDetection(patch.detectedAt, incident.reportedAt);
    const { detectedAt, ...rest } = patch;
    const [after] = await tx.update(incidents).set({ ...rest, ...(detectedAt ? { detectedAt: new Date(detectedAt) } : {}), updatedAt: new Date() })
      .where(eq(incidents.id, id)).returning();
    await addEvent(tx, id, actor, 'report_updated', { detail: { fields: Object.keys(patch) } });
    await recordAudit(tx, actor, { action: 'update', entity: 'incident', entityId: id, agencyId: incident.agencyId, before: incident, after });
    return getIncident(tx, actor, id);
  });
}
