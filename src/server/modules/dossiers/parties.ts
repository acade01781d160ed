/**
 * Who plays which part in a dossier: the row of the approval matrix for its proposed level (src/shared/dossiers/
 * matrix.ts) and what the actor is to the dossier's owner. Appraiser and approver belong to the owner (Decree
 * 85/2016 Art. 12): the specialized unit is the staff (dept_security) of the agency designated for the level, the
 * province's unit for every agency of the one tree; the owner's head is an agency admin of the owning agency or above.
 */
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../http/errors.ts';
import { agencies, designations } from '../agencies/index.ts';
import { approvalRules } from './schema.ts';
import { standingOf } from './access.ts';
import { flowOf, partiesFor, type AppraiserKind, type ApproverKind } from '../../../shared/dossiers/matrix.ts';
import type { Flow, Party } from '../../../shared/dossiers/workflow.ts';

export type Rule = Omit<typeof approvalRules.$inferSelect, 'appraiserKind' | 'approverKind'> & { appraiserKind: AppraiserKind; approverKind: ApproverKind };
/** The matrix and the designated units' agency paths, read once for the dossiers a request looks at. */
export type Matrix = { rule(level: number): Rule; flow(level: number): Flow; unit(designation: string): Unit | null };
type Unit = { agencyId: number; agencyPath: string };

export async function loadMatrix(db: Queryable): Promise<Matrix> {
  const rules = new Map((await db.select().from(approvalRules).orderBy(asc(approvalRules.level))).map((r) => [r.level, r as Rule]));
  const units = new Map(
    (
      await db
        .select({ code: designations.code, agencyId: agencies.id, agencyPath: agencies.path })
        .from(designations)
        .innerJoin(agencies, eq(agencies.id, designations.agencyId))
    ).map(({ code, ...u }) => [code, u]),
  );
  const rule = (level: number) => {
    const r = rules.get(level);
    if (!r) throw new AppError(500, 'no_rule', `No approval rule for level ${level}`, `Chưa cấu hình thẩm quyền cho cấp độ ${level}`);
    return r;
  };
  return { rule, flow: (level) => flowOf(rule(level)), unit: (code) => units.get(code) ?? null };
}

/** The parts the actor plays for a dossier of the owner at `ownerPath`. */
export function partiesOf(m: Matrix, actor: Actor, d: { agencyId: number; proposedLevel: number }, ownerPath: string): Set<Party> {
  const rule = m.rule(d.proposedLevel);
  return partiesFor(rule, standingOf(actor, { agencyId: d.agencyId, agencyPath: ownerPath }, m.unit(rule.appraiserDesignation)));
}
