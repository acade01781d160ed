import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchUrl } from './db.ts';

/**
 * Khiên in production mode on the benchmark database, as its own process (so its RSS can be read).
 * `KHIEN_NODE_ARGS` adds Node flags to it, e.g. `--cpu-prof --cpu-prof-dir=bench/results/profiles`.
 */
export async function startKhien(
  port: number,
  env: Record<string, string> = {},
): Promise<{ url: string; pid: number; peakRssMb: () => number; stop: () => Promise<void> }> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: benchUrl(),
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOGIN_MAX_PER_IP: '100000',
    SESSION_SECRET: 'bench-secret-bench-secret',
    REMINDER_INTERVAL_MINUTES: '0',
    ...env,
  };
  // An empty value unsets the variable: `DATABASE_URL: ''` runs Khiên on its embedded PGlite (in DATA_DIR).
  for (const [k, v] of Object.entries(childEnv)) if (v === '') delete childEnv[k];
  // The heap limit of `npm start`.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--max-old-space-size=384', ...(process.env.KHIEN_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/server/main.ts'],
    {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('Khiên is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`Khiên exited with ${code}`)));
  });
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    /** Peak resident set size so far (VmHWM), in MB. */
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in and returns the session cookie header for load requests. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token } = (await csrf.json()) as { token: string };
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: jar },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return `${jar}; ${session}`;
}
