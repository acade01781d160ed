/**
 * Renders a DOCX to PDF with LibreOffice, then its pages to PNG with pdftoppm, so a generated document's layout can be
 * looked at. Run by hand (not part of `npm test`); needs Debian's libreoffice-writer-nogui and poppler-utils.
 *
 *   npx tsx tests/support/render-docx.ts                       # the demo province's quarterly report
 *   npx tsx tests/support/render-docx.ts some.docx out-prefix  # any document
 *
 * Writes <out-prefix>-<page>.png (default tests/e2e/screenshots/report-quarterly-docx-<page>.png).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from './test-app.ts';
import { quarterOf } from '../../src/shared/core/recurrence.ts';
import { todayVn } from '../../src/shared/core/dates.ts';

/** The demo's quarterly report to the Ministry, generated through the API as the security unit. */
async function demoQuarterlyReport(): Promise<Buffer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'khien-render-'));
  const t = await startTestApp({ DATA_DIR: dataDir });
  try {
    const attt = await t.login('attt');
    const root = (await attt.get('/api/agencies'))
      .json()
      .find((a: { parentId: number | null; kind: string }) => !a.parentId && a.kind === 'province_committee');
    const today = todayVn();
    const res = await attt.post('/api/reports', { kind: 'quarterly_security', agencyId: root.id, year: Number(today.slice(0, 4)), quarter: quarterOf(today) });
    if (res.statusCode !== 201) throw new Error(res.body);
    return (await attt.get(`/api/reports/${res.json().id}/docx`)).rawPayload;
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function renderDocxToPng(docx: Buffer, outPrefix: string, dpi = 80): string[] {
  const work = mkdtempSync(path.join(tmpdir(), 'khien-docx-'));
  try {
    const input = path.join(work, 'document.docx');
    writeFileSync(input, docx);
    // A private profile, so a running LibreOffice or a missing home directory does not get in the way.
    execFileSync('libreoffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, input], {
      stdio: 'pipe',
    });
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), path.join(work, 'document.pdf'), path.join(work, 'page')]);
    mkdirSync(path.dirname(outPrefix), { recursive: true });
    return readdirSync(work)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort()
      .map((f) => {
        const out = `${outPrefix}-${Number(/\d+/.exec(f)![0])}.png`;
        copyFileSync(path.join(work, f), out);
        return out;
      });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, prefix = 'tests/e2e/screenshots/report-quarterly-docx'] = process.argv.slice(2);
  const docx = file ? (await import('node:fs')).readFileSync(file) : await demoQuarterlyReport();
  for (const png of renderDocxToPng(docx, prefix)) console.log(png);
}
