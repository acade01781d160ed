import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSuite, SHOTS } from '../support/browser.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'khien-e2e-feeds-'));
const suite = browserSuite({ FEED_IMPORT_DIR: dir, FEED_IMPORT_USER: 'attt', FEED_IMPORT_INTERVAL_MINUTES: '0' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scheduled feed sources', () => {
  it('lets the security unit see the folder, take it now, and read what became of each file', async () => {
    copyFileSync('tests/fixtures/samples/feeds/kev-first20.json', path.join(dir, 'kev.json'));
    writeFileSync(path.join(dir, 'ghi-chu.txt'), 'không phải bản tin');
    const unit = await suite.signIn('attt', '/warnings');
    await unit.getByTestId('feed-sources-link').click();
    await unit.getByTestId('feed-sources').getByText(dir).waitFor();
    await expect.poll(() => unit.getByTestId('feed-sources').textContent()).toContain('Không chạy định kỳ');
    await unit.getByTestId('feed-run').click();
    await unit.getByTestId('feed-runs').waitFor();
    const row = (name: string) => unit.getByTestId('feed-runs').locator('tr', { hasText: name });
    await expect.poll(() => row('kev.json').getByTestId('feed-run-outcome').textContent()).toBe('Đã nhập');
    expect(await row('kev.json').textContent()).toContain('20 cảnh báo mới');
    expect(await row('ghi-chu.txt').getByTestId('feed-run-outcome').textContent()).toBe('Bị từ chối');
    expect(await row('ghi-chu.txt').getByTestId('feed-run-reason').textContent()).toMatch(/\p{L}/u);
    await unit.screenshot({ path: `${SHOTS}/feed-sources.png`, fullPage: true });

    // Taken again: nothing new, the two files are left alone.
    await unit.getByTestId('feed-run').click();
    await unit.getByText('nhập 0, từ chối 0, lỗi 0, không đổi 2').waitFor();
    expect(await unit.getByTestId('feed-runs').locator('tbody tr').count()).toBe(2);
  });
});
