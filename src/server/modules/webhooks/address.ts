/**
 * Which receivers webhooks may reach. Private networks (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed: the
 * province's SIEM usually sits on one. Refused: this machine (loopback, unless WEBHOOK_ALLOW_LOOPBACK), link-local
 * addresses (169.254/16 holds cloud metadata services), the unspecified address and multicast. Checked on the URL
 * when a subscription is saved, and on every address DNS gives at each send (a name cannot be re-pointed at them).
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

const never = new BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4');
never.addSubnet('169.254.0.0', 16, 'ipv4');
never.addSubnet('224.0.0.0', 4, 'ipv4');
never.addAddress('255.255.255.255', 'ipv4');
never.addAddress('::', 'ipv6');
never.addSubnet('fe80::', 10, 'ipv6');
never.addSubnet('ff00::', 8, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is checked as the IPv4 address it is. */
function plain(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

function addressRefused(address: string, allowLoopback: boolean): boolean {
  const a = plain(address);
  return never.check(a.address, a.family) || (!allowLoopback && loopback.check(a.address, a.family));
}

/** The hostname of a URL refused before any lookup: a refused IP literal, or a name of this machine. */
export function hostRefused(url: string, allowLoopback: boolean): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host)) return addressRefused(host, allowLoopback);
  return !allowLoopback && (host === 'localhost' || host.endsWith('.localhost'));
}

/** A DNS lookup for outgoing requests that fails when any address it finds is refused. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => addressRefused(a.address, allowLoopback));
      if (refused) return callback(Object.assign(new Error(`address ${refused.address} is not allowed for webhooks`), { code: 'EADDRREFUSED' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
