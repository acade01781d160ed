import { sql, type SQL, type AnyColumn, type Placeholder } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { forbidden } from '../http/errors.ts';
import { can } from '../../shared/core/capabilities.ts';

/**
 * The scope guard: every query of agency-owned data is scoped by these functions, so what exists for a user is
 * decided here, by the `records.read` capability (src/shared/core/capabilities.ts): platform admins, the specialized
 * security unit and the response team see the whole province; everybody else their own agency and its subtree.
 * What a user may change is each module's access.ts.
 */
export function readsEverything(actor: Actor): boolean {
  return can(actor, 'records.read');
}

/** The path prefix of the actor's agency subtree, for `like`. */
export const subtreeOf = (actor: Actor) => `${actor.agencyPath}%`;

const inSubtree = (agencyIdColumn: AnyColumn | SQL, prefix: string | Placeholder) =>
  sql`${agencyIdColumn} in (select id from agencies where path like ${prefix})`;

/** An SQL condition: `agencyIdColumn` is an agency the actor may read. */
export function readableAgency(actor: Actor, agencyIdColumn: AnyColumn | SQL): SQL {
  if (readsEverything(actor)) return sql`true`;
  return inSubtree(agencyIdColumn, subtreeOf(actor));
}

/**
 * readableAgency for a statement prepared once for every actor below the whole-country roles: the subtree prefix is
 * the `subtree` placeholder, filled with subtreeOf(actor).
 */
export const readableAgencyPrepared = (agencyIdColumn: AnyColumn | SQL): SQL => inSubtree(agencyIdColumn, sql.placeholder('subtree'));

export function canReadAgencyPath(actor: Actor, path: string): boolean {
  return readsEverything(actor) || path.startsWith(actor.agencyPath);
}

export function assert(condition: boolean): asserts condition {
  if (!condition) throw forbidden();
}
