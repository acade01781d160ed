import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the feed sources: a folder, http(s) URLs separated by commas or spaces, and refuses other schemes', () => {
    const c = loadConfig({ FEED_IMPORT_DIR: 'feeds', FEED_IMPORT_URLS: 'https://a.example/kev.json, http://b.example/x.csv', FEED_IMPORT_USER: 'attt' });
    expect(c.feedImport).toMatchObject({ urls: ['https://a.example/kev.json', 'http://b.example/x.csv'], username: 'attt', intervalMs: 3600_000 });
    expect(c.feedImport.dir).toMatch(/\/feeds$/);
    expect(loadConfig({}).feedImport).toEqual({ dir: undefined, urls: [], username: undefined, intervalMs: 3600_000 });
    expect(() => loadConfig({ FEED_IMPORT_URLS: 'file:///etc/passwd' })).toThrow(/not an http/);
  });

  it('takes the hotline number only as a telephone number', () => {
    expect(loadConfig({ HOTLINE_PHONE: '0211 3 868 868' }).hotlinePhone).toBe('0211 3 868 868');
    expect(loadConfig({}).hotlinePhone).toBeUndefined();
    expect(() => loadConfig({ HOTLINE_PHONE: '<b>gọi</b>' })).toThrow();
  });

  it('binds passkeys to the public address, or to a parent domain given as WEBAUTHN_RP_ID', () => {
    expect(loadConfig({}).webauthn).toEqual({ rpId: 'localhost', rpName: 'Khiên', origin: 'http://localhost:3000' });
    expect(loadConfig({ PUBLIC_URL: 'https://khien.tinh.gov.vn/' }).webauthn).toMatchObject({ rpId: 'khien.tinh.gov.vn', origin: 'https://khien.tinh.gov.vn' });
    expect(loadConfig({ PUBLIC_URL: 'https://khien.tinh.gov.vn', WEBAUTHN_RP_ID: 'Tinh.gov.vn' }).webauthn.rpId).toBe('tinh.gov.vn');
    expect(loadConfig({ PUBLIC_URL: 'https://a.example', WEBAUTHN_ORIGIN: 'https://khien.b.example:8443' }).webauthn).toMatchObject({
      rpId: 'khien.b.example',
      origin: 'https://khien.b.example:8443',
    });
    expect(() => loadConfig({ PUBLIC_URL: 'https://khien.tinh.gov.vn', WEBAUTHN_RP_ID: 'evil.example' })).toThrow(/WEBAUTHN_RP_ID/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://khien.tinh.gov.vn', WEBAUTHN_RP_ID: 'nh.gov.vn' })).toThrow(/WEBAUTHN_RP_ID/);
  });
});
