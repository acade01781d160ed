import { describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS, retryDelay } from './events.ts';

describe('retryDelay', () => {
  it('waits 30 s after the first failure, spread by at most 10 %', () => {
    expect(retryDelay(1, 0)).toBe(27_000);
    expect(retryDelay(1, 0.5)).toBe(30_000);
    expect(retryDelay(1, 0.999_999)).toBeLessThanOrEqual(33_000);
  });

  it('grows with each attempt and gives up after the last delay', () => {
    const waits = RETRY_DELAYS_MS.map((_, i) => retryDelay(i + 1, 0.5)!);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(retryDelay(RETRY_DELAYS_MS.length + 1, 0.5)).toBeNull();
  });
});
