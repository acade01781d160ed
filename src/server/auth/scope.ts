import { sql, type SQL, type AnyColumn, type Placeholder } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { hasRole } from './actor.ts';
import { forbidden } from '../http/errors.ts';

/**
 * The scope guard. Every read and write of agency-owned data goes through these functions,
 * so what a role may see is decided here and nowhere else.
 *
 * Reading: platform admins, the specialized security unit and the response team see the whole
 * province; everybody else sees their own agency and its subtree.
 * Writing: platform admins anywhere; agency admins in their subtree; officers in their own agency.
 */
export function readsEverything(actor: Actor): boolean {
  return hasRole(actor, 'platform_admin', 'dept_security', 'responder');
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

/** May the actor change data owned by the agency at `path` (its details, contact point, records)? */
export function canEditAgencyPath(actor: Actor, agencyId: number, path: string): boolean {
  if (hasRole(actor, 'platform_admin')) return true;
  if (hasRole(actor, 'agency_admin') && path.startsWith(actor.agencyPath)) return true;
  return hasRole(actor, 'agency_officer') && agencyId === actor.agencyId;
}

/**
 * May the actor restructure at `path` (create children, move, deactivate) or manage its users?
 * Agency admins manage below their own agency, but not their own agency's place in the tree.
 */
export function canManageAgencyPath(actor: Actor, path: string, opts: { self?: boolean } = {}): boolean {
  if (hasRole(actor, 'platform_admin')) return true;
  if (!hasRole(actor, 'agency_admin') || !path.startsWith(actor.agencyPath)) return false;
  return !(opts.self && path === actor.agencyPath);
}

export function assert(condition: boolean): asserts condition {
  if (!condition) throw forbidden();
}
