import { afterAll, describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { SERVICE_DN, SERVICE_PASSWORD, startLdapServer, SUFFIX } from '../support/ldap-server.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';

/** The login page against a real OpenLDAP server: the directory account first, the Khiên password as the other choice. */
const ldap = await startLdapServer({ users: [{ uid: 'syt.canbo', password: 'Thu-muc-Long-2026', cn: 'Vũ Đức Long' }] });
const suite = browserSuite({
  LDAP_URL: ldap.url,
  LDAP_BIND_DN: SERVICE_DN,
  LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
  LDAP_BASE_DN: SUFFIX,
  LDAP_LABEL: 'Tài khoản Active Directory tỉnh',
});
afterAll(() => ldap.close());

describe('directory sign-in in the browser', () => {
  it('signs in with the directory password from the login page; a wrong one is told in Vietnamese', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(suite.url);
    const source = page.getByTestId('login-source');
    await source.waitFor();
    expect(await source.textContent()).toContain('Tài khoản Active Directory tỉnh');
    expect(await page.getByText('Dùng tên đăng nhập và mật khẩu tài khoản cơ quan').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/login-directory.png` });

    await page.getByTestId('login-username').fill('syt.canbo');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng');

    await page.getByTestId('login-password').fill('Thu-muc-Long-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-/systems').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me).toMatchObject({ username: 'syt.canbo', fullName: 'Vũ Đức Long' });
  });

  it('still offers the Khiên password, in English too', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(suite.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Khiên account').click();
    await page.getByText('For officers of the state bodies of the province.').waitFor();
    await page.getByTestId('login-username').fill('lanhdao');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-/systems').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me.username).toBe('lanhdao');
  });
});
