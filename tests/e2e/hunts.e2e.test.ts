import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();

/** Picks an option of a Mantine Select or MultiSelect by its visible text. */
async function choose(page: Page, testid: string, option: string | RegExp) {
  await page.getByTestId(testid).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('a threat hunt in the browser', () => {
  it('is recorded with a threat found, opens an incident, and links to it; the security unit sees it by quarter', async () => {
    const page = await suite.signIn('syt.canbo', '/hunts');
    await page.getByTestId('hunt-add').click();
    await page.waitForURL(/\/hunts\/new$/);
    await choose(page, 'hunt-f-systems', /Cơ sở dữ liệu chuyên ngành — Sở Y tế/);
    await page.getByTestId('hunt-f-title').fill('Săn lùng máy trạm kết nối máy chủ điều khiển');
    await page.getByTestId('hunt-f-hypothesis').fill('Máy trạm của Văn phòng Sở kết nối định kỳ tới máy chủ điều khiển mã độc.');
    await page.getByTestId('hunt-f-periodFrom').fill('2026-11-02');
    await page.getByTestId('hunt-f-periodTo').fill('2026-11-13');
    await page.getByTestId('hunt-f-techniques').fill('Phân tích nhật ký DNS');
    await page.getByTestId('hunt-f-techniques').press('Enter');
    // An ATT&CK id off the pattern is refused beside its field, in Vietnamese.
    await page.getByTestId('hunt-f-attack').fill('T10710');
    await page.getByTestId('hunt-f-attack').press('Enter');
    await page.getByTestId('hunt-f-status').getByText('Đã hoàn thành').click();
    await choose(page, 'hunt-f-result', /^Phát hiện mối nguy hại$/);
    await page.getByTestId('hunt-f-resultSummary').fill('Hai máy trạm phân giải tên miền điều khiển đã biết mỗi 10 phút; đã cách ly.');
    await page.getByTestId('hunt-save').click();
    await expect.poll(() => page.getByTestId('hunt-f-attack').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/hunts\/new$/);
    await page.getByTestId('hunt-f-attack').press('Backspace');
    await page.getByTestId('hunt-f-attack').fill('T1071.004');
    await page.getByTestId('hunt-f-attack').press('Enter');
    await page.getByTestId('hunt-save').click();

    await page.waitForURL(/\/hunts\/\d+$/);
    const huntUrl = page.url();
    await expect.poll(() => page.getByTestId('hunt-result').textContent()).toBe('Phát hiện mối nguy hại');
    await expect.poll(() => page.getByText('T1071.004').count()).toBe(1);
    await page.getByTestId('hunt-open-incident').click();

    // The incident form, prefilled from the hunt, files the agency's initial report.
    await page.waitForURL(/\/incidents\/new\?hunt=\d+$/);
    await expect.poll(() => page.getByTestId('report-from-hunt').textContent()).toContain('Săn lùng máy trạm kết nối máy chủ điều khiển');
    expect(await page.getByTestId('report-title').inputValue()).toBe('Săn lùng máy trạm kết nối máy chủ điều khiển');
    expect(await page.getByTestId('report-description').inputValue()).toContain('Hai máy trạm phân giải tên miền điều khiển');
    await page.getByTestId('report-actionsTaken').fill('Đã cách ly hai máy trạm khỏi mạng.');
    await page.getByTestId('report-addresses').fill('10.20.1.15');
    await page.getByTestId('report-addresses').press('Enter');
    await page.getByTestId('report-infrastructureProvider').fill('VNPT Demo (Viễn thông Demo)');
    await page.getByTestId('report-reporterPosition').fill('Chuyên viên Văn phòng Sở');
    await page.getByTestId('report-reporterPhone').fill('0912 345 678');
    await page.getByTestId('report-reporterEmail').fill('long.vd@syt.demo.gov.vn');
    await page.getByTestId('report-submit').click();

    // Back on the hunt: the link to the incident, and no second one to open.
    await page.waitForURL(huntUrl);
    const link = page.getByTestId('hunt-incident-link');
    await expect.poll(() => link.textContent()).toMatch(/^SC-\d{4}-\d{4} — Săn lùng máy trạm kết nối máy chủ điều khiển$/);
    expect(await page.getByTestId('hunt-open-incident').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/hunt.png`, fullPage: true });
    await link.click();
    await page.waitForURL(/\/incidents\/\d+$/);
    // The incident links back to the hunt that found it.
    await expect
      .poll(() => page.getByTestId('incident-hunt').textContent())
      .toBe('Phát hiện khi săn lùng mối nguy hại: Săn lùng máy trạm kết nối máy chủ điều khiển');
    await page.getByTestId('incident-hunt').getByRole('link').click();
    await page.waitForURL(huntUrl);
    await page.close();

    // The security unit sees the agency's hunts per quarter, and its own shared-systems schedule.
    const unit = await suite.signIn('attt', '/hunts/quarters');
    await expect.poll(() => unit.getByTestId('hunt-quarters').textContent()).toContain('Quý IV/2026');
    await expect.poll(() => unit.getByTestId('hunt-shared').textContent()).toContain('Lần hoàn thành gần nhất: 12/06/2026; hạn lần tiếp theo: 12/12/2026');
    const sytRow = unit.getByRole('row', { name: /^Sở Y tế/ });
    await expect.poll(() => sytRow.textContent()).toContain('1 sự cố');
    await unit.screenshot({ path: `${SHOTS}/hunts-by-quarter.png`, fullPage: true });
    await unit.close();
  });
});
