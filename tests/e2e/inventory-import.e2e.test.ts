import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { workbook } from '../support/inventory.ts';

const suite = browserSuite();
const { signIn } = suite;

const TITLE = [['DANH MỤC HỆ THỐNG THÔNG TIN CỦA SỞ Y TẾ'], ['(Cập nhật đến ngày 30/11/2026)']];
const HEADER = ['STT', 'MÃ HỆ THỐNG', 'TÊN HỆ THỐNG', 'CƠ QUAN CHỦ QUẢN', 'TRẠNG THÁI', 'NGÀY ĐƯA VÀO VẬN HÀNH'];

describe('importing an inventory file', () => {
  it('downloads the template, shows the bad cells of a file by row and column, then imports the corrected file', async () => {
    const page = await signIn('syt.canbo', '/systems');
    await page.getByTestId('system-import').click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(template.worksheets.map((w) => w.name)).toEqual(['Nhập liệu', 'Danh mục', 'Ví dụ', 'Hướng dẫn']);

    const input = page.locator('input[type="file"]');
    const bad = await workbook([
      ...TITLE,
      HEADER,
      [1, 'E2E-IMP-1', 'Hệ thống quản lý khám chữa bệnh', 'Sở Y tế', 'Đang chạy', '01/02/2024'],
      [2, 'E2E-IMP-2', 'Hệ thống đặt lịch khám trực tuyến', 'Sở Y Tế', 'Đang xây dựng', '30/02/2024'],
    ]);
    await input.setInputFiles({ name: 'danh-muc-httt.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    await page.getByTestId('import-file-send').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      '4TRẠNG THÁITrạng thái: "Đang chạy" không thuộc các giá trị Đang lập kế hoạch, Đang xây dựng, Đang vận hành, Đã dừng',
      '5NGÀY ĐƯA VÀO VẬN HÀNHNgày vận hành: "30/02/2024" không phải ngày; hãy ghi dạng dd/MM/yyyy',
    ]);
    await page.getByText('2 dòng không hợp lệ (2 lỗi); chưa nhập dòng nào').waitFor();
    await page.screenshot({ path: `${SHOTS}/inventory-import-errors.png`, fullPage: true });

    const good = await workbook([
      ...TITLE,
      [...HEADER, 'GHI CHÚ'],
      [1, 'E2E-IMP-1', 'Hệ thống quản lý khám chữa bệnh', 'Sở Y tế', 'Đang vận hành', '01/02/2024', 'Nâng cấp 2025'],
      [2, 'E2E-IMP-2', 'Hệ thống đặt lịch khám trực tuyến', 'Sở Y Tế', 'Đang xây dựng', '29/02/2024', ''],
    ]);
    await input.setInputFiles({ name: 'danh-muc-httt.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
    await page.getByTestId('import-file-send').click();
    await page.getByText('Đã nhập: 2 hệ thống mới, 0 cập nhật, 0 không thay đổi. Các cột không nhận ra, đã bỏ qua: GHI CHÚ.').waitFor();
    await page.getByTestId('import-errors').waitFor({ state: 'detached' });

    await page.getByTestId('systems-search').fill('E2E-IMP');
    await page.getByTestId('systems-search').press('Enter');
    await expect.poll(() => new URL(page.url()).search).toContain('q=E2E-IMP');
    const table = page.getByTestId('systems-table');
    // The filtered list itself, not the unfiltered one still shown while it loads (both hold the two new systems).
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await table.getByRole('row').filter({ hasText: 'E2E-IMP-1' }).getByText('Hệ thống quản lý khám chữa bệnh').waitFor();
    await table.getByRole('row').filter({ hasText: 'E2E-IMP-2' }).getByText('Hệ thống đặt lịch khám trực tuyến').waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'E2E-IMP' }).count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/inventory-imported.png`, fullPage: true });
  });
});
