import { defineConfig } from 'vitest/config';
import pg from 'pg';

/** PostgreSQL for the API tests: DATABASE_URL, else the local server if one answers, else none (PGlite only). */
async function findPostgres(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch {
    if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is set but does not answer: ${url}`);
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Migrates and seeds the demo province once per project; each test file opens a copy. */
const seeded = './tests/support/global-setup.ts';

export default defineConfig(async () => {
  const postgres = await findPostgres();
  // isolate: false keeps a worker's imported modules between test files (the app's module graph takes ~1.5 s to load);
  // files share no state through them: each builds its own app on its own database copy, and none mocks a module.
  const api = (name: string, env: Record<string, string>) => ({
    test: { name, include: ['src/**/*.api.test.ts'], env, globalSetup: [seeded], isolate: false, testTimeout: 30_000, hookTimeout: 60_000 },
  });
  console.log(`API tests run against: PGlite${postgres ? ' and PostgreSQL' : ' (no PostgreSQL server answered)'}`);
  return {
    test: {
      reporters: ['default', './tests/support/summary-reporter.ts'],
      projects: [
        { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.api.test.ts'], isolate: false, testTimeout: 30_000, hookTimeout: 60_000 } },
        api('api-pglite', { KHIEN_TEST_DB: 'pglite' }),
        ...(postgres ? [api('api-postgres', { KHIEN_TEST_DB: 'postgres', KHIEN_TEST_PG_ADMIN_URL: postgres })] : []),
        {
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.e2e.test.ts'],
            globalSetup: [seeded],
            isolate: false,
            testTimeout: 60_000,
            hookTimeout: 90_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
