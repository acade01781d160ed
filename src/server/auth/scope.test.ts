import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { assert, canEditAgencyPath, canManageAgencyPath, canReadAgencyPath, readsEverything } from './scope.ts';
import type { Role } from '../../shared/core/roles.ts';

// The tree: province /1/ → health department /1/5/ → hospital /1/5/9/; education department /1/6/.
const actor = (roles: Role[], agencyId = 5, agencyPath = '/1/5/'): Actor => ({ userId: 1, username: 'u', fullName: 'U', agencyId, agencyPath, roles, ip: '127.0.0.1' });

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

  it('lets officers edit their own agency only, agency admins their subtree, admins anything', () => {
    expect(canEditAgencyPath(actor(['agency_officer']), 5, '/1/5/')).toBe(true);
    expect(canEditAgencyPath(actor(['agency_officer']), 9, '/1/5/9/')).toBe(false);
    expect(canEditAgencyPath(actor(['agency_admin']), 9, '/1/5/9/')).toBe(true);
    expect(canEditAgencyPath(actor(['agency_admin']), 6, '/1/6/')).toBe(false);
    expect(canEditAgencyPath(actor(['viewer']), 5, '/1/5/')).toBe(false);
    expect(canEditAgencyPath(actor(['dept_security']), 6, '/1/6/')).toBe(false);
    expect(canEditAgencyPath(actor(['platform_admin'], 1, '/1/'), 6, '/1/6/')).toBe(true);
  });

  it('lets agency admins restructure below their agency but not move their own agency', () => {
    const admin = actor(['agency_admin']);
    expect(canManageAgencyPath(admin, '/1/5/9/')).toBe(true);
    expect(canManageAgencyPath(admin, '/1/5/', { self: true })).toBe(false);
    expect(canManageAgencyPath(admin, '/1/6/')).toBe(false);
    expect(canManageAgencyPath(actor(['agency_officer']), '/1/5/')).toBe(false);
    expect(canManageAgencyPath(actor(['platform_admin']), '/1/', { self: true })).toBe(true);
  });

  it('answers 403 through assert', () => {
    expect(() => assert(false)).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(() => assert(true)).not.toThrow();
  });
});
