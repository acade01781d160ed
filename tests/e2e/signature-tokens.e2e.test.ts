import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { formatDateVi, todayVn } from '../../src/shared/core/dates.ts';
import { addDays } from '../../src/shared/core/recurrence.ts';

const suite = browserSuite();
const today = todayVn();
const validTo = addDays(today, 10);
const lostOn = addDays(today, -2);

describe('the register of signature tokens in the browser', () => {
  it('registers a USB token, shows it expiring, and records its loss', async () => {
    const page = await suite.signIn('syt.canbo', '/signature-tokens');
    await page.getByTestId('token-add').click();
    await page.getByTestId('token-f-agency').click();
    await page.getByRole('option', { name: 'Sở Y tế', exact: true }).click();
    await page.getByTestId('token-f-holderName').fill('Lê Thị Khóa');
    await page.getByTestId('token-f-serial').fill('54 ab 77 01 e2 e2');
    await page.getByTestId('token-f-validFrom').fill('2021-12-10');
    await page.getByTestId('token-f-validTo').fill(validTo);
    await page.getByTestId('token-save').click();

    const row = page.getByTestId('token-54AB7701E2E2');
    await expect.poll(() => row.getByTestId('token-state').textContent()).toBe('Sắp hết hạn');
    await expect.poll(() => row.textContent()).toContain(`10/12/2021 – ${formatDateVi(validTo)}`);

    await row.getByTestId('token-loss').click();
    await page.getByTestId('token-a-on').fill(lostOn);
    await page.getByTestId('token-a-text').fill('Thất lạc khi đi công tác');
    await page.getByTestId('token-a-reportedOn').fill(today);
    await page.getByTestId('token-a-save').click();
    await expect.poll(() => row.getByTestId('token-state').textContent()).toBe('Báo mất');
    await expect.poll(() => row.textContent()).toContain(`Mất ngày ${formatDateVi(lostOn)}, đã báo ngày ${formatDateVi(today)}`);
    await page.screenshot({ path: `${SHOTS}/signature-tokens.png`, fullPage: true });
    await page.close();
  });
});
