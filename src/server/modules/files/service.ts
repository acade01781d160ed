import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Queryable, Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { readableAgency } from '../../auth/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
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
    throw new AppError(415, 'file_type', `Only ${[...ALLOWED.values()].join(', ')} files are accepted`,
      `Chỉ chấp nhận tệp ${[...ALLOWED.values()].join(', ')}`, 'file');
  }
  return type.mime;
}

/** Content-addressed on disk: the same bytes are stored once, and a name can never escape the folder. */
export async function storeBytes(dir: string, data: Buffer) {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const key = path.join(sha256.slice(0, 2), sha256);
  const full = path.join(dir, key);
  await mkdir(path.dirname(full), { recursive: true });
  await access(full).catch(() => writeFile(full, data));
  return { sha256, storageKey: key };
}

export async function saveFile(tx: Tx, actor: Actor, dir: string, f: { agencyId: number; entity: string; entityId: string; name: string; data: Buffer }) {
  const mime = await detectAllowedType(f.data);
  const { sha256, storageKey } = await storeBytes(dir, f.data);
  const name = path.basename(f.name).slice(0, 200) || 'file';
  const [row] = await tx.insert(files).values({ agencyId: f.agencyId, entity: f.entity, entityId: f.entityId, name, mime,
    size: f.data.length, sha256, storageKey, uploadedBy: actor.userId }).returning();
  const { storageKey: _k, ...meta } = row!;
  await recordAudit(tx, actor, { action: 'upload', entity: 'file', entityId: row!.id, agencyId: f.agencyId, after: meta });
  return meta;
}

/** A file's metadata and bytes, if the actor may read the agency it belongs to. */
export async function readFileFor(db: Queryable, actor: Actor, dir: string, id: number) {
  const [row] = await db.select().from(files).where(and(eq(files.id, id), readableAgency(actor, files.agencyId)));
  if (!row) throw notFound('File');
  return { row, data: await readFile(path.join(dir, row.storageKey)) };
}
