/** Writes the app's OpenAPI document to the file named by the first argument (for `npm run check:openapi`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { buildApp } from '../src/server/app.ts';
const database = await openDatabase({});
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), database);
await app.ready();
mkdirSync(path.dirname(process.argv[2]!), { recursive: true });
writeFileSync(process.argv[2]!, JSON.stringify(app.swagger(), null, 2));
await app.close(); await database.close();
