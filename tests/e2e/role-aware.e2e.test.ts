import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';

const suite = browserSuite();

/** Issue 18 §12: each action shows only to whom the server's capabilities allow it. */
describe('screens as each role sees them', () => {
  it('shows the read-only leader neither the approvals queue, nor indicator entry, nor report generation', async () => {
    const page = await suite.signIn('lanhdao');
    await page.getByTestId('nav-/reports').waitFor();
    expect(await page.getByTestId('nav-/approvals').count()).toBe(0);
    // The province dashboard, where an agency's staff would find "Nhập chỉ tiêu".
    await page.goto(`${suite.url}/`);
    await page.getByTestId('period').waitFor();
    expect(await page.getByTestId('indicators-enter').count()).toBe(0);
    await page.goto(`${suite.url}/reports`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await page.getByTestId('report-generate').count()).toBe(0);
    // The server agrees: the leader may not generate a report.
    const me = await (await page.request.get(`${suite.url}/api/auth/me`)).json();
    expect(me.can['reports.compliance'] || me.can['reports.provincial']).toBe(false);
  });

  it('shows an agency officer the queue, the indicator entry of their agency and the report form', async () => {
    const page = await suite.signIn('syt.canbo');
    await page.getByTestId('nav-/approvals').waitFor();
    await page.goto(`${suite.url}/`);
    await page.getByTestId('indicators-enter').waitFor();
    await page.goto(`${suite.url}/reports`);
    await page.getByTestId('report-generate').waitFor();
  });
});
