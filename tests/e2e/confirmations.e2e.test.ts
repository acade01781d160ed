import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();

describe('actions that cannot be taken back ask first', () => {
  it('locks an account only once confirmed, and the locked account stays listed under its filter', async () => {
    const admin = await suite.signIn('admin', '/admin/users');
    const table = admin.getByTestId('users-table');
    await table.getByText('sgd.canbo').waitFor();

    // Cancelling the lock leaves the account active.
    await admin.getByTestId('user-lock-sgd.canbo').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Khóa tài khoản của Đỗ Ngọc Mai (sgd.canbo)?').waitFor();
    await dialog.getByText('Người dùng bị đăng xuất ngay và không đăng nhập được cho đến khi được mở khóa.', { exact: false }).waitFor();
    await admin.screenshot({ path: `${SHOTS}/user-lock-confirm.png` });
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    const sgd = async () =>
      ((await (await admin.request.get(`${suite.url}/api/users?status=all&q=sgd.canbo`)).json()) as { username: string; active: boolean }[]).find(
        (u) => u.username === 'sgd.canbo',
      );
    expect((await sgd())?.active).toBe(true);

    // Confirmed: it leaves the active list, and the "locked" filter (kept in the address) shows it marked.
    await admin.getByTestId('user-lock-sgd.canbo').click();
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await sgd())?.active).toBe(false);
    await expect.poll(() => table.getByText('sgd.canbo').count()).toBe(0);
    await admin.getByTestId('users-status').getByText('Đã khóa').click();
    await expect.poll(() => new URL(admin.url()).searchParams.get('status')).toBe('locked');
    await admin.getByTestId('user-locked-sgd.canbo').waitFor();
    expect(await admin.getByTestId('user-locked-sgd.canbo').textContent()).toBe('Đã khóa');
    await admin.reload();
    await admin.getByTestId('user-locked-sgd.canbo').waitFor();
    expect(await table.getByText('syt.canbo').count()).toBe(0);
    await admin.getByTestId('users-status').getByText('Tất cả').click();
    await table.getByText('syt.canbo').waitFor();
    await admin.getByTestId('user-locked-sgd.canbo').waitFor();
    await admin.screenshot({ path: `${SHOTS}/users-locked-filter.png`, fullPage: true });
  });

  it('resets a password only once confirmed', async () => {
    const admin = await suite.signIn('admin', '/admin/users');
    await admin.getByTestId('user-reset-syt.canbo').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Cấp lại mật khẩu cho Vũ Đức Long (syt.canbo)?').waitFor();
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await admin.getByTestId('temp-password').count()).toBe(0);
    await admin.getByTestId('user-reset-syt.canbo').click();
    await dialog.getByTestId('confirm-ok').click();
    expect((await admin.getByTestId('temp-password').textContent())?.length).toBeGreaterThan(8);
  });

  it('deletes a budget row only once confirmed, naming it', async () => {
    const officer = await suite.signIn('syt.admin', '/');
    const me = (await (await officer.request.get(`${suite.url}/api/auth/me`)).json()) as { agencyId: number };
    const budgets = async () =>
      (await (await officer.request.get(`${suite.url}/api/agencies/${me.agencyId}/budgets`)).json()) as { id: number; name: string; year: number }[];
    const [row] = await budgets();
    expect(row).toBeTruthy();
    await officer.goto(`${suite.url}/indicators/${me.agencyId}`);
    await officer.getByTestId(`budget-remove-${row!.id}`).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByText(`Xóa «${row!.name}» (${row!.year}) khỏi danh sách kinh phí?`).waitFor();
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await budgets()).map((b) => b.id)).toContain(row!.id);
    await officer.getByTestId(`budget-remove-${row!.id}`).click();
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await budgets()).map((b) => b.id)).not.toContain(row!.id);
  });
});
