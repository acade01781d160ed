import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { pdfAvailable } from '../../src/server/documents/pdf.ts';

const suite = browserSuite();

/** The security unit generates the quarterly report of the province and lands on its page. */
async function quarterlyReport(page: Page) {
  await page.goto(`${suite.url}/reports`);
  await page.getByTestId('report-generate').click();
  await page.waitForURL(/\/reports\/\d+$/);
  await page.getByTestId('report-section-incidents').waitFor();
}

describe('an official document in the register of outgoing documents, and as PDF', () => {
  it('takes a number for the quarterly report, issues it, and the report shows it', async () => {
    const page = await suite.signIn('attt');
    await quarterlyReport(page);
    await page.getByTestId('report-section-vulnerabilities').waitFor();
    expect(await page.getByTestId('report-number').textContent()).toBe('Chưa ban hành');

    await page.getByTestId('outgoing-reserve').click();
    const reference = page.getByTestId('outgoing-reference');
    await expect.poll(() => reference.textContent()).toMatch(/^\d{2,}\/BC-CAT$/);
    const taken = (await reference.textContent())!;
    // Reserved, still correctable: the report has no number yet.
    expect(await page.getByTestId('report-number').textContent()).toBe('Chưa ban hành');

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('outgoing-issue').click();
    await expect.poll(() => page.getByTestId('report-number').textContent()).toBe(taken);
    await page.getByTestId('outgoing-issue').waitFor({ state: 'detached' });

    // The list of reports shows the same number.
    await page.goto(`${suite.url}/reports`);
    await expect.poll(async () => page.getByTestId('report-number').allTextContents()).toContain(taken);
    await page.screenshot({ path: `${SHOTS}/report-numbered.png`, fullPage: true });
    await page.close();
  });

  it.runIf(pdfAvailable())(
    'downloads the report as a PDF where LibreOffice is installed',
    async () => {
      const page = await suite.signIn('attt');
      await quarterlyReport(page);
      const button = page.getByTestId('report-pdf');
      await expect.poll(() => button.getAttribute('href')).toMatch(/\/api\/reports\/\d+\/pdf$/);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-du-thao-\d+\.pdf$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.close();
    },
    120_000,
  );

  it('says why the PDF button is off where LibreOffice is missing', async () => {
    const saved = process.env.SOFFICE_PATH;
    // The server looks for soffice on each request; pointing it nowhere is a server without LibreOffice.
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    try {
      const page = await suite.signIn('attt');
      await quarterlyReport(page);
      const button = page.getByTestId('report-pdf');
      await expect.poll(() => button.getAttribute('aria-label')).toBe('PDF chưa khả dụng: máy chủ chưa cài LibreOffice');
      expect(await button.isDisabled()).toBe(true);
      await page.close();
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });
});
