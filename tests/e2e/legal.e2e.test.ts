import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();

describe('the legal registry in the browser', () => {
  it('shows the platform admin every instrument with its dates and status, what cites it, and the rules to revisit', async () => {
    const page = await suite.signIn('admin', '/admin');
    await page.getByTestId('admin-legal').click();
    const table = page.getByTestId('legal-instruments');

    const law116 = table.getByTestId('instrument-law-116-2025');
    await law116.getByText('Luật số 116/2025/QH15').waitFor();
    expect(await law116.getByTestId('issued').textContent()).toBe('10/12/2025');
    expect(await law116.getByTestId('from').textContent()).toBe('01/07/2026');
    expect(await law116.getByTestId('status').textContent()).toBe('Còn hiệu lực');
    expect(await law116.getByTestId('sources').textContent()).toContain('nguồn thứ cấp');

    const decree13 = table.getByTestId('instrument-decree-13-2023');
    expect(await decree13.getByTestId('status').textContent()).toBe('Đã được thay thế');
    expect(await decree13.getByTestId('until').textContent()).toContain('01/01/2026');
    expect(await decree13.getByTestId('cited-by').textContent()).toContain('Tự đánh giá bảo vệ dữ liệu cá nhân');

    // A day the text leaves blank is shown as the month it gives, not as an invented date.
    expect(await table.getByTestId('instrument-vinh-phuc-directive-2023').getByTestId('issued').textContent()).toBe('06/2023');
    expect(await table.getByTestId('instrument-decree-85-2016').getByTestId('status').textContent()).toBe('Cần xác nhận');

    const pdp = page.getByTestId('legal-flags').getByTestId('flag-indicator.pdp').filter({ hasText: 'Nghị định số 13/2023/NĐ-CP' });
    expect(await pdp.textContent()).toContain('Không còn hiệu lực');
    await page.screenshot({ path: `${SHOTS}/legal-registry.png`, fullPage: false });
    await law116.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/legal-instruments.png`, fullPage: false });
    await page.context().close();
  });

  it('is not offered to an agency admin', async () => {
    const page = await suite.signIn('syt.admin', '/admin');
    await page.getByTestId('admin-users').waitFor();
    expect(await page.getByTestId('admin-legal').count()).toBe(0);
    await page.goto(`${suite.url}/admin/legal`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin');
    expect(await page.getByTestId('legal-instruments').count()).toBe(0);
    await page.context().close();
  });
});
