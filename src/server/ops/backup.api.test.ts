import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { adminQuery } from '../../../tests/support/global-setup.ts';

/**
 * `npm run backup` and `npm run restore` round-trip a demo site — its database (PostgreSQL by pg_dump, PGlite by its
 * data folder) and its uploaded files — and verify the audit chain of what they restored; a damaged backup is refused
 * before anything is touched.
 */

const adminUrl = process.env.KHIEN_TEST_DB === 'postgres' ? process.env.KHIEN_TEST_PG_ADMIN_URL : undefined;
const dbName = `khien_backup_${randomBytes(4).toString('hex')}`;
let root: string;
let env: Record<string, string | undefined>;
const files = () => path.join(root, 'data', 'files');
const upload = 'ab/abcdef-demo.pdf';

const cli = async (...args: string[]) => {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/ops/backup-cli.ts', ...args], { env });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
};
const open = () => openDatabase({ url: env.DATABASE_URL, pgliteDir: path.join(root, 'data', 'db') });
async function query<T>(text: ReturnType<typeof sql>) {
  const db = await open();
  try {
    return (await db.db.execute(text)).rows as T[];
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'khien-backup-'));
  env = { ...process.env, DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  if (adminUrl) {
    await adminQuery(adminUrl, `create database ${dbName} template ${inject('seededTemplate')}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else {
    // The seeded demo province, written into a data folder as `npm start` keeps it.
    const seeded = await openDatabase({ pgliteDir: path.join(root, 'data', 'db'), pgliteLoad: new Blob([readFileSync(inject('seededPglite'))]) });
    await seeded.close();
  }
  mkdirSync(path.dirname(path.join(files(), upload)), { recursive: true });
  writeFileSync(path.join(files(), upload), '%PDF-1.4 tài liệu đính kèm');
}, 120_000);
afterAll(async () => {
  if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${dbName} with (force)`);
  rmSync(root, { recursive: true, force: true });
});

describe('backup and restore of a demo site', () => {
  it('restores the database and the files as they were at the backup, and verifies the audit chain', async () => {
    const [{ name }] = await query<{ name: string }>(sql`select name from agencies where id = (select min(id) from agencies)`);
    const [{ n: entries }] = await query<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    expect(entries).toBeGreaterThan(0);

    const made = await cli('backup', path.join(root, 'backup'));
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain(`${entries} audit entries`);
    const manifest = JSON.parse(readFileSync(path.join(root, 'backup', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'khien.backup', version: 1, database: adminUrl ? 'postgres' : 'pglite', auditEntries: entries });
    expect(manifest.migrations.applied).toBe(manifest.migrations.expected);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining([`files/${upload}`, adminUrl ? 'database.dump' : 'database.tar.gz']),
    );
    expect(manifest.files.every((f: { sha256: string }) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect((await cli('backup', path.join(root, 'backup'))).code, 'a backup never overwrites another').toBe(1);

    // After the backup: a record renamed, the file lost.
    await query(sql`update agencies set name = 'Đổi tên sau sao lưu' where id = (select min(id) from agencies)`);
    rmSync(path.join(files(), upload));

    const restored = await cli('restore', path.join(root, 'backup'));
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`Audit chain intact: ${entries} entries verified.`);
    expect((await query<{ name: string }>(sql`select name from agencies where id = (select min(id) from agencies)`))[0]!.name).toBe(name);
    expect(readFileSync(path.join(files(), upload), 'utf8')).toBe('%PDF-1.4 tài liệu đính kèm');
    // PGlite: the folder restored over is kept beside the new one.
    if (!adminUrl) expect(readdirSync(path.join(root, 'data')).some((d) => d.startsWith('db.before-restore-'))).toBe(true);
  });

  it('refuses a damaged backup before touching the site', async () => {
    await query(sql`update agencies set name = 'Trước khôi phục hỏng' where id = (select min(id) from agencies)`);
    const dump = path.join(root, 'backup', adminUrl ? 'database.dump' : 'database.tar.gz');
    const bytes = readFileSync(dump);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(dump, bytes);
    const r = await cli('restore', path.join(root, 'backup'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not match its SHA-256 in the manifest: the backup is damaged/);
    expect((await query<{ name: string }>(sql`select name from agencies where id = (select min(id) from agencies)`))[0]!.name).toBe('Trước khôi phục hỏng');
  });
});
