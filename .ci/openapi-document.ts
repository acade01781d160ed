/** The app's OpenAPI document, built without a server; run directly, writes it to the file named by the first argument. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { buildApp } from '../src/server/app.ts';

export async function openapiDocument() {
  const database = await openDatabase({});
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), database);
  await app.ready();
  const document = app.swagger();
  await app.close(); await database.close();
  return document;
}

// `npm run check:openapi` lints the written file.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(path.dirname(process.argv[2]!), { recursive: true });
  writeFileSync(process.argv[2]!, JSON.stringify(await openapiDocument(), null, 2));
}
