import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';
import { checkPackage, type PackagePart } from './ooxml-package.ts';

export type Upload = {
  name: string;
  data: Buffer;
  fields: Record<string, string>;
  /** The parts of an office package (DOCX, XLSX, ODS), checked against PACKAGE_LIMITS; absent for other files. */
  parts?: PackagePart[];
};

/**
 * The single uploaded file of a multipart request, the one way every route reads an upload.
 * `authorize` is the route's permission check (it may return what the upload is attached to): it runs before a
 * byte of the body is read, so a caller who may not upload here is refused (403/404) whatever the file holds.
 * The file is then read whole up to the byte limit set on the multipart plugin, and an office package is refused
 * if it declares or unpacks to more than PACKAGE_LIMITS. Parsers that read rows stop at their own row caps.
 */
export async function readUpload<T>(req: FastifyRequest, authorize: () => T | Promise<T>): Promise<Upload & { target: Awaited<T> }> {
  const target = await authorize();
  if (!req.isMultipart()) throw invalid('file', 'Send the file as multipart/form-data', 'Hãy gửi tệp dạng multipart/form-data');
  const part = await req.file();
  if (!part) throw invalid('file', 'No file was sent', 'Chưa có tệp nào được gửi');
  // The name is stored and shown: control characters (NUL above all, which PostgreSQL text refuses) are not a name.
  if (/\p{Cc}/u.test(part.filename) || part.filename.length > 255) {
    throw invalid('file', 'The file name has control characters or is over 255 characters', 'Tên tệp chứa ký tự điều khiển hoặc dài quá 255 ký tự');
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'file_too_large', 'The file is too large', 'Tệp quá lớn', 'file');
    }
    throw err;
  }
  if (data.length === 0) throw invalid('file', 'The file is empty', 'Tệp rỗng');
  const parts = await checkPackage(data);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const value = (v as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') fields[k] = value;
  }
  return { name: part.filename, data, fields, ...(parts ? { parts } : {}), target };
}
