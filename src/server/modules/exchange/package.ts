import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import stringify from 'safe-stable-stringify';
import { MEDIA } from '../../http/openapi.ts';
import { FORMAT_VERSION, platformOf } from './format.ts';
import type { ExchangePlatform, ExchangeSubject } from '../../../shared/exchange/platforms.ts';

/**
 * An exchange package (docs/exchange.md): one ZIP an officer uploads to a Ministry platform, holding the Word
 * documents, their content as JSON, the attached files, and `manifest.json` listing every file with its SHA-256.
 */
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The digest of a content, independent of key order and of when the package was made: what a submission records. */
export const digestOf = (content: unknown) => sha256(stringify(content) ?? '');

type PackageFile = { name: string; data: Buffer; mediaType: string };

export async function buildPackage(p: {
  subject: ExchangeSubject;
  subjectId: number;
  platform: ExchangePlatform;
  baseName: string;
  content: unknown;
  documents: PackageFile[];
  attachments: PackageFile[];
}) {
  const generatedAt = new Date().toISOString();
  const contentDigest = digestOf(p.content);
  const json = {
    format: `khien.${p.subject}`,
    version: FORMAT_VERSION,
    generatedAt,
    platform: platformOf(p.platform),
    contentDigest,
    content: p.content,
  };
  const files: PackageFile[] = [
    ...p.documents,
    { name: `${p.baseName}.json`, data: Buffer.from(JSON.stringify(json, null, 2)), mediaType: 'application/json' },
    ...p.attachments,
  ];
  const manifest = {
    format: 'khien.exchange-package',
    version: FORMAT_VERSION,
    generatedAt,
    subject: { kind: p.subject, id: p.subjectId },
    platform: p.platform,
    contentDigest,
    files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.data);
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { name: `${p.baseName}.zip`, data, contentDigest, mediaType: MEDIA.zip };
}
