import type { Actor } from '../auth/actor.ts';
import { recordAudit, type AuditChange } from '../modules/audit/index.ts';
import type { Db, Tx } from './client.ts';

/**
 * One audited change, as every service makes it: in one transaction, `find` the record the actor may see (locking
 * it if it is to change), `apply` the guards and the writes (returning what the audit entry records), append that
 * entry, and read the `answer` back in the same transaction.
 */
export async function change<Found, Answer>(
  db: Db,
  actor: Actor,
  steps: {
    find: (tx: Tx) => Promise<Found>;
    apply: (tx: Tx, found: Found) => Promise<AuditChange>;
    answer: (tx: Tx, found: Found) => Promise<Answer>;
  },
): Promise<Answer> {
  return db.transaction(async (tx) => {
    const found = await steps.find(tx);
    await recordAudit(tx, actor, await steps.apply(tx, found));
    return steps.answer(tx, found);
  });
}
