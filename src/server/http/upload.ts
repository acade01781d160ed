import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';

/** The single uploaded file of a multipart request, read whole (the size limit is set on the plugin). */
export async function readUpload(req: FastifyRequest): Promise<{ name: string; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw invalid('file', 'Send the file as multipart/form-data', 'Hãy gửi tệp dạng multipart/form-data');
  const part = await req.file();
  if (!part) throw invalid('file', 'No file was sent', 'Chưa có tệp nào được gửi');
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
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const value = (v as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') fields[k] = value;
  }
  return { name: part.filename, data, fields };
}
