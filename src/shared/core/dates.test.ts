import { describe, expect, it } from 'vitest';
import { formatDateVi, todayVn } from './dates.ts';

describe('Vietnamese dates', () => {
  it('formats calendar dates as dd/MM/yyyy', () => {
    expect(formatDateVi('2026-02-05')).toBe('05/02/2026');
  });
  it('reads instants in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(formatDateVi(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027');
    expect(todayVn(new Date('2026-12-31T16:59:00Z'))).toBe('2026-12-31');
    expect(todayVn(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
