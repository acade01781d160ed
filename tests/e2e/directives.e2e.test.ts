import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { PDF } from '../support/upload.ts';

const suite = browserSuite();
const { signIn } = suite;

/** The API as the page's user (same cookies). */
const api = async (page: Page, path: string) => (await page.request.get(suite.url + path)).json();

/** Picks an option of a Mantine Select or MultiSelect. */
async function pick(page: Page, testid: string, option: string) {
  await page.getByTestId(testid).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const TASK = 'Báo cáo quý tình hình bảo đảm an toàn các hệ thống thông tin của cơ quan';

describe('a directive from entry to the quarterly report', () => {
  it("enters a directive with a recurring task, takes an agency's report, accepts it and issues the quarterly report", async () => {
    // The provincial security unit enters the directive and a quarterly task for every department.
    const unit = await signIn('attt', '/tasks?tab=directives');
    await unit.getByTestId('directive-add').click();
    await pick(unit, 'directive-kind', 'Công văn');
    await unit.getByTestId('directive-number').fill('1234/UBND-KSTTHC');
    await unit.getByTestId('directive-issuer').fill('UBND tỉnh Demo');
    await unit.getByTestId('directive-issued-on').fill('2026-11-20');
    await unit.getByTestId('directive-title').fill('Về tăng cường bảo đảm an toàn hệ thống thông tin cuối năm 2026');
    await unit.getByTestId('directive-save').click();
    await unit.waitForURL(/\/tasks\/directives\/\d+$/);
    await unit.getByTestId('directive-heading').getByText('1234/UBND-KSTTHC').waitFor();

    await unit.getByTestId('task-add').click();
    await unit.getByTestId('task-text').fill(TASK);
    await unit.getByTestId('task-clause').fill('Mục 3');
    await pick(unit, 'task-kinds', 'Sở, ban, ngành');
    await unit.getByTestId('task-evidence').click();
    const departments = ((await api(unit, '/api/agencies?kind=department')) as { active: boolean }[]).filter((a) => a.active).length;
    expect(await unit.getByTestId('task-assignee-count').textContent()).toBe(`Sẽ giao cho ${departments} cơ quan, đơn vị`);
    await pick(unit, 'deadline-kind', 'Hằng quý');
    expect(await unit.getByTestId('deadline-preview').textContent()).toContain('Hằng quý, trước ngày 20 tháng cuối quý');
    await unit.getByTestId('task-evidence').fill('Báo cáo quý có chữ ký của thủ trưởng cơ quan');
    await unit.getByTestId('task-save').click();
    await unit.getByTestId('task-assignments').getByText('Sở Y tế').waitFor();
    expect(await unit.getByTestId('task-assignments').locator('tbody tr').count()).toBe(departments);
    await unit.screenshot({ path: `${SHOTS}/directive-tasks.png`, fullPage: true });

    // Withdrawing asks first, naming how many agencies lose the task; cancelling leaves it assigned.
    await unit.locator('[data-testid^="task-withdraw-"]').click();
    const confirm = unit.getByRole('dialog');
    await confirm.getByText(`Thu hồi nhiệm vụ khỏi ${departments} cơ quan?`).waitFor();
    await unit.screenshot({ path: `${SHOTS}/task-withdraw-confirm.png` });
    await confirm.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await unit.getByText('Đã thu hồi').count()).toBe(0);
    const directiveId = new URL(unit.url()).pathname.split('/').pop();
    const kept = (await api(unit, `/api/directives/${directiveId}`)) as { tasks: { text: string; active: boolean; assignments: unknown[] }[] };
    expect(kept.tasks.find((x) => x.text === TASK)).toMatchObject({ active: true, assignments: expect.any(Array) });
    expect(kept.tasks.find((x) => x.text === TASK)?.assignments).toHaveLength(departments);

    // Sở Y tế's officer finds the task, uploads evidence and reports it done.
    const officer = await signIn('syt.canbo', '/tasks');
    await officer.getByTestId('tasks-table').getByText(TASK).click();
    await officer.waitForURL(/\/tasks\/assignments\/\d+$/);
    const assignmentPath = new URL(officer.url()).pathname;
    const before = await api(officer, `/api${assignmentPath.replace('/tasks/assignments/', '/task-assignments/')}`);
    expect(before).toMatchObject({ agencyName: 'Sở Y tế', status: 'not_started', can: { report: true } });
    await officer
      .getByTestId('progress-form')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bao-cao-quy-syt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer.getByTestId('evidence-bao-cao-quy-syt.pdf').waitFor();
    await officer.getByTestId('progress-comment').fill('Sở Y tế đã rà soát 19 hệ thống, gửi kèm báo cáo quý.');
    // The progress is a fact the officer states: nothing is chosen for them, and the report is not sent without it.
    expect(await officer.getByTestId('progress-kind').inputValue()).toBe('');
    await officer.getByTestId('progress-submit').click();
    await officer.getByTestId('progress-form').getByText('Hãy chọn tiến độ').waitFor();
    expect((await api(officer, `/api${assignmentPath.replace('/tasks/assignments/', '/task-assignments/')}`)).reports).toHaveLength(0);
    await pick(officer, 'progress-kind', 'Đã hoàn thành (đề nghị xác nhận)');
    await officer.getByTestId('progress-submit').click();
    await officer.getByTestId('assignment-reports').getByText('Chờ xác nhận').waitFor();
    await officer.screenshot({ path: `${SHOTS}/task-reported.png`, fullPage: true });

    // The security unit accepts it: the task moves to its next quarterly deadline.
    await unit.goto(suite.url + assignmentPath);
    await unit.getByTestId('assignment-reports').getByText('bao-cao-quy-syt.pdf').waitFor();
    await unit.getByTestId('review-accept').click();
    await unit.getByTestId('review-comment').fill('Báo cáo đầy đủ, đúng hạn.');
    await unit.getByTestId('review-confirm').click();
    await unit.getByTestId('assignment-reports').getByText('Đã xác nhận').waitFor();
    const after = await api(unit, `/api${assignmentPath.replace('/tasks/assignments/', '/task-assignments/')}`);
    expect(after).toMatchObject({ status: 'not_started', completedOccurrences: 1, lastCompletedDueOn: before.dueOn });
    expect(after.dueOn > before.dueOn).toBe(true);

    // The quarterly report to the Ministry, for the whole province.
    await unit.goto(`${suite.url}/reports`);
    await unit.getByTestId('report-generate').click();
    await unit.waitForURL(/\/reports\/\d+$/);
    const reportId = Number(/\/reports\/(\d+)$/.exec(unit.url())![1]);
    await unit.getByTestId('report-section-systems').waitFor();
    await unit.screenshot({ path: `${SHOTS}/report-quarterly.png`, fullPage: true });
    const report = await api(unit, `/api/reports/${reportId}`);
    const figures = Object.fromEntries(
      (report.snapshot.sections as { figures: { key: string; value: number | null }[] }[]).flatMap((s) => s.figures.map((f) => [f.key, f.value])),
    );
    const stats = await api(unit, `/api/agencies/${report.agencyId}/systems-stats`);
    expect(report.kind).toBe('quarterly_security');
    expect(figures['systems.total']).toBe(stats.total);
    expect(figures['systems.approvedPercent']).toBe(stats.approvedPercent);

    const [download] = await Promise.all([unit.waitForEvent('download'), unit.getByTestId('report-docx').click()]);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const comma = (n: number) => String(n).replace('.', ',');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // Not yet taken a number from the register of outgoing documents: the number is left for the clerk, never a database id.
    expect(text).toMatch(/Số:\s+\/BC-CAT/);
    expect(text).not.toContain(`Số: ${report.id}/`);
    expect(text).toContain('Tình hình bảo đảm an toàn hệ thống thông tin quý');
    expect(text).toContain(`Tổng số hệ thống thông tin đang quản lý: ${stats.total} hệ thống`);
    expect(text).toContain(`Số hệ thống đã được phê duyệt cấp độ: ${stats.approved}/${stats.total}, đạt ${comma(stats.approvedPercent)}%`);
    expect(text).toContain(`${stats.planDeployed}/${stats.total}, đạt ${comma(stats.planDeployedPercent)}%`);
    expect(text).toContain(`${stats.met}/${stats.applicable} yêu cầu áp dụng, đạt ${comma(stats.compliancePercent)}%`);
    expect(text).toContain(`đã hoàn thành và được đơn vị chuyên trách xác nhận ${figures['tasks.periodDone']} lượt`);
    expect(text).toContain(`${figures['tasks.assigned']} lượt giao nhiệm vụ, trong đó hoàn thành ${figures['tasks.completed']}`);
    expect(text).toContain('1234/UBND-KSTTHC');
    expect(text).toContain('Nơi nhận:');
  });

  it('flags overdue tasks in the list and the header', async () => {
    // A one-off task of Sở Y tế whose date passed yesterday (Vietnamese calendar), entered through the API.
    const unit = await signIn('attt');
    const post = async (path: string, data: unknown) => {
      const csrf = (await api(unit, '/api/auth/csrf')).token as string;
      const res = await unit.request.post(suite.url + path, { data, headers: { 'x-csrf-token': csrf } });
      expect(res.status(), await res.text()).toBe(201);
      return res.json();
    };
    const syt = ((await api(unit, '/api/agencies')) as { id: number; name: string }[]).find((a) => a.name === 'Sở Y tế')!.id;
    const directive = await post('/api/directives', {
      kind: 'official_dispatch',
      number: '56/CĐ-UBND',
      issuer: 'UBND tỉnh Demo',
      issuedOn: '2026-01-10',
      title: 'Về ứng phó mã độc tống tiền',
    });
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    await post(`/api/directives/${directive.id}/tasks`, {
      text: 'Kiểm tra sao lưu dữ liệu các hệ thống quan trọng',
      assignAgencyIds: [syt],
      deadline: { kind: 'once', date: yesterday },
    });

    const officer = await signIn('syt.canbo', '/tasks?overdue=true');
    const overdue = (await api(officer, '/api/tasks?overdue=true&limit=1')).total as number;
    expect(overdue).toBeGreaterThan(0);
    await officer.getByTestId('tasks-table').getByText('Kiểm tra sao lưu dữ liệu các hệ thống quan trọng').waitFor();
    await officer.getByTestId('tasks-table').getByTestId('overdue-badge').first().waitFor();
    await officer.getByTestId('notification-bell').click();
    expect(await officer.getByTestId('bell-overdue').textContent()).toBe(`${overdue} nhiệm vụ quá hạn`);
  });

  it('shows a source document as its text gives it, marked as another province’s model, with its full text to read', async () => {
    const unit = await signIn('attt', '/tasks?tab=directives');
    const table = unit.getByTestId('directives-table');
    const vinhPhuc = table.getByRole('row').filter({ hasText: '…/CT-UBND' });
    expect(await vinhPhuc.textContent()).toContain('tháng 6/2023');
    await table.getByRole('row').filter({ hasText: '15/CT-UBND' }).getByRole('link').click();
    await unit.getByTestId('directive-heading').getByText('15/CT-UBND').waitFor();
    expect(await unit.getByTestId('directive-model').textContent()).toBe('Văn bản mẫu của tỉnh Quảng Nam, không phải văn bản của tỉnh này.');
    await unit.getByText('09/11/2022', { exact: true }).first().waitFor();
    await unit.getByText('Văn bản giao cho: Sở Thông tin và Truyền thông', { exact: false }).first().waitFor();
    await unit.getByTestId('directive-source').click();
    const text = await unit.getByTestId('directive-source-text').textContent();
    expect(text).toContain('Số: 15/CT-UBND');
    expect(text).toContain('Hồ Quang Bửu');
  });
});
