import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';

const suite = browserSuite();

type Value = { id: string; num: number; den: number; percent: number | null };
const percentVi = (p: number | null) => (p === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(p)}%`);

/** Every indicator row on screen shows the API's numerator/denominator and percentage. */
async function expectIndicatorsMatch(page: Page, values: Value[]) {
  const table = page.getByTestId('dashboard-indicators');
  for (const v of values) {
    const row = table.getByTestId(`indicator-${v.id}`);
    await expect.poll(() => row.getByTestId('percent').textContent()).toBe(percentVi(v.percent));
    if (v.id !== 'budget') expect(await row.getByTestId('count').textContent()).toBe(`${v.num}/${v.den}`);
  }
}

describe('the dashboard in the browser', () => {
  it('shows a leader the province figures the API gives, and drills down to an agency', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(suite.url);
    await page.getByTestId('login-username').fill('lanhdao');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-indicators').waitFor();

    const province = await (await page.request.get(`${suite.url}/api/dashboard`)).json();
    await expect.poll(() => page.getByTestId('dashboard-agency').textContent()).toBe(province.agency.name);
    await expectIndicatorsMatch(page, province.values);
    expect(await page.getByTestId('dashboard-score').textContent()).toBe(new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(province.score));
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

    // Drill down: the Department of Health and its hospitals.
    const health = province.children.find((c: { agency: { name: string } }) => c.agency.name === 'Sở Y tế');
    await page.getByTestId(`drill-${health.agency.id}`).click();
    await expect.poll(() => page.getByTestId('dashboard-agency').textContent()).toBe('Sở Y tế');
    const agency = await (await page.request.get(`${suite.url}/api/dashboard?agencyId=${health.agency.id}`)).json();
    expect(agency.values).toEqual(health.values);
    await expectIndicatorsMatch(page, agency.values);
    await page.screenshot({ path: `${SHOTS}/dashboard-agency.png`, fullPage: true });

    // Every number leads to its records: the approved-level share opens the systems not yet approved.
    await page.getByTestId('dashboard-indicators').getByTestId('indicator-approvedLevel').getByTestId('percent').click();
    await page.waitForURL(/\/systems\?agencyId=\d+&unapproved=true/);
    const unapproved = agency.values.find((v: Value) => v.id === 'approvedLevel');
    await expect.poll(() => page.getByTestId('systems-total').textContent()).toContain(String(unapproved.den - unapproved.num));
    await page.close();
  });
});
