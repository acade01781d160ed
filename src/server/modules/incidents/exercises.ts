import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert, readableAgency } from '../../auth/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { effectiveLevel, systems } from '../systems/index.ts';
import { responseExercises, responseExerciseSystems } from './schema.ts';
import { mayEditReadiness } from './access.ts';
import { stateAgency, visibleSystems } from './reporting.ts';
import { agencySubtreeOf } from './readiness.ts';
import type { ExerciseInput, ExerciseListQuery, ExercisePatch } from '../../../shared/incidents/readiness-schemas.ts';
import type { EXERCISE_KINDS, EXERCISE_OUTCOMES } from '../../../shared/incidents/vocabulary.ts';

/**
 * Exercises (diễn tập): date, scenario, the systems that took part, participants, outcome and findings. An exercise
 * is seen by the organizing agency's scope and by the scope of any system that took part.
 */
function readableExercise(actor: Actor): SQL {
  return or(
    readableAgency(actor, responseExercises.agencyId),
    sql`exists (select 1 from response_exercise_systems es
    join systems s on s.id = es.system_id where es.exercise_id = ${responseExercises.id} and ${readableAgency(actor, sql`s.agency_id`)})`,
  )!;
}

const canEdit = (actor: Actor, agencyId: number, agencyPath: string) => mayEditReadiness(actor, 'exercises.edit', { agencyId, agencyPath });

type Row = { exercise: typeof responseExercises.$inferSelect; agencyName: string; agencyPath: string };

async function present(db: Queryable, actor: Actor, rows: Row[]) {
  const ids = rows.map((r) => r.exercise.id);
  const taking = ids.length
    ? await db
        .select({ exerciseId: responseExerciseSystems.exerciseId, id: systems.id, code: systems.code, name: systems.name, level: effectiveLevel })
        .from(responseExerciseSystems)
        .innerJoin(systems, eq(systems.id, responseExerciseSystems.systemId))
        // Systems of agencies the actor cannot see stay out of the list.
        .where(and(inArray(responseExerciseSystems.exerciseId, ids), readableAgency(actor, systems.agencyId)))
        .orderBy(asc(systems.name))
    : [];
  return rows.map(({ exercise: e, agencyName, agencyPath }) => {
    const list = taking.filter((s) => s.exerciseId === e.id).map(({ exerciseId: _e, ...s }) => s);
    return {
      id: e.id,
      agencyId: e.agencyId,
      agencyName,
      title: e.title,
      heldOn: e.heldOn,
      kind: e.kind as (typeof EXERCISE_KINDS)[number],
      scenario: e.scenario,
      participants: e.participants,
      outcome: e.outcome as (typeof EXERCISE_OUTCOMES)[number],
      findings: e.findings,
      systemIds: list.map((s) => s.id),
      systems: list,
      can: { edit: canEdit(actor, e.agencyId, agencyPath) },
      updatedAt: e.updatedAt.toISOString(),
    };
  });
}

const base = (db: Queryable) =>
  db
    .select({ exercise: responseExercises, agencyName: agencies.name, agencyPath: agencies.path })
    .from(responseExercises)
    .innerJoin(agencies, eq(agencies.id, responseExercises.agencyId));

export async function listExercises(db: Queryable, actor: Actor, q: z.infer<typeof ExerciseListQuery>) {
  const where: SQL[] = [readableExercise(actor)];
  if (q.agencyId) where.push(await agencySubtreeOf(db, actor, q.agencyId, responseExercises.agencyId));
  if (q.systemId)
    where.push(sql`exists (select 1 from response_exercise_systems es where es.exercise_id = ${responseExercises.id} and es.system_id = ${q.systemId})`);
  if (q.year) where.push(sql`extract(year from ${responseExercises.heldOn}) = ${q.year}`);
  return present(
    db,
    actor,
    await base(db)
      .where(and(...where))
      .orderBy(desc(responseExercises.heldOn), desc(responseExercises.id)),
  );
}

async function findExercise(db: Queryable, actor: Actor, id: number) {
  const [row] = await base(db).where(and(eq(responseExercises.id, id), readableExercise(actor)));
  if (!row) throw notFound('Exercise');
  return row;
}

export const getExercise = async (db: Queryable, actor: Actor, id: number) => (await present(db, actor, [await findExercise(db, actor, id)]))[0]!;

export async function createExercise(db: Db, actor: Actor, body: z.infer<typeof ExerciseInput>) {
  return db.transaction(async (tx) => {
    const organizer = await stateAgency(tx, actor, body.agencyId);
    assert(canEdit(actor, organizer.id, organizer.path));
    const taking = await visibleSystems(tx, actor, body.systemIds);
    const { systemIds: _s, ...fields } = body;
    const [row] = await tx
      .insert(responseExercises)
      .values({ ...fields, createdBy: actor.userId })
      .returning();
    await tx.insert(responseExerciseSystems).values(taking.map((s) => ({ exerciseId: row!.id, systemId: s.id })));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'response_exercise',
      entityId: row!.id,
      agencyId: organizer.id,
      after: { ...row, systemIds: body.systemIds },
    });
    return getExercise(tx, actor, row!.id);
  });
}

export async function updateExercise(db: Db, actor: Actor, id: number, patch: z.infer<typeof ExercisePatch>) {
  return db.transaction(async (tx) => {
    const current = await findExercise(tx, actor, id);
    assert(canEdit(actor, current.exercise.agencyId, current.agencyPath));
    const { systemIds, ...fields } = patch;
    let before: number[] | undefined;
    if (systemIds) {
      if (!systemIds.length) throw invalid('systemIds', 'At least one system takes part', 'Cần ít nhất một hệ thống tham gia');
      const taking = await visibleSystems(tx, actor, systemIds);
      before = (await tx.delete(responseExerciseSystems).where(eq(responseExerciseSystems.exerciseId, id)).returning()).map((r) => r.systemId);
      await tx.insert(responseExerciseSystems).values(taking.map((s) => ({ exerciseId: id, systemId: s.id })));
    }
    const [after] = await tx
      .update(responseExercises)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(responseExercises.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'response_exercise',
      entityId: id,
      agencyId: current.exercise.agencyId,
      before: { ...current.exercise, systemIds: before },
      after: { ...after, systemIds },
    });
    return getExercise(tx, actor, id);
  });
}
