import { describe, expect, it } from 'vitest';
import { isIpv6, normalizeObservable, refang } from './observables.ts';

describe('observables', () => {
  it('accepts IPv4 and IPv6 addresses, with an optional CIDR prefix', () => {
    expect(normalizeObservable('ip', '203.0.113.7')).toEqual({ value: '203.0.113.7', form: 'ipv4' });
    expect(normalizeObservable('ip', '10.0.0.0/8')).toEqual({ value: '10.0.0.0/8', form: 'ipv4' });
    expect(normalizeObservable('ip', '2001:DB8::1')).toEqual({ value: '2001:db8::1', form: 'ipv6' });
    expect(normalizeObservable('ip', '::ffff:192.0.2.1')?.form).toBe('ipv6');
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4/33', '2001:db8::1::2', '12345::', 'example.com']) {
      expect(normalizeObservable('ip', bad), bad).toBeNull();
    }
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
  });

  it('writes domains in lower-case ASCII and refuses single labels', () => {
    expect(normalizeObservable('domain', 'Evil-Site.Example.COM')).toEqual({ value: 'evil-site.example.com', form: 'domain' });
    expect(normalizeObservable('domain', 'bộytế.vn')?.value).toMatch(/^xn--[a-z0-9-]+\.vn$/);
    for (const bad of ['localhost', '-bad.com', 'bad-.com', 'a..b.com', 'has space.com', 'x.123']) {
      expect(normalizeObservable('domain', bad), bad).toBeNull();
    }
  });

  it('takes URLs of the web and FTP only', () => {
    expect(normalizeObservable('url', 'http://Example.com/a b')).toBeNull();
    expect(normalizeObservable('url', 'https://Example.com/login.php?x=1')?.value).toBe('https://example.com/login.php?x=1');
    expect(normalizeObservable('url', 'javascript:alert(1)')).toBeNull();
    expect(normalizeObservable('url', 'http://203.0.113.7:8080/x')?.form).toBe('url');
  });

  it('tells MD5, SHA-1 and SHA-256 apart by length', () => {
    expect(normalizeObservable('file_hash', 'D41D8CD98F00B204E9800998ECF8427E')).toEqual({ value: 'd41d8cd98f00b204e9800998ecf8427e', form: 'md5' });
    expect(normalizeObservable('file_hash', 'a'.repeat(40))?.form).toBe('sha1');
    expect(normalizeObservable('file_hash', 'b'.repeat(64))?.form).toBe('sha256');
    expect(normalizeObservable('file_hash', 'g'.repeat(64))).toBeNull();
    expect(normalizeObservable('file_hash', 'a'.repeat(50))).toBeNull();
  });

  it('checks e-mail addresses and CVE ids', () => {
    expect(normalizeObservable('email', 'Ke.Gia@Mao-Danh.com')).toEqual({ value: 'Ke.Gia@mao-danh.com', form: 'email' });
    expect(normalizeObservable('email', 'no-at-sign.com')).toBeNull();
    expect(normalizeObservable('email', 'a..b@x.com')).toBeNull();
    expect(normalizeObservable('cve', 'cve-2024-3400')).toEqual({ value: 'CVE-2024-3400', form: 'cve' });
    expect(normalizeObservable('cve', 'CVE-24-1')).toBeNull();
  });

  it('refangs values pasted from advisories', () => {
    expect(refang('hxxps://evil[.]example[.]com/x')).toBe('https://evil.example.com/x');
    expect(normalizeObservable('ip', '203.0.113[.]7')?.value).toBe('203.0.113.7');
    expect(normalizeObservable('email', 'a[@]evil(.)com')?.value).toBe('a@evil.com');
  });
});
