import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { browserSuite, SHOTS } from '../support/browser.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { runWebhookDispatch } from '../../src/server/modules/webhooks/index.ts';

const suite = browserSuite({ WEBHOOK_ALLOW_LOOPBACK: 'true' });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

describe('webhooks in the browser', () => {
  it('an agency admin subscribes, sees the secret once, sends a test event and sees it delivered in the log', async () => {
    const page = await suite.signIn('syt.admin', '/admin');
    await page.getByTestId('admin-webhooks').click();
    await page.waitForURL(/\/admin\/webhooks$/);
    await expect.poll(() => page.getByText('Chưa có đăng ký nào.').count()).toBe(1);

    // A wrong scheme is refused beside the field, in Vietnamese.
    await page.getByTestId('webhook-url').fill('ftp://siem.syt.demo.gov.vn/khien');
    await page.getByText('Sự cố được báo cáo').click();
    await page.getByText('Nhiệm vụ quá hạn').click();
    await page.getByTestId('webhook-create').click();
    await expect.poll(() => page.getByTestId('webhook-url').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('webhook-url').fill(receiver.url());
    await page.getByTestId('webhook-create').click();
    const secret = (await page.getByTestId('webhook-secret').locator('pre, code').first().textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const card = page.getByTestId('webhook-card').filter({ hasText: receiver.url() });
    await expect.poll(() => card.getByText('Nhiệm vụ quá hạn').count()).toBe(1);

    await card.getByTestId('webhook-test').click();
    await expect.poll(() => card.getByTestId('delivery-status').first().textContent()).toBe('Đang chờ gửi');
    // What the dispatcher of a running node does on its next round.
    await runWebhookDispatch(suite.database.db, suite.config);
    await expect.poll(() => card.getByTestId('delivery-status').first().textContent(), { timeout: 15_000 }).toBe('Đã gửi');
    await expect.poll(() => card.getByTestId('webhook-deliveries').getByText('Sự kiện thử').count()).toBe(1);
    await expect.poll(() => card.getByTestId('webhook-deliveries').getByText('200').count()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toMatchObject({ type: 'webhook.test' });
    await page.screenshot({ path: `${SHOTS}/webhooks.png`, fullPage: true });

    // The secret is not shown again.
    await page.reload();
    await expect.poll(() => page.getByText(receiver.url()).count()).toBe(1);
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
  });
});
