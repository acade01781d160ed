import { describe, expect, it } from 'vitest';
import { formatDateTimeVi, formatDateVi, todayVn } from './dates.ts';

describe('Vietnamese dates', () => {
  it('formats calendar dates as dd/MM/yyyy', () => {
    expect(formatDateVi('2026-02-05')).toBe('05/02/2026');
  });
  it('reads instants in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(formatDateVi(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027');
    expect(todayVn(new Date('2026-12-31T16:59:00Z'))).toBe('2026-12-31');
    expect(todayVn(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
  it('writes an instant with the 24-hour time of day first', () => {
    expect(formatDateTimeVi('2026-12-31T17:30:00Z')).toBe('00:30 ngày 01/01/2027');
    expect(formatDateTimeVi(new Date('2026-03-10T08:05:00Z'))).toBe('15:05 ngày 10/03/2026');
  });
});
