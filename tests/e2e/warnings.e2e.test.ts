import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();
const { signIn } = suite;

/** What the API says, through the page's own session. */
const apiJson = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

describe('a warning from recording to the province progress', () => {
  it('records a warning, sees the affected systems, answers one item as the agency and sees the progress', async () => {
    // The specialized security unit records the authority's warning.
    const unit = await signIn('attt');
    await unit.getByTestId('nav-/warnings').click();
    await unit.getByTestId('warnings-table').waitFor();
    await unit.getByTestId('warning-add').click();
    await unit.getByTestId('warning-source').fill('Trung tâm Giám sát an toàn không gian mạng quốc gia');
    await unit.getByTestId('warning-number').fill('E2E-0909/NCSC');
    await unit.getByTestId('warning-title').fill('Lỗ hổng HTTP/2 Rapid Reset trong nginx trước 1.25.3');
    await unit.getByTestId('warning-severity').selectOption('high');
    await unit.getByTestId('warning-cves').fill('CVE-2023-44487');
    await unit.getByTestId('warning-action').fill('Nâng cấp nginx lên 1.25.3 hoặc giới hạn số luồng HTTP/2 đồng thời.');
    await unit.getByTestId('product-vendor-0').fill('nginx');
    await unit.getByTestId('product-name-0').fill('nginx');
    await unit.getByTestId('product-range-0').fill('>=1.9.5 <1.25.3');
    await unit.getByTestId('warning-save').click();
    await unit.waitForURL(/\/warnings\/\d+$/);
    const warningPath = new URL(unit.url()).pathname;
    const id = Number(warningPath.split('/').pop());

    // The affected systems: every system whose inventory has nginx below 1.25.3, Sở Y tế's among them.
    const items = unit.getByTestId('warning-items');
    await items.waitFor();
    const detail = (await apiJson(unit, `/api/warnings/${id}`)) as {
      items: { systemCode: string; agencyName: string }[];
      byAgency: { agencyId: number; agencyName: string; total: number }[];
    };
    expect(detail.items.length).toBeGreaterThan(3);
    expect(await items.locator('tbody tr').count()).toBe(detail.items.length);
    const sytItem = detail.items.find((i) => i.agencyName === 'Sở Y tế')!;
    expect(sytItem, 'a Sở Y tế system runs nginx 1.24.0').toBeDefined();
    await items.getByTestId(`item-row-${sytItem.systemCode}`).waitFor();
    const syt = detail.byAgency.find((a) => a.agencyName === 'Sở Y tế')!;
    await expect.poll(() => unit.getByTestId(`progress-${syt.agencyId}`).getByTestId('progress-answered').textContent()).toBe('0');
    await unit.screenshot({ path: `${SHOTS}/warning-recorded.png`, fullPage: true });

    // The agency officer sees only Sở Y tế's systems and answers one.
    const officer = await signIn('syt.canbo', warningPath);
    const own = officer.getByTestId('warning-items');
    await own.waitFor();
    expect(await own.locator('tbody tr').count()).toBe(syt.total);
    await own.getByTestId(`item-row-${sytItem.systemCode}`).click();
    // The answer states a fact: none is chosen for the officer, and saving without one is refused.
    expect(await officer.getByTestId('item-answer').inputValue()).toBe('');
    await officer.getByTestId('item-save').click();
    await officer.getByText('Hãy chọn câu trả lời').waitFor();
    expect(await own.getByTestId(`item-row-${sytItem.systemCode}`).getByTestId('item-status').textContent()).not.toBe('Đã giảm thiểu');
    await officer.getByTestId('item-answer').selectOption('mitigated');
    await officer.getByTestId('item-response').fill('Giới hạn 100 luồng HTTP/2 mỗi kết nối; lịch nâng cấp nginx 1.26 trong tuần tới.');
    await officer.getByTestId('item-save').click();
    await officer.getByTestId('item-save').waitFor({ state: 'detached' });
    await expect.poll(() => own.getByTestId(`item-row-${sytItem.systemCode}`).getByTestId('item-status').textContent()).toBe('Đã giảm thiểu');

    // The province sees the answer in the progress by agency.
    await unit.reload();
    await expect.poll(() => unit.getByTestId(`progress-${syt.agencyId}`).getByTestId('progress-answered').textContent()).toBe('1');
    const after = (await apiJson(unit, `/api/warnings/${id}`)) as { progress: { answered: number; total: number } };
    expect(after.progress.answered).toBe(1);
    expect(after.progress.total).toBe(detail.items.length);
    await unit.screenshot({ path: `${SHOTS}/warning-progress.png`, fullPage: true });
  });

  it('shows scan and assessment schedules with overdue systems', async () => {
    const unit = await signIn('attt', '/warnings/assessments');
    await unit.getByTestId('facts-table').waitFor();
    // The box follows the URL, which updates a moment after the click: click, then wait for the state.
    await unit.getByTestId('facts-overdue').click();
    await expect.poll(() => unit.getByTestId('facts-overdue').isChecked()).toBe(true);
    await expect.poll(async () => (await unit.getByTestId('facts-total').textContent()) ?? '').toMatch(/\d+/);
    const overdue = (await apiJson(unit, '/api/warnings/system-facts?assessmentOverdue=true&limit=1')) as { total: number };
    expect(overdue.total).toBeGreaterThan(0);
    await expect.poll(() => unit.getByTestId('facts-total').textContent()).toContain(String(overdue.total));
    await unit.getByTestId('warnings-tab-scans').click();
    await unit.getByTestId('stat-scans').waitFor();
    await unit.getByTestId('facts-table').locator('tbody tr a').first().click();
    await unit.waitForURL(/\/warnings\/systems\/\d+$/);
    await unit.getByTestId('scan-import').waitFor();
    await unit.screenshot({ path: `${SHOTS}/system-security.png`, fullPage: true });
    // The system's own page carries the same facts in one line.
    const systemId = Number(new URL(unit.url()).pathname.split('/').pop());
    const facts = (await apiJson(unit, `/api/systems/${systemId}/security`)) as { lastScanOn: string | null };
    await unit.goto(`${suite.url}/systems/${systemId}`);
    const summary = unit.getByTestId('system-security-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(facts.lastScanOn ? facts.lastScanOn.split('-').reverse().join('/') : 'Chưa từng quét');
  });
});

describe('warning feeds', () => {
  it('imports the NVD page and the KEV catalog from the dialog: exploited badges, provenance, products a page at a time', async () => {
    const unit = await signIn('attt', '/warnings');
    await unit.getByTestId('warnings-table').waitFor();
    for (const name of ['nvd-cve-api-2.0-sample.json', 'kev-first20.json']) {
      await unit.getByTestId('warning-import').click();
      await unit
        .getByRole('dialog')
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: 'application/json', buffer: readFileSync(`tests/fixtures/samples/feeds/${name}`) });
      await unit.getByTestId('warning-import-file-send').click();
      await unit.getByTestId('warning-import-file-send').waitFor({ state: 'detached' });
    }
    // Only the catalog's 20 warnings name a CVE it lists; each row carries the mark.
    await unit.getByTestId('warnings-exploited-only').click();
    const table = unit.getByTestId('warnings-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(20);
    expect(await table.getByTestId('known-exploited').count()).toBe(20);
    expect(await table.getByTestId('known-exploited').first().textContent()).toBe('Đang bị khai thác');
    await unit.screenshot({ path: `${SHOTS}/warnings-known-exploited.png`, fullPage: true });

    // NVD's Ivanti record: where it came from, and its 44 CPEs twenty to a page.
    const found = (await apiJson(unit, '/api/warnings?q=CVE-2023-46805')) as { items: { id: number; source: string }[] };
    const ivanti = found.items.find((w) => w.source === 'NVD')!;
    await unit.goto(`${suite.url}/warnings/${ivanti.id}`);
    const provenance = unit.getByTestId('warning-provenance');
    await provenance.waitFor();
    expect(await provenance.textContent()).toMatch(/^Nguồn dữ liệu: NVD CVE API 2\.0 · CVE-2023-46805 · nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const products = unit.getByTestId('warning-products');
    expect(await products.locator('tbody tr').count()).toBe(20);
    await unit.getByTestId('warning-products-pages').getByRole('button', { name: '3' }).click();
    await expect.poll(() => products.locator('tbody tr').count()).toBe(4);
    const last = products.locator('tbody tr').last();
    expect(await last.textContent()).toContain('cpe:2.3:a:ivanti:connect_secure:22.6:r2:*:*:*:*:*:*');
    expect(await last.locator('td').allTextContents()).toEqual(['Ivanti', 'Connect Secure', '22.6 r2', 'cpe:2.3:a:ivanti:connect_secure:22.6:r2:*:*:*:*:*:*']);
    await unit.screenshot({ path: `${SHOTS}/warning-nvd-products.png`, fullPage: true });
  });
});
