import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.ts';
import { ensureReferenceData } from '../../src/server/seed/reference.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';
import { mfaRequiredRoles } from '../../src/server/auth/schema.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a PGlite data folder, migrated and seeded with the demo province. */
    seededPglite: string;
    /** A PostgreSQL database, migrated and seeded, that test files clone with CREATE DATABASE … TEMPLATE. */
    seededTemplate: string;
  }
}

/**
 * Migrating and seeding the demo province takes ~15 s; done once per run here, each test file then starts from a
 * copy (PGlite: its data-folder dump; PostgreSQL: a template database) in about a second.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'khien-seed-'));
  const adminUrl = project.config.env?.KHIEN_TEST_PG_ADMIN_URL;
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];

  if (project.config.env?.KHIEN_TEST_DB === 'postgres' && adminUrl) {
    const name = `khien_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    cleanups.push(async () => void (await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    await seeded(database.db);
    // A template must have no open connection when it is cloned.
    await database.close();
    project.provide('seededTemplate', name);
  } else {
    const database = await openDatabase({});
    await seeded(database.db);
    const file = path.join(dir, 'seeded.tar.gz');
    writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
    await database.close();
    project.provide('seededPglite', file);
  }
  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}

async function seeded(db: Parameters<typeof seedDemo>[0]) {
  await ensureReferenceData(db);
  await seedDemo(db);
  // The suite signs the demo users in with their passwords; the MFA tests set the policy (by default platform admins
  // and the security unit must enrol a second factor) through its route, as a platform admin would.
  await db.delete(mfaRequiredRoles);
}

export async function adminQuery(adminUrl: string, text: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}
