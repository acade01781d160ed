import { describe, expect, it } from 'vitest';
import {
  cveIds,
  dedupeFindings,
  findingKey,
  normalizePort,
  parseSeverity,
  reconcileFindings,
  severityFromCvss,
  type IncomingFinding,
  type StoredFinding,
} from './findings.ts';

const f = (over: Partial<IncomingFinding>): IncomingFinding => ({
  host: '10.0.0.1',
  port: '443/tcp',
  cveIds: [],
  pluginId: null,
  title: 'Lỗ hổng',
  severity: 'medium',
  cvss: 5,
  solution: null,
  ...over,
});

describe('severity', () => {
  it('bands CVSS scores', () => {
    expect([9.8, 9.0, 8.9, 7.0, 6.9, 4.0, 3.9, 0.1, 0, -1].map(severityFromCvss)).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      null,
      null,
    ]);
  });
  it('reads severity words in English and Vietnamese', () => {
    expect(['High', 'cao', 'Trung bình', 'thấp', 'Nghiêm trọng', 'Log', 'bogus'].map(parseSeverity)).toEqual([
      'high',
      'high',
      'medium',
      'low',
      'critical',
      'info',
      null,
    ]);
  });
});

describe('finding identity', () => {
  it('normalises ports and CVE lists', () => {
    expect(['443', '443/TCP', 'tcp/443', '', 'general/tcp', ' 0080/tcp '].map(normalizePort)).toEqual([
      '443/tcp',
      '443/tcp',
      '443/tcp',
      'general',
      'general/tcp',
      '80/tcp',
    ]);
    // OpenVAS 8 wrote the service name first: the same finding must match "80/tcp" of a later scan.
    expect(['http (80/tcp)', 'general (161/udp)', 'ssh (22/tcp)'].map(normalizePort)).toEqual(['80/tcp', '161/udp', '22/tcp']);
    expect(cveIds('cve-2023-45802, CVE-2023-43622; CVE-2023-45802')).toEqual(['CVE-2023-43622', 'CVE-2023-45802']);
  });
  it('is host + port + CVEs, else plugin, else title', () => {
    expect(findingKey({ host: 'HIS.demo.gov.vn.', port: '443', cveIds: ['CVE-2023-45802', 'CVE-2023-43622'] })).toBe(
      'his.demo.gov.vn|443/tcp|CVE-2023-43622,CVE-2023-45802',
    );
    expect(findingKey({ host: '10.0.0.1', port: '22/tcp', pluginId: '1.3.6.1.4.1.25623.1.0.105354' })).toBe(
      '10.0.0.1|22/tcp|plugin:1.3.6.1.4.1.25623.1.0.105354',
    );
    expect(findingKey({ host: '10.0.0.1', port: null, title: '  SSL   Certificate Expired ' })).toBe('10.0.0.1|general|title:ssl certificate expired');
    // The same CVE found by two tools is one finding; the same CVE on another port is another.
    expect(findingKey({ host: '10.0.0.1', port: '443/tcp', cveIds: ['CVE-2024-1'], pluginId: 'a' })).toBe(
      findingKey({ host: '10.0.0.1', port: 443, cveIds: ['cve-2024-1'], pluginId: 'b' }),
    );
    expect(findingKey({ host: '10.0.0.1', port: '443', cveIds: ['CVE-2024-1'] })).not.toBe(
      findingKey({ host: '10.0.0.1', port: '8443', cveIds: ['CVE-2024-1'] }),
    );
  });
  it('deduplicates a report, keeping the worse copy', () => {
    const rows = dedupeFindings([
      f({ cveIds: ['CVE-2024-1'], severity: 'medium' }),
      f({ cveIds: ['CVE-2024-1'], port: '443', severity: 'high', cvss: 7.5 }),
      f({ cveIds: ['CVE-2024-2'] }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.cveIds[0] === 'CVE-2024-1')!.severity).toBe('high');
  });
});

describe('reconcileFindings', () => {
  const stored = (over: Partial<StoredFinding>): StoredFinding => ({
    id: 1,
    key: findingKey({ host: '10.0.0.1', port: '443/tcp', cveIds: ['CVE-2024-1'] }),
    host: '10.0.0.1',
    status: 'open',
    firstSeenOn: '2026-01-10',
    lastSeenOn: '2026-01-10',
    closedOn: null,
    ...over,
  });

  it('creates new findings and keeps first seen / moves last seen for known ones', () => {
    const r = reconcileFindings([stored({})], [f({ cveIds: ['CVE-2024-1'] }), f({ cveIds: ['CVE-2024-9'] })], { scannedOn: '2026-07-01', hosts: [] });
    expect(r.create.map((c) => c.cveIds)).toEqual([['CVE-2024-9']]);
    expect(r.seen).toEqual([expect.objectContaining({ id: 1, firstSeenOn: '2026-01-10', lastSeenOn: '2026-07-01', reopen: false, newest: true })]);
    expect(r.close).toEqual([]);
  });

  it('closes open findings on a scanned host that a later scan no longer reports', () => {
    const other = stored({ id: 2, host: '10.0.0.2', key: findingKey({ host: '10.0.0.2', port: '22', cveIds: ['CVE-2024-3'] }) });
    const r = reconcileFindings([stored({}), other], [], { scannedOn: '2026-07-01', hosts: ['10.0.0.1'] });
    expect(r.close).toEqual([1]); // 10.0.0.2 was not scanned: its finding stays open
  });

  it('closes confirmed and in-remediation findings too, but leaves approved exceptions alone', () => {
    const keyed = (id: number, status: StoredFinding['status']) =>
      stored({ id, status, key: findingKey({ host: '10.0.0.1', port: '443/tcp', cveIds: [`CVE-2024-${id}`] }) });
    const rows = [keyed(1, 'confirmed'), keyed(2, 'in_remediation'), keyed(3, 'false_positive'), keyed(4, 'accepted_risk'), keyed(5, 'fixed')];
    expect(reconcileFindings(rows, [], { scannedOn: '2026-07-01', hosts: ['10.0.0.1'] }).close).toEqual([1, 2]);
    const again = reconcileFindings(rows, [f({ cveIds: ['CVE-2024-4'] })], { scannedOn: '2026-07-01', hosts: ['10.0.0.1'] });
    expect(again.seen[0]).toMatchObject({ id: 4, reopen: false });
  });

  it('lets an older report neither close nor reopen, only move first seen back', () => {
    const r = reconcileFindings([stored({ firstSeenOn: '2026-03-01', lastSeenOn: '2026-06-01' })], [f({ cveIds: ['CVE-2024-1'] })], {
      scannedOn: '2026-02-01',
      hosts: ['10.0.0.1'],
    });
    expect(r.seen[0]).toMatchObject({ firstSeenOn: '2026-02-01', lastSeenOn: '2026-06-01', newest: false, reopen: false });
    const closing = reconcileFindings([stored({ lastSeenOn: '2026-06-01' })], [], { scannedOn: '2026-02-01', hosts: ['10.0.0.1'] });
    expect(closing.close).toEqual([]);
  });

  it('reopens a closed finding that a newer scan reports again', () => {
    const r = reconcileFindings([stored({ status: 'fixed', closedOn: '2026-04-01' })], [f({ cveIds: ['CVE-2024-1'] })], {
      scannedOn: '2026-08-01',
      hosts: [],
    });
    expect(r.seen[0]!.reopen).toBe(true);
    const old = reconcileFindings([stored({ status: 'fixed', closedOn: '2026-04-01' })], [f({ cveIds: ['CVE-2024-1'] })], {
      scannedOn: '2026-03-01',
      hosts: [],
    });
    expect(old.seen[0]!.reopen).toBe(false);
  });
});
