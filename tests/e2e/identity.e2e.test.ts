import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { totpCode } from '../support/mfa.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';

const suite = browserSuite();

async function typePassword(page: Page, username: string) {
  await page.goto(suite.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('two-step sign-in in the browser', () => {
  let secret = '';

  it('a platform admin requires it of the security unit, whose next sign-in sets up an authenticator app', async () => {
    const admin = await suite.signIn('admin', '/admin');
    await admin.getByTestId('mfa-policy').waitFor();
    // The box shows the saved policy: it turns checked once the server has answered (check() would expect it at once).
    await admin.getByTestId('mfa-role-dept_security').click();
    await expect.poll(() => admin.getByTestId('mfa-role-dept_security').isChecked()).toBe(true);
    await admin.getByText('Đã lưu').first().waitFor();
    await admin.context().close();

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await typePassword(page, 'attt');
    await page.getByText('Vai trò của bạn bắt buộc xác thực hai bước').waitFor();
    // Until it is set up, every address shows the account page.
    await page.goto(`${suite.url}/systems`);
    await page.getByTestId('mfa-start').click();
    await page.getByTestId('mfa-qr').waitFor();
    expect(await page.getByTestId('mfa-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: `${SHOTS}/mfa-enrolment.png`, fullPage: true });
    await page.getByTestId('mfa-code').fill(totpCode(secret));
    await page.getByTestId('mfa-confirm').click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect((await codes.textContent())!.match(/[0-9a-f]{5}-[0-9a-f]{5}/g)).toHaveLength(10);
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('systems-table').waitFor();
    await context.close();
  });

  it('asks for the code after the password, refuses a wrong one, and lists the sessions', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await typePassword(page, 'attt');
    await page.getByTestId('login-code').waitFor();
    await page.getByTestId('login-code').fill(totpCode(secret, 40));
    await page.getByTestId('login-verify').click();
    await page.getByText('Mã không đúng, đã hết hạn hoặc đã được dùng').waitFor();
    // The step after the one the enrolment used: each code is accepted once.
    await page.getByTestId('login-code').fill(totpCode(secret, 1));
    await page.getByTestId('login-verify').click();
    await page.getByTestId('nav-/systems').waitFor();

    await page.goto(`${suite.url}/account`);
    await page.getByTestId('mfa-on').waitFor();
    const rows = page.getByTestId('sessions-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('sessions-table').textContent()).toContain('Phiên này');
    await page.screenshot({ path: `${SHOTS}/account-sessions.png`, fullPage: true });
    await page.getByTestId('sign-out-others').click();
    await expect.poll(() => rows.count()).toBe(1);
    await context.close();
  });

  it("an administrator resets a user's second factor from the users page", async () => {
    const admin = await suite.signIn('admin', '/admin/users');
    await admin.getByTestId('user-reset-mfa-attt').click();
    await admin.getByRole('dialog').getByText('Gỡ ứng dụng xác thực và các khóa truy cập của Lê Minh Đức?', { exact: false }).waitFor();
    await admin.getByRole('dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => admin.getByTestId('user-reset-mfa-attt').count()).toBe(0);
    await admin.context().close();

    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await typePassword(page, 'attt');
    await page.getByTestId('mfa-start').waitFor();
    await context.close();
  });
});
