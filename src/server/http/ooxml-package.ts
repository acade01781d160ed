/**
 * Office packages (DOCX, XLSX, and OpenDocument files such as ODS) are zip archives. Before anything unpacks one, its
 * central directory is read and every part is held to the caps below, first by the size its header declares, then by
 * what it really inflates to (headers can lie): a small upload must not unpack to gigabytes, in this server or in the
 * office software of whoever downloads the attachment.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from './errors.ts';

const MiB = 1024 * 1024;

export const PACKAGE_LIMITS = {
  /** A document with a hundred pictures has a few hundred parts. */
  parts: 2_000,
  /**
   * One part. The largest part the server reads is an imported sheet or its shared strings, which the streaming
   * reader holds a text node at a time: 32 MiB bounds the longest string a hostile sheet can make it build, far
   * below the 384 MB heap `npm start` gives the process, while a 5,000-row inventory sheet is a few MB. Pictures
   * are stored nearly uncompressed, so any picture that fits the 20 MB upload limit fits here.
   */
  partBytes: 32 * MiB,
  /**
   * The whole package: five times the default 20 MB upload limit. Pictures barely compress and office XML about
   * tenfold, so only a document made of 10 MB of compressed text would get near it; it also bounds the work of
   * checking a package (inflating it) to a fraction of a second.
   */
  totalBytes: 100 * MiB,
};

export type PackagePart = { name: string; method: 0 | 8; compressedSize: number; size: number; dataStart: number };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

const damaged = () =>
  new AppError(400, 'bad_file', 'The file is a damaged or unsupported zip archive (DOCX, XLSX)', 'Tệp nén (DOCX, XLSX) bị hỏng hoặc không được hỗ trợ', 'file');

const tooLarge = (what: string, whatVi: string) =>
  new AppError(413, 'file_too_large', `The document unpacks to too much data: ${what}`, `Tài liệu khi giải nén quá lớn: ${whatVi}`, 'file');

/** The parts a zip's central directory lists, or null when the bytes do not start like a zip. */
function centralDirectory(data: Buffer): PackagePart[] | null {
  if (data.length < 4 || data.readUInt32LE(0) !== LOCAL_HEADER) return null;
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged();
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryStart = data.readUInt32LE(end + 16);
  // Split archives and ZIP64 (whose markers overflow these fields) are not office documents of upload size.
  if (data.readUInt16LE(end + 4) !== 0 || data.readUInt16LE(end + 8) !== count || directoryStart + directorySize > end) throw damaged();
  if (count > PACKAGE_LIMITS.parts) throw tooLarge(`more than ${PACKAGE_LIMITS.parts} parts`, `hơn ${PACKAGE_LIMITS.parts} thành phần`);
  const parts: PackagePart[] = [];
  let p = directoryStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || data.readUInt32LE(p) !== CENTRAL_HEADER) throw damaged();
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const compressedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const offset = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, Math.min(p + 46 + nameLength, end));
    p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    // Encrypted parts and methods other than stored and deflate cannot be checked.
    if (p > directoryStart + directorySize || flags & 1 || (method !== 0 && method !== 8)) throw damaged();
    if (offset + 30 > directoryStart || data.readUInt32LE(offset) !== LOCAL_HEADER) throw damaged();
    const dataStart = offset + 30 + data.readUInt16LE(offset + 26) + data.readUInt16LE(offset + 28);
    if (dataStart + compressedSize > directoryStart) throw damaged();
    parts.push({ name, method, compressedSize, size, dataStart });
  }
  return parts;
}

/** A part's bytes, inflated as they are read; refused as soon as they outgrow the size its header declares. */
export async function* partContent(data: Buffer, part: PackagePart): AsyncGenerator<Buffer> {
  const raw = data.subarray(part.dataStart, part.dataStart + part.compressedSize);
  if (part.method === 0) {
    if (raw.length !== part.size) throw damaged();
    yield raw;
    return;
  }
  const inflate = createInflateRaw();
  inflate.end(raw);
  let read = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > part.size) throw damaged();
      yield chunk;
    }
  } catch (err) {
    throw err instanceof AppError ? err : damaged();
  } finally {
    inflate.destroy();
  }
  if (read !== part.size) throw damaged();
}

/**
 * The checked parts of an office package — OOXML (a zip holding `[Content_Types].xml`) or OpenDocument (a zip
 * holding `mimetype`) — or null for any other file. A zip that is not a package is left alone: nothing here unpacks
 * it (e.g. logs attached to an incident).
 */
export async function checkPackage(data: Buffer): Promise<PackagePart[] | null> {
  const parts = centralDirectory(data);
  if (!parts?.some((p) => p.name.toLowerCase() === '[content_types].xml' || p.name === 'mimetype')) return null;
  let total = 0;
  for (const part of parts) {
    if (part.size > PACKAGE_LIMITS.partBytes)
      throw tooLarge(`${part.name} holds more than ${PACKAGE_LIMITS.partBytes / MiB} MB`, `${part.name} lớn hơn ${PACKAGE_LIMITS.partBytes / MiB} MB`);
    total += part.size;
  }
  if (total > PACKAGE_LIMITS.totalBytes)
    throw tooLarge(`more than ${PACKAGE_LIMITS.totalBytes / MiB} MB in all`, `tổng cộng hơn ${PACKAGE_LIMITS.totalBytes / MiB} MB`);
  for (const part of parts) for await (const _chunk of partContent(data, part));
  return parts;
}
