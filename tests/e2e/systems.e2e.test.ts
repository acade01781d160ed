import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { PDF } from '../support/upload.ts';

const suite = browserSuite();
const { signIn } = suite;

async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  await page.getByTestId(`dossier-action-${action}`).click();
  for (const [testid, value] of Object.entries(fields)) await page.getByTestId(testid).fill(value);
  await page.getByTestId('transition-confirm').click();
  await page.getByTestId('transition-confirm').waitFor({ state: 'detached' });
}

describe('a system from registration to an approved level', () => {
  it('registers, classifies, submits, appraises, approves and downloads the dossier', async () => {
    // The agency officer registers the system and classifies it.
    const officer = await signIn('syt.canbo', '/systems');
    await officer.getByTestId('system-add').click();
    await officer.getByTestId('system-code').fill('E2E-HIS');
    await officer.getByTestId('system-name').fill('Hệ thống quản lý hồ sơ sức khỏe điện tử');
    await officer.getByTestId('system-save').click();
    await officer.waitForURL(/\/systems\/\d+$/);
    const systemUrl = officer.url();

    await officer.getByTestId('tab-classification').click();
    // Health records of 25,000 people served online: level 3 by the user count (Art. 9(2)(c)), not by how sensitive they are.
    await officer.getByLabel(/^Phục vụ người dân, doanh nghiệp/).check();
    await officer.getByLabel(/^Thông tin cá nhân/).check();
    const result = officer.getByTestId('classification-result');
    await expect.poll(() => result.textContent()).toContain('Cấp độ 2');
    expect(await officer.getByTestId('basis-functions').textContent()).toContain('Khoản 2 Điều 6 Nghị định số 85/2016/NĐ-CP');
    await officer.getByRole('button', { name: 'Tiếp' }).click();
    await officer.getByTestId('q-onlineServiceUsersWithPersonalData').fill('25000');
    await expect.poll(() => result.textContent()).toContain('Cấp độ 3');
    expect(await result.textContent()).toContain('Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP');
    await officer.screenshot({ path: `${SHOTS}/classification-wizard.png`, fullPage: true });
    await officer.getByTestId('classification-save').click();
    await officer.getByText('Đã lưu').first().waitFor();

    await officer.getByTestId('tab-dossiers').click();
    await officer.getByTestId('dossier-open').click();
    await officer.waitForURL(/\/dossiers\/\d+$/);
    const dossierPath = new URL(officer.url()).pathname;
    await officer.getByTestId('dossier-edit').click();
    await officer.getByTestId('dossier-description').fill('Hệ thống lưu trữ hồ sơ sức khỏe của người dân trong tỉnh.');
    await officer.getByTestId('dossier-plan').fill('Phân vùng mạng, tường lửa, sao lưu hằng ngày, mã hóa dữ liệu nhạy cảm.');
    await officer.getByTestId('dossier-save').click();
    await officer.getByText('Phân vùng mạng, tường lửa').waitFor();
    // Art. 15: the design document is attached as such; without it the dossier cannot be submitted.
    await officer.getByTestId('attachment-part').click();
    await officer.getByRole('option', { name: 'Tài liệu thiết kế', exact: true }).click();
    await officer.locator('input[type="file"]').setInputFiles({ name: 'thiet-ke-thi-cong.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer.getByText('thiet-ke-thi-cong.pdf').waitFor();
    await act(officer, 'submit');
    await officer.getByText('Đã nộp').first().waitFor();
    // The receiving unit has 5 working days to check completeness.
    await officer.getByTestId('dossier-deadlines').getByText('Kiểm tra tính hợp lệ của hồ sơ: 5 ngày làm việc').waitFor();
    expect(await officer.getByTestId('dossier-action-approve').count()).toBe(0);

    // The provincial security unit finds it in its queue, appraises it.
    const appraiser = await signIn('attt', '/approvals');
    await appraiser.getByTestId('approvals-table').getByText('Hệ thống quản lý hồ sơ sức khỏe điện tử').click();
    await appraiser.waitForURL(new RegExp(dossierPath));
    await act(appraiser, 'start_appraisal');
    await appraiser.getByText('Đang thẩm định').first().waitFor();
    await act(appraiser, 'appraise', {
      'transition-comment': 'Hồ sơ đầy đủ, đề xuất cấp độ 3 là phù hợp.',
      'decision-number': '45/TĐ-ATTT',
      'decision-date': '2026-11-25',
    });
    await appraiser.getByText('Đã thẩm định').first().waitFor();
    expect(await appraiser.getByTestId('dossier-action-approve').count()).toBe(0);

    // The owner's head approves, recording the decision.
    const head = await signIn('syt.admin', dossierPath);
    await act(head, 'approve', { 'decision-number': '123/QĐ-SYT', 'decision-date': '2026-11-30' });
    await head.getByText('Đã phê duyệt').first().waitFor();
    await head.screenshot({ path: `${SHOTS}/dossier-approved.png`, fullPage: true });

    const [download] = await Promise.all([head.waitForEvent('download'), head.getByTestId('dossier-docx').click()]);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('HỒ SƠ ĐỀ XUẤT CẤP ĐỘ');
    expect(text).toContain('Hệ thống quản lý hồ sơ sức khỏe điện tử');
    expect(text).toContain('Phân vùng mạng, tường lửa');
    expect(text).toContain('cấp độ 3');

    // The system now carries the approved level.
    await head.goto(systemUrl);
    await head.getByText('123/QĐ-SYT').first().waitFor();
    await head.screenshot({ path: `${SHOTS}/system-approved.png`, fullPage: true });
  });
});

describe('what the systems page offers', () => {
  it('offers Add and Import to an agency officer and not to the security unit, as the server decides', async () => {
    const security = await signIn('attt', '/systems');
    await security.getByTestId('systems-total').waitFor();
    expect(await security.getByTestId('system-add').count()).toBe(0);
    expect(await security.getByTestId('system-import').count()).toBe(0);
    const officer = await signIn('syt.canbo', '/systems');
    await officer.getByTestId('systems-total').waitFor();
    expect(await officer.getByTestId('system-add').count()).toBe(1);
    expect(await officer.getByTestId('system-import').count()).toBe(1);
  });
});
