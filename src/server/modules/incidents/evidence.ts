import { fileTypeFromBuffer } from 'file-type';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { assert } from '../../auth/scope.ts';
import { storeFile } from '../files/index.ts';
import { assertNotEnded, canContribute, findIncident } from './access.ts';
import { changeCase } from './case-change.ts';

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

function checkMayAddEvidence(actor: Actor, found: Awaited<ReturnType<typeof findIncident>>) {
  assertNotEnded(found.incident);
  assert(canContribute(actor, found.incident, found.agencyPath));
}

/** May the actor add evidence to the case (404 out of scope, 409 ended, 403 otherwise)? Checked before the upload is read. */
export async function assertMayAddEvidence(db: Queryable, actor: Actor, id: number) {
  checkMayAddEvidence(actor, await findIncident(db, actor, id));
}

/**
 * Adds an evidence file to the case: kept by its SHA-256 (content-addressed), which the timeline records so the
 * chain of custody can be checked later. Readable by whoever may read the case's agency (the team reads all).
 */
export async function addEvidence(db: Db, actor: Actor, dir: string, id: number, upload: { name: string; data: Buffer; fields: Record<string, string> }) {
  const mime = await evidenceMime(upload.data);
  return changeCase(db, actor, { id }, async (tx, found) => {
    checkMayAddEvidence(actor, found);
    const meta = await storeFile(tx, actor, dir, {
      agencyId: found.incident.agencyId ?? actor.agencyId,
      entity: 'incident',
      entityId: String(id),
      name: upload.name,
      data: upload.data,
      mime,
      defaultName: 'evidence',
    });
    const description = upload.fields.description?.trim().slice(0, 1000) || null;
    return {
      event: { kind: 'evidence_added', message: description, detail: { fileId: meta.id, name: meta.name, sha256: meta.sha256, size: upload.data.length } },
      action: 'add_evidence',
      after: { ...meta, description },
    };
  });
}
