import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { files } from './schema.ts';

/** What may be attached: documents and scans. Checked against the bytes, not the name the client sent. */
const ALLOWED = new Map([
  ['application/pdf', 'PDF'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
  ['image/png', 'PNG'],
  ['image/jpeg', 'JPEG'],
]);

/** Media types an attachment can have (incident evidence, stored by `addEvidence`, can have any). */
export const ATTACHMENT_TYPES = [...ALLOWED.keys()];

async function detectAllowedType(data: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(data);
  if (!type || !ALLOWED.has(type.mime)) {
    throw new AppError(
      415,
      'file_type',
      `Only ${[...ALLOWED.values()].join(', ')} files are accepted`,
      `Chỉ chấp nhận tệp ${[...ALLOWED.values()].join(', ')}`,
      'file',
    );
  }
  return type.mime;
}

/** Content-addressed on disk: the same bytes are stored once, and a name can never escape the folder. */
async function storeBytes(dir: string, data: Buffer) {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const key = path.join(sha256.slice(0, 2), sha256);
  const full = path.join(dir, key);
  await mkdir(path.dirname(full), { recursive: true });
  await access(full).catch(() => writeFile(full, data));
  return { sha256, storageKey: key };
}

type NewFile = { agencyId: number; entity: string; entityId: string; name: string; data: Buffer };

/**
 * Stores a file of a type the caller has decided (`mime`) and its row, inside the caller's transaction, without an
 * audit entry: the caller records the change the file belongs to. `defaultName` stands in for a name with nothing left.
 */
export async function storeFile(tx: Tx, actor: Actor, dir: string, f: NewFile & { mime: string; defaultName: string }) {
  const { sha256, storageKey } = await storeBytes(dir, f.data);
  const name = path.basename(f.name).slice(0, 200) || f.defaultName;
  const [row] = await tx
    .insert(files)
    .values({
      agencyId: f.agencyId,
      entity: f.entity,
      entityId: f.entityId,
      name,
      mime: f.mime,
      size: f.data.length,
      sha256,
      storageKey,
      uploadedBy: actor.userId,
    })
    .returning();
  const { storageKey: _k, ...meta } = row!;
  return meta;
}

/** An attachment (document or scan, checked against the bytes), recorded as an upload. */
export async function saveFile(tx: Tx, actor: Actor, dir: string, f: NewFile) {
  const mime = await detectAllowedType(f.data);
  const meta = await storeFile(tx, actor, dir, { ...f, mime, defaultName: 'file' });
  await recordAudit(tx, actor, { action: 'upload', entity: 'file', entityId: meta.id, agencyId: f.agencyId, after: meta });
  return meta;
}

/** The files attached to a record follow it to another agency, which may then read them (inside the caller's transaction). */
export async function moveAttachments(tx: Tx, entity: string, entityId: string, agencyId: number) {
  await tx
    .update(files)
    .set({ agencyId })
    .where(and(eq(files.entity, entity), eq(files.entityId, entityId)));
}

/** A file's metadata and bytes, if the actor may read the agency it belongs to. */
export async function readFileFor(db: Queryable, actor: Actor, dir: string, id: number) {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), readableAgency(actor, files.agencyId)));
  if (!row) throw notFound('File');
  return { row, data: await readFile(path.join(dir, row.storageKey)) };
}
