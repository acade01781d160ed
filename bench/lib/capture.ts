import pg from 'pg';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { buildApp } from '../../src/server/app.ts';
import { benchUrl } from './db.ts';

export type Captured = {
  name: string;
  url: string;
  queries: { name?: string; text: string; values?: unknown[]; rowMode?: string }[];
  body: unknown;
  status: number;
};

/**
 * Runs each request once through Khiên in this process and records every SQL statement it sends
 * (name of a prepared statement, text, parameters, row mode) and the JSON it answers: the floor server replays exactly these.
 */
export async function captureQueries(requests: { name: string; url: string; cookie: string }[], file: string): Promise<Captured[]> {
  let sink: Captured['queries'] | null = null;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { name?: string; text: string; values?: unknown[]; rowMode?: string }, unknown[] | undefined];
    // drizzle passes ({ text, rowMode }, values); plain pg calls pass (text, values) or ({ text, values }).
    const values = Array.isArray(second) ? second : typeof first === 'string' ? undefined : first.values;
    if (sink) sink.push(typeof first === 'string' ? { text: first, values } : { name: first.name, text: first.text, values, rowMode: first.rowMode });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const database = await openDatabase({ url: benchUrl(), poolSize: 4 });
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-bench-secret' }), database);
  await app.ready();
  const out: Captured[] = [];
  try {
    for (const r of requests) {
      await app.inject({ method: 'GET', url: r.url, headers: { cookie: r.cookie } }); // warm caches, touch the session
      sink = [];
      const res = await app.inject({ method: 'GET', url: r.url, headers: { cookie: r.cookie } });
      out.push({ name: r.name, url: r.url, queries: sink, body: res.json(), status: res.statusCode });
      sink = null;
      if (res.statusCode !== 200) throw new Error(`${r.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
  } finally {
    pg.Client.prototype.query = original;
    await app.close();
    await database.close();
  }
  writeFileSync(file, JSON.stringify(out));
  return out;
}
