/** Threat hunts per agency (Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND clauses 1–2), and the incidents they open. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { change } from '../../db/change.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, agencyKinds, designations, findVisible } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { incidents, reportIncident } from '../incidents/index.ts';
import { parametersAt } from '../parameters/index.ts';
import { hunts, huntSystems } from './schema.ts';
import { mayRecordHunts, mayRecordHuntsSomewhere } from './access.ts';
import {
  HUNT_CITATIONS,
  huntProblem,
  mayOpenIncident,
  quarterBounds,
  quarterOf,
  sharedHuntState,
  type HuntResult,
  type HuntStatus,
  type HunterKind,
} from '../../../shared/hunts/rules.ts';
import { incidentCode } from '../../../shared/incidents/vocabulary.ts';
import { formatCitation, type Citation } from '../../../shared/legal/citation.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { HuntIncidentBody, HuntInput, HuntPatch, HuntQuarterQuery, HuntQuery } from '../../../shared/hunts/schemas.ts';

const ENTITY = 'hunt';
const providers = alias(agencies, 'providers');
const columns = {
  hunt: hunts,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  providerName: providers.name,
  incident: { id: incidents.id, title: incidents.title, status: incidents.status, reportedAt: incidents.reportedAt },
};
type Row = {
  hunt: typeof hunts.$inferSelect;
  agencyName: string;
  agencyPath: string;
  providerName: string | null;
  incident: { id: number; title: string; status: string; reportedAt: Date } | null;
};

const both = (c: Citation) => ({ vi: formatCitation(c), en: formatCitation(c, 'en') });

const select = (db: Queryable, where: SQL | undefined) =>
  db
    .select(columns)
    .from(hunts)
    .innerJoin(agencies, eq(agencies.id, hunts.agencyId))
    .leftJoin(providers, eq(providers.id, hunts.providerAgencyId))
    .leftJoin(incidents, eq(incidents.id, hunts.incidentId))
    .where(where);

async function systemsOf(db: Queryable, huntIds: number[]) {
  if (!huntIds.length) return new Map<number, { id: number; name: string }[]>();
  const rows = await db
    .select({ huntId: huntSystems.huntId, id: systems.id, name: systems.name })
    .from(huntSystems)
    .innerJoin(systems, eq(systems.id, huntSystems.systemId))
    .where(inArray(huntSystems.huntId, huntIds))
    .orderBy(asc(systems.name));
  const out = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) out.set(r.huntId, [...(out.get(r.huntId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

function present(actor: Actor, r: Row, covered: { id: number; name: string }[]) {
  const h = r.hunt;
  const edit = mayRecordHunts(actor, { agencyId: h.agencyId, agencyPath: r.agencyPath });
  return {
    id: h.id,
    agencyId: h.agencyId,
    agencyName: r.agencyName,
    title: h.title,
    hypothesis: h.hypothesis,
    scope: h.scope,
    wholeAgency: covered.length === 0,
    systems: covered,
    periodFrom: h.periodFrom,
    periodTo: h.periodTo,
    quarter: quarterOf(h.periodTo),
    techniques: h.techniques,
    attackTechniques: h.attackTechniques,
    hunterKind: h.hunterKind as HunterKind,
    provider: h.providerAgencyId && r.providerName ? { id: h.providerAgencyId, name: r.providerName } : null,
    hunters: h.hunters,
    status: h.status as HuntStatus,
    result: h.result as HuntResult | null,
    resultSummary: h.resultSummary,
    incident: r.incident
      ? { id: r.incident.id, code: incidentCode(r.incident.id, r.incident.reportedAt), title: r.incident.title, status: r.incident.status }
      : null,
    updatedAt: h.updatedAt.toISOString(),
    can: { edit, openIncident: edit && mayOpenIncident({ result: h.result as HuntResult | null, incidentId: h.incidentId }) },
  };
}

/** The hunts of agencies in reach (or of one agency's subtree), latest period first. */
export async function listHunts(db: Queryable, actor: Actor, q: z.infer<typeof HuntQuery>) {
  const under = q.agencyId ? await findVisible(db, actor, q.agencyId) : null;
  const quarter = q.quarter ? quarterBounds(q.quarter) : null;
  const rows = await select(
    db,
    and(
      readableAgency(actor, hunts.agencyId),
      under ? sql`${agencies.path} like ${`${under.path}%`}` : undefined,
      q.incidentId ? eq(hunts.incidentId, q.incidentId) : undefined,
      q.status ? eq(hunts.status, q.status) : undefined,
      q.result ? eq(hunts.result, q.result) : undefined,
      quarter ? sql`${hunts.periodTo} between ${quarter.from} and ${quarter.to}` : undefined,
    ),
  ).orderBy(desc(hunts.periodTo), desc(hunts.id));
  const covered = await systemsOf(
    db,
    rows.map((r) => r.hunt.id),
  );
  return {
    items: rows.map((r) => present(actor, r, covered.get(r.hunt.id) ?? [])),
    citations: HUNT_CITATIONS.map(both),
    can: { create: mayRecordHuntsSomewhere(actor) },
  };
}

async function findHunt(db: Queryable, actor: Actor, id: number, lock = false) {
  const query = select(db, and(eq(hunts.id, id), readableAgency(actor, hunts.agencyId)));
  const [row] = lock ? await query.for('update', { of: hunts }) : await query;
  if (!row) throw notFound('Hunt');
  return row;
}

export async function getHunt(db: Queryable, actor: Actor, id: number) {
  const row = await findHunt(db, actor, id);
  return present(actor, row, (await systemsOf(db, [id])).get(id) ?? []);
}

type Details = Omit<z.infer<typeof HuntInput>, 'agencyId'>;

/** The systems must be the agency's own; the provider an outside organization. */
async function checkRefs(tx: Tx, agencyId: number, d: Partial<Details>) {
  if (d.systemIds?.length) {
    const unique = [...new Set(d.systemIds)];
    const found = await tx
      .select({ id: systems.id })
      .from(systems)
      .where(and(inArray(systems.id, unique), eq(systems.agencyId, agencyId)));
    if (found.length !== unique.length)
      throw invalid('systemIds', 'Choose systems of the hunting agency', 'Hãy chọn hệ thống thuộc cơ quan thực hiện săn lùng');
  }
  if (d.providerAgencyId) {
    const [provider] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
      .where(and(eq(agencies.id, d.providerAgencyId), eq(agencyKinds.external, true)));
    if (!provider)
      throw invalid('providerAgencyId', 'Choose an outside organization as the provider', 'Hãy chọn một tổ chức bên ngoài làm đơn vị cung cấp dịch vụ');
  }
}

type Stored = Pick<typeof hunts.$inferSelect, 'status' | 'result' | 'resultSummary' | 'periodFrom' | 'periodTo' | 'hunterKind' | 'providerAgencyId'>;
function checkHunt(h: Stored) {
  const problem = huntProblem(
    { ...h, status: h.status as HuntStatus, result: h.result as HuntResult | null, hunterKind: h.hunterKind as HunterKind },
    todayVn(),
  );
  if (problem) throw invalid(problem.field, problem.en, problem.vi);
}

function stored<D extends Partial<Details>>(d: D): Omit<D, 'systemIds'> {
  const { systemIds: _s, ...rest } = d;
  return {
    ...rest,
    ...(d.attackTechniques && { attackTechniques: [...new Set(d.attackTechniques)] }),
    ...(d.techniques && { techniques: [...new Set(d.techniques)] }),
  };
}

async function writeSystems(tx: Tx, huntId: number, systemIds: number[]) {
  await tx.delete(huntSystems).where(eq(huntSystems.huntId, huntId));
  const unique = [...new Set(systemIds)];
  if (unique.length) await tx.insert(huntSystems).values(unique.map((systemId) => ({ huntId, systemId })));
}

export async function createHunt(db: Db, actor: Actor, input: z.infer<typeof HuntInput>) {
  const { agencyId, ...details } = input;
  return change(db, actor, {
    find: async (tx) => {
      const agency = await findVisible(tx, actor, agencyId);
      if (agency.external)
        throw invalid('agencyId', 'Hunts are recorded by state agencies', 'Săn lùng mối nguy hại được ghi nhận cho cơ quan, đơn vị nhà nước');
      assert(mayRecordHunts(actor, { agencyId: agency.id, agencyPath: agency.path }));
      return agency;
    },
    apply: async (tx, agency) => {
      const values = {
        ...stored(details),
        scope: details.scope ?? null,
        hunters: details.hunters ?? null,
        providerAgencyId: details.providerAgencyId ?? null,
        result: details.result ?? null,
        resultSummary: details.resultSummary ?? null,
      };
      checkHunt(values);
      await checkRefs(tx, agency.id, details);
      const [after] = await tx
        .insert(hunts)
        .values({ ...values, agencyId: agency.id, createdBy: actor.userId })
        .returning();
      await writeSystems(tx, after!.id, details.systemIds);
      return { action: 'create', entity: ENTITY, entityId: after!.id, agencyId: agency.id, after: { ...after, systemIds: details.systemIds } };
    },
    answer: async (tx) => {
      const [row] = await tx
        .select({ id: hunts.id })
        .from(hunts)
        .where(and(eq(hunts.agencyId, agencyId), eq(hunts.createdBy, actor.userId)))
        .orderBy(desc(hunts.id))
        .limit(1);
      return getHunt(tx, actor, row!.id);
    },
  });
}

/** Corrects a hunt or moves it on (planned → in progress → completed with its result); an opened incident stays linked. */
export async function updateHunt(db: Db, actor: Actor, id: number, patch: z.infer<typeof HuntPatch>) {
  return change(db, actor, {
    find: async (tx) => {
      const row = await findHunt(tx, actor, id, true);
      assert(mayRecordHunts(actor, { agencyId: row.hunt.agencyId, agencyPath: row.agencyPath }));
      return row.hunt;
    },
    apply: async (tx, before) => {
      const set = stored(patch);
      const next = { ...before, ...set };
      checkHunt(next);
      if (before.incidentId !== null && next.result !== 'threat_found')
        throw conflict(
          'result',
          'The hunt opened an incident: its result stays "threat found"',
          'Đợt săn lùng đã mở sự cố: kết quả phải giữ là "phát hiện mối nguy hại"',
        );
      await checkRefs(tx, before.agencyId, patch);
      const [after] = await tx
        .update(hunts)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(hunts.id, id))
        .returning();
      if (patch.systemIds) await writeSystems(tx, id, patch.systemIds);
      return {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        agencyId: before.agencyId,
        before,
        after: { ...after, ...(patch.systemIds && { systemIds: patch.systemIds }) },
      };
    },
    answer: (tx) => getHunt(tx, actor, id),
  });
}

/**
 * A hunt that found a threat opens an incident: the agency's initial report, filed by the incidents module's own
 * `reportIncident` (its checks, recipients, deadlines, timeline and audit entry), and linked to the hunt — one
 * transaction, two audit entries (the incident's report, the hunt's link).
 */
export async function openIncident(db: Db, actor: Actor, id: number, body: z.infer<typeof HuntIncidentBody>) {
  return db.transaction(async (tx) => {
    const row = await findHunt(tx, actor, id, true);
    const before = row.hunt;
    assert(mayRecordHunts(actor, { agencyId: before.agencyId, agencyPath: row.agencyPath }));
    if (!mayOpenIncident({ result: before.result as HuntResult | null, incidentId: before.incidentId })) {
      throw before.incidentId
        ? conflict('incidentId', 'The hunt has already opened an incident', 'Đợt săn lùng này đã mở sự cố')
        : conflict('result', 'Only a hunt that found a threat opens an incident', 'Chỉ đợt săn lùng phát hiện mối nguy hại mới mở sự cố');
    }
    const incident = await reportIncident(tx, actor, { ...body, agencyId: before.agencyId });
    const [after] = await tx.update(hunts).set({ incidentId: incident.id, updatedAt: new Date() }).where(eq(hunts.id, id)).returning();
    await recordAudit(tx, actor, { action: 'open_incident', entity: ENTITY, entityId: id, agencyId: before.agencyId, before, after });
    return getHunt(tx, actor, id);
  });
}

type Counts = { total: number; completed: number; threatFound: number; incidents: number };
const zero = (): Counts => ({ total: 0, completed: 0, threatFound: 0, incidents: 0 });

/** Hunts per quarter of a year (by the quarter each ends in) for every state agency in reach, and the security unit's shared-systems schedule. */
export async function huntsByQuarter(db: Queryable, actor: Actor, q: z.infer<typeof HuntQuarterQuery>) {
  const today = todayVn();
  const year = q.year ?? Number(today.slice(0, 4));
  const quarters = [1, 2, 3, 4].map((n) => `${year}-Q${n}`);
  const counted = await db
    .select({
      agencyId: hunts.agencyId,
      quarter: sql<number>`extract(quarter from ${hunts.periodTo})::int`,
      total: sql<number>`count(*)::int`,
      completed: sql<number>`(count(*) filter (where ${hunts.status} = 'completed'))::int`,
      threatFound: sql<number>`(count(*) filter (where ${hunts.result} = 'threat_found'))::int`,
      incidents: sql<number>`(count(*) filter (where ${hunts.incidentId} is not null))::int`,
    })
    .from(hunts)
    .where(and(readableAgency(actor, hunts.agencyId), sql`extract(year from ${hunts.periodTo}) = ${year}`))
    .groupBy(hunts.agencyId, sql`2`);
  const inReach = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(eq(agencyKinds.external, false), eq(agencies.active, true), readableAgency(actor, agencies.id)))
    .orderBy(asc(agencies.path));
  const byAgency = new Map(inReach.map((a) => [a.id, quarters.map(zero)]));
  const totals = quarters.map(zero);
  for (const c of counted) {
    const cells = byAgency.get(c.agencyId);
    if (!cells) continue;
    for (const k of ['total', 'completed', 'threatFound', 'incidents'] as const) {
      cells[c.quarter - 1]![k] += c[k];
      totals[c.quarter - 1]![k] += c[k];
    }
  }
  return {
    year,
    quarters,
    rows: inReach.map((a) => ({ agencyId: a.id, agencyName: a.name, byQuarter: byAgency.get(a.id)! })),
    totals,
    sharedSystems: await sharedSystems(db, actor, today),
    citations: HUNT_CITATIONS.map(both),
  };
}

/** Quảng Nam 15/CT-UBND clause 2: the security unit hunts the province's shared systems at the interval the province sets. */
async function sharedSystems(db: Queryable, actor: Actor, today: string) {
  const params = await parametersAt(db, today);
  const months = params.maybe('hunt.sharedSystemsIntervalMonths');
  if (months === undefined) return null;
  const [unit] = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(designations)
    .innerJoin(agencies, eq(agencies.id, designations.agencyId))
    .where(and(eq(designations.code, 'security_unit'), readableAgency(actor, agencies.id)));
  if (!unit) return null;
  const [last] = await db
    .select({ on: sql<string | null>`max(${hunts.periodTo})::text` })
    .from(hunts)
    .where(and(eq(hunts.agencyId, unit.id), eq(hunts.status, 'completed')));
  const lastCompletedOn = last?.on ?? null;
  return {
    intervalMonths: Number(months),
    citation: both(params.citation('hunt.sharedSystemsIntervalMonths')),
    unit,
    lastCompletedOn,
    ...sharedHuntState(lastCompletedOn, Number(months), today),
  };
}
