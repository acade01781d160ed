import type { Client } from './test-app.ts';

/** A tiny valid PDF: accepted by the content check of every upload route. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A multipart/form-data body with one file in the field "file". */
export function multipart(name: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----khientest${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const upload = (c: Client, url: string, name: string, data: Buffer = PDF) => c.request({ method: 'POST', url, ...multipart(name, data) });
