import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  CAPABILITY_NAMES,
  TOKEN_SCOPES,
  TOKEN_SCOPE_NAMES,
  can,
  canSomewhere,
  capabilitiesOf,
  rolesWith,
  tokenAllows,
  tokenCapabilities,
  type Subject,
} from './capabilities.ts';
import { ROLES, type Role } from './roles.ts';

// The tree: province /1/ → health department /1/5/ → hospital /1/5/9/; education department /1/6/.
const user = (roles: Role[], agencyId = 5, agencyPath = '/1/5/'): Subject => ({ userId: 7, agencyId, agencyPath, roles });
const health = { agencyId: 5, agencyPath: '/1/5/' };
const hospital = { agencyId: 9, agencyPath: '/1/5/9/' };
const education = { agencyId: 6, agencyPath: '/1/6/' };
const province = { agencyId: 1, agencyPath: '/1/' };

describe('capabilities', () => {
  it('lets officers edit their own agency only, agency admins their subtree, platform admins anything', () => {
    expect(can(user(['agency_officer']), 'systems.edit', health)).toBe(true);
    expect(can(user(['agency_officer']), 'systems.edit', hospital)).toBe(false);
    expect(can(user(['agency_admin']), 'systems.edit', hospital)).toBe(true);
    expect(can(user(['agency_admin']), 'systems.edit', education)).toBe(false);
    expect(can(user(['viewer']), 'systems.edit', health)).toBe(false);
    expect(can(user(['dept_security']), 'systems.edit', education)).toBe(false);
    expect(can(user(['platform_admin'], 1, '/1/'), 'systems.edit', education)).toBe(true);
  });

  it('matches agency paths, not string prefixes: /1/5/ does not reach /1/50/', () => {
    expect(can(user(['agency_admin']), 'agencies.edit', { agencyId: 50, agencyPath: '/1/50/' })).toBe(false);
    expect(can(user(['agency_officer']), 'records.read')).toBe(false);
  });

  it('lets agency admins restructure below their agency but not move their own, and add children to it', () => {
    const admin = user(['agency_admin']);
    expect(can(admin, 'agencies.restructure', hospital)).toBe(true);
    expect(can(admin, 'agencies.restructure', health)).toBe(false);
    expect(can(admin, 'agencies.addChild', health)).toBe(true);
    expect(can(admin, 'agencies.restructure', education)).toBe(false);
    expect(can(user(['agency_officer']), 'agencies.addChild', health)).toBe(false);
    expect(can(user(['platform_admin'], 1, '/1/'), 'agencies.restructure', province)).toBe(true);
  });

  it('without a target counts only the grants that reach everywhere', () => {
    expect(can(user(['platform_admin']), 'records.read')).toBe(true);
    expect(can(user(['dept_security']), 'records.read')).toBe(true);
    expect(can(user(['responder']), 'records.read')).toBe(true);
    expect(can(user(['agency_admin']), 'records.read')).toBe(false);
    expect(can(user(['viewer']), 'records.read')).toBe(false);
    // Agency admins read their subtree's audit entries, not the whole log.
    expect(can(user(['agency_admin']), 'audit.read')).toBe(false);
    expect(canSomewhere(user(['agency_admin']), 'audit.read')).toBe(true);
  });

  it('does not let the security unit register systems, though it records their scans anywhere', () => {
    const security = user(['dept_security'], 3, '/1/3/');
    expect(canSomewhere(security, 'systems.create')).toBe(false);
    expect(canSomewhere(security, 'systems.import')).toBe(false);
    expect(can(security, 'systems.recordSecurity', education)).toBe(true);
    expect(canSomewhere(user(['agency_officer']), 'systems.create')).toBe(true);
  });

  it("lets a designated unit's security staff appraise, wherever the unit sits above them", () => {
    const unit = { agencyId: 3, agencyPath: '/1/3/' };
    expect(can(user(['dept_security'], 3, '/1/3/'), 'dossiers.actAsUnit', unit)).toBe(true);
    expect(can(user(['dept_security'], 8, '/1/3/8/'), 'dossiers.actAsUnit', unit)).toBe(true);
    expect(can(user(['dept_security'], 6, '/1/6/'), 'dossiers.actAsUnit', unit)).toBe(false);
    expect(can(user(['dept_security'], 3, '/1/3/'), 'dossiers.actAsUnit')).toBe(false);
    expect(can(user(['platform_admin']), 'dossiers.actAsUnit')).toBe(true);
    expect(can(user(['agency_admin'], 3, '/1/3/'), 'dossiers.actAsUnit', unit)).toBe(false);
  });

  it('lets the assignee of a task complete it, and the team any task', () => {
    const officer = user(['agency_officer']);
    expect(can(officer, 'incidents.completeTask', { assigneeUserId: 7 })).toBe(true);
    expect(can(officer, 'incidents.completeTask', { assigneeUserId: 8 })).toBe(false);
    expect(can(officer, 'incidents.completeTask', { assigneeUserId: null })).toBe(false);
    expect(can(user(['responder']), 'incidents.completeTask', { assigneeUserId: 8 })).toBe(true);
    // An agency reach does not stand for an assignment, nor the other way round.
    expect(can(officer, 'systems.edit', { assigneeUserId: 7 })).toBe(false);
  });

  it('names the roles that hold a capability, and what a user holds somewhere', () => {
    expect(rolesWith('incidents.work')).toEqual(['platform_admin', 'dept_security', 'responder']);
    expect(rolesWith('account.self')).toEqual([...ROLES]);
    const viewer = capabilitiesOf({ roles: ['viewer'] });
    expect(Object.keys(viewer).sort()).toEqual([...CAPABILITY_NAMES].sort());
    // A viewer reads the shareable threat intelligence (TAXII) as they read records.
    expect(
      Object.entries(viewer)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['account.self', 'incidents.completeTask', 'intel.read', 'records.read', 'reference.read']);
  });

  it('declares every capability with grants and routes, each route once per capability', () => {
    for (const [name, d] of Object.entries(CAPABILITIES)) {
      expect(d.grants.length, name).toBeGreaterThan(0);
      expect(d.routes.length, name).toBeGreaterThan(0);
      expect(new Set(d.routes).size, name).toBe(d.routes.length);
    }
  });
});

describe('API token scopes', () => {
  it('cover every read of records.read, each in a scope that grants records.read', () => {
    const reads = TOKEN_SCOPE_NAMES.flatMap((s) => ('reads' in TOKEN_SCOPES[s] ? TOKEN_SCOPES[s].reads : []));
    expect([...new Set(reads)].sort()).toEqual([...CAPABILITIES['records.read'].routes].sort());
    for (const s of TOKEN_SCOPE_NAMES) if ('reads' in TOKEN_SCOPES[s]) expect(TOKEN_SCOPES[s].capabilities, s).toContain('records.read');
  });

  it('allow the routes of their capabilities and the reads of their domain only', () => {
    expect(tokenAllows(['systems:read'], 'GET /api/systems/:id')).toBe(true);
    expect(tokenAllows(['systems:read'], 'GET /api/incidents/:id')).toBe(false);
    expect(tokenAllows(['systems:read'], 'PATCH /api/systems/:id')).toBe(false);
    expect(tokenAllows(['systems:write'], 'PATCH /api/systems/:id')).toBe(true);
    expect(tokenAllows(['incidents:write'], 'POST /api/incidents')).toBe(true);
    // Every token reads the catalogs and who it is; none manages tokens, accounts or agencies.
    expect(tokenAllows([], 'GET /api/requirements')).toBe(true);
    expect(tokenAllows([], 'GET /api/auth/me')).toBe(true);
    for (const route of [
      'POST /api/access-tokens',
      'POST /api/auth/password',
      'PATCH /api/users/:id',
      'PATCH /api/agencies/:id',
      'PUT /api/approval-matrix/:level',
    ])
      expect(tokenAllows(TOKEN_SCOPE_NAMES, route), route).toBe(false);
  });

  it("intersect with the owner's roles in every check", () => {
    const officer = user(['agency_officer']);
    const readOnly = { ...officer, tokenCapabilities: tokenCapabilities(['systems:read']) };
    const writer = { ...officer, tokenCapabilities: tokenCapabilities(['systems:write']) };
    expect(can(readOnly, 'systems.edit', health)).toBe(false);
    expect(can(writer, 'systems.edit', health)).toBe(true);
    expect(can(writer, 'systems.edit', education)).toBe(false);
    expect(can({ ...user(['viewer']), tokenCapabilities: tokenCapabilities(['systems:write']) }, 'systems.edit', health)).toBe(false);
    expect(capabilitiesOf(readOnly)['incidents.report']).toBe(false);
    expect(capabilitiesOf(officer)['incidents.report']).toBe(true);
  });
});
