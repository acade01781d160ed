import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { stixBundleProblems } from '../support/stix.ts';

const suite = browserSuite();
const { signIn } = suite;

/** Picks an option of a Mantine Select or MultiSelect by its visible text. */
async function choose(page: Page, testid: string, option: string | RegExp) {
  await page.getByTestId(testid).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** "YYYY-MM-DDTHH:mm" for an <input type="datetime-local">, in the local time zone the browser shares with this process. */
function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function download(page: Page, testid: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), data: readFileSync((await file.path())!) };
}

async function docxText(data: Buffer) {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

async function move(page: Page, action: string, status: string) {
  await page.getByTestId(`incident-action-${action}`).click();
  await page.getByTestId('transition-confirm').click();
  await page.getByTestId('transition-confirm').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('incident-status').first().textContent()).toBe(status);
}

describe('an incident from the agency\'s report to the closing report', () => {
  it('is reported by an officer, triaged and closed by a responder, with both reports and the STIX bundle', async () => {
    // The Sở Y tế officer files the initial report on one of the agency's systems.
    const officer = await signIn('syt.canbo', '/incidents');
    await officer.getByTestId('incident-report').click();
    await officer.waitForURL(/\/incidents\/new$/);
    await choose(officer, 'report-systems', /Cơ sở dữ liệu chuyên ngành — Sở Y tế/);
    await officer.getByTestId('report-title').fill('Mã độc tống tiền mã hóa máy chủ cơ sở dữ liệu y tế');
    await choose(officer, 'report-kind', 'Mã độc tống tiền');
    await choose(officer, 'report-severity', 'Rất cao');
    await officer.getByTestId('report-detectedAt').fill(localInput(new Date(Date.now() - 3 * 3_600_000)));
    await officer.getByTestId('report-serious').check();
    await expect.poll(() => officer.getByTestId('report-deadline').textContent()).toContain('Báo cáo ngay');
    await officer.getByTestId('report-description').fill('Các tệp dữ liệu trên máy chủ bị đổi đuôi .lockbit, xuất hiện tệp đòi tiền chuộc.');
    await officer.getByTestId('report-currentImpact').fill('Hệ thống ngừng phục vụ tra cứu hồ sơ sức khỏe.');
    await officer.getByTestId('report-actionsTaken').fill('Đã ngắt kết nối mạng máy chủ bị ảnh hưởng.');
    await officer.getByTestId('report-supportRequested').fill('Đề nghị đội ứng cứu hỗ trợ phân tích mẫu mã độc.');
    await officer.getByTestId('report-reporterPhone').fill('0912 345 678');
    await officer.getByTestId('report-submit').click();
    await officer.waitForURL(/\/incidents\/\d+$/);
    const incidentPath = new URL(officer.url()).pathname;
    expect(await officer.getByTestId('incident-status').first().textContent()).toBe('Mới tiếp nhận');
    expect(await officer.getByTestId('incident-deadline').textContent()).toContain('Đúng hạn');
    // The agency cannot move its own case.
    expect(await officer.getByTestId('incident-action-accept').count()).toBe(0);
    const initial = await download(officer, 'incident-initial-docx');
    expect(initial.name).toMatch(/^bao-cao-ban-dau-SC-\d{4}-\d{4}\.docx$/);
    const initialText = await docxText(initial.data);
    expect(initialText).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(initialText).toContain('BÁO CÁO BAN ĐẦU');
    expect(initialText).toContain('Mã độc tống tiền mã hóa máy chủ cơ sở dữ liệu y tế');
    expect(initialText).toContain('Đề nghị đội ứng cứu hỗ trợ phân tích mẫu mã độc.');
    await officer.screenshot({ path: `${SHOTS}/incident-reported.png`, fullPage: true });

    // The responder finds it in the queue, triages it and takes the lead.
    const responder = await signIn('ungcuu', '/incidents?status=received');
    await responder.getByTestId('incidents-table').waitFor();
    await responder.screenshot({ path: `${SHOTS}/incidents-list.png` });
    await responder.getByTestId('incidents-table').getByText('Mã độc tống tiền mã hóa máy chủ cơ sở dữ liệu y tế').click();
    await responder.waitForURL(new RegExp(`${incidentPath}$`));
    await move(responder, 'accept', 'Đã phân loại');
    await responder.getByTestId('incident-assign').click();
    await choose(responder, 'assign-lead', /Phạm Thu Hà/);
    await responder.getByTestId('assign-save').click();
    await responder.getByTestId('assign-save').waitFor({ state: 'detached' });
    await move(responder, 'start_response', 'Đang ứng cứu');
    await responder.getByTestId('incident-comms').click();
    await responder.getByTestId('comms-spokesperson').fill('Chánh Văn phòng Sở Y tế');
    await responder.getByTestId('comms-decision').fill('Chỉ Sở Y tế cung cấp thông tin cho báo chí.');
    await responder.getByTestId('comms-save').click();
    await responder.getByTestId('comms-save').waitFor({ state: 'detached' });

    // Working the case: an observable with its TLP, a task for the agency's officer.
    await responder.getByTestId('incident-tab-work').click();
    await responder.getByTestId('observable-value').fill('185.220.101[.]47');
    await choose(responder, 'observable-tlp', 'TLP:GREEN');
    await responder.getByTestId('observable-add').click();
    await responder.getByTestId('incident-observables').getByText('185.220.101.47').waitFor();
    await responder.getByTestId('task-title').fill('Khôi phục dữ liệu từ bản sao lưu ngoại tuyến');
    await choose(responder, 'task-assignee', /Vũ Đức Long/);
    await responder.getByTestId('task-add').click();
    await responder.getByTestId('incident-tasks').getByText('Khôi phục dữ liệu từ bản sao lưu ngoại tuyến').waitFor();
    await move(responder, 'contain', 'Đã ngăn chặn');
    await move(responder, 'recover', 'Đã khôi phục');

    // Closing needs the closing report.
    await responder.getByTestId('incident-tab-closing').click();
    await responder.getByTestId('closing-gaps').waitFor();
    await responder.getByTestId('closing-damage').fill('Gián đoạn dịch vụ tra cứu trong 6 giờ; không mất dữ liệu.');
    await responder.getByTestId('closing-rootCause').fill('Dịch vụ RDP mở ra Internet với mật khẩu yếu.');
    await responder.getByTestId('closing-origin').fill('Kết nối RDP từ địa chỉ 185.220.101.47 thuộc mạng ẩn danh.');
    await responder.getByTestId('closing-actions').fill('Cô lập máy chủ, khôi phục từ sao lưu, đóng RDP, bật xác thực hai yếu tố.');
    await responder.getByTestId('closing-lessonsLearned').fill('Không mở dịch vụ quản trị ra Internet; kiểm tra sao lưu định kỳ.');
    await responder.getByTestId('closing-save').click();
    await responder.getByTestId('closing-gaps').waitFor({ state: 'detached' });
    await move(responder, 'close', 'Đã kết thúc');
    await responder.getByTestId('incident-tab-timeline').click();
    await responder.getByTestId('incident-timeline').getByText('Cập nhật báo cáo kết thúc').waitFor();
    await responder.screenshot({ path: `${SHOTS}/incident-closed.png`, fullPage: true });

    const closing = await download(responder, 'incident-closing-docx');
    expect(closing.name).toMatch(/^bao-cao-ket-thuc-SC-\d{4}-\d{4}\.docx$/);
    const closingText = await docxText(closing.data);
    for (const part of ['BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ', 'CÔNG AN TỈNH DEMO', 'Gián đoạn dịch vụ tra cứu trong 6 giờ', 'RDP mở ra Internet',
      'thuộc mạng ẩn danh', 'bật xác thực hai yếu tố', 'kiểm tra sao lưu định kỳ', 'Chánh Văn phòng Sở Y tế', 'Phạm Thu Hà', '185.220.101.47']) {
      expect(closingText).toContain(part);
    }

    const stix = await download(responder, 'incident-stix');
    expect(stix.name).toMatch(/\.stix\.json$/);
    const bundle = JSON.parse(stix.data.toString('utf8'));
    expect(stixBundleProblems(bundle)).toEqual([]);
    const incident = bundle.objects.find((o: { type: string }) => o.type === 'incident');
    expect(incident.name).toContain('Mã độc tống tiền mã hóa máy chủ cơ sở dữ liệu y tế');
    const indicator = bundle.objects.find((o: { type: string }) => o.type === 'indicator');
    expect(indicator.pattern).toBe("[ipv4-addr:value = '185.220.101.47']");
    expect(indicator.object_marking_refs).toEqual(['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb']);

    // The agency sees its case closed.
    await officer.reload();
    await expect.poll(() => officer.getByTestId('incident-status').first().textContent()).toBe('Đã kết thúc');
  });
});

describe('readiness screens', () => {
  it('shows plans, exercises and the team roster with their warnings', async () => {
    const attt = await signIn('attt', '/incidents/plans');
    await attt.getByTestId('readiness-table').waitFor();
    expect(await attt.getByTestId('readiness-table').getByText('Quá 12 tháng chưa diễn tập').count()).toBeGreaterThan(0);
    await attt.screenshot({ path: `${SHOTS}/incident-plans.png` });
    await attt.getByTestId('incidents-nav-exercises').click();
    await attt.getByTestId('exercises-table').getByText('Diễn tập thực chiến ứng cứu sự cố mã độc tống tiền').waitFor();
    await attt.getByTestId('incidents-nav-team').click();
    expect(await attt.getByTestId('team-strength').textContent()).toMatch(/Đủ chuẩn: \d+\/5/);
    await attt.getByTestId('team-table').getByText('Sắp hết hạn').first().waitFor();
    await attt.screenshot({ path: `${SHOTS}/incident-team.png`, fullPage: true });
  });
});

describe('the public hotline', () => {
  it('takes a report without a sign-in and puts it in the team\'s queue', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.url}/incidents/hotline`);
    await page.getByTestId('hotline-reporterName').fill('Nguyễn Thị Dân');
    await page.getByTestId('hotline-reporterPhone').fill('0987 111 222');
    await page.getByTestId('hotline-organization').fill('Trang thông tin UBND xã Đông Phú');
    await page.getByTestId('hotline-description').fill('Trang chủ của xã hiển thị hình ảnh và nội dung lạ từ sáng nay, kèm liên kết cờ bạc.');
    await page.screenshot({ path: `${SHOTS}/incident-hotline.png` });
    await page.getByTestId('hotline-submit').click();
    const receipt = page.getByTestId('hotline-receipt');
    await receipt.waitFor({ timeout: 20_000 });
    const reference = /SC-\d{4}-\d{4}/.exec((await receipt.textContent()) ?? '')?.[0];
    expect(reference).toBeTruthy();

    const responder = await signIn('ungcuu', `/incidents?source=hotline&status=received&q=${reference}`);
    await responder.getByTestId('incidents-table').getByText('Trang thông tin UBND xã Đông Phú').first().waitFor();
  });
});
