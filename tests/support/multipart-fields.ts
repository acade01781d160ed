import type { Client } from './test-app.ts';

/**
 * A multipart/form-data body with form fields and then one file in the field "file" (fields must come first:
 * the server reads those sent before the file).
 */
export function multipartWithFields(fields: Record<string, string>, name: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----khienfields${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const uploadWithFields = (c: Client, url: string, fields: Record<string, string>, name: string, data: Buffer) =>
  c.request({ method: 'POST', url, ...multipartWithFields(fields, name, data) });
