import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { files } from '../files/schema.ts';
import { storeBytes } from '../files/service.ts';
import { addEvent, assertNotEnded, canContribute, findIncident } from './access.ts';
import { getIncident } from './queries.ts';

/**
 * What evidence is stored as. Unlike attachments, evidence can be anything (logs, captures, samples): the type is
 * read from the bytes, text stays text/plain, and everything else is an opaque download.
 */
async function evidenceMime(data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  const text = data.subarray(0, 65_536);
  return !text.includes(0) && Buffer.from(text.toString('utf8'), 'utf8').equals(text) ? 'text/plain' : 'application/octet-stream';
}

/** May the actor add evidence to the case (404 out of scope, 409 ended, 403 otherwise)? Checked before the upload is read. */
export async function assertMayAddEvidence(db: Queryable, actor: Actor, id: number) {
  const found = await findIncident(db, actor, id);
  assertNotEnded(found.incident);
  assert(canContribute(actor, found.incident, found.agencyPath));
  return found;
}

/**
 * Adds an evidence file to the case: kept by its SHA-256 (content-addressed), which the timeline records so the
 * chain of custody can be checked later. Readable by whoever may read the case's agency (the team reads all).
 */
export async function addEvidence(db: Db, actor: Actor, dir: string, id: number, upload: { name: string; data: Buffer; fields: Record<string, string> }) {
  const mime = await evidenceMime(upload.data);
  return db.transaction(async (tx) => {
    const { incident } = await assertMayAddEvidence(tx, actor, id);
    const { sha256, storageKey } = await storeBytes(dir, upload.data);
    const name = path.basename(upload.name).slice(0, 200) || 'evidence';
    const [row] = await tx.insert(files).values({ agencyId: incident.agencyId ?? actor.agencyId, entity: 'incident', entityId: String(id), name, mime,
      size: upload.data.length, sha256, storageKey, uploadedBy: actor.userId }).returning();
    const description = upload.fields.description?.trim().slice(0, 1000) || null;
    await addEvent(tx, id, actor, 'evidence_added', { message: description, detail: { fileId: row!.id, name, sha256, size: upload.data.length } });
    const { storageKey: _k, ...meta } = row!;
    await recordAudit(tx, actor, { action: 'add_evidence', entity: 'incident', entityId: id, agencyId: incident.agencyId, after: { ...meta, description } });
    return getIncident(tx, actor, id);
  });
}
