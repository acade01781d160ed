import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { todayVn } from '../../src/shared/core/dates.ts';
import { contributionState } from '../../src/shared/contributions/due.ts';

const suite = browserSuite();
const today = todayVn();
const year = Number(today.slice(0, 4));
const RESULTS = 'Sở Y tế đã phê duyệt cấp độ cho toàn bộ hệ thống thông tin và tổ chức diễn tập ứng cứu sự cố.';
// The demo province's day for the agencies (report.yearlyContributionDueDay, 10/12 from Thanh Hóa 1.d).
const sentLabel = contributionState({ submittedOn: today }, `${year}-12-10`, today) === 'submitted' ? 'Đã gửi' : 'Đã gửi (quá hạn)';
const awaitedLabel = contributionState({ submittedOn: null }, `${year}-12-10`, today) === 'awaited' ? 'Chưa gửi' : 'Quá hạn, chưa gửi';

describe('the yearly report and the contributions to it in the browser', () => {
  it('the unit opens the call, an agency sends its contribution, the unit sees it sent and generates the yearly report DOCX with it', async () => {
    const unit = await suite.signIn('attt', '/yearly-report');
    await unit.getByTestId('yearly-no-call').waitFor();
    await unit.getByTestId('yearly-open').click();
    const table = unit.getByTestId('yearly-contributions');
    await table.waitFor();
    const sytRow = table.locator('tr', { hasText: 'Sở Y tế' });
    await expect.poll(() => sytRow.getByTestId('contribution-state').textContent()).toBe(awaitedLabel);

    const agency = await suite.signIn('syt.canbo', '/yearly-report');
    await agency.getByTestId('contribution-f-results').fill(RESULTS);
    await agency.getByTestId('contribution-f-difficulties').fill('Thiếu cán bộ chuyên trách an toàn thông tin.');
    await agency.getByTestId('contribution-send').click();
    await expect.poll(() => agency.getByTestId('contribution-state').first().textContent()).toBe(sentLabel);
    await agency.getByTestId('contribution-figures').waitFor();
    await agency.screenshot({ path: `${SHOTS}/yearly-contribution.png`, fullPage: true });
    await agency.close();

    await unit.reload();
    await expect
      .poll(() => unit.getByTestId('yearly-contributions').locator('tr', { hasText: 'Sở Y tế' }).getByTestId('contribution-state').textContent())
      .toBe(sentLabel);
    await unit.getByTestId('yearly-contributions').locator('tr', { hasText: 'Sở Y tế' }).getByTestId('contribution-view').click();
    await expect.poll(() => unit.getByTestId('contribution-text').textContent()).toContain(RESULTS);
    await unit.screenshot({ path: `${SHOTS}/yearly-report.png`, fullPage: true });
    await unit.keyboard.press('Escape');

    await unit.getByTestId('yearly-generate').click();
    await unit.waitForURL(/\/reports\/\d+$/);
    await unit.getByTestId('report-section-contributions').waitFor();
    const [download] = await Promise.all([unit.waitForEvent('download'), unit.getByTestId('report-docx').click()]);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(`Kết quả công tác bảo đảm an toàn thông tin mạng năm ${year}`);
    expect(text).toContain('Thực hiện điểm l khoản 2');
    expect(text).toContain('TỔNG HỢP KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN, ĐƠN VỊ');
    expect(text).toContain(RESULTS);
    expect(text).toContain('Khó khăn, vướng mắc: Thiếu cán bộ chuyên trách an toàn thông tin.');
    await unit.close();
  });

  it('shows on the directive page that its yearly reporting is carried by the yearly report screen, with the clause', async () => {
    const unit = await suite.signIn('attt', '/tasks?tab=directives');
    await unit.getByTestId('directives-table').getByRole('row').filter({ hasText: '…/UBND-CNTT' }).getByRole('link').click();
    const note = unit.getByTestId('directive-yearly');
    await expect.poll(() => note.textContent()).toContain('Điểm d khoản 1');
    expect(await note.textContent()).toContain('Điểm c khoản 2');
    expect(await note.textContent()).toContain('trước ngày 10/12 hằng năm');
    await unit.getByTestId('directive-yearly-link').click();
    await unit.waitForURL(/\/yearly-report$/);
    await unit.close();
  });
});
