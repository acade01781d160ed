import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

describe('sign-in', () => {
  it('signs in with the demo password and reads /me', async () => {
    const c = await t.login('syt.canbo');
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'syt.canbo', roles: ['agency_officer'], locale: 'vi' });
  });
});
