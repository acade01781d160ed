/**
 * Periodic independent assessments of systems, and each system's professional monitoring provider (layers 3 and 2
 * of the 4-layer model). The assessor must be an outside organization independent of the system: never its
 * monitoring provider nor its operating unit.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { findSystem, writeMonitoringProvider } from '../systems/index.ts';
import { systemSecurity } from '../warnings/index.ts';
import { attachmentsOf } from '../files/index.ts';
import { mayRecordAssessments } from './access.ts';
import { assessments } from './schema.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import type { z } from 'zod';
import type { AssessmentInput } from '../../../shared/warnings/schemas.ts';

const ENTITY = 'assessment';

type Row = typeof assessments.$inferSelect;

async function present(db: Queryable, a: Row & { assessorName: string }) {
  return {
    id: a.id,
    systemId: a.systemId,
    assessorAgencyId: a.assessorAgencyId,
    assessorName: a.assessorName,
    assessedOn: a.assessedOn,
    scope: a.scope,
    result: a.result as 'passed' | 'passed_with_findings' | 'failed',
    summary: a.summary,
    findings: a.findings as { title: string; severity: 'critical' | 'high' | 'medium' | 'low'; recommendation?: string | null }[],
    reports: await attachmentsOf(db, ENTITY, a.id),
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listAssessments(db: Queryable, actor: Actor, systemId: number) {
  await findSystem(db, actor, systemId);
  const rows = await db
    .select({ a: assessments, assessorName: agencies.name })
    .from(assessments)
    .innerJoin(agencies, eq(agencies.id, assessments.assessorAgencyId))
    .where(eq(assessments.systemId, systemId))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id));
  const out = [];
  for (const r of rows) out.push(await present(db, { ...r.a, assessorName: r.assessorName }));
  return out;
}

/** An outside organization the actor can see (assessors, monitoring firms, telecoms stand outside the tree). */
async function externalOrganization(db: Queryable, actor: Actor, id: number, field: string) {
  const org = await findVisible(db, actor, id).catch(() => {
    throw invalid(field, 'The organization does not exist', 'Tổ chức không tồn tại');
  });
  if (!org.external) throw invalid(field, 'Choose an outside organization', 'Hãy chọn một tổ chức bên ngoài (không thuộc cây cơ quan nhà nước)');
  return org;
}

export async function createAssessment(db: Db, actor: Actor, systemId: number, input: z.infer<typeof AssessmentInput>) {
  if (input.assessedOn > todayVn()) throw invalid('assessedOn', 'The assessment date cannot be in the future', 'Ngày đánh giá không được sau ngày hôm nay');
  return db.transaction(async (tx) => {
    const s = await findSystem(tx, actor, systemId);
    assert(mayRecordAssessments(actor, s));
    const assessor = await externalOrganization(tx, actor, input.assessorAgencyId, 'assessorAgencyId');
    if (s.monitoringProviderAgencyId === assessor.id) {
      throw invalid(
        'assessorAgencyId',
        "The assessor must be independent: it is this system's monitoring provider",
        'Tổ chức đánh giá phải độc lập: đây là đơn vị giám sát, bảo vệ của chính hệ thống này',
      );
    }
    if (s.operatorAgencyId === assessor.id) {
      throw invalid(
        'assessorAgencyId',
        'The assessor must be independent: it operates this system',
        'Tổ chức đánh giá phải độc lập: đây là đơn vị vận hành của chính hệ thống này',
      );
    }
    const [row] = await tx
      .insert(assessments)
      .values({ ...input, systemId, agencyId: s.agencyId, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: ENTITY, entityId: row!.id, agencyId: s.agencyId, after: row });
    return present(tx, { ...row!, assessorName: assessor.name });
  });
}

/** Where an assessment report file goes, if the actor may record assessments of its system. */
export async function reportTarget(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ systemId: assessments.systemId, agencyId: assessments.agencyId })
    .from(assessments)
    .where(and(eq(assessments.id, id), readableAgency(actor, assessments.agencyId)));
  if (!row) throw notFound('Assessment');
  assert(mayRecordAssessments(actor, await findSystem(db, actor, row.systemId)));
  return { agencyId: row.agencyId, entity: ENTITY, entityId: String(id) };
}

/** Names the firm that monitors and protects the system (or none); it can then never be its assessor. */
export async function setMonitoringProvider(db: Db, actor: Actor, systemId: number, providerId: number | null) {
  return db.transaction(async (tx) => {
    const s = await findSystem(tx, actor, systemId);
    assert(mayRecordAssessments(actor, s));
    if (providerId) await externalOrganization(tx, actor, providerId, 'monitoringProviderAgencyId');
    const before = await writeMonitoringProvider(tx, systemId, providerId);
    await recordAudit(tx, actor, {
      action: 'set_monitoring_provider',
      entity: 'system',
      entityId: systemId,
      agencyId: s.agencyId,
      before: { monitoringProviderAgencyId: before },
      after: { monitoringProviderAgencyId: providerId },
    });
    return systemSecurity(tx, actor, systemId);
  });
}
