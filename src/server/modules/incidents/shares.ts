/**
 * What of a case was sent to the national coordinating agency (incident_shares): a STIX or MISP file downloaded for it,
 * or indicators its token pulled over TAXII. Each share sets the case's "shared nationally" time, adds a timeline
 * entry and an audit entry, in the transaction that records it.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudits } from '../audit/index.ts';
import { addEvent, assertWorks } from './access.ts';
import { changeCase } from './case-change.ts';
import { incidentShares, incidents } from './schema.ts';
import type { ShareChannel } from '../../../shared/incidents/schemas.ts';

const NOT_ACCEPTED = ['received', 'rejected', 'merged'];
const incidentShareable = (status: string) => !NOT_ACCEPTED.includes(status);

async function insertShare(tx: Tx, actor: Actor, incidentId: number, channel: ShareChannel, objectIds: string[], digest: string | null) {
  const at = new Date();
  await tx.insert(incidentShares).values({ incidentId, channel, objectIds, digest, sharedBy: actor.userId, sharedAt: at });
  await tx.update(incidents).set({ nationalSharedAt: at }).where(eq(incidents.id, incidentId));
  return at;
}

/**
 * A STIX (`file`) or MISP (`misp`) download made for the coordinator: the team's, once the case was accepted (as a
 * recorded share-out is), with the file's SHA-256 and the ids it carries.
 */
export async function recordFileShare(db: Db, actor: Actor, id: number, channel: 'file' | 'misp', objectIds: string[], content: string) {
  const digest = createHash('sha256').update(content).digest('hex');
  await changeCase(db, actor, { id, lock: true }, async (tx, { incident }) => {
    assertWorks(actor);
    if (!incidentShareable(incident.status)) {
      throw new AppError(409, 'not_active', 'Only an accepted case is shared', 'Chỉ chia sẻ sự cố đã được tiếp nhận', 'status');
    }
    await insertShare(tx, actor, id, channel, objectIds, digest);
    return {
      event: { kind: 'shared_national', detail: { channel, objects: objectIds.length } },
      action: 'share_national',
      after: { channel, digest, objectIds },
    };
  });
}

/**
 * Indicators the coordinator's token pulled over TAXII, by case: only those not recorded as sent that way before, so
 * a client polling the whole collection adds nothing new. One transaction for every case of the page.
 */
export async function recordTaxiiPull(db: Db, actor: Actor, served: { incidentId: number; agencyId: number | null; objectId: string }[]) {
  if (!served.length) return;
  await db.transaction(async (tx) => {
    const ids = [...new Set(served.map((s) => s.incidentId))];
    const before = await tx
      .select({ incidentId: incidentShares.incidentId, objectIds: incidentShares.objectIds })
      .from(incidentShares)
      .where(and(inArray(incidentShares.incidentId, ids), eq(incidentShares.channel, 'taxii')));
    const sent = new Set(before.flatMap((r) => r.objectIds.map((o) => `${r.incidentId}|${o}`)));
    const audits = [];
    for (const incidentId of ids) {
      const fresh = served.filter((s) => s.incidentId === incidentId && !sent.has(`${incidentId}|${s.objectId}`));
      if (!fresh.length) continue;
      const objectIds = [...new Set(fresh.map((s) => s.objectId))];
      await insertShare(tx, actor, incidentId, 'taxii', objectIds, null);
      await addEvent(tx, incidentId, actor, 'shared_national', { detail: { channel: 'taxii', objects: objectIds.length } });
      audits.push({ action: 'share_national', entity: 'incident', entityId: incidentId, agencyId: fresh[0]!.agencyId, after: { channel: 'taxii', objectIds } });
    }
    await recordAudits(tx, actor, audits);
  });
}
