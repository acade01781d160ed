import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';

const suite = browserSuite();

describe("uploading to the Ministry's platforms, in the browser", () => {
  it('downloads the dossier package and records the reference the platform gave, shown as matching the dossier', async () => {
    const page = await suite.signIn('syt.canbo');
    const me = await (await page.request.get(`${suite.url}/api/auth/me`)).json();
    const systems = (await (await page.request.get(`${suite.url}/api/systems?agencyId=${me.agencyId}&limit=500`)).json()).items as {
      id: number;
      agencyId: number;
      dossierState: string | null;
    }[];
    const system = systems.find((s) => s.agencyId === me.agencyId && s.dossierState)!;
    const [dossier] = (await (await page.request.get(`${suite.url}/api/systems/${system.id}/dossiers`)).json()) as { id: number }[];
    await page.goto(`${suite.url}/dossiers/${dossier!.id}`);

    const card = page.getByTestId('exchange-dossier');
    await expect.poll(() => card.textContent()).toContain('Chưa ghi nhận lần gửi nào.');
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('exchange-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-de-xuat-cap-do-.+\.zip$/);

    await card.getByTestId('exchange-record').click();
    await page.getByTestId('exchange-save').click();
    // The empty reference is refused beside its field, in Vietnamese.
    await expect.poll(() => page.getByTestId('exchange-reference').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('exchange-reference').fill('CD-TDM-2026-0042');
    await page.getByTestId('exchange-save').click();
    await expect.poll(() => card.getByTestId('exchange-list').textContent()).toContain('CD-TDM-2026-0042');
    expect(await card.getByTestId('exchange-current').textContent()).toBe('Đúng nội dung hiện tại');
    await card.screenshot({ path: `${SHOTS}/dossier-exchange.png` });
  });
});
