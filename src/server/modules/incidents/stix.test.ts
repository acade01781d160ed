import { describe, expect, it } from 'vitest';
import { buildStixBundle, patternFor, stableUuid, TLP_MARKINGS, uuidv5, type StixCase } from './stix.ts';
import { stixBundleProblems } from '../../../../tests/support/stix.ts';
import { stixSchemaProblems } from '../../../../tests/support/stix-schemas.ts';

const base: StixCase = {
  stixId: '6f1b7c3e-2a4d-4e5f-8a9b-0c1d2e3f4a5b',
  code: 'SC-2026-0007',
  title: 'Mã độc tống tiền trên máy chủ HIS',
  description: 'Máy chủ bị mã hóa dữ liệu.',
  kind: 'ransomware',
  severity: 'critical',
  serious: true,
  tlp: 'amber',
  detectedAt: '2026-03-10T01:00:00.000Z',
  reportedAt: '2026-03-10T03:00:00.000Z',
  updatedAt: '2026-03-12T03:00:00.000Z',
  agencyName: 'Sở Y tế',
  closing: { rootCause: 'RDP mở ra Internet', origin: '203.0.113.7' },
  observables: [
    {
      stixId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      type: 'ip',
      form: 'ipv4',
      value: '203.0.113.7',
      tlp: 'green',
      description: 'C2',
      createdAt: '2026-03-10T04:00:00.000Z',
    },
    {
      stixId: '1a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      type: 'file_hash',
      form: 'sha256',
      value: 'a'.repeat(64),
      tlp: 'amber',
      description: null,
      createdAt: '2026-03-10T05:00:00.000Z',
    },
    {
      stixId: '2a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      type: 'url',
      form: 'url',
      value: "http://evil.example/it's",
      tlp: 'red',
      description: null,
      createdAt: '2026-03-10T05:00:00.000Z',
    },
    {
      stixId: '3a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      type: 'cve',
      form: 'cve',
      value: 'CVE-2024-3400',
      tlp: 'clear',
      description: null,
      createdAt: '2026-03-10T05:00:00.000Z',
    },
  ],
};

describe('STIX 2.1 export', () => {
  it('builds a well-formed bundle', () => {
    const bundle = buildStixBundle(base, { name: 'Đội ứng cứu sự cố tỉnh Demo' });
    expect(stixBundleProblems(bundle)).toEqual([]);
    const types = bundle.objects.map((o) => o.type as string);
    expect(types.filter((t) => t === 'incident')).toHaveLength(1);
    expect(types.filter((t) => t === 'indicator')).toHaveLength(3);
    expect(types.filter((t) => t === 'observed-data')).toHaveLength(3);
    expect(types).toEqual(expect.arrayContaining(['identity', 'ipv4-addr', 'file', 'url', 'vulnerability', 'relationship', 'marking-definition']));
  });

  it('validates against the OASIS STIX 2.1 JSON schemas, object by object (observed data and cyber-observables aside: see the fixture README)', () => {
    const bundle = buildStixBundle(base, { name: 'Đội ứng cứu sự cố tỉnh Demo' });
    const checked = bundle.objects.filter((o) => !['observed-data', 'ipv4-addr', 'file', 'url'].includes(o.type));
    expect(checked.map((o) => o.type)).toEqual(
      expect.arrayContaining(['identity', 'incident', 'indicator', 'vulnerability', 'relationship', 'marking-definition']),
    );
    expect(checked.flatMap(stixSchemaProblems)).toEqual([]);
  });

  it('writes patterns for each kind of observable, escaping quotes', () => {
    expect(patternFor({ type: 'ip', form: 'ipv4', value: '1.2.3.4' })).toBe("[ipv4-addr:value = '1.2.3.4']");
    expect(patternFor({ type: 'ip', form: 'ipv6', value: '2001:db8::1' })).toBe("[ipv6-addr:value = '2001:db8::1']");
    expect(patternFor({ type: 'domain', form: 'domain', value: 'evil.example' })).toBe("[domain-name:value = 'evil.example']");
    expect(patternFor({ type: 'email', form: 'email', value: 'a@evil.example' })).toBe("[email-addr:value = 'a@evil.example']");
    expect(patternFor({ type: 'file_hash', form: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' })).toBe(
      "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']",
    );
    expect(patternFor({ type: 'url', form: 'url', value: "http://x.example/it's\\" })).toBe("[url:value = 'http://x.example/it\\'s\\\\']");
    expect(patternFor({ type: 'cve', form: 'cve', value: 'CVE-2024-3400' })).toBeNull();
  });

  it('marks every object with the TLP 2.0 definitions it uses, and includes those definitions', () => {
    const bundle = buildStixBundle(base, { name: 'Đội ứng cứu' });
    const markings = bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id);
    expect(markings.sort()).toEqual([TLP_MARKINGS.amber, TLP_MARKINGS.clear, TLP_MARKINGS.green, TLP_MARKINGS.red].sort());
    const indicator = bundle.objects.find((o) => o.type === 'indicator' && String(o.pattern).includes('203.0.113.7'))!;
    expect(indicator.object_marking_refs).toEqual([TLP_MARKINGS.green]);
    expect(bundle.objects.find((o) => o.type === 'incident')!.object_marking_refs).toEqual([TLP_MARKINGS.amber]);
  });

  it("keeps ids stable from one export to the next, except the bundle's", () => {
    const a = buildStixBundle(base, { name: 'Đội ứng cứu' });
    const b = buildStixBundle(base, { name: 'Đội ứng cứu' });
    expect(a.objects.map((o) => o.id)).toEqual(b.objects.map((o) => o.id));
    expect(a.id).not.toBe(b.id);
    expect(a.objects.find((o) => o.type === 'incident')!.id).toBe(`incident--${base.stixId}`);
  });

  it('derives cyber-observable ids as the specification does (UUIDv5 in the STIX namespace)', () => {
    // The example of the STIX 2.1 specification (section 2.9, identifiers) for ipv4-addr 198.51.100.3.
    expect(uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"198.51.100.3"}')).toBe('28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    const bundle = buildStixBundle({ ...base, observables: [{ ...base.observables[0]!, value: '198.51.100.3' }] }, { name: 'Đội ứng cứu' });
    expect(bundle.objects.some((o) => o.id === 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4')).toBe(true);
    expect(stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('x')).toBe(stableUuid('x'));
    expect(stableUuid('x')).not.toBe(stableUuid('y'));
  });

  it('is caught by the shape check when broken', () => {
    const bundle = buildStixBundle(base, { name: 'Đội ứng cứu' });
    const broken = {
      ...bundle,
      objects: bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, pattern: 'ipv4-addr = 1.2.3.4', spec_version: '2.0' } : o)),
    };
    const problems = stixBundleProblems(broken);
    expect(problems.some((p) => p.includes('not a valid STIX pattern'))).toBe(true);
    expect(problems.some((p) => p.includes('spec_version'))).toBe(true);
    expect(stixBundleProblems({ type: 'bundle', id: 'bundle--x', objects: [] })).not.toEqual([]);
  });
});
