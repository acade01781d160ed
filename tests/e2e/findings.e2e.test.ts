import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { todayVn } from '../../src/shared/core/dates.ts';
import { addDays } from '../../src/shared/core/recurrence.ts';

const suite = browserSuite();
const { signIn } = suite;

type F = { id: number; status: string; assignee: { fullName: string } | null; approvedBy: { fullName: string } | null; expiresOn: string | null };
const apiJson = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

describe('findings worked by an agency', () => {
  it('filters, assigns and confirms a selection, then accepts the risk with a leader as approver', async () => {
    const officer = await signIn('syt.canbo', '/warnings/findings');
    await officer.getByTestId('findings-list').waitFor();
    // Filter: still owed, high severity, overdue.
    await officer.getByTestId('filter-severity').selectOption('high');
    await officer.getByTestId('filter-overdue').click();
    await expect.poll(() => new URL(officer.url()).search).toContain('overdue=true');
    const list = (await apiJson(officer, '/api/findings?severity=high&overdue=true&limit=50')) as { items: F[]; total: number };
    expect(list.total, 'Sở Y tế has overdue high findings in the demo').toBeGreaterThanOrEqual(2);
    await expect.poll(() => officer.getByTestId('findings-list').locator('tbody tr').count()).toBe(list.items.length);
    const picked = list.items.slice(0, 2).map((f) => f.id);
    const select = async () => {
      for (const id of picked) await officer.getByTestId(`select-${id}`).check();
      await officer.getByTestId('bulk-bar').waitFor();
    };

    // Bulk assign to the officer.
    await select();
    await officer.getByTestId('bulk-assignee').click();
    await officer.getByRole('option', { name: 'Vũ Đức Long' }).click();
    await officer.getByTestId('bulk-assign').click();
    for (const id of picked) {
      await expect.poll(() => officer.getByTestId(`finding-row-${id}`).getByTestId('finding-assignee').textContent()).toBe('Vũ Đức Long');
    }

    // Bulk confirm.
    await select();
    await officer.getByTestId('bulk-confirm').click();
    for (const id of picked) {
      await expect.poll(() => officer.getByTestId(`finding-row-${id}`).getByTestId('finding-status').textContent()).toBe('Đã xác nhận');
    }
    await officer.screenshot({ path: `${SHOTS}/findings-confirmed.png`, fullPage: true });

    // Accept the risk: one reason, the agency admin approves, for 60 days.
    const expiresOn = addDays(todayVn(), 60);
    await select();
    await officer.getByTestId('bulk-exception').click();
    await officer.getByTestId('exception-reason').fill('Máy chủ chỉ truy cập từ mạng quản trị; bản vá dự kiến trong đợt bảo trì quý tới.');
    await officer.getByTestId('exception-approver').click();
    await officer.getByRole('option', { name: /Hoàng Thị Lan/ }).click();
    await officer.getByTestId('exception-expires').fill(expiresOn);
    await officer.getByTestId('exception-save').click();
    await officer.getByTestId('exception-save').waitFor({ state: 'detached' });
    // Accepted risks are no longer owed: they leave the filtered list.
    for (const id of picked) await officer.getByTestId(`finding-row-${id}`).waitFor({ state: 'detached' });
    for (const id of picked) {
      const f = (await apiJson(officer, `/api/findings/${id}`)) as F;
      expect(f).toMatchObject({ status: 'accepted_risk', assignee: { fullName: 'Vũ Đức Long' }, approvedBy: { fullName: 'Hoàng Thị Lan' }, expiresOn });
    }

    // One of them, opened from the accepted-risk list (no longer overdue), shows its approver and expiry and may be reopened.
    await officer.getByTestId('filter-overdue').click();
    await expect.poll(() => new URL(officer.url()).search).not.toContain('overdue=true');
    await officer.getByTestId('filter-status').selectOption('accepted_risk');
    await officer.getByTestId(`finding-row-${picked[0]}`).click();
    await officer.getByTestId('finding-action-reopen').waitFor();
    await officer.screenshot({ path: `${SHOTS}/finding-accepted-risk.png`, fullPage: true });
  });

  it('marks a finding fixed by hand with its evidence, text and file', async () => {
    const officer = await signIn('syt.canbo', '/warnings/findings');
    const list = (await apiJson(officer, '/api/findings?limit=50')) as { items: F[] };
    const target = list.items.find((f) => f.status === 'open' || f.status === 'confirmed' || f.status === 'in_remediation')!;
    // The title cell: the row's middle may be the system's link.
    await officer.getByTestId(`finding-row-${target.id}`).locator('td').nth(2).click();
    await officer.getByTestId('finding-action-mark_fixed').click();
    await officer.getByTestId('finding-evidence').fill('Đã cập nhật bản vá, quét lại ngày hôm nay không còn phát hiện.');
    await officer.getByTestId('finding-fixed-save').click();
    await officer.getByTestId('finding-action-reopen').waitFor();
    await officer
      .getByTestId('finding-evidence-files')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'ket-qua-quet-lai.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      });
    await officer.getByTestId('finding-evidence-files').getByRole('link', { name: 'ket-qua-quet-lai.pdf' }).waitFor();
    const f = (await apiJson(officer, `/api/findings/${target.id}`)) as F & { reason: string; evidence: { name: string }[] };
    expect(f).toMatchObject({ status: 'fixed', reason: expect.stringContaining('bản vá'), evidence: [{ name: 'ket-qua-quet-lai.pdf' }] });
  });

  it("gives the security unit the province's overdue findings by agency from the dashboard", async () => {
    const unit = await signIn('attt');
    await unit.getByTestId('overdue-findings-link').click();
    await unit.getByTestId('overdue-by-agency').waitFor();
    const view = (await apiJson(unit, '/api/findings/overdue-by-agency')) as { agencies: { agencyId: number; agencyName: string; overdue: number }[] };
    const first = view.agencies[0]!;
    expect(first.overdue).toBeGreaterThan(0);
    await unit.getByTestId(`overdue-agency-${first.agencyId}`).getByRole('link', { name: first.agencyName }).click();
    await unit.getByTestId('findings-list').waitFor();
    expect(new URL(unit.url()).search).toContain(`agencyId=${first.agencyId}`);
    await expect.poll(() => unit.getByTestId('filter-overdue').isChecked()).toBe(true);
  });
});
