import { describe, expect, it } from 'vitest';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { PDF } from '../support/upload.ts';

const suite = browserSuite();

type Row = { agency: { id: number; name: string }; connectedOn: string | null; connected: boolean };

describe("an agency's link to the provincial operations centre in the browser", () => {
  it('records the link beside the 4-layer report, attaches its evidence, and the province list counts it', async () => {
    const page = await suite.signIn('attt');
    const before = await (await page.request.get(`${suite.url}/api/soc-connections`)).json();
    const target = (before.items as Row[]).find((r) => !r.connectedOn)!;
    expect(target, 'a demo agency without a link').toBeDefined();

    await page.goto(`${suite.url}/indicators/${target.agency.id}`);
    const card = page.getByTestId('soc-connection');
    await card.getByTestId('soc-record').click();
    await card.getByTestId('soc-f-connectedOn').fill('2026-03-15');
    await card.getByTestId('soc-f-scope').fill('Nhật ký tường lửa và máy chủ cổng thông tin');
    await card.getByTestId('soc-save').click();
    await expect.poll(() => card.getByTestId('soc-connected-on').textContent()).toBe('15/03/2026');
    await expect.poll(() => card.textContent()).toContain('Đang kết nối');

    await card.locator('input[type=file]').setInputFiles({ name: 'bien-ban-ket-noi.pdf', mimeType: 'application/pdf', buffer: PDF });
    await card.getByText('bien-ban-ket-noi.pdf').waitFor();
    await page.screenshot({ path: `${SHOTS}/soc-connection.png`, fullPage: true });

    await page.getByTestId('nav-/indicators/soc').click();
    await expect.poll(() => page.getByTestId('soc-summary').textContent()).toBe(`${before.connected + 1}/${before.total} cơ quan đang kết nối`);
    const row = page.getByTestId('soc-list').locator('tr', { hasText: target.agency.name }).first();
    await expect.poll(() => row.textContent()).toContain('15/03/2026');
    await expect.poll(() => row.textContent()).toContain('1 tệp');
    await page.screenshot({ path: `${SHOTS}/soc-connections.png`, fullPage: true });
    await page.close();
  });
});
