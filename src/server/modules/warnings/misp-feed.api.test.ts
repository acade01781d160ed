/**
 * A MISP feed (manifest.json and its `<uuid>.json` events) taken by the scheduled feed sources, from a folder and from
 * a URL served by a real HTTP server in the test: one import of the events the manifest lists, once by their bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import type { Actor } from '../../auth/actor.ts';
import { runFeedSources } from './feed-sources.ts';

const FEED = 'tests/fixtures/misp/feed';
let t: TestApp;
let dir: string;
let server: Server;
let base: string;
let actor: Actor;
const log = { error: () => {}, info: () => {}, warn: () => {} } as unknown as FastifyBaseLogger;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'khien-misp-'));
  cpSync(FEED, path.join(dir, 'cert-demo'), { recursive: true });
  // /feeds/cert-demo/ serves the feed; /feeds/broken/ its manifest only.
  server = createServer((req, res) => {
    const url = req.url ?? '';
    const file = path.join(FEED, path.basename(url));
    try {
      if (!url.startsWith('/feeds/cert-demo/') && !url.startsWith('/feeds/broken/manifest.json')) throw new Error('not here');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feeds`;
  t = await startTestApp();
  const { rows } = await t.database.db.execute(
    sql`select u.id as "userId", u.username, u.full_name as "fullName", u.agency_id as "agencyId", a.path as "agencyPath", u.roles from users u join agencies a on a.id = u.agency_id where u.username = 'attt'`,
  );
  actor = { ...(rows[0] as Omit<Actor, 'ip'>), ip: 'test' };
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const config = (feedImport: Partial<TestApp['config']['feedImport']>) => ({
  ...t.config,
  feedImport: { ...t.config.feedImport, dir: undefined, urls: [], ...feedImport },
});
const mispWarnings = async () =>
  (await t.database.db.execute(sql`select number, feed, cve_ids from warnings where feed = 'misp_json' order by number`)).rows as {
    number: string;
    cve_ids: string[];
  }[];

describe('a MISP feed as a warning source', () => {
  it('takes a folder holding a feed as one import of its events, the others left out, once', async () => {
    const tally = await runFeedSources(t.database.db, config({ dir }), actor, log);
    expect(tally).toEqual({ files: 1, imported: 1, refused: 0, failed: 0, unchanged: 0 });
    expect(await mispWarnings()).toEqual([{ number: '5f8c2a9e-3b1d-4c7a-9e21-6d4b8f0a1c32', feed: 'misp_json', cve_ids: ['CVE-2024-21762'] }]);
    const { rows } = await t.database.db.execute(sql`select location, result from feed_import_runs order by id desc limit 1`);
    expect(rows[0]).toMatchObject({ location: path.join('cert-demo', 'manifest.json'), result: { format: 'misp_json', created: 1, ignored: 2 } });
    expect(await runFeedSources(t.database.db, config({ dir }), actor, log)).toMatchObject({ files: 1, imported: 0, unchanged: 1 });
  });

  it('takes a feed by its manifest URL, fetching the events beside it; a missing event fails the run', async () => {
    const tally = await runFeedSources(t.database.db, config({ urls: [`${base}/cert-demo/manifest.json`] }), actor, log);
    // The events fetched are the folder's, put together the same way: the same bytes, already imported.
    expect(tally).toEqual({ files: 1, imported: 0, refused: 0, failed: 0, unchanged: 1 });
    expect(await mispWarnings()).toHaveLength(1);
    const broken = await runFeedSources(t.database.db, config({ urls: [`${base}/broken/manifest.json`] }), actor, log);
    expect(broken).toMatchObject({ files: 1, failed: 1 });
  });
});
