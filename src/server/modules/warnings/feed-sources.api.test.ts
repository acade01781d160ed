/**
 * Feeds taken on a schedule: files put in a folder and a URL served by a real HTTP server in the test, imported once
 * by their bytes however often the sources are taken, refused files kept with their reason, a URL that is down tried
 * again, two runs at once importing each file once, and what the security unit sees of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import type { Actor } from '../../auth/actor.ts';
import { runFeedSources, runScheduledFeedImport } from './feed-sources.ts';

const SAMPLES = 'tests/fixtures/samples/feeds';
let t: TestApp;
let dir: string;
let server: Server;
let url: string;
/** What the test's feed server answers next: a status and a body. */
let answer: { status: number; body: Buffer } = { status: 503, body: Buffer.from('maintenance') };
let attt: Client;
let officer: Client;
const errors: unknown[] = [];
const log = { error: (o: unknown) => errors.push(o), info: () => {}, warn: () => {} } as unknown as FastifyBaseLogger;

const warningCount = async () => {
  const { rows } = await t.database.db.execute(sql`select count(*)::int as n from warnings`);
  return (rows[0] as { n: number }).n;
};
type Run = { location: string; outcome: string; scheduled: boolean; actedAs: string | null; result: Record<string, unknown> | null };
/** The security unit's officer as an actor, for calling the pass directly as the "run now" route does. */
const atttActor = async (): Promise<Actor> => {
  const { rows } = await t.database.db.execute(
    sql`select u.id as "userId", u.username, u.full_name as "fullName", u.agency_id as "agencyId", a.path as "agencyPath", u.roles from users u join agencies a on a.id = u.agency_id where u.username = 'attt'`,
  );
  return { ...(rows[0] as Omit<Actor, 'ip'>), ip: 'test' };
};
const runs = async (): Promise<Run[]> => (await attt.get('/api/admin/feed-imports?limit=200')).json().runs;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'khien-feeds-'));
  server = createServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv/GHSA-jfh8-c2jp-5v3q.json`;
  t = await startTestApp({ FEED_IMPORT_DIR: dir, FEED_IMPORT_URLS: url, FEED_IMPORT_USER: 'attt', FEED_IMPORT_INTERVAL_MINUTES: '0' });
  [attt, officer] = await Promise.all(['attt', 'syt.canbo'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('scheduled feed sources', () => {
  it('shows the security unit the sources as configured, and no one else', async () => {
    const status = (await attt.get('/api/admin/feed-imports')).json();
    expect(status).toMatchObject({ folder: dir, urls: [url], username: 'attt', intervalMinutes: 0, total: 0, runs: [] });
    const refused = await officer.get('/api/admin/feed-imports');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', messageVi: expect.any(String) });
    expect((await officer.post('/api/admin/feed-imports/run')).statusCode).toBe(403);
    expect((await (await t.anonymous()).get('/api/admin/feed-imports')).statusCode).toBe(401);
    expect((await attt.get('/api/admin/feed-imports?limit=0')).statusCode).toBe(400);
  });

  it('imports the finished files of the folder as the configured account, refuses a bad one with its reason, and tries a URL that is down again', async () => {
    copyFileSync(`${SAMPLES}/kev-first20.json`, path.join(dir, '2026-12-01-kev.json'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a feed');
    copyFileSync(`${SAMPLES}/csaf-bsi-2022-0001.json`, path.join(dir, 'csaf.json.part'));
    writeFileSync(path.join(dir, '.hidden.json'), '{}');
    const before = await warningCount();

    const tally = await runScheduledFeedImport(t.database.db, t.config, log);
    expect(tally).toEqual({ files: 3, imported: 1, refused: 1, failed: 1, unchanged: 0 });
    expect(await warningCount()).toBe(before + 20);
    const list = await runs();
    const kev = list.find((r) => r.location === '2026-12-01-kev.json')!;
    expect(kev).toMatchObject({ outcome: 'imported', scheduled: true, actedAs: expect.stringMatching(/\S/), result: { format: 'kev_json', created: 20 } });
    const notes = list.find((r) => r.location === 'notes.txt')!;
    expect(notes.outcome).toBe('refused');
    expect(notes.result).toMatchObject({ code: expect.any(String), message: expect.any(String), messageVi: expect.any(String) });
    expect(list.find((r) => r.location === url)).toMatchObject({
      outcome: 'failed',
      result: { code: 'feed_unreachable', message: 'The URL answered HTTP 503' },
    });
    expect(list.some((r) => r.location.includes('.part') || r.location.includes('hidden'))).toBe(false);

    // Imported warnings are recorded as the configured account, and the import is in the audit log under it.
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log a join users u on u.id = a.actor_user_id where u.username = 'attt' and a.entity = 'warning' and a.action = 'import' and a.ip = 'feed-import'`,
    );
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('leaves files it has met alone, under any name, and takes the URL once it answers', async () => {
    copyFileSync(`${SAMPLES}/kev-first20.json`, path.join(dir, 'copy-of-kev.json'));
    answer = { status: 200, body: readFileSync(`${SAMPLES}/osv-GHSA-jfh8-c2jp-5v3q.json`) };
    const before = await warningCount();
    const tally = await runScheduledFeedImport(t.database.db, t.config, log);
    expect(tally).toEqual({ files: 4, imported: 1, refused: 0, failed: 0, unchanged: 3 });
    expect(await warningCount()).toBe(before + 1);
    // The same answer again is the same bytes: nothing new.
    expect(await runScheduledFeedImport(t.database.db, t.config, log)).toEqual({ files: 4, imported: 0, refused: 0, failed: 0, unchanged: 4 });
    expect(await warningCount()).toBe(before + 1);
    expect(
      (await runs())
        .filter((r) => r.outcome === 'imported')
        .map((r) => r.location)
        .sort(),
    ).toEqual(['2026-12-01-kev.json', url].sort());
  });

  it('imports each new file once when two runs take the sources at the same time', async () => {
    copyFileSync(`${SAMPLES}/nvd-cve-api-2.0-sample.json`, path.join(dir, 'nvd.json'));
    copyFileSync(`${SAMPLES}/csaf-bsi-2022-0001.json`, path.join(dir, 'csaf.json'));
    const actor = await atttActor();
    const [a, b] = await Promise.all([runFeedSources(t.database.db, t.config, actor, log), runFeedSources(t.database.db, t.config, actor, log)]);
    expect(a.imported + b.imported).toBe(2);
    expect(a.unchanged + b.unchanged).toBe(2 * 6 - 2);
    const taken = (await runs()).filter((r) => r.location === 'nvd.json' || r.location === 'csaf.json');
    expect(taken.map((r) => r.outcome)).toEqual(['imported', 'imported']);
  });

  it('refuses a file over the upload limit without reading it, and keeps it refused', async () => {
    writeFileSync(path.join(dir, 'huge.json'), Buffer.alloc(64 * 1024, 0x20));
    const small = { ...t.config, maxUploadBytes: 32 * 1024 };
    const actor = await atttActor();
    expect((await runFeedSources(t.database.db, small, actor, log)).refused).toBe(1);
    expect((await runs()).find((r) => r.location === 'huge.json')).toMatchObject({ outcome: 'refused', result: { code: 'file_too_large' } });
    expect((await runFeedSources(t.database.db, small, actor, log)).refused).toBe(0);
  });

  it('runs now from the admin page as the caller, audited; and skips the schedule when its account may not record warnings', async () => {
    const res = await attt.post('/api/admin/feed-imports/run');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ files: 7, imported: 0, failed: 0 });
    const { rows } = await t.database.db.execute(sql`select after from audit_log where entity = 'feed_import' and action = 'run' order by id desc limit 1`);
    expect((rows[0] as { after: { files: number } }).after.files).toBe(7);

    errors.length = 0;
    const asOfficer = { ...t.config, feedImport: { ...t.config.feedImport, username: 'syt.canbo' } };
    expect(await runScheduledFeedImport(t.database.db, asOfficer, log)).toBeNull();
    expect(errors).toHaveLength(1);
    const unknown = { ...t.config, feedImport: { ...t.config.feedImport, username: 'no.such.user' } };
    expect(await runScheduledFeedImport(t.database.db, unknown, log)).toBeNull();
  });
});

describe('without feed sources', () => {
  it('answers 409 in both languages to "run now"', async () => {
    const bare = await startTestApp();
    try {
      const res = await (await bare.login('attt')).post('/api/admin/feed-imports/run');
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'not_configured', field: 'source', messageVi: expect.stringContaining('Chưa cấu hình') });
    } finally {
      await bare.close();
    }
  });
});
