/**
 * SQL over `systems` (one row per system) for any query that joins it: the last independent assessment and the
 * schedule of shared/requirements/compliance.ts (the province parameter `assessment.intervalMonths.level<n>` in effect
 * today, from the last assessment, else from go-live).
 */
import { sql, type SQL } from 'drizzle-orm';
import { outer, todaySql } from '../../db/sql.ts';
import { effectiveLevel, inOperation, systems } from '../systems/index.ts';
import { parameterSql } from '../parameters/index.ts';

const LEVELS = [1, 2, 3, 4, 5] as const;
/** `case level when 1 then <level 1's interval> … end`, each from the province parameters. */
function intervalMonths(level: SQL) {
  const steps = LEVELS.map((l) => sql`when ${sql.raw(String(l))} then (${parameterSql(`assessment.intervalMonths.level${l}`)})::int`);
  return sql`case ${level} ${sql.join(steps, sql` `)} end`;
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
