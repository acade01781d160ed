import { and, asc, eq, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { agencies, findVisible } from '../agencies/index.ts';
import { effectiveLevel, systems } from '../systems/index.ts';
import { getRoster } from './team.ts';
import { addMonths, EXERCISE_EVERY_MONTHS, EXERCISE_LEVEL, exerciseOverdue, reviewOverdue } from '../../../shared/incidents/readiness.ts';
import { todayVn } from '../../../shared/core/dates.ts';

/** SQL: `column` is the agency with this id or one below it (404 if the actor cannot see that agency). */
export async function agencySubtreeOf(db: Queryable, actor: Actor, agencyId: number, column: AnyColumn): Promise<SQL> {
  const agency = await findVisible(db, actor, agencyId);
  return sql`${column} in (select id from agencies where path like ${`${agency.path}%`})`;
}

const currentPlan = (column: string) =>
  sql.raw(`(select p.${column} from response_plans p where p.system_id = systems.id and p.kind = 'plan' order by p.issued_on desc, p.id desc limit 1)`);

/**
 * Per-system readiness facts: does the system have a response plan, is it under review on time, how many
 * playbooks, when it last took part in an exercise and whether one is overdue (level 3+ systems, yearly).
 * Systems no longer in service are left out. Scope: the actor's systems, optionally one agency subtree.
 */
export async function readiness(db: Queryable, actor: Actor, agencyId?: number) {
  const today = todayVn();
  const where: SQL[] = [readableAgency(actor, systems.agencyId), ne(systems.status, 'retired')];
  if (agencyId) where.push(await agencySubtreeOf(db, actor, agencyId, systems.agencyId));
  const rows = await db
    .select({
      systemId: systems.id,
      code: systems.code,
      name: systems.name,
      agencyId: systems.agencyId,
      agencyName: agencies.name,
      level: effectiveLevel,
      planIssuedOn: sql<string | null>`${currentPlan('issued_on')}::text`,
      planNextReviewOn: sql<string | null>`${currentPlan('next_review_on')}::text`,
      playbooks: sql<number>`(select count(*)::int from response_plans p where p.system_id = ${systems.id} and p.kind = 'playbook')`,
      lastExerciseOn: sql<string | null>`(select max(e.held_on)::text from response_exercise_systems es join response_exercises e on e.id = es.exercise_id
      where es.system_id = ${systems.id})`,
    })
    .from(systems)
    .innerJoin(agencies, eq(agencies.id, systems.agencyId))
    .where(and(...where))
    .orderBy(asc(agencies.name), asc(systems.name));

  const facts = rows.map((r) => {
    const hasResponsePlan = r.planIssuedOn !== null;
    const exerciseRequired = r.level !== null && r.level >= EXERCISE_LEVEL;
    return {
      ...r,
      hasResponsePlan,
      planCurrent: hasResponsePlan && !reviewOverdue(r.planNextReviewOn, today),
      exerciseRequired,
      exerciseOverdue: exerciseOverdue(r.level, r.lastExerciseOn, today),
    };
  });
  const yearAgo = addMonths(today, -EXERCISE_EVERY_MONTHS);
  const required = facts.filter((f) => f.exerciseRequired);
  return {
    asOf: today,
    totals: {
      systems: facts.length,
      withPlan: facts.filter((f) => f.hasResponsePlan).length,
      withCurrentPlan: facts.filter((f) => f.planCurrent).length,
      plansOverdue: facts.filter((f) => f.hasResponsePlan && !f.planCurrent).length,
      exerciseRequired: required.length,
      exercisedInYear: required.filter((f) => f.lastExerciseOn !== null && f.lastExerciseOn >= yearAgo).length,
      exerciseOverdue: required.filter((f) => f.exerciseOverdue).length,
    },
    team: (await getRoster(db, actor)).strength,
    systems: facts,
  };
}
