import { loadConfig } from '../config.ts';
import { backup, BackupError, restore } from './backup.ts';

/**
 * `npm run backup -- <new folder>` and `npm run restore -- <backup folder>`, for the site of the environment
 * (DATABASE_URL or PGlite in DATA_DIR, files in DATA_DIR/files). Exits 1 on any failure, and a restore whose audit
 * chain does not verify, so cron and scripts can tell.
 */
const [command, dir] = process.argv.slice(2);
if (!dir || (command !== 'backup' && command !== 'restore')) {
  console.error('usage: npm run backup -- <new folder> | npm run restore -- <backup folder>');
  process.exit(2);
}
const config = loadConfig();
try {
  if (command === 'backup') {
    const m = await backup(config, dir);
    console.log(
      `Backup written to ${dir}: ${m.database} database (${m.migrations.applied} migrations, ${m.auditEntries} audit entries), ${m.files.length} files with SHA-256.`,
    );
  } else {
    const { manifest, chain } = await restore(config, dir);
    console.log(`Restored the ${manifest.database} database and files of ${manifest.createdAt} from ${dir}.`);
    if (!chain.ok) {
      console.error(`Audit chain BROKEN at entry ${chain.brokenAtId}: ${chain.reason} (${chain.checked} entries verified before it).`);
      process.exit(1);
    }
    console.log(`Audit chain intact: ${chain.checked} entries verified.`);
  }
} catch (err) {
  if (!(err instanceof BackupError) && !(err instanceof Error && 'stderr' in err)) throw err;
  console.error(`${command} failed: ${err instanceof BackupError ? err.message : String((err as { stderr: unknown }).stderr).trim()}`);
  process.exit(1);
}
