/** Runs every benchmark in turn: on the generated dataset HTTP against the floor, ingest against COPY, documents; then the first screen. */
import { spawnSync } from 'node:child_process';

for (const script of ['bench/http.ts', 'bench/ingest.ts', 'bench/reports.ts', 'bench/first-screen.ts']) {
  console.log(`\n=== ${script} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
