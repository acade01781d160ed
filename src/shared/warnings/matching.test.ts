import { describe, expect, it } from 'vitest';
import aliases from '../../../data/product-aliases.json' with { type: 'json' };
import { canonicalVendor, findAffectedSystems, matchSoftware, normalizeName, parseCpe, productFromCpeMatch, productMatches, productNames } from './matching.ts';

describe('CPE', () => {
  it('reads CPE 2.3 and 2.2 names with every attribute, keeping * (any) and - (not applicable)', () => {
    expect(parseCpe('cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*')).toEqual({
      part: 'a',
      vendor: 'apache',
      product: 'http_server',
      version: '2.4.57',
      update: '*',
      edition: '*',
      language: '*',
      swEdition: '*',
      targetSw: '*',
      targetHw: '*',
      other: '*',
    });
    expect(parseCpe('cpe:2.3:a:microsoft:exchange_server:2019:-:*:*:*:*:*:*')).toMatchObject({ version: '2019', update: '-' });
    expect(parseCpe('cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*')).toMatchObject({ version: '*', swEdition: 'fips' });
    expect(parseCpe('cpe:/o:microsoft:windows_server_2012:r2')).toMatchObject({ part: 'o', product: 'windows_server_2012', version: 'r2', update: '*' });
    expect(parseCpe('cpe:/a:vendor:product:1.0:sp1:~ent~pro~wordpress~x64~')).toMatchObject({
      update: 'sp1',
      edition: 'ent',
      swEdition: 'pro',
      targetSw: 'wordpress',
      targetHw: 'x64',
      other: '*',
    });
    expect(parseCpe('cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha')).toMatchObject({ vendor: 'csaf-tools', version: '1.0.0-alpha' });
    expect(parseCpe('cpe:2.3:a:joomla:joomla\\!:*:*:*:*:*:*:*:*')!.product).toBe('joomla!');
    expect(parseCpe('cpe:2.3:a:foo\\:bar:baz:1.0')!.vendor).toBe('foo:bar');
    expect(parseCpe('not a cpe')).toBeNull();
    expect(parseCpe('cpe:2.3:x:apache:http_server')).toBeNull();
  });
});

describe('vendor and product names', () => {
  it('normalises vendors', () => {
    expect(canonicalVendor('The Apache Software Foundation')).toBe('apache');
    expect(canonicalVendor('Red Hat, Inc.')).toBe('redhat');
    expect(canonicalVendor('Microsoft Corporation')).toBe('microsoft');
    expect(canonicalVendor('')).toBeNull();
  });
  it('knows a product by its vendor-less name and its aliases', () => {
    expect(productNames('Apache HTTP Server')).toContain('http server');
    expect(productNames('httpd')).toContain('http server');
    expect(productNames('Oracle MySQL', 'Oracle')).toContain('mysql');
    expect(productNames('Microsoft Windows Server')).toContain('windows server');
  });
  it('matches the same product written differently, and only that', () => {
    expect(productMatches({ vendor: 'Apache', product: 'HTTP Server' }, { vendor: 'Apache Software Foundation', product: 'httpd' })).toBe(true);
    expect(productMatches({ product: 'Apache HTTP Server' }, { vendor: 'Apache', product: 'HTTP Server' })).toBe(true);
    expect(productMatches({ vendor: 'Apache', product: 'Tomcat' }, { vendor: 'Apache', product: 'HTTP Server' })).toBe(false);
    expect(productMatches({ vendor: 'Oracle', product: 'MySQL' }, { vendor: 'Microsoft', product: 'MySQL' })).toBe(false);
    expect(productMatches({ vendor: 'Zimbra', product: 'Collaboration' }, { vendor: 'Zimbra', product: 'Collaboration Suite' })).toBe(true);
    expect(productMatches({ vendor: 'Microsoft', product: 'Windows Server' }, { vendor: 'Microsoft', product: 'SQL Server' })).toBe(false);
    expect(productMatches({ product: 'Tiếng Việt Đặc Biệt' }, { product: 'tieng viet dac biet' })).toBe(true);
    // A product written with its vendor in front, without a vendor field.
    expect(productMatches({ vendor: 'KhienTest', product: 'Test Server' }, { product: 'KhienTest Test Server' })).toBe(true);
    expect(productMatches({ product: 'KhienTest Test Server' }, { vendor: 'KhienTest', product: 'Test Server' })).toBe(true);
    expect(productMatches({ vendor: 'Other', product: 'Test Server' }, { product: 'KhienTest Test Server' })).toBe(false);
  });
  it('matches by CPE when the names differ', () => {
    expect(
      productMatches(
        { product: 'Máy chủ web', cpe: 'cpe:2.3:a:apache:http_server:*' },
        { vendor: 'ASF', product: 'Web server', cpe: 'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*' },
      ),
    ).toBe(true);
  });
});

describe('matchSoftware', () => {
  const warning = [
    { vendor: 'Apache', product: 'HTTP Server', versionRange: '>=2.4.0 <2.4.58' },
    { vendor: 'Microsoft', product: 'Windows Server', versionRange: '<=2012 R2' },
  ];
  it('says which product matched and how surely', () => {
    expect(matchSoftware(warning, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.57' })).toEqual({ productIndex: 0, certainty: 'in_range' });
    expect(matchSoftware(warning, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.6' })).toEqual({ productIndex: 0, certainty: 'in_range' });
    expect(matchSoftware(warning, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.58' })).toBeNull();
    expect(matchSoftware(warning, { vendor: 'Apache', product: 'HTTP Server', version: null })).toEqual({ productIndex: 0, certainty: 'unknown_version' });
    expect(matchSoftware(warning, { vendor: 'Microsoft', product: 'Windows Server', version: '2012 R2' })).toEqual({ productIndex: 1, certainty: 'in_range' });
    expect(matchSoftware(warning, { vendor: 'Microsoft', product: 'Windows Server', version: '2019' })).toBeNull();
    expect(matchSoftware([{ product: 'nginx' }], { vendor: 'nginx', product: 'nginx', version: '1.24.0' })).toEqual({
      productIndex: 0,
      certainty: 'all_versions',
    });
  });
  it('takes the version from the CPE when the inventory has none, and a CPE version as an exact range', () => {
    expect(matchSoftware(warning, { product: 'httpd', cpe: 'cpe:2.3:a:apache:http_server:2.4.50:*:*:*:*:*:*:*' })).toEqual({
      productIndex: 0,
      certainty: 'in_range',
    });
    const exact = [{ product: 'ESXi', vendor: 'VMware', cpe: 'cpe:2.3:o:vmware:esxi:7.0.3:*:*:*:*:*:*:*' }];
    expect(matchSoftware(exact, { vendor: 'VMware', product: 'ESXi', version: '7.0.3' })?.certainty).toBe('in_range');
    expect(matchSoftware(exact, { vendor: 'VMware', product: 'ESXi', version: '8.0' })).toBeNull();
  });
});

describe('findAffectedSystems', () => {
  it('gives one entry per affected system with the software that made it so', () => {
    const inventory = [
      { systemId: 1, vendor: 'Apache', product: 'HTTP Server', version: '2.4.57' },
      { systemId: 1, vendor: 'Oracle', product: 'MySQL', version: '8.0.35' },
      { systemId: 2, vendor: 'Apache', product: 'HTTP Server', version: '2.4.62' },
      { systemId: 3, vendor: 'Apache', product: 'httpd', version: '2.4.54' },
      { systemId: 3, vendor: 'Microsoft', product: 'Windows Server', version: '2012 R2' },
    ];
    const affected = findAffectedSystems(
      [
        { vendor: 'Apache', product: 'HTTP Server', versionRange: '<2.4.58' },
        { vendor: 'Microsoft', product: 'Windows Server', versionRange: '2012 R2' },
      ],
      inventory,
    );
    expect([...affected.keys()].sort()).toEqual([1, 3]);
    expect(affected.get(1)!.map((s) => s.product)).toEqual(['HTTP Server']);
    expect(affected.get(3)!.map((s) => s.productIndex)).toEqual([0, 1]);
  });
});

describe('the alias table (data/product-aliases.json)', () => {
  it('names each product under a known vendor, and no name twice for different products', () => {
    const vendors = new Set(aliases.vendors.map((v) => v.id));
    const owner = new Map<string, string>();
    for (const p of aliases.products) {
      expect(vendors.has(p.vendor), p.cpe[0]).toBe(true);
      for (const n of [...p.cpe, ...p.names]) {
        const key = normalizeName(n);
        expect(owner.get(key) ?? p.cpe[0], `${n}: ${owner.get(key)} and ${p.cpe[0]}`).toBe(p.cpe[0]);
        owner.set(key, p.cpe[0]!);
      }
    }
  });
  it('groups the names the brief lists with their CPE names', () => {
    for (const name of ['NetScaler ADC', 'Citrix ADC', 'application_delivery_controller_firmware']) {
      expect(productNames(name), name).toContain('netscaler application delivery controller');
    }
    expect(canonicalVendor('Node.js')).toBe(canonicalVendor('nodejs'));
    expect(canonicalVendor('WooCommerce')).toBe('automattic');
    expect(canonicalVendor('Pulse Secure')).toBe(canonicalVendor('ivanti'));
    expect(canonicalVendor('Tập đoàn Bưu chính Viễn thông Việt Nam')).toBe('vnpt');
    expect(productFromCpeMatch({ criteria: 'cpe:2.3:a:ivanti:connect_secure:22.6:r2:*:*:*:*:*:*' })).toMatchObject({
      vendor: 'Ivanti',
      product: 'Connect Secure',
      versionRange: null,
    });
    expect(productFromCpeMatch({ criteria: 'cpe:2.3:a:example_corp:some_tool:*:*:*:*:*:*:*:*', versionEndExcluding: '2.0' })).toMatchObject({
      vendor: 'example corp',
      product: 'some tool',
      versionRange: '<2.0',
    });
  });
});
