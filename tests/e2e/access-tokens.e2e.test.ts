import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();

describe('API tokens in the browser', () => {
  it('creates a token on the account page, shows its secret once, and revokes it', async () => {
    const page = await suite.signIn('syt.canbo', '/account');
    await page.getByTestId('token-name').fill('Đồng bộ CMDB');
    await page.getByTestId('token-scopes').click();
    await page.getByRole('option', { name: 'Xem hệ thống thông tin' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('token-create').click();
    const secret = (await page.getByTestId('token-secret').locator('pre').textContent())!.trim();
    expect(secret).toMatch(/^khien_at_/);
    await page.getByTestId('access-tokens').getByText('Đồng bộ CMDB').waitFor();
    await page.screenshot({ path: `${SHOTS}/access-token-created.png`, fullPage: false });

    const call = (path: string) => fetch(`${suite.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
    const systems = await call('/api/systems?limit=1');
    expect(systems.status).toBe(200);
    expect((await call('/api/incidents')).status).toBe(403);

    // Once closed, the secret is not shown again; the list shows only its first characters.
    await page.getByTestId('token-secret').getByRole('button').click();
    await page.reload();
    const row = page.getByTestId('access-tokens').getByRole('row').filter({ hasText: 'Đồng bộ CMDB' });
    await row.getByText('Xem hệ thống thông tin').waitFor();
    expect(await page.content()).not.toContain(secret);
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByText('Đã thu hồi').waitFor();
    expect((await call('/api/systems?limit=1')).status).toBe(401);
    await page.context().close();
  });
});
