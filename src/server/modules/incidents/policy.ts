import { sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { invalid } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { incidentReportRules, incidents } from './schema.ts';
import { mayEditPolicy } from './access.ts';
import { effectivePolicy, ruleProblem, type ReportRule, type SeverityClass } from '../../../shared/incidents/deadlines.ts';
import { INCIDENT_SEVERITIES } from '../../../shared/incidents/vocabulary.ts';

/** The reporting deadlines in force: stored overrides over the defaults of the texts. */
export async function loadPolicy(db: Queryable): Promise<ReportRule[]> {
  const rows = await db.select().from(incidentReportRules);
  return effectivePolicy(rows.map((r) => ({ ...r, severityClass: r.severityClass as SeverityClass })));
}

/** Province-wide setting: only the platform admin changes it. */
export async function updateReportRule(db: Db, actor: Actor, severityClass: SeverityClass, body: Omit<ReportRule, 'severityClass'>) {
  assert(mayEditPolicy(actor));
  const problem = ruleProblem(body);
  if (problem) throw invalid(problem.field, problem.en, problem.vi);
  return db.transaction(async (tx) => {
    const before = (await loadPolicy(tx)).find((r) => r.severityClass === severityClass);
    const values = { severityClass, ...body, updatedAt: new Date() };
    await tx.insert(incidentReportRules).values(values).onConflictDoUpdate({ target: incidentReportRules.severityClass, set: values });
    await recordAudit(tx, actor, { action: 'update', entity: 'incident_report_rule', entityId: severityClass, before, after: body });
    return loadPolicy(tx);
  });
}

const hoursSql = (policy: readonly ReportRule[], pick: (r: ReportRule) => number) => {
  const of = (c: SeverityClass) => pick(policy.find((r) => r.severityClass === c)!);
  const bySeverity = sql.join(
    INCIDENT_SEVERITIES.map((s) => sql`when ${s} then ${of(s)}::int`),
    sql` `,
  );
  // The SQL twin of severityClassOf: at once when likely serious or possibly beyond the operator's capacity.
  return sql`(case when ${incidents.serious} or ${incidents.capacity} <> 'within' then ${of('immediate')}::int
    else case ${incidents.severity} ${bySeverity} else ${of('medium')}::int end end)`;
};

/** SQL: the agency reported later than the policy's late mark (hotline reports owe no deadline). */
export function lateSql(policy: readonly ReportRule[]): SQL {
  return sql`(${incidents.source} = 'agency' and ${incidents.reportedAt} > ${incidents.detectedAt} + make_interval(hours => ${hoursSql(policy, (r) => r.lateAfterHours)}))`;
}
