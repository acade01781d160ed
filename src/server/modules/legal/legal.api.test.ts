import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen } from '../../../../tests/support/http.ts';
import { todayVn } from '../../../shared/core/dates.ts';
import { LegalOverview } from '../../../shared/legal/schemas.ts';

describe('GET /api/legal/instruments', () => {
  let t: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    t = await startTestApp();
    http = await listen(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without a session', async () => {
    const res = await (await http.anonymous()).get('/api/legal/instruments');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  });

  it('gives any signed-in user the registry as of today in Vietnam, with what cites each instrument', async () => {
    for (const username of ['syt.canbo', 'admin']) {
      const res = await (await http.login(username)).get('/api/legal/instruments');
      expect(res.status, res.text).toBe(200);
      const body = LegalOverview.parse(res.json);
      expect(body.asOf).toBe(todayVn());
      const law116 = body.instruments.find((i) => i.id === 'law-116-2025')!;
      expect(law116).toMatchObject({ number: '116/2025/QH15', inForceFrom: '2026-07-01', status: 'in_force' });
      const decree13 = body.instruments.find((i) => i.id === 'decree-13-2023')!;
      expect(decree13.citedBy.map((c) => c.ruleId)).toEqual(['indicator.pdp']);
      expect(body.flags).toContainEqual(expect.objectContaining({ ruleId: 'indicator.pdp', instrumentId: 'decree-13-2023', standing: 'not_in_force' }));
      expect(body.flags.some((f) => f.instrumentId === 'decree-30-2020')).toBe(false);
    }
  });
});
