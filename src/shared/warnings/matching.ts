/**
 * Which systems a warning concerns: its affected products (vendor, product, version range, CPE) against each
 * system's software inventory. Pure, so it is unit-tested and the same everywhere it runs.
 */
import { parseRange, parseVersion, versionInRange, type VersionRange } from './versions.ts';

export type WarningProduct = { vendor?: string | null; product: string; versionRange?: string | null; cpe?: string | null };
export type SoftwareItem = { vendor?: string | null; product: string; version?: string | null; cpe?: string | null };

/** How sure the match is: the version is in the range, the warning covers every version, or the inventory has no usable version. */
type Certainty = 'in_range' | 'all_versions' | 'unknown_version';
export type SoftwareMatch = { productIndex: number; certainty: Certainty };

export type Cpe = { part: string; vendor: string | null; product: string | null; version: string | null };

/** Reads CPE 2.3 ("cpe:2.3:a:apache:http_server:2.4.57:*:…") and 2.2 URIs ("cpe:/a:apache:http_server:2.4.57"). */
export function parseCpe(raw: string | null | undefined): Cpe | null {
  if (!raw) return null;
  const text = raw.trim();
  let fields: string[];
  if (/^cpe:2\.3:/i.test(text)) fields = text.slice(8).split(/(?<!\\):/);
  else if (/^cpe:\/[aho]?/i.test(text)) fields = text.slice(5).split(':');
  else return null;
  const value = (f: string | undefined) => {
    if (f === undefined || f === '' || f === '*' || f === '-') return null;
    return decodeURIComponent(f.replace(/\\(.)/g, '$1')).replace(/_/g, ' ');
  };
  const part = (fields[0] ?? '').toLowerCase();
  if (!['a', 'o', 'h'].includes(part)) return null;
  return { part, vendor: value(fields[1]), product: value(fields[2]), version: value(fields[3]) };
}

const VENDOR_NOISE = /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|jsc|software|foundation|the|project|group|technologies|systems)\b/g;

/** Lower case, no diacritics, punctuation and underscores as spaces. */
export function normalizeName(s: string | null | undefined): string {
  return (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ').trim();
}

/** Names that mean the same vendor. */
const VENDOR_ALIASES: Record<string, string> = {
  'apache': 'apache', 'asf': 'apache', 'apache http': 'apache',
  'red hat': 'redhat', 'redhat': 'redhat',
  'microsoft': 'microsoft', 'ms': 'microsoft',
  'synacor': 'zimbra', 'zimbra': 'zimbra',
  'broadcom': 'vmware', 'vmware': 'vmware',
  'f5': 'nginx', 'f5 networks': 'nginx', 'nginx': 'nginx',
  'postgresql': 'postgresql', 'postgresql global development': 'postgresql', 'postgres': 'postgresql',
  'cisco': 'cisco', 'fortinet': 'fortinet', 'oracle': 'oracle', 'canonical': 'canonical', 'elastic': 'elastic', 'elasticsearch': 'elastic',
  'wordpress': 'wordpress', 'wordpress org': 'wordpress',
};

/** Names that mean the same product (after the vendor's own name is taken off the front). */
const PRODUCT_ALIASES: Record<string, string> = {
  'httpd': 'http server', 'apache2': 'http server', 'apache httpd': 'http server', 'apache http server': 'http server', 'http server': 'http server',
  'iis': 'iis', 'internet information services': 'iis', 'internet information server': 'iis',
  'mssql': 'sql server', 'ms sql server': 'sql server', 'sql server': 'sql server',
  'rhel': 'enterprise linux', 'red hat enterprise linux': 'enterprise linux', 'enterprise linux': 'enterprise linux',
  'fortigate': 'fortios', 'fortios': 'fortios',
  'vcenter': 'vcenter server', 'vcenter server': 'vcenter server', 'esxi': 'esxi', 'vsphere esxi': 'esxi',
  'zimbra': 'collaboration', 'zimbra collaboration': 'collaboration', 'collaboration suite': 'collaboration',
  'zimbra collaboration suite': 'collaboration', 'collaboration': 'collaboration', 'zcs': 'collaboration',
  'ubuntu': 'ubuntu linux', 'ubuntu linux': 'ubuntu linux', 'ubuntu server': 'ubuntu linux',
  'asa': 'adaptive security appliance', 'adaptive security appliance': 'adaptive security appliance',
  'adaptive security appliance software': 'adaptive security appliance',
  'mysql': 'mysql', 'mysql server': 'mysql', 'mysql community server': 'mysql',
  'postgres': 'postgresql', 'postgresql': 'postgresql',
  'tomcat': 'tomcat', 'apache tomcat': 'tomcat',
};

export function canonicalVendor(v: string | null | undefined): string | null {
  const n = normalizeName(v).replace(VENDOR_NOISE, ' ').replace(/\s+/g, ' ').trim();
  if (!n) return null;
  return VENDOR_ALIASES[n] ?? n;
}

const KNOWN_VENDORS = Object.keys(VENDOR_ALIASES).sort((a, b) => b.length - a.length);

/** Every canonical name the product may go by: as written, without its vendor's name in front, or without any known vendor in front. */
export function productNames(product: string | null | undefined, vendor?: string | null): Set<string> {
  const n = normalizeName(product);
  const names = new Set<string>();
  if (!n) return names;
  const add = (s: string) => { const t = s.trim(); if (t) names.add(PRODUCT_ALIASES[t] ?? t); };
  add(n);
  const v = normalizeName(vendor).replace(VENDOR_NOISE, ' ').replace(/\s+/g, ' ').trim();
  if (v && n.startsWith(`${v} `)) add(n.slice(v.length + 1));
  for (const known of KNOWN_VENDORS) if (n.startsWith(`${known} `)) add(n.slice(known.length + 1));
  return names;
}

type Named = { vendor: string | null; vendorRaw: string | null; product: string };

/** The ways an entry can be named: its fields, and its CPE when it has one. */
function identities(e: { vendor?: string | null; product: string; cpe?: string | null }): Named[] {
  const out: Named[] = [{ vendor: canonicalVendor(e.vendor), vendorRaw: e.vendor ?? null, product: e.product }];
  const cpe = parseCpe(e.cpe);
  if (cpe?.product) out.push({ vendor: canonicalVendor(cpe.vendor), vendorRaw: cpe.vendor, product: cpe.product });
  return out;
}

function sameProduct(a: Named, b: Named): boolean {
  // Both vendors known: they must agree. One missing: the product name alone decides, without the other's vendor
  // in front ("KhienTest Server" without vendor = "Server" by KhienTest).
  if (a.vendor && b.vendor && a.vendor !== b.vendor) return false;
  const na = productNames(a.product, a.vendorRaw ?? b.vendorRaw);
  for (const n of productNames(b.product, b.vendorRaw ?? a.vendorRaw)) if (na.has(n)) return true;
  return false;
}

/** Does the warning's product name the same product as the inventory entry (ignoring versions)? */
export function productMatches(wp: WarningProduct, sw: SoftwareItem): boolean {
  const ws = identities(wp);
  return identities(sw).some((s) => ws.some((w) => sameProduct(w, s)));
}

/** The range a warning product states: its range text, else the concrete version of its CPE, else every version. */
function rangeOf(wp: WarningProduct): VersionRange {
  if (wp.versionRange?.trim()) return parseRange(wp.versionRange);
  const cpeVersion = parseCpe(wp.cpe)?.version;
  return cpeVersion ? parseRange(`=${cpeVersion}`) : { any: true };
}

/** The inventory version: as typed, else from its CPE. */
function versionOf(sw: SoftwareItem): string | null {
  if (sw.version && parseVersion(sw.version)) return sw.version;
  return parseCpe(sw.cpe)?.version ?? sw.version ?? null;
}

/** The first of the warning's products that this software entry falls under, or null. */
export function matchSoftware(products: readonly WarningProduct[], sw: SoftwareItem): SoftwareMatch | null {
  for (let i = 0; i < products.length; i++) {
    const wp = products[i]!;
    if (!productMatches(wp, sw)) continue;
    const range = rangeOf(wp);
    const hit = versionInRange(versionOf(sw), range);
    if (hit === false) continue;
    return { productIndex: i, certainty: range.any ? 'all_versions' : hit === 'unknown' ? 'unknown_version' : 'in_range' };
  }
  return null;
}

export type AffectedSoftware = SoftwareItem & SoftwareMatch;

/**
 * Groups the matching inventory entries by system: one entry per affected system, listing the software that
 * made it affected. Systems with nothing matching are absent.
 */
export function findAffectedSystems<S extends SoftwareItem & { systemId: number }>(products: readonly WarningProduct[], inventory: readonly S[]) {
  const bySystem = new Map<number, AffectedSoftware[]>();
  for (const sw of inventory) {
    const m = matchSoftware(products, sw);
    if (!m) continue;
    const list = bySystem.get(sw.systemId) ?? [];
    list.push({ vendor: sw.vendor ?? null, product: sw.product, version: sw.version ?? null, cpe: sw.cpe ?? null, ...m });
    bySystem.set(sw.systemId, list);
  }
  return bySystem;
}
