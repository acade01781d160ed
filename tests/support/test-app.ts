import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';
import { adminQuery } from './global-setup.ts';

export { DEMO_PASSWORD };

/**
 * A fresh database for one test file, migrated and holding the demo province: a copy of the one `global-setup.ts`
 * seeded, in in-memory PGlite, or a database cloned from its template on the PostgreSQL server named by
 * KHIEN_TEST_PG_ADMIN_URL (the API tests run once per available database).
 */
export async function openTestDatabase(): Promise<Database & { label: string; url?: string }> {
  const adminUrl = process.env.KHIEN_TEST_PG_ADMIN_URL;
  if (process.env.KHIEN_TEST_DB !== 'postgres' || !adminUrl) {
    const snapshot = new Blob([readFileSync(inject('seededPglite'))]);
    return { ...(await openDatabase({ pgliteLoad: snapshot })), label: 'pglite' };
  }
  const name = `khien_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name} template ${inject('seededTemplate')}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...database,
    label: 'postgres',
    /** For a second app node on the same database. */
    url: url.toString(),
    close: async () => {
      await database.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  database: Database & { label: string; url?: string };
  config: Config;
  /** A signed-in client (demo password unless given). */
  login(username: string, password?: string): Promise<Client>;
  /** A client with a CSRF token and no session. */
  anonymous(): Promise<Client>;
  /** A client that sends `Authorization: Bearer <secret>` and neither cookies nor a CSRF token, like a program. */
  bearer(secret: string): Client;
  close(): Promise<void>;
};

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LOGIN_MAX_PER_IP: '1000',
    SESSION_SECRET: 'test-secret-test-secret',
    MFA_SECRET_KEY: 'test-mfa-key-test-mfa-key',
    ...env,
  });
  const app = await buildApp(config, database);
  await app.ready();
  const anonymous = async () => {
    const client = new Client(app);
    await client.refreshCsrf();
    return client;
  };
  return {
    app,
    database,
    config,
    anonymous,
    bearer: (secret) => Object.assign(new Client(app), { bearer: secret }),
    async login(username, password = DEMO_PASSWORD) {
      const client = await anonymous();
      const res = await client.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      client.me = res.json();
      // Sign-in renews the CSRF secret: the token fetched before it is no longer valid.
      await client.refreshCsrf();
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** An HTTP client over app.inject with a cookie jar and the CSRF header, like the browser SPA. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  me: { id: number; agencyId: number } = { id: 0, agencyId: 0 };
  /** An API token sent instead of the cookie session (see TestApp.bearer). */
  bearer = '';
  constructor(private app: FastifyInstance) {}

  async refreshCsrf() {
    this.csrf = (await this.get('/api/auth/csrf')).json().token;
  }

  async request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ ...opts, headers });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) => this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  patch = (url: string, payload?: unknown) => this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  put = (url: string, payload?: unknown) => this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });
}
