import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/client.ts';
import { dashboardCache } from './dashboard-cache.ts';

/** A database whose only answer is the audit head the test sets. */
const fakeDb = (head: { id: number }) => ({ execute: async () => ({ rows: [{ id: head.id }] }) }) as unknown as Queryable;

describe('dashboard cache', () => {
  it('builds once for requests that arrive together, serves the copy until the audit head moves, then rebuilds', async () => {
    const head = { id: 7 };
    const db = fakeDb(head);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: builds };
    };
    const cached = dashboardCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const together = (await Promise.all(Array.from({ length: 5 }, () => cached(db, 'k', build)))).map(String);
    expect(builds).toBe(1);
    expect(new Set(together)).toEqual(new Set(['{"n":1}']));
    expect(String(await cached(db, 'k', build))).toBe('{"n":1}');
    expect(String(await cached(db, 'other', build))).toBe('{"n":2}');
    head.id = 8;
    expect(String(await cached(db, 'k', build))).toBe('{"n":3}');
  });

  it('builds every time when turned off', async () => {
    let builds = 0;
    const cached = dashboardCache({ maxBytes: 0, maxAgeMs: 60_000 });
    await cached(fakeDb({ id: 1 }), 'k', async () => ++builds);
    await cached(fakeDb({ id: 1 }), 'k', async () => ++builds);
    expect(builds).toBe(2);
  });

  it('lets a failed build fail its requests and tries again on the next one', async () => {
    const cached = dashboardCache({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const db = fakeDb({ id: 1 });
    await expect(
      cached(db, 'k', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(String(await cached(db, 'k', async () => ({ ok: true })))).toBe('{"ok":true}');
  });
});
