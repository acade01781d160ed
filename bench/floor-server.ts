/**
 * The floor: a bare Fastify + pg server that, for each benchmarked endpoint, runs exactly the SQL
 * Khiên issued for it (captured by bench/lib/capture.ts, same statements, parameters and order)
 * and answers the same JSON document. What Khiên costs above this is Khiên's own overhead.
 *
 *   npx tsx bench/floor-server.ts <captured.json> <port>
 */
import Fastify from 'fastify';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { benchUrl } from './lib/db.ts';
import type { Captured } from './lib/capture.ts';
import { PG_SESSION_OPTIONS } from '../src/server/db/client.ts';

const [file, port] = process.argv.slice(2);
const captured = JSON.parse(readFileSync(file!, 'utf8')) as Captured[];
const pool = new pg.Pool({ connectionString: benchUrl(), max: 10, options: PG_SESSION_OPTIONS }); // as Khiên's pool
const app = Fastify({ logger: false });
for (const c of captured) {
  app.get(`/floor/${c.name}`, async () => {
    for (const q of c.queries) await pool.query(q as pg.QueryConfig);
    return c.body;
  });
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('floor ready');
