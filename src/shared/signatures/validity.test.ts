import { describe, expect, it } from 'vitest';
import { tokenState } from './validity.ts';

const token = { validFrom: '2024-01-01', validTo: '2026-12-31', revokedOn: null, lostOn: null };

describe('the state of a signature certificate', () => {
  it('is valid, then expiring within 30 days of its last day, then expired after it', () => {
    expect(tokenState(token, '2026-11-30')).toBe('valid');
    expect(tokenState(token, '2026-12-01')).toBe('expiring');
    expect(tokenState(token, '2026-12-31')).toBe('expiring');
    expect(tokenState(token, '2027-01-01')).toBe('expired');
  });
  it('is revoked from its revocation day, and lost once reported lost, whatever its validity', () => {
    expect(tokenState({ ...token, revokedOn: '2026-06-10' }, '2026-06-09')).toBe('valid');
    expect(tokenState({ ...token, revokedOn: '2026-06-10' }, '2026-06-10')).toBe('revoked');
    expect(tokenState({ ...token, revokedOn: '2026-06-10', lostOn: '2026-06-01' }, '2026-06-10')).toBe('lost');
  });
});
