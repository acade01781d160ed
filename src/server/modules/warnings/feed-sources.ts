/**
 * Warning feeds taken on a schedule where the network allows it (issue 17 §2): every file put in FEED_IMPORT_DIR and
 * every URL in FEED_IMPORT_URLS goes through the same import as an upload (`importFeed`), as the account
 * FEED_IMPORT_USER. A file is known by its SHA-256: the same bytes are imported once, whichever node or run claims
 * them first (a unique index decides), so the folder may keep its files and the URL may answer the same catalog
 * every hour. A refused file is not tried again until its bytes change; a run that failed for another reason is.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, count, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Role } from '../../../shared/core/roles.ts';
import { AppError } from '../../http/errors.ts';
import { agencies } from '../agencies/index.ts';
import { users } from '../users/index.ts';
import { recordAudit } from '../audit/index.ts';
import { assertMayImportFeed, importFeed } from './feed-import.ts';
import { mayRecordWarnings } from './access.ts';
import { feedImportRuns } from './schema.ts';
import { MAX_FEED_ENTRIES } from './feeds/feed.ts';
import { isMispManifest } from '../../../shared/intel/misp.ts';

type Source = 'folder' | 'url';
type Fetched = { source: Source; location: string; data: Buffer | null; sha256: string | null; size: number | null; problem?: AppError };
type RunSummary = { files: number; imported: number; refused: number; failed: number; unchanged: number };

/** A claim left 'running' this long belongs to a node that stopped mid-import: the file is taken again. */
const STALE_CLAIM = sql`now() - interval '1 hour'`;
/** Names a writer uses while a file is still being written; a writer should put the finished file in under its own name. */
const UNFINISHED = /^\.|\.(part|tmp|crdownload|partial)$/i;

const tooLarge = (limit: number) =>
  new AppError(
    413,
    'file_too_large',
    `The file is over the ${Math.round(limit / 1048576)} MB upload limit`,
    `Tệp vượt giới hạn ${Math.round(limit / 1048576)} MB`,
    'file',
  );

async function hashFile(file: string) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const fetched = (source: Source, location: string, data: Buffer): Fetched => ({
  source,
  location,
  data,
  sha256: createHash('sha256').update(data).digest('hex'),
  size: data.length,
});

/**
 * A MISP feed: its manifest.json lists the events, each `<uuid>.json` beside it (MISP's "publish feed" layout). Read
 * together, in the manifest's order, into one document of events ({ response: [...] }) bounded by the upload limit;
 * null when `manifest` is not a MISP manifest. A listed event that cannot be read fails the run (tried again).
 */
async function mispFeed(source: Source, location: string, manifest: Buffer, limit: number, readEvent: (file: string) => Promise<Buffer | null>) {
  let doc: unknown;
  try {
    doc = JSON.parse(manifest.toString('utf8'));
  } catch {
    return null;
  }
  if (!isMispManifest(doc)) return null;
  const uuids = Object.keys(doc);
  const fail = (e: AppError): Fetched => ({ source, location, data: null, sha256: null, size: null, problem: e });
  if (uuids.length > MAX_FEED_ENTRIES) {
    return fail(new AppError(413, 'file_too_large', `At most ${MAX_FEED_ENTRIES} events per feed`, `Tối đa ${MAX_FEED_ENTRIES} sự kiện mỗi nguồn`, 'file'));
  }
  const events: unknown[] = [];
  let size = manifest.length;
  for (const uuid of uuids) {
    const data = await readEvent(`${uuid.toLowerCase()}.json`);
    if (!data) return fail(new AppError(502, 'feed_unreachable', `The feed's event ${uuid} cannot be read`, `Không đọc được sự kiện ${uuid} của nguồn`, 'url'));
    size += data.length;
    if (size > limit) return fail(tooLarge(limit));
    try {
      events.push(JSON.parse(data.toString('utf8')));
    } catch {
      events.push(null);
    }
  }
  return { feed: fetched(source, location, Buffer.from(JSON.stringify({ response: events }))), files: uuids.map((u) => `${u.toLowerCase()}.json`) };
}

async function readSmall(file: string, limit: number) {
  try {
    const { size } = await stat(file);
    return size > limit ? null : await readFile(file);
  } catch {
    return null;
  }
}

/**
 * The folder's finished regular files, by name, one at a time: read whole when under the limit (the bytes hashed are
 * the bytes imported), hashed as a stream otherwise. A MISP feed in the folder, or in a folder of it, is taken whole:
 * its manifest with the events it lists.
 */
async function* folderFiles(dir: string, limit: number): AsyncGenerator<Fetched> {
  const all = await readdir(dir, { withFileTypes: true });
  const taken = new Set<string>();
  for (const sub of ['.', ...all.filter((e) => e.isDirectory() && !UNFINISHED.test(e.name)).map((e) => e.name)].sort()) {
    const at = path.join(dir, sub);
    const manifest = await readSmall(path.join(at, 'manifest.json'), limit);
    if (!manifest) continue;
    const feed = await mispFeed('folder', path.join(sub, 'manifest.json'), manifest, limit, (f) => readSmall(path.join(at, f), limit));
    if (!feed) continue;
    if (!('feed' in feed)) {
      yield feed;
      continue;
    }
    if (sub === '.') for (const f of ['manifest.json', ...feed.files]) taken.add(f);
    yield feed.feed;
  }
  const entries = all.filter((e) => e.isFile() && !UNFINISHED.test(e.name) && !taken.has(e.name)).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const { size } = await stat(full);
    if (size > limit) {
      yield { source: 'folder', location: e.name, sha256: await hashFile(full), size, data: null, problem: tooLarge(limit) };
      continue;
    }
    yield fetched('folder', e.name, await readFile(full));
  }
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(Buffer.from(next.value));
  }
  return Buffer.concat(chunks);
}

/**
 * A URL's answer, bounded while it arrives; a network failure or a non-200 answer is a failed run, tried again. A
 * MISP feed's manifest.json brings the events it lists, fetched from beside it.
 */
async function fetchUrl(url: string, limit: number): Promise<Fetched> {
  const got = await fetchOne(url, limit);
  if (!got.data || !new URL(url).pathname.endsWith('/manifest.json')) return got;
  const feed = await mispFeed('url', url, got.data, limit, async (file) => (await fetchOne(new URL(file, url).href, limit)).data);
  if (!feed) return got;
  return 'feed' in feed ? feed.feed : feed;
}

async function fetchOne(url: string, limit: number): Promise<Fetched> {
  const failed = (en: string, vi: string): Fetched => ({
    source: 'url',
    location: url,
    data: null,
    sha256: null,
    size: null,
    problem: new AppError(502, 'feed_unreachable', en, vi, 'url'),
  });
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/json, text/csv, application/xml, */*' } });
  } catch (err) {
    return failed(`The URL did not answer: ${(err as Error).message}`, `Địa chỉ không phản hồi: ${(err as Error).message}`);
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel().catch(() => {});
    return failed(`The URL answered HTTP ${res.status}`, `Địa chỉ trả về mã HTTP ${res.status}`);
  }
  const data = await readLimited(res.body, limit);
  if (!data) return { source: 'url', location: url, data: null, sha256: null, size: null, problem: tooLarge(limit) };
  return fetched('url', url, data);
}

/** The account scheduled imports act as, with what an actor needs; null when it is missing or inactive. */
async function actorNamed(db: Db, username: string): Promise<Actor | null> {
  const [u] = await db
    .select({ userId: users.id, username: users.username, fullName: users.fullName, agencyId: users.agencyId, agencyPath: agencies.path, roles: users.roles })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.username, username), eq(users.active, true), eq(agencies.active, true)));
  return u ? { ...u, roles: u.roles as Role[], ip: 'feed-import' } : null;
}

/**
 * Claims the bytes for this run: a new row, or one whose last try failed or was left running by a stopped node.
 * Null when they were imported or refused before, or another node holds them now.
 */
async function claim(db: Db, f: Fetched, actedAs: number, triggeredBy: number | null) {
  const values = { source: f.source, location: f.location, sha256: f.sha256, size: f.size, outcome: 'running', actedAs, triggeredBy };
  if (!f.sha256) return (await db.insert(feedImportRuns).values(values).returning({ id: feedImportRuns.id }))[0]!.id;
  const [row] = await db
    .insert(feedImportRuns)
    .values(values)
    .onConflictDoUpdate({
      target: feedImportRuns.sha256,
      set: { ...values, startedAt: sql`now()`, finishedAt: null, result: null },
      setWhere: or(eq(feedImportRuns.outcome, 'failed'), and(eq(feedImportRuns.outcome, 'running'), lt(feedImportRuns.startedAt, STALE_CLAIM))),
    })
    .returning({ id: feedImportRuns.id });
  return row?.id ?? null;
}

async function finish(db: Db, id: number, outcome: 'imported' | 'refused' | 'failed', result: unknown) {
  await db.update(feedImportRuns).set({ outcome, result, finishedAt: sql`now()` }).where(eq(feedImportRuns.id, id));
}

const errorResult = (e: AppError) => ({
  code: e.code,
  message: e.message,
  messageVi: e.messageVi,
  field: e.field ?? null,
  details: e.details?.slice(0, 20) ?? [],
});

/**
 * One pass over the configured sources, importing as `actor` (the configured account, or whoever pressed "run now").
 * A file's own fault (a 4xx from the import) refuses it for good; anything else fails the run of that file only.
 */
export async function runFeedSources(db: Db, config: Config, actor: Actor, log: FastifyBaseLogger, triggeredBy: number | null = null): Promise<RunSummary> {
  const { dir, urls } = config.feedImport;
  const tally: RunSummary = { files: 0, imported: 0, refused: 0, failed: 0, unchanged: 0 };
  async function* sources(): AsyncGenerator<Fetched> {
    if (dir) {
      try {
        yield* folderFiles(dir, config.maxUploadBytes);
      } catch (err) {
        log.error({ err, dir }, 'feed folder unreadable');
        const e = new AppError(
          503,
          'feed_folder',
          `The folder cannot be read: ${(err as Error).message}`,
          `Không đọc được thư mục: ${(err as Error).message}`,
          'dir',
        );
        yield { source: 'folder', location: dir, data: null, sha256: null, size: null, problem: e };
      }
    }
    for (const url of urls) yield await fetchUrl(url, config.maxUploadBytes);
  }
  for await (const f of sources()) {
    tally.files++;
    const id = await claim(db, f, actor.userId, triggeredBy);
    if (id === null) {
      tally.unchanged++;
      continue;
    }
    // A problem found before reading: the size limit refuses these bytes; an unreachable URL or folder fails the run.
    if (f.problem) {
      const refused = f.problem.statusCode === 413;
      await finish(db, id, refused ? 'refused' : 'failed', errorResult(f.problem));
      tally[refused ? 'refused' : 'failed']++;
      continue;
    }
    try {
      const name = f.source === 'url' ? decodeURIComponent(new URL(f.location).pathname.split('/').pop() || f.location) : f.location;
      await finish(db, id, 'imported', await importFeed(db, actor, f.data!, name));
      tally.imported++;
    } catch (err) {
      const refused = err instanceof AppError && err.statusCode < 500 && err.statusCode !== 403;
      if (!refused) log.error({ err, location: f.location }, 'feed import failed');
      const result =
        err instanceof AppError
          ? errorResult(err)
          : { code: 'internal', message: 'The import failed; see the server log', messageVi: 'Nhập thất bại; xem nhật ký máy chủ' };
      await finish(db, id, refused ? 'refused' : 'failed', result);
      tally[refused ? 'refused' : 'failed']++;
    }
  }
  return tally;
}

/**
 * One scheduled pass, as FEED_IMPORT_USER: null (and an error in the log) when that account is missing, inactive or
 * may not record warnings, so nothing is imported under a name that cannot answer for it.
 */
export async function runScheduledFeedImport(db: Db, config: Config, log: FastifyBaseLogger) {
  const username = config.feedImport.username;
  const actor = username ? await actorNamed(db, username) : null;
  if (!actor || !mayRecordWarnings(actor)) {
    log.error({ username }, 'FEED_IMPORT_USER is not an active account of the security unit: scheduled feed import skipped');
    return null;
  }
  const tally = await runFeedSources(db, config, actor, log);
  if (tally.imported || tally.refused || tally.failed) log.info({ feeds: tally }, 'feed sources taken');
  return tally;
}

/** Runs the sources on the configured interval (several nodes may: each file is claimed once). */
export function startFeedImportScheduler(db: Db, config: Config, log: FastifyBaseLogger) {
  const { dir, urls, username, intervalMs } = config.feedImport;
  if (!intervalMs || (!dir && !urls.length)) return { stop() {} };
  if (!username) {
    log.warn('FEED_IMPORT_DIR or FEED_IMPORT_URLS is set without FEED_IMPORT_USER: scheduled feed imports are off');
    return { stop() {} };
  }
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runScheduledFeedImport(db, config, log);
    } catch (err) {
      log.error({ err }, 'feed import run failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 30_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

/** What the admin page shows: the sources as configured, and the runs newest first. */
export async function feedImportStatus(db: Db, config: Config, actor: Actor, page: { limit: number; offset: number }) {
  assertMayImportFeed(actor);
  const { dir, urls, username, intervalMs } = config.feedImport;
  const [rows, [total]] = await Promise.all([
    db
      .select({ run: feedImportRuns, actedAsName: users.fullName })
      .from(feedImportRuns)
      .leftJoin(users, eq(users.id, feedImportRuns.actedAs))
      .orderBy(desc(feedImportRuns.startedAt), desc(feedImportRuns.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(feedImportRuns),
  ]);
  return {
    folder: dir ?? null,
    urls,
    username: username ?? null,
    intervalMinutes: intervalMs / 60_000,
    total: total!.n,
    runs: rows.map(({ run, actedAsName }) => ({
      id: run.id,
      source: run.source as Source,
      location: run.location,
      size: run.size,
      outcome: run.outcome as 'running' | 'imported' | 'refused' | 'failed',
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      actedAs: actedAsName,
      scheduled: run.triggeredBy === null,
      result: run.result as Record<string, unknown> | null,
    })),
  };
}

/** "Run now" from the admin page, as the caller; audited with what it did. */
export async function runFeedSourcesNow(db: Db, config: Config, actor: Actor, log: FastifyBaseLogger) {
  assertMayImportFeed(actor);
  if (!config.feedImport.dir && !config.feedImport.urls.length) {
    throw new AppError(
      409,
      'not_configured',
      'No feed source is configured (FEED_IMPORT_DIR, FEED_IMPORT_URLS)',
      'Chưa cấu hình nguồn cảnh báo (FEED_IMPORT_DIR, FEED_IMPORT_URLS)',
      'source',
    );
  }
  const tally = await runFeedSources(db, config, actor, log, actor.userId);
  await db.transaction((tx) => recordAudit(tx, actor, { action: 'run', entity: 'feed_import', agencyId: actor.agencyId, after: tally }));
  return tally;
}
