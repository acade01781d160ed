import { describe, expect, it } from 'vitest';
import { canonicalUpdate, compareVersions, isValidRange, parseRange, readVendorVersion, versionInRange } from './versions.ts';

const sign = (n: number) => Math.sign(n);

describe('compareVersions', () => {
  it.each([
    ['2.4.57', '2.4.6', 1],
    ['2.4.6', '2.4.57', -1],
    ['2.4.57', '2.4.57', 0],
    ['1.0', '1.0.0', 0],
    ['1.0.1', '1.0', 1],
    ['4.30.085', '4.30.85', 0],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3+build.5', '1.2.3', 0],
    ['10.0', '9.9.9', 1],
  ])('compares dotted numbers numerically: %s vs %s', (a, b, expected) => {
    expect(sign(compareVersions(a, b))).toBe(expected);
  });

  it('puts pre-releases before their release, in semver order', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1'];
    for (let i = 0; i + 1 < ordered.length; i++) expect(sign(compareVersions(ordered[i]!, ordered[i + 1]!)), `${ordered[i]} < ${ordered[i + 1]}`).toBe(-1);
    expect(compareVersions('1.0.0-rc.1', '0.9.9')).toBeGreaterThan(0);
    expect(compareVersions('9.0.0.M1', '9.0.0')).toBeLessThan(0);
    expect(compareVersions('3.0.0rc1', '3.0.0')).toBeLessThan(0);
  });

  it('puts service packs, releases and patch letters after the version they extend', () => {
    expect(compareVersions('2012 R2', '2012')).toBeGreaterThan(0);
    expect(compareVersions('2012 R2', '2012 r2')).toBe(0);
    expect(compareVersions('2012 R2', '2016')).toBeLessThan(0);
    expect(compareVersions('2012 R3', '2012 R2')).toBeGreaterThan(0);
    expect(compareVersions('19c', '19')).toBeGreaterThan(0);
    expect(compareVersions('19c', '21c')).toBeLessThan(0);
    expect(compareVersions('1.1.1k', '1.1.1')).toBeGreaterThan(0);
    expect(compareVersions('1.1.1k', '1.1.1w')).toBeLessThan(0);
    expect(compareVersions('9.3p1', '9.3')).toBeGreaterThan(0);
    expect(compareVersions('7.0.3', '7.0.3t')).toBeLessThan(0);
    expect(compareVersions('7.0 U3', '7.0')).toBeGreaterThan(0);
  });

  it('treats a Debian package revision as later than the upstream version', () => {
    expect(compareVersions('2.4.57-2', '2.4.57')).toBeGreaterThan(0);
  });
});

describe('parseRange and versionInRange', () => {
  const inRange = (v: string | null, r: string) => versionInRange(v, parseRange(r));

  it('matches comparator sets', () => {
    expect(inRange('2.4.57', '>=2.4.0 <2.4.58')).toBe(true);
    expect(inRange('2.4.58', '>=2.4.0 <2.4.58')).toBe(false);
    expect(inRange('2.4.6', '<2.4.58')).toBe(true);
    expect(inRange('2.2.34', '>=2.4.0 <2.4.58')).toBe(false);
    expect(inRange('9.0.80', '<= 9.0.97')).toBe(true);
    expect(inRange('9.0.98', '<= 9.0.97')).toBe(false);
  });

  it('does not read "2.4.6" as greater than "2.4.57" (string comparison would)', () => {
    expect(inRange('2.4.6', '>2.4.57')).toBe(false);
    expect(inRange('2.4.60', '>2.4.57')).toBe(true);
  });

  it('handles pre-releases at the bounds', () => {
    expect(inRange('1.0.0-rc.1', '<1.0.0')).toBe(true);
    expect(inRange('1.0.0-rc.1', '>=1.0.0')).toBe(false);
    expect(inRange('1.0.0', '>=1.0.0-rc.1 <1.0.1')).toBe(true);
  });

  it('reads alternatives, hyphen ranges, wildcards and exact versions', () => {
    const fortios = '>=7.4.0 <=7.4.2 || 7.2.0 - 7.2.6 || 7.0.0 - 7.0.13 || 6.0.x';
    expect(inRange('7.2.5', fortios)).toBe(true);
    expect(inRange('7.2.7', fortios)).toBe(false);
    expect(inRange('7.4.3', fortios)).toBe(false);
    expect(inRange('6.0.17', fortios)).toBe(true);
    expect(inRange('6.2.1', fortios)).toBe(false);
    expect(inRange('7.0.3', '7.0.3')).toBe(true);
    expect(inRange('7.0.3', '=7.0.3')).toBe(true);
    expect(inRange('7.0.3', '>=7.0 <7.0.3t')).toBe(true);
    expect(inRange('7.0.3u', '>=7.0 <7.0.3t')).toBe(false);
    expect(inRange('2012 R2', '2012 R2')).toBe(true);
    expect(inRange('2012', '2012 R2')).toBe(false);
    expect(inRange('2012 R2', '<=2012 R2')).toBe(true);
    expect(inRange('2016', '<=2012 R2')).toBe(false);
    expect(inRange('19c', '>=19 <21')).toBe(true);
    expect(inRange('2.4.57', '2.4.x')).toBe(true);
    expect(inRange('2.5.0', '2.4.*')).toBe(false);
  });

  it('treats blank and "*" as every version, and an unusable version as unknown', () => {
    expect(inRange('anything', '*')).toBe(true);
    expect(inRange(null, '')).toBe(true);
    expect(inRange(null, '<2.4.58')).toBe('unknown');
    expect(inRange('latest', '<2.4.58')).toBe('unknown');
  });

  it('refuses ranges it cannot read', () => {
    expect(isValidRange('>=2.4.0 <2.4.58')).toBe(true);
    expect(isValidRange('before the fix')).toBe(false);
    expect(isValidRange('<')).toBe(false);
    expect(isValidRange('>=1.0 ||')).toBe(false);
    expect(() => parseRange('<abc')).toThrow();
  });
});

describe('readVendorVersion', () => {
  it.each([
    ['13.1 Build 48.47', '13.1', '48.47'],
    ['NS13.1: Build 48.47.nc', '13.1', '48.47'],
    ['13.1-48.47', '13.1', '48.47'],
    ['2016 CU21', '2016', 'cu21'],
    ['22.6R2', '22.6', 'r2'],
    ['9.1R11.4', '9.1', 'r11.4'],
    ['2010 SP3 RU30', '2010', 'sp3.ru30'],
    ['2010 SP3 Update Rollup 29', '2010', 'sp3.ru.29'],
    ['7.0 Update 3', '7.0', 'u.3'],
    ['7.0U3c', '7.0', 'u3c'],
    ['10.2.12-h1', '10.2.12', 'h1'],
    ['9.8(4)15', '9.8.4.15', null],
    ['2.4.49-1ubuntu3', '2.4.49', null],
    ['1:2.4.49-1', '2.4.49', null],
    ['1.1.1k-7.el8_6', '1.1.1k', null],
    ['2.4.56-1~deb11u2', '2.4.56', null],
    ['2.4.57+deb12u1', '2.4.57', null],
    ['1.0.2zd', '1.0.2zd', null],
    ['v7.2.5', '7.2.5', null],
    ['2.0-rc1', '2.0', 'rc1'],
    ['R2 SP1', 'r2', 'sp1'],
    ['SP1', null, 'sp1'],
  ])('reads %s as version %s, update %s', (raw, version, update) => {
    expect(readVendorVersion(raw)).toEqual({ version, update });
  });

  it('has nothing to read without a digit', () => {
    expect(readVendorVersion('latest')).toBeNull();
    expect(readVendorVersion(null)).toBeNull();
  });

  it('writes NVD and vendor updates alike', () => {
    for (const [a, b] of [
      ['cumulative_update_21', 'CU21'],
      ['update3j', 'U3j'],
      ['sp3_rollup_30', 'SP3 RU30'],
      ['r11.4', 'R11.4'],
    ]) {
      expect(compareVersions(canonicalUpdate(a)!, canonicalUpdate(b)!), `${a} = ${b}`).toBe(0);
    }
    expect(compareVersions(canonicalUpdate('cumulative_update_19')!, canonicalUpdate('CU21')!)).toBeLessThan(0);
    expect(canonicalUpdate('*')).toBeNull();
    expect(canonicalUpdate('-')).toBeNull();
  });
});
