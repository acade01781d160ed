import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';

const suite = browserSuite();

async function login(page: Page, username: string) {
  await page.goto(suite.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-/agencies').waitFor();
}

describe('foundation in the browser', () => {
  it('shows the login page in Vietnamese and rejects a wrong password without saying why', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('Đăng nhập');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    await page.close();
  });

  it('logs in, edits a contact point from the agency tree and finds the change in the audit log', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(page, 'admin');
    for (const label of ['Tổng quan', 'Cơ quan', 'Hệ thống thông tin', 'Sự cố', 'Cảnh báo', 'Nhiệm vụ', 'Báo cáo', 'Quản trị']) {
      await page.getByRole('navigation').getByText(label, { exact: true }).first().waitFor();
    }
    await page.getByTestId('nav-/agencies').click();
    const tree = page.getByTestId('agency-tree');
    await tree.getByText('Sở Y tế', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sở Y tế' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/agency-page.png`, fullPage: true });

    await page.getByTestId('contact-edit').click();
    await page.getByTestId('contact-name').fill('Nguyễn Thị Kiểm Thử');
    await page.getByTestId('contact-phone').fill('0912345678');
    await page.getByTestId('contact-save').click();
    await page.getByText('Nguyễn Thị Kiểm Thử').first().waitFor();

    await page.goto(`${suite.url}/admin/audit`);
    const table = page.getByTestId('audit-table');
    const firstRow = table.locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toMatch(/agency|Cơ quan/i);
    await firstRow.click();
    await table.getByText('Nguyễn Thị Kiểm Thử').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/audit-log.png`, fullPage: true });
    await page.close();
  });

  it('switches to English and remembers it for the user', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'syt.canbo');
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('nav-/agencies').getByText('Agencies').waitFor();
    const context = await suite.browser.newContext();
    const again = await context.newPage();
    await login(again, 'syt.canbo');
    await again.getByTestId('nav-/agencies').getByText('Agencies').waitFor();
    await context.close();
    await page.close();
  });
});
