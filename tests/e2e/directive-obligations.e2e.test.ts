import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser.ts';

/** What the provinces' texts ask of agencies and the security unit beyond the dated tasks (issue 15 §2). */
const suite = browserSuite();
const { signIn } = suite;

/** Opens the one system whose code starts with `code` from the systems list. */
async function openSystem(page: Page, code: string, name: RegExp) {
  await page.getByTestId('systems-search').fill(code);
  await page.getByTestId('systems-table').getByRole('link', { name }).click();
  await page.waitForURL(/\/systems\/\d+/);
}

describe('a test system with personal data (Vĩnh Phúc directive 1.g)', () => {
  it('takes on the requirement to be secured like production when marked as a test system, and drops it when not', async () => {
    const officer = await signIn('syt.canbo', '/systems');
    await openSystem(officer, 'HSSK-TN', /^Hệ thống hồ sơ sức khỏe điện tử \(thử nghiệm\)/);
    await officer.getByText('Hệ thống thử nghiệm', { exact: true }).waitFor();
    await officer.getByTestId('tab-requirements').click();
    await officer.getByTestId('req-condition-QL-TN-01').waitFor();
    expect(await officer.getByText('Điểm g khoản 1 Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023').count()).toBe(1);

    const setEnvironment = async (label: string) => {
      await officer.getByTestId('tab-info').click();
      await officer.getByTestId('system-edit').click();
      await officer.getByTestId('system-environment').click();
      await officer.getByRole('option', { name: label, exact: true }).click();
      await officer.getByTestId('system-save').click();
      await officer.getByTestId('system-save').waitFor({ state: 'detached' });
    };
    await setEnvironment('Đang vận hành thật');
    await officer.getByTestId('tab-requirements').click();
    await officer.getByText('QL-CS-01').waitFor();
    // The tab first shows the cached list, then the one read back after the save.
    await expect.poll(() => officer.getByTestId('req-condition-QL-TN-01').count()).toBe(0);
    await setEnvironment('Hệ thống thử nghiệm');
    await officer.getByTestId('tab-requirements').click();
    await officer.getByTestId('req-condition-QL-TN-01').waitFor();
  });
});

describe('products of Vietnamese enterprises (Thanh Hóa letter 1.d)', () => {
  it('marks inventory entries as Vietnamese, from the vendor table or with a basis, and shows the agency’s share', async () => {
    const officer = await signIn('syt.canbo', '/systems');
    await openSystem(officer, 'HSSK-TN', /^Hệ thống hồ sơ sức khỏe điện tử \(thử nghiệm\)/);
    await officer.getByTestId('tab-software').click();
    await officer.getByTestId('software-vendor-1').waitFor();
    await officer.getByTestId('software-add').click();
    await officer.getByTestId('software-vendor-2').fill('Bkav');
    await officer.getByTestId('software-product-2').fill('Bkav Endpoint');
    // The vendor table knows Bkav as a Vietnamese enterprise: ticked, with the table as the basis.
    expect(await officer.getByTestId('software-vietnamese-2').isChecked()).toBe(true);
    expect(await officer.getByTestId('software-vietnameseBasis-2').getAttribute('placeholder')).toContain('Bkav: doanh nghiệp Việt Nam');
    await officer.getByTestId('software-add').click();
    await officer.getByTestId('software-vendor-3').fill('Công ty Phần mềm ABC');
    await officer.getByTestId('software-product-3').fill('Cổng dữ liệu y tế');
    await officer.getByTestId('software-vietnamese-3').check();
    await officer.getByTestId('software-save').click();
    // Without a basis the server names the row's field.
    await officer.getByText('Cần nêu căn cứ xác định sản phẩm do doanh nghiệp Việt Nam').waitFor();
    await officer.getByTestId('software-vietnameseBasis-3').fill('Giấy chứng nhận sản phẩm số 12/GCN');
    await officer.getByTestId('software-save').click();
    await officer.getByText('Đã lưu').first().waitFor();

    await officer.getByRole('link', { name: 'Sở Y tế', exact: true }).first().click();
    await officer.waitForURL(/\/agencies\/\d+/);
    const share = officer.getByTestId('stat-vietnamese-software');
    await expect.poll(() => share.textContent()).toMatch(/Sản phẩm do doanh nghiệp Việt Nam sản xuất hoặc làm chủ công nghệ\d+\/\d+ · [\d,]+%/);
    expect(await share.textContent()).toContain('điểm d khoản 1 Công văn của UBND tỉnh Thanh Hóa năm 2024');
  });
});
