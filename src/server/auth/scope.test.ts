import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { assert, canReadAgencyPath, readsEverything } from './scope.ts';
import type { Role } from '../../shared/core/roles.ts';

// The tree: province /1/ → health department /1/5/ → hospital /1/5/9/; education department /1/6/.
const actor = (roles: Role[], agencyId = 5, agencyPath = '/1/5/'): Actor => ({
  userId: 1,
  username: 'u',
  fullName: 'U',
  agencyId,
  agencyPath,
  roles,
  ip: '127.0.0.1',
});

describe('scope guard', () => {
  it('lets province-wide roles read everything and nobody else', () => {
    expect(readsEverything(actor(['platform_admin']))).toBe(true);
    expect(readsEverything(actor(['dept_security']))).toBe(true);
    expect(readsEverything(actor(['responder']))).toBe(true);
    expect(readsEverything(actor(['viewer']))).toBe(false);
    expect(readsEverything(actor(['agency_admin']))).toBe(false);
  });

  it('limits other roles to their own agency and its subtree', () => {
    const officer = actor(['agency_officer']);
    expect(canReadAgencyPath(officer, '/1/5/')).toBe(true);
    expect(canReadAgencyPath(officer, '/1/5/9/')).toBe(true);
    expect(canReadAgencyPath(officer, '/1/6/')).toBe(false);
    expect(canReadAgencyPath(officer, '/1/')).toBe(false);
    // A path prefix, not a string prefix: /1/5/ must not match /1/50/.
    expect(canReadAgencyPath(officer, '/1/50/')).toBe(false);
  });

  it('answers 403 through assert', () => {
    expect(() => assert(false)).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(() => assert(true)).not.toThrow();
  });
});
