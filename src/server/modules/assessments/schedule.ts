/**
 * SQL over `systems` (one row per system) for any query that joins it: the last independent assessment and the
 * schedule of shared/requirements/compliance.ts (ASSESSMENT_INTERVALS by level, from the last assessment, else from go-live).
 */
import { sql, type SQL } from 'drizzle-orm';
import { outer, todaySql } from '../../db/sql.ts';
import { effectiveLevel, inOperation, systems } from '../systems/index.ts';
import { ASSESSMENT_INTERVALS } from '../../../shared/requirements/compliance.ts';

/** `case when level >= 5 then 6 when level >= 3 then 12 else 24 end`, from the table. */
function intervalMonths(level: SQL) {
  const steps = ASSESSMENT_INTERVALS.slice(0, -1).map((i) => sql`when ${level} >= ${sql.raw(String(i.fromLevel))} then ${sql.raw(String(i.months))}`);
  return sql`case ${sql.join(steps, sql` `)} else ${sql.raw(String(ASSESSMENT_INTERVALS.at(-1)!.months))} end`;
}

const lastAssessedOn = sql<string | null>`(select max(sa.assessed_on)::text from assessments sa where sa.system_id = ${outer('systems')})`;
const nextAssessmentDue = sql<string | null>`(case when ${effectiveLevel} is null then null else
  (coalesce((${lastAssessedOn})::date, ${systems.goLiveOn}) + make_interval(months => ${intervalMonths(effectiveLevel)}))::date::text end)`;

export const assessmentFacts = {
  lastAssessedOn,
  nextAssessmentDue,
  /** In operation with a known due date that has passed. */
  assessmentOverdue: sql<boolean>`(${inOperation} and coalesce((${nextAssessmentDue})::date < ${todaySql}, false))`,
};
