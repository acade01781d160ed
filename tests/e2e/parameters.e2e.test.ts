import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { todayVn } from '../../src/shared/core/dates.ts';
import { addDays } from '../../src/shared/incidents/readiness.ts';

const suite = browserSuite();
const ddMMyyyy = (iso: string) => iso.split('-').reverse().join('/');

describe('the province parameters in the browser', () => {
  it('lists each parameter with its value, period and basis, and changes one by adding a period that keeps the past', async () => {
    const page = await suite.signIn('admin', '/admin');
    await page.getByTestId('admin-parameters').click();
    const row = page.getByTestId('parameter-inspections.perYear');
    expect(await row.getByTestId('parameter-value').textContent()).toBe('2 đợt/năm');
    expect(await row.textContent()).toContain('Điểm b khoản 2');
    expect(await page.getByTestId('parameter-antimalware.deadline.local').getByTestId('parameter-value').textContent()).toBe('31/12/2024');
    await page.screenshot({ path: `${SHOTS}/province-parameters.png`, fullPage: false });

    const from = addDays(todayVn(), 45);
    await row.getByTestId('parameter-change').click();
    await page.getByTestId('period-value').fill('3');
    await page.getByTestId('period-from').fill(from);
    await page.getByTestId('period-save').click();
    await row.getByTestId('parameter-history').getByText('(2)').waitFor();
    // Still 2 today; the history shows the new period and the old one ending on its first day.
    expect(await row.getByTestId('parameter-value').textContent()).toBe('2 đợt/năm');
    await row.getByTestId('parameter-history').click();
    const periods = page.getByTestId('parameter-periods');
    await periods.getByText('3 đợt/năm').waitFor();
    expect(await periods.locator('tbody tr').count()).toBe(2);
    expect(await periods.locator('tbody tr').nth(0).textContent()).toContain(ddMMyyyy(from));
    expect(await periods.locator('tbody tr').nth(1).textContent()).toContain('Dữ liệu ban đầu');
    expect(await periods.locator('tbody tr').nth(1).textContent()).toContain(ddMMyyyy(from));
    await page.context().close();
  });

  it('shows an agency officer the values without a way to change them', async () => {
    const page = await suite.signIn('syt.canbo', '/admin/parameters');
    await page.getByTestId('parameter-scan.intervalMonths').getByTestId('parameter-value').getByText('6 tháng').waitFor();
    expect(await page.getByTestId('parameter-change').count()).toBe(0);
    await page.context().close();
  });
});
