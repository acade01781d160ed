import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.ts';
import { buildApp, webDist } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';
import { openTestDatabase } from './test-app.ts';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser. */
async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The production app (built web UI included) on a free port, with the demo province in in-memory PGlite (a copy of the seeded snapshot). */
async function startServer(env: Record<string, string>) {
  if (!existsSync(webDist)) throw new Error('Build the web UI first (npm run build)');
  const database = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'e2e-secret-e2e-secret', MFA_SECRET_KEY: 'e2e-mfa-key-e2e-mfa-key', ...env });
  const app = await buildApp(config, database);
  // A test whose provider must know the app's address in advance names the port (PORT, with PUBLIC_URL).
  await app.listen({ port: Number(env.PORT ?? 0), host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Where browser tests save screenshots for a reviewer to look at. */
export const SHOTS = 'tests/e2e/screenshots';

/**
 * One app and one browser for a test file (started before its tests, closed after), and sign-in of a demo
 * user in a browser context of their own, as on their own machine. `env` adds to the app's configuration.
 */
export function browserSuite(env: Record<string, string> = {}) {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server.url;
    },
    get browser() {
      return browser;
    },
    /** The app's database and configuration, for work a background loop would do (e.g. the webhook dispatcher). */
    get database() {
      return server.database;
    },
    get config() {
      return server.config;
    },
    async signIn(username: string, path = '/'): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-/systems').waitFor();
      if (path !== '/') await page.goto(server.url + path);
      return page;
    },
  };
}
