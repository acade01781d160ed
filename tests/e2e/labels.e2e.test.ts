import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';

const suite = browserSuite();

/** Issue 18 §14: no English in Vietnamese mode from the components' own labels, and no glyph the fonts lack. */
describe('labels the components write themselves', () => {
  it("names the password's show/hide button in the chosen language", async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(suite.url);
    const toggle = page.getByTestId('login-password').locator('xpath=ancestor::div[contains(@class,"mantine-PasswordInput-root")]').getByRole('button');
    await expect.poll(() => toggle.getAttribute('aria-label')).toBe('Hiện hoặc ẩn mật khẩu');
    expect(await page.content()).not.toContain('Toggle password visibility');
    await context.close();
  });

  it('marks the composite score help with an icon, not the ⓘ character', async () => {
    const page = await suite.signIn('lanhdao');
    const help = page.getByTestId('dashboard-score-help');
    await help.waitFor();
    expect(await help.textContent()).not.toContain('ⓘ');
    expect(await help.locator('svg').count()).toBe(1);
  });
});
