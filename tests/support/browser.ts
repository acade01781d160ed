import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { buildApp, webDist } from '../../src/server/app.ts';
import { ensureReferenceData } from '../../src/server/seed/reference.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The production app (built web UI included) on a free port, with the demo province in in-memory PGlite. */
export async function startServer() {
  if (!existsSync(webDist)) throw new Error('Build the web UI first (npm run build)');
  const database = await openDatabase({});
  await ensureReferenceData(database.db);
  await seedDemo(database.db);
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'e2e-secret-e2e-secret' }), database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
