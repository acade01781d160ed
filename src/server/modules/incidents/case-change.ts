import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { change } from '../../db/change.ts';
import type { AuditChange } from '../audit/index.ts';
import { addEvent, findIncident } from './access.ts';
import { getIncident } from './queries.ts';

type Found = Awaited<ReturnType<typeof findIncident>>;

/** What a change to a case records: its timeline entry, and the audit entry's action, before and after. */
type CaseChange = Omit<AuditChange, 'entity' | 'entityId'> & { event: { kind: string; message?: string | null; detail?: unknown } };

/**
 * A change to a case (db/change.ts): the case the actor may see, locked when asked; `apply` checks and writes; then
 * the timeline entry, the audit entry on the incident (its agency unless `apply` names another), and the case as it now is.
 */
export function changeCase(db: Db, actor: Actor, { id, lock }: { id: number; lock?: boolean }, apply: (tx: Tx, found: Found) => Promise<CaseChange>) {
  return change(db, actor, {
    find: (tx) => findIncident(tx, actor, id, { lock }),
    apply: async (tx, found) => {
      const {
        event: { kind, ...event },
        ...audit
      } = await apply(tx, found);
      await addEvent(tx, id, actor, kind, event);
      return { entity: 'incident', entityId: id, agencyId: found.incident.agencyId, ...audit };
    },
    answer: (tx) => getIncident(tx, actor, id),
  });
}
