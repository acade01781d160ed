import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen } from '../../../tests/support/http.ts';
import { webDist } from '../app.ts';

/** The web app's files and the API's answers as they travel: compressed, and cached only where they cannot go stale. */

let t: TestApp;
let base: string;
let session: string;
const indexHtml = () => readFileSync(path.join(webDist, 'index.html'));
const entryScript = () => /src="(\/assets\/index-[^"]+\.js)"/.exec(indexHtml().toString())![1]!;

/** A GET with node:http, which (unlike fetch) leaves the body as it was sent. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(base + url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
const plain = (r: { headers: Record<string, unknown>; body: Buffer }) =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

beforeAll(async () => {
  t = await startTestApp();
  const http = await listen(t.app);
  base = http.base;
  const c = await http.login('admin');
  session = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
});
afterAll(async () => {
  await t?.close();
});

describe('the web app', () => {
  it('sends index.html precompressed, revalidated on every load, for the root and for any page of the app', async () => {
    for (const url of ['/', '/systems', '/incidents/12']) {
      const r = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(r.status, url).toBe(200);
      expect(r.headers['content-encoding'], url).toBe('br');
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers.vary, url).toMatch(/accept-encoding/i);
      expect(plain(r).equals(indexHtml()), url).toBe(true);
    }
  });

  it('caches hashed assets for a year as immutable, in the encoding the browser takes', async () => {
    const script = readFileSync(path.join(webDist, entryScript()));
    const br = await get(entryScript(), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(br.body.length).toBeLessThan(script.length / 3);
    expect(plain(br).equals(script)).toBe(true);
    const gz = await get(entryScript(), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain(gz).equals(script)).toBe(true);
    const none = await get(entryScript());
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(script)).toBe(true);
  });

  it('has a favicon, named by the page', async () => {
    expect(indexHtml().toString()).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg"');
    const r = await get('/favicon.svg');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(plain(r).toString()).toMatch(/^<svg .*<title>Khiên<\/title>/);
  });
});

describe('API answers', () => {
  it('compresses a large JSON answer and keeps it out of every cache; leaves a small one as it is', async () => {
    const large = await get('/api/legal/instruments', { 'accept-encoding': 'br, gzip', cookie: session });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(plain(large).toString()).instruments.length).toBeGreaterThan(10);
    const gz = await get('/api/legal/instruments', { 'accept-encoding': 'gzip', cookie: session });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain(gz).equals(plain(large))).toBe(true);
    const small = await get('/api/auth/methods', { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toHaveProperty('local');
  });
});
