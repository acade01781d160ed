import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { startOidcProvider } from '../support/oidc-provider.ts';

/** A free port on loopback for the app, so the provider can register its callback before the app starts. */
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});
const app = `http://127.0.0.1:${port}`;
const provider = await startOidcProvider({
  redirectUri: `${app}/api/auth/oidc/callback`,
  accounts: { 'long.vd': { preferred_username: 'syt.canbo', name: 'Vũ Đức Long' }, stranger: { preferred_username: 'nguoi.la' } },
});
const suite = browserSuite({
  PORT: String(port),
  PUBLIC_URL: app,
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: 'khien',
  OIDC_CLIENT_SECRET: 'khien-test-secret-khien-test-secret',
  OIDC_LABEL: 'Đăng nhập bằng tài khoản tỉnh',
});
afterAll(() => provider.close());

describe('single sign-on in the browser', () => {
  it('goes to the provider from the login page and comes back signed in; a stranger is told why not', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(suite.url);
    await page.getByTestId('login-sso').click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name=login]').fill('long.vd');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('nav-/systems').waitFor();
    expect(new URL(page.url()).origin).toBe(app);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me).toMatchObject({ username: 'syt.canbo', fullName: 'Vũ Đức Long' });

    const other = await (await suite.browser.newContext()).newPage();
    await other.goto(suite.url);
    await other.getByTestId('login-sso').click();
    await other.locator('input[name=login]').fill('stranger');
    await other.locator('input[name=password]').fill('any');
    await other.locator('button[type=submit]').click();
    await other.getByTestId('sso-error').waitFor();
    expect(await other.getByTestId('sso-error').textContent()).toContain('Chưa có tài khoản Khiên');
    await expect.poll(() => other.getByTestId('login-username').isVisible()).toBe(true);
    await other.screenshot({ path: `${SHOTS}/sso-refused.png` });
  });
});
