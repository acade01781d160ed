import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { adminQuery } from '../../tests/support/global-setup.ts';

/**
 * `npm start`'s process (src/server/main.ts) on SIGTERM: it stops taking connections, answers the request in flight,
 * closes the database and exits 0. On PostgreSQL it runs on a copy of the seeded database and must leave no
 * connection behind; on PGlite, in a data folder of its own.
 */

const adminUrl = process.env.KHIEN_TEST_DB === 'postgres' ? process.env.KHIEN_TEST_PG_ADMIN_URL : undefined;
const dbName = `khien_shutdown_${randomBytes(4).toString('hex')}`;
let dataDir: string;
let port: number;
let child: ChildProcess;
let exited: Promise<number | null>;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-shutdown-'));
  port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'shutdown-secret-shutdown',
    REMINDER_INTERVAL_MINUTES: '0',
  };
  delete env.DATABASE_URL;
  if (adminUrl) {
    await adminQuery(adminUrl, `create database ${dbName} template ${inject('seededTemplate')}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('Khiên is running') && resolve());
    child.once('exit', (code) => reject(new Error(`main.ts exited with ${code} before serving`)));
  });
}, 120_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${dbName} with (force)`);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends the head of a request and half its body; the rest goes when `finish` is called. The answer's status line resolves `answer`. */
function requestInFlight() {
  const body = JSON.stringify({ username: 'khong.ton.tai', password: 'mat-khau-sai-hoan-toan' });
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answer = new Promise<string>((resolve, reject) => {
    socket.on('data', (b) => {
      received += b.toString();
      if (received.includes('\r\n')) resolve(received.split('\r\n')[0]!);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
  });
  const sent = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 20)}`,
        () => resolve(),
      );
    }),
  );
  return { sent, answer, finish: () => socket.end(body.slice(20)) };
}

const refused = () =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

describe('stopping on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
    const inFlight = requestInFlight();
    await inFlight.sent;
    // Give the server the moment to route the request (the body is still awaited): it is then in flight, where a
    // request arriving after SIGTERM is answered 503.
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    await expect.poll(refused, { timeout: 10_000 }).toBe(true);
    expect(child.exitCode, 'still waiting for the request in flight').toBeNull();
    inFlight.finish();
    // Refused for want of a CSRF token: an answer from the app, not a cut connection nor the 503 of a late request.
    expect(await inFlight.answer).toBe('HTTP/1.1 403 Forbidden');
    expect(await exited).toBe(0);
    if (adminUrl) {
      const left = await adminQuery(adminUrl, `select count(*)::int as n from pg_stat_activity where datname = '${dbName}'`);
      expect(left.rows[0]!.n).toBe(0);
    }
  });
});
