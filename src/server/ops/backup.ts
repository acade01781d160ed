import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.ts';
import { migrationState, openDatabase } from '../db/client.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';

/**
 * A backup of one Khiên site: the database (PostgreSQL by `pg_dump -Fc`, PGlite by its data folder's dump), the
 * uploaded files, and `manifest.json` with every file's size and SHA-256. A restore checks every digest before it
 * touches anything, then verifies the audit chain of what it restored. Run with the app stopped on PGlite (one
 * process owns its folder); PostgreSQL is dumped consistently while the app runs.
 */
const run = promisify(execFile);
const DUMP = { postgres: 'database.dump', pglite: 'database.tar.gz' } as const;

type Manifest = {
  format: 'khien.backup';
  version: 1;
  createdAt: string;
  database: 'postgres' | 'pglite';
  migrations: { applied: number; expected: number };
  auditEntries: number;
  files: { path: string; bytes: number; sha256: string }[];
};

/** Streamed: a database dump may be larger than a buffer can hold. */
async function sha256(file: string) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

export class BackupError extends Error {}

export async function backup(config: Config, out: string) {
  if (existsSync(out) && readdirSync(out).length) throw new BackupError(`${out} is not empty: a backup goes into a new folder`);
  mkdirSync(out, { recursive: true });
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
  try {
    const migrations = await migrationState(database.db);
    const chain = await verifyAuditChain(database.db);
    if (!chain.ok) throw new BackupError(`The audit chain is broken at entry ${chain.brokenAtId} (${chain.reason}): not backing up a damaged record`);
    if (kind === 'postgres') {
      await run('pg_dump', ['-Fc', '--no-owner', '--no-privileges', '-f', path.join(out, DUMP.postgres), config.databaseUrl!]);
    } else {
      writeFileSync(path.join(out, DUMP.pglite), Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
    }
    if (existsSync(config.filesDir)) cpSync(config.filesDir, path.join(out, 'files'), { recursive: true });
    const manifest: Manifest = {
      format: 'khien.backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: kind,
      migrations,
      auditEntries: chain.checked,
      files: await Promise.all(
        listFiles(out).map(async (p) => ({ path: p, bytes: statSync(path.join(out, p)).size, sha256: await sha256(path.join(out, p)) })),
      ),
    };
    writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await database.close();
  }
}

/** Every file of the manifest present with its size and digest, and nothing the manifest does not list. */
async function checkedManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new BackupError(`${dir} has no manifest.json: not a Khiên backup`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== 'khien.backup' || manifest.version !== 1) throw new BackupError(`${file} is not a Khiên backup of version 1`);
  for (const f of manifest.files) {
    const full = path.join(dir, f.path);
    if (!existsSync(full)) throw new BackupError(`${f.path} is missing from the backup`);
    if ((await sha256(full)) !== f.sha256) throw new BackupError(`${f.path} does not match its SHA-256 in the manifest: the backup is damaged`);
  }
  const extra = listFiles(dir).filter((p) => p !== 'manifest.json' && !manifest.files.some((f) => f.path === p));
  if (extra.length) throw new BackupError(`Files not in the manifest: ${extra.join(', ')}`);
  return manifest;
}

export async function restore(config: Config, dir: string) {
  const manifest = await checkedManifest(dir);
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== kind) throw new BackupError(`The backup is of a ${manifest.database} database; this site is configured for ${kind}`);
  let database: Awaited<ReturnType<typeof openDatabase>>;
  if (kind === 'postgres') {
    // One transaction: a failed restore leaves the database as it was.
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '-d',
      config.databaseUrl!,
      path.join(dir, DUMP.postgres),
    ]);
    database = await openDatabase({ url: config.databaseUrl });
  } else {
    const target = path.join(config.dataDir, 'db');
    // The folder restored over is kept beside it, not deleted.
    if (existsSync(target)) renameSync(target, `${target}.before-restore-${Date.now()}`);
    const dump = new Blob([readFileSync(path.join(dir, DUMP.pglite))]);
    database = await openDatabase({ pgliteDir: target, pgliteLoad: dump });
  }
  try {
    if (existsSync(path.join(dir, 'files'))) cpSync(path.join(dir, 'files'), config.filesDir, { recursive: true });
    const chain = await verifyAuditChain(database.db);
    return { manifest, chain };
  } finally {
    await database.close();
  }
}
