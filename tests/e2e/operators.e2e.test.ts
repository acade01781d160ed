import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { formatDateVi, todayVn } from '../../src/shared/core/dates.ts';

const suite = browserSuite();
const today = todayVn();

describe('a telecom operator answers its duties in the browser', () => {
  it('sees its standing duties, records a customer warning and its contact point, which the public list then shows without sign-in', async () => {
    const page = await suite.signIn('vnpt.canbo', '/operators');
    await expect.poll(() => page.getByTestId('operator-name').textContent()).toBe('VNPT Demo (Viễn thông Demo)');

    // The duties of Vĩnh Phúc 7, Thanh Hóa 3, Quảng Nam 4 and Bắc Giang 9, none with a date the texts do not give.
    const duties = page.getByTestId('operator-duty');
    await expect.poll(() => duties.count()).toBe(11);
    const texts = await duties.allTextContents();
    expect(texts.some((d) => d.includes('Cảnh báo đến khách hàng và hỗ trợ xử lý sự cố'))).toBe(true);
    expect(texts.every((d) => d.includes('Thường xuyên (văn bản không ấn định thời hạn)'))).toBe(true);

    await page.getByTestId('warning-add').click();
    await page.getByTestId('warning-f-subject').fill('Cảnh báo tin nhắn giả mạo ngân hàng yêu cầu cập nhật sinh trắc học');
    await page.getByTestId('warning-f-customersReached').fill('25000');
    await page.getByTestId('warning-f-authorityWarning').fill('Cảnh báo số 21/CB-A05');
    await page.getByTestId('warning-save').click();
    const warning = page.getByTestId('customer-warning').filter({ hasText: 'sinh trắc học' });
    await expect.poll(() => warning.textContent()).toContain(formatDateVi(today));
    await expect.poll(() => warning.textContent()).toContain('25.000');
    await expect.poll(() => warning.textContent()).toContain('Cảnh báo số 21/CB-A05');

    await page.getByTestId('contact-edit').click();
    await page.getByTestId('contact-f-name').fill('Lương Thị Đầu Mối');
    await page.getByTestId('contact-f-position').fill('Trưởng ca Trung tâm điều hành mạng');
    await page.getByTestId('contact-f-phone').fill('0915 246 810');
    await page.getByTestId('contact-f-email').fill('ungcuu@vnpt-demo.vn');
    await page.getByTestId('contact-f-published').check();
    await page.getByTestId('contact-f-publishedUrl').fill('https://vnpt-demo.vn/dau-moi-su-co');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => page.getByTestId('operator-contact').textContent()).toContain('Lương Thị Đầu Mối');
    await expect.poll(() => page.getByTestId('contact-published').textContent()).toBe('Có');
    await page.screenshot({ path: `${SHOTS}/operator-duties.png`, fullPage: true });
    await page.close();

    // Nobody signed in: the province's public list shows the contact point.
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const anonymous = await context.newPage();
    await anonymous.goto(`${suite.url}/public/operator-contacts`);
    const row = anonymous.getByTestId('public-contact').filter({ hasText: 'VNPT Demo (Viễn thông Demo)' });
    await expect.poll(() => row.textContent()).toContain('Lương Thị Đầu Mối');
    const shown = (await row.textContent()) ?? '';
    for (const part of ['Trưởng ca Trung tâm điều hành mạng', '0915 246 810', 'ungcuu@vnpt-demo.vn', 'https://vnpt-demo.vn/dau-moi-su-co'])
      expect(shown).toContain(part);
    expect(await anonymous.getByTestId('login-username').count()).toBe(0);
    await anonymous.screenshot({ path: `${SHOTS}/operator-contacts-public.png`, fullPage: true });
    await context.close();
  });
});
