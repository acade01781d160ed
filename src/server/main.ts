import path from 'node:path';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { buildApp } from './app.ts';
import { ensureReferenceData } from './seed/reference.ts';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedDemo } from './seed/demo.ts';
import { startReminderScheduler } from './modules/reminders/index.ts';
import { startHousekeeping } from './housekeeping.ts';
import { startFeedImportScheduler } from './modules/warnings/index.ts';
import { startWebhookDispatcher } from './modules/webhooks/index.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
await ensureReferenceData(database.db);
const seeded = config.seedDemo && (await isEmpty(database.db));
if (seeded) await seedDemo(database.db);

const app = await buildApp(config, database);
await app.listen({ port: config.port, host: config.host });
// Reminder jobs run in the serving process; they are idempotent, so every node may run them.
const reminders = startReminderScheduler(database.db, config, app.log);
const housekeeping = startHousekeeping(database.db, app.log);
const feeds = startFeedImportScheduler(database.db, config, app.log);
// Webhook deliveries are claimed with a lease (modules/webhooks/dispatcher.ts): every node may dispatch.
const webhooks = startWebhookDispatcher(database.db, config, app.log);

const url = `http://localhost:${config.port}`;
console.log(`\nKhiên is running at ${url}  (database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}/db` : 'PostgreSQL'})`);
if (config.seedDemo) {
  console.log(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} [${u.roles.join(',')}]`).join(', ')}`);
  console.log(
    'The roles set on the Administration page (platform_admin, dept_security by default) set up a second factor (authenticator app or passkey) at their first sign-in.\n',
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    reminders.stop();
    housekeeping.stop();
    feeds.stop();
    webhooks.stop();
    await app.close();
    await database.close();
    process.exit(0);
  });
}
