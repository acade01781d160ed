import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import path from 'node:path';
import { verifyAuditChain } from './service.ts';

// `npm run audit:verify`: exits 1 when the chain is broken, so it can run from cron or CI.
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'db') });
const result = await verifyAuditChain(database.db);
await database.close();
console.log(
  result.ok
    ? `Audit chain intact: ${result.checked} entries verified.`
    : `Audit chain BROKEN at entry ${result.brokenAtId}: ${result.reason} (${result.checked} entries verified before it).`,
);
process.exit(result.ok ? 0 : 1);
