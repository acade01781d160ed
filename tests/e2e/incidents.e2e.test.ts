import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { stixBundleProblems } from '../support/stix.ts';

const suite = browserSuite({ HOTLINE_PHONE: '0211 000 0000' });
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

describe("an incident from the agency's report to the closing report", () => {
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
    // What it did (QĐ05 Art. 9(1)) and who can handle it: beyond the operator's capacity, so the report is owed at once.
    await officer.getByTestId('report-effect-service_disruption').check();
    await officer.getByTestId('report-capacity-beyond_operator').check();
    await expect.poll(() => officer.getByTestId('report-deadline').textContent()).toContain('Báo cáo ngay');
    // Every recipient is ticked and cannot be unticked.
    expect(await officer.getByTestId('report-recipient-national_coordinator').isChecked()).toBe(true);
    expect(await officer.getByTestId('report-recipient-national_coordinator').isDisabled()).toBe(true);
    await officer.getByTestId('report-description').fill('Các tệp dữ liệu trên máy chủ bị đổi đuôi .lockbit, xuất hiện tệp đòi tiền chuộc.');
    await officer.getByTestId('report-currentImpact').fill('Hệ thống ngừng phục vụ tra cứu hồ sơ sức khỏe.');
    await officer.getByTestId('report-actionsTaken').fill('Đã ngắt kết nối mạng máy chủ bị ảnh hưởng.');
    await officer.getByTestId('report-supportRequested').fill('Đề nghị đội ứng cứu hỗ trợ phân tích mẫu mã độc.');
    await officer.getByTestId('report-addresses').fill('csdl.syt.demo.gov.vn');
    await officer.getByTestId('report-addresses').press('Enter');
    await officer.getByTestId('report-infrastructureProvider').fill('VNPT Demo (Viễn thông Demo)');
    expect(await officer.getByTestId('report-operatorName').inputValue()).toBe('Sở Y tế');
    await officer.getByTestId('report-reporterPosition').fill('Chuyên viên Văn phòng Sở');
    await officer.getByTestId('report-reporterPhone').fill('0912 345 678');
    await officer.getByTestId('report-reporterEmail').fill('long.vd@syt.demo.gov.vn');
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
    expect(initialText).toContain('csdl.syt.demo.gov.vn');
    expect(initialText).toContain('Chuyên viên Văn phòng Sở');
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

    // Closing needs the team's response report and, the operator having found it beyond its capacity, the operator's closing report.
    await responder.getByTestId('incident-tab-closing').click();
    await responder.getByTestId('response-gaps').waitFor();
    await responder.getByTestId('response-damage').fill('Gián đoạn dịch vụ tra cứu trong 6 giờ; không mất dữ liệu.');
    await responder.getByTestId('response-rootCause').fill('Dịch vụ RDP mở ra Internet với mật khẩu yếu.');
    await responder.getByTestId('response-origin').fill('Kết nối RDP từ địa chỉ 185.220.101.47 thuộc mạng ẩn danh.');
    await responder.getByTestId('response-actions').fill('Cô lập máy chủ, khôi phục từ sao lưu, đóng RDP, bật xác thực hai yếu tố.');
    await responder.getByTestId('response-lessonsLearned').fill('Không mở dịch vụ quản trị ra Internet; kiểm tra sao lưu định kỳ.');
    await responder.getByTestId('response-save').click();
    await responder.getByTestId('response-gaps').waitFor({ state: 'detached' });

    await officer.goto(`${suite.url}${incidentPath}?tab=closing`);
    expect(await officer.getByTestId('closing-deadline').textContent()).toContain('Hạn gửi');
    await officer.getByTestId('closing-damage').fill('Gián đoạn tra cứu hồ sơ sức khỏe trong 6 giờ.');
    await officer.getByTestId('closing-cause').fill('Dịch vụ RDP mở ra Internet với mật khẩu yếu.');
    await officer.getByTestId('closing-actions').fill('Khôi phục từ sao lưu ngoại tuyến, đóng RDP.');
    await officer.getByTestId('org-add').click();
    await officer.getByTestId('org-name-0').fill('Đội ứng cứu sự cố an toàn thông tin mạng của tỉnh');
    await officer.getByTestId('org-result-0').fill('Phân tích mẫu mã độc, hỗ trợ khôi phục');
    await officer.getByTestId('closing-recommendations').fill('Đề nghị bố trí kinh phí giám sát an toàn thông tin tập trung.');
    await officer.getByTestId('closing-lessonsLearned').fill('Kiểm tra khôi phục từ sao lưu định kỳ.');
    await officer.getByTestId('closing-save').click();
    await expect.poll(() => officer.getByTestId('closing-deadline').textContent()).toContain('Đã gửi');

    await responder.reload();
    await move(responder, 'close', 'Đã kết thúc');
    await responder.getByTestId('incident-tab-timeline').click();
    await responder.getByTestId('incident-timeline').getByText('Cập nhật báo cáo kết thúc ứng phó sự cố').waitFor();
    await responder.screenshot({ path: `${SHOTS}/incident-closed.png`, fullPage: true });

    const closing = await download(responder, 'incident-closing-docx');
    expect(closing.name).toMatch(/^bao-cao-ket-thuc-SC-\d{4}-\d{4}\.docx$/);
    const closingText = await docxText(closing.data);
    for (const part of [
      'BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ',
      'SỞ Y TẾ',
      'Gián đoạn tra cứu hồ sơ sức khỏe trong 6 giờ',
      'Phân tích mẫu mã độc, hỗ trợ khôi phục',
      'bố trí kinh phí giám sát',
      'Cơ quan điều phối quốc gia',
    ]) {
      expect(closingText).toContain(part);
    }
    const response = await download(responder, 'incident-response-docx');
    expect(response.name).toMatch(/^bao-cao-ung-cuu-SC-\d{4}-\d{4}\.docx$/);
    const responseText = await docxText(response.data);
    for (const part of [
      'BÁO CÁO KẾT QUẢ ỨNG CỨU SỰ CỐ',
      'CÔNG AN TỈNH DEMO',
      'Gián đoạn dịch vụ tra cứu trong 6 giờ',
      'RDP mở ra Internet',
      'thuộc mạng ẩn danh',
      'bật xác thực hai yếu tố',
      'kiểm tra sao lưu định kỳ',
      'Chánh Văn phòng Sở Y tế',
      'Phạm Thu Hà',
      '185.220.101.47',
    ]) {
      expect(responseText).toContain(part);
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
  it("takes a report without a sign-in and puts it in the team's queue", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    // A citizen finds it from the login page, with the province's 24/7 number.
    await page.goto(suite.url);
    await page.getByTestId('login-hotline').click();
    await page.waitForURL(/\/incidents\/hotline$/);
    expect(await page.getByTestId('hotline-phone').textContent()).toContain('0211 000 0000');
    expect(await page.getByTestId('hotline-phone').getByRole('link').getAttribute('href')).toBe('tel:02110000000');
    await page.getByTestId('hotline-reporterName').fill('Nguyễn Thị Dân');
    await page.getByTestId('hotline-reporterPhone').fill('0987 111 222');
    await page.getByTestId('hotline-organization').fill('Trang thông tin UBND xã Đông Phú');
    await page.getByTestId('hotline-description').fill('Trang chủ của xã hiển thị hình ảnh và nội dung lạ từ sáng nay, kèm liên kết cờ bạc.');
    // The kind is what the reporter says happened: it starts empty and the form is not sent without it.
    expect(await page.getByTestId('hotline-kind').inputValue()).toBe('');
    expect(await page.getByTestId('hotline-kind').getAttribute('placeholder')).toBe('Chọn loại sự cố');
    await page.getByTestId('hotline-submit').click();
    await page.getByText('Hãy chọn loại sự cố').waitFor();
    expect(await page.getByTestId('hotline-receipt').count()).toBe(0);
    await page.getByTestId('hotline-kind').click();
    await page.getByRole('option', { name: 'Thay đổi giao diện web', exact: true }).click();
    await page.screenshot({ path: `${SHOTS}/incident-hotline.png` });
    await page.getByTestId('hotline-submit').click();
    const receipt = page.getByTestId('hotline-receipt');
    await receipt.waitFor({ timeout: 20_000 });
    const reference = /SC-\d{4}-\d{4}/.exec((await receipt.textContent()) ?? '')?.[0];
    expect(reference).toBeTruthy();
    // The confirmation replaces the form; another report starts from an empty one.
    expect(await page.getByTestId('hotline-description').count()).toBe(0);
    await page.getByTestId('hotline-another').click();
    expect(await page.getByTestId('hotline-description').inputValue()).toBe('');
    expect(await page.getByTestId('hotline-receipt').count()).toBe(0);

    const responder = await signIn('ungcuu', `/incidents?source=hotline&status=received&q=${reference}`);
    await responder.getByTestId('incidents-table').getByText('Trang thông tin UBND xã Đông Phú').first().waitFor();
  });
});
