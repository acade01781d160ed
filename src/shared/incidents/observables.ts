import type { ObservableType } from './vocabulary.ts';

/**
 * Observables (IP, domain, URL, file hash, e-mail, CVE): checked and written one canonical way, so the same
 * indicator is stored once and exported as a valid STIX pattern. Pasted "defanged" values (hxxp, [.]) are accepted.
 */
type ObservableForm = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email' | 'cve';

export type Normalized = { value: string; form: ObservableForm };

/** Undoes the usual defanging of indicators in reports: hxxp://, [.], (.), [@], [:]. */
export function refang(raw: string): string {
  return raw
    .trim()
    .replace(/^hxxp(s?):\/\//i, 'http$1://')
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, '.')
    .replace(/\[@\]|\(@\)/g, '@')
    .replace(/\[:\]/g, ':');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const isIpv4 = (s: string) => IPV4.test(s);

export function isIpv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s)) return false;
  let groups = s;
  let extra = 0;
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    if (!isIpv4(s.slice(lastColon + 1))) return false;
    groups = `${s.slice(0, lastColon + 1)}0`;
    extra = 1;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const parts = halves.flatMap(parse);
  if (!parts.every((p) => /^[0-9a-f]{1,4}$/i.test(p))) return false;
  const count = parts.length + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An address, optionally with a CIDR prefix (STIX ipv4-addr and ipv6-addr allow both). */
function ip(value: string): Normalized | null {
  const [addr, prefix, more] = value.split('/');
  if (more !== undefined || !addr) return null;
  const v4 = isIpv4(addr);
  const v6 = !v4 && isIpv6(addr);
  if (!v4 && !v6) return null;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128))) return null;
  return { value: (v6 ? addr.toLowerCase() : addr) + (prefix !== undefined ? `/${Number(prefix)}` : ''), form: v4 ? 'ipv4' : 'ipv6' };
}

/** A host name with at least two labels, in its ASCII (punycode) form. */
function domain(value: string): string | null {
  let host: string;
  try {
    host = new URL(`http://${value}`).hostname;
  } catch {
    return null;
  }
  if (host !== value.toLowerCase() && !/[^\p{ASCII}]/u.test(value)) return null;
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || labels.length < 2) return null;
  if (!labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) return null;
  return labels.join('.');
}

function url(value: string): Normalized | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ftp:'].includes(u.protocol) || !u.hostname) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!domain(host) && !isIpv4(host) && !isIpv6(host)) return null;
  return { value: u.href, form: 'url' };
}

const HASH_FORMS: Record<number, ObservableForm> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

function email(value: string): Normalized | null {
  const at = value.lastIndexOf('@');
  if (at < 1) return null;
  const local = value.slice(0, at);
  const host = domain(value.slice(at + 1));
  if (!host || local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || /^\.|\.\.|\.$/.test(local)) return null;
  return { value: `${local}@${host}`, form: 'email' };
}

/** The canonical value and its precise form, or null when `raw` is not a valid observable of `type`. */
export function normalizeObservable(type: ObservableType, raw: string): Normalized | null {
  const value = refang(raw);
  if (!value || value.length > 2048 || /\s/.test(value)) return null;
  switch (type) {
    case 'ip':
      return ip(value);
    case 'domain': {
      const d = domain(value.replace(/\.$/, ''));
      return d ? { value: d, form: 'domain' } : null;
    }
    case 'url':
      return url(value);
    case 'file_hash': {
      const form = /^[0-9a-f]+$/i.test(value) ? HASH_FORMS[value.length] : undefined;
      return form ? { value: value.toLowerCase(), form } : null;
    }
    case 'email':
      return email(value);
    case 'cve':
      return /^CVE-\d{4}-\d{4,7}$/i.test(value) ? { value: value.toUpperCase(), form: 'cve' } : null;
  }
}
