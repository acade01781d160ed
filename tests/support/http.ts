import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';

/**
 * A client over real HTTP (the app listening on a free loopback port, Node's fetch), with a cookie jar and the
 * CSRF header like the SPA. Unlike `app.inject`, requests cross Node's HTTP parser and Fastify's URL decoding.
 */
export class HttpClient {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async request(method: string, path: string, opts: { body?: unknown; raw?: BodyInit; headers?: Record<string, string>; csrf?: boolean } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    let body = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (!value || expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, bytes, text, json: json as any };
  }
  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, { headers });
  post = (path: string, body?: unknown) => this.request('POST', path, { body });

  async refreshCsrf() {
    this.csrf = (await this.get('/api/auth/csrf')).json.token;
  }
}

/** Listens on 127.0.0.1 at a free port and returns clients of it. */
export async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const anonymous = async () => {
    const c = new HttpClient(base);
    await c.refreshCsrf();
    return c;
  };
  return {
    base,
    anonymous,
    async login(username: string, password = DEMO_PASSWORD) {
      const c = await anonymous();
      const res = await c.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      await c.refreshCsrf();
      return c;
    },
  };
}
