/**
 * Which systems a warning concerns: its affected products (vendor, product, version range, CPE) against each
 * system's software inventory. Pure, so it is unit-tested and the same everywhere it runs.
 *
 * A product named by a CPE 2.3 match criterion is matched with NVD's semantics: every attribute counts (part, vendor,
 * product, version, update, edition, language, sw_edition, target_sw, target_hw, other), `*` is any value and `-` is
 * "not applicable", and the version range (versionStart/End Including/Excluding, kept as the product's range text)
 * applies to version and update together. Names go through the alias table in data/product-aliases.json.
 */
import aliases from '../../../data/product-aliases.json' with { type: 'json' };
import {
  canonicalUpdate,
  compareVersions,
  joinedVersion,
  parseRange,
  readVendorVersion,
  versionInRange,
  type VendorVersion,
  type VersionRange,
} from './versions.ts';

export type WarningProduct = { vendor?: string | null; product: string; versionRange?: string | null; cpe?: string | null };
export type SoftwareItem = { vendor?: string | null; product: string; version?: string | null; cpe?: string | null };

/** How sure the match is: the version is in the range, the warning covers every version, or the inventory has no usable version. */
type Certainty = 'in_range' | 'all_versions' | 'unknown_version';
export type SoftwareMatch = { productIndex: number; certainty: Certainty };

const ANY = '*';
const NA = '-';
const ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const;
/** A CPE name's attributes as written, with `*` (any) and `-` (not applicable) kept: escapes removed, case kept. */
export type Cpe = Record<(typeof ATTRIBUTES)[number], string>;

/** Reads CPE 2.3 formatted strings ("cpe:2.3:a:apache:http_server:2.4.57:*:…") and CPE 2.2 URIs ("cpe:/a:apache:http_server:2.4.57"). */
export function parseCpe(raw: string | null | undefined): Cpe | null {
  const text = (raw ?? '').trim();
  let fields: string[];
  if (/^cpe:2\.3:/i.test(text)) {
    fields = text
      .slice(8)
      .split(/(?<!\\):/)
      .map((f) => f.replace(/\\(.)/g, '$1') || ANY);
  } else if (/^cpe:\/[aho]/i.test(text)) {
    const uri = text
      .slice(5)
      .split(':')
      .map((f) => {
        try {
          return decodeURIComponent(f);
        } catch {
          return f;
        }
      });
    // CPE 2.2 packs the extended attributes into the edition: "~edition~sw_edition~target_sw~target_hw~other".
    const packed = uri[5]?.startsWith('~') ? uri[5].slice(1).split('~') : null;
    fields = [...uri.slice(0, 5), packed ? packed[0]! : (uri[5] ?? ''), uri[6] ?? '', ...(packed ? packed.slice(1) : [])].map((f) => f || ANY);
  } else return null;
  const part = fields[0]!.toLowerCase();
  if (!['a', 'o', 'h'].includes(part) || !fields[2] || fields[2] === ANY) return null;
  return Object.fromEntries(ATTRIBUTES.map((k, i) => [k, i === 0 ? part : (fields[i] ?? ANY)])) as Cpe;
}

const VENDOR_NOISE = /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|jsc|software|foundation|the|project|group|technologies|systems)\b/g;

/** Lower case, no diacritics, punctuation and underscores as spaces. */
export function normalizeName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}

const vendorKey = (v: string | null | undefined) => normalizeName(v).replace(VENDOR_NOISE, ' ').replace(/\s+/g, ' ').trim();

/** Every name a vendor goes by → its id in the alias table. */
const VENDORS = new Map<string, string>();
for (const v of aliases.vendors) for (const n of [v.id, ...(v.cpe ?? []), ...v.names]) if (!VENDORS.has(vendorKey(n))) VENDORS.set(vendorKey(n), v.id);

/** Every name a product goes by → its first CPE product name, normalized. */
const PRODUCTS = new Map<string, string>();
for (const p of aliases.products)
  for (const n of [...p.cpe, ...p.names]) if (!PRODUCTS.has(normalizeName(n))) PRODUCTS.set(normalizeName(n), normalizeName(p.cpe[0]));

/** How CPE names are shown: the alias table's first name ("ivanti" → Ivanti, "connect_secure" → Connect Secure). */
const VENDOR_DISPLAY = new Map(aliases.vendors.flatMap((v) => (v.cpe ?? []).map((c) => [c, v.names[0]!] as const)));
const PRODUCT_DISPLAY = new Map(aliases.products.flatMap((p) => p.cpe.map((c) => [`${p.vendor}:${c}`, p.names[0]!] as const)));

export function canonicalVendor(v: string | null | undefined): string | null {
  const n = vendorKey(v);
  return n ? (VENDORS.get(n) ?? n) : null;
}

const KNOWN_VENDORS = [...VENDORS.keys()].filter((k) => k.length > 2).sort((a, b) => b.length - a.length);

/** Every canonical name the product may go by: as written, without its vendor's name in front, or without any known vendor in front. */
export function productNames(product: string | null | undefined, vendor?: string | null): Set<string> {
  const n = normalizeName(product);
  const names = new Set<string>();
  if (!n) return names;
  const add = (s: string) => {
    const t = s.trim();
    if (t) names.add(PRODUCTS.get(t) ?? t);
  };
  add(n);
  const v = vendorKey(vendor);
  if (v && n.startsWith(`${v} `)) add(n.slice(v.length + 1));
  for (const known of KNOWN_VENDORS) if (n.startsWith(`${known} `)) add(n.slice(known.length + 1));
  return names;
}

const meets = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
const hasDigit = (w: string) => /\d/.test(w);

type Named = { vendor: string | null; vendorRaw: string | null; product: string; names: Set<string>; cpe: Cpe | null };

/** The ways a warning product is named: its fields, and its CPE when it has one (whose versions bind both). */
function namesOf(e: WarningProduct): Named[] {
  const cpe = parseCpe(e.cpe);
  const out: Named[] = [{ vendor: canonicalVendor(e.vendor), vendorRaw: e.vendor ?? null, product: e.product, names: productNames(e.product, e.vendor), cpe }];
  if (cpe) out.push({ vendor: canonicalVendor(cpe.vendor), vendorRaw: cpe.vendor, product: cpe.product, names: productNames(cpe.product, cpe.vendor), cpe });
  return out;
}

/**
 * How an inventory entry lines up with a warning product's name, and the version text left once it does. Besides the
 * names as written, words move between product and version, so "Windows Server" "2008 R2 SP1" is the product
 * windows_server_2008 at "R2 SP1", and "Windows Server 2012 R2" without a version is windows_server at "2012 R2"
 * (only words with a digit move). Undefined when the names differ; null text when the entry gives no version, "" when
 * the version was all taken into the product (so there is none).
 */
function align(w: Named, sw: SoftwareItem): { text: string | null } | undefined {
  const swVendor = canonicalVendor(sw.vendor);
  // Both vendors known: they must agree. One missing: the product name alone decides, without the other's vendor in front.
  if (w.vendor && swVendor && w.vendor !== swVendor) return undefined;
  const vendor = sw.vendor ?? w.vendorRaw;
  // A warning product without a vendor may carry the entry's vendor in front ("KhienTest Test Server").
  const names = w.vendorRaw ? w.names : productNames(w.product, sw.vendor);
  if (meets(productNames(sw.product, vendor), names)) return { text: sw.version ?? null };
  const versionWords = (sw.version ?? '').trim().split(/\s+/).filter(Boolean);
  for (let k = 1; k <= Math.min(2, versionWords.length); k++) {
    const moved = versionWords.slice(0, k);
    if (moved.every(hasDigit) && meets(productNames(`${sw.product} ${moved.join(' ')}`, vendor), names)) return { text: versionWords.slice(k).join(' ') };
  }
  const productWords = normalizeName(sw.product).split(' ');
  for (let k = 1; k <= Math.min(2, productWords.length - 1); k++) {
    const moved = productWords.slice(-k).join(' ');
    if (!productWords.slice(-k).every(hasDigit) || !meets(productNames(productWords.slice(0, -k).join(' '), vendor), names)) continue;
    // "Tomcat 9" at "9.0.30" already says 9: the version is not "9 9.0.30".
    const version = versionWords.join(' ').toLowerCase();
    return { text: version === moved || version.startsWith(`${moved}.`) || version.startsWith(`${moved} `) ? version : `${moved} ${version}`.trim() };
  }
  return undefined;
}

/**
 * Does the warning's product name the same product as the inventory entry, whatever its version? Also true when
 * version words could complete the entry's name ("Windows Server" against windows_server_2008): the inventory is
 * first narrowed by names alone, then each entry's version is tried.
 */
export function productMatches(wp: WarningProduct, sw: SoftwareItem): boolean {
  const swCpe = parseCpe(sw.cpe);
  const swNames = [sw, ...(swCpe ? [{ vendor: swCpe.vendor, product: swCpe.product }] : [])];
  return namesOf(wp).some((w) =>
    swNames.some((s) => {
      if (align(w, s) !== undefined) return true;
      const swVendor = canonicalVendor(s.vendor);
      if (w.vendor && swVendor && w.vendor !== swVendor) return false;
      const names = productNames(s.product, s.vendor ?? w.vendorRaw);
      return [...w.names].some((wn) => [...names].some((n) => wn.startsWith(`${n} `) && hasDigit(wn.slice(n.length))));
    }),
  );
}

/** The version and update a CPE name gives; null when its version is "any". */
function cpeVersion(c: Cpe): VendorVersion | null {
  if (c.version === ANY) return null;
  if (c.version === NA) return { version: null, update: canonicalUpdate(c.update) };
  if (c.update !== ANY && c.update !== NA) return { version: c.version.toLowerCase(), update: canonicalUpdate(c.update) };
  return readVendorVersion(c.version);
}

const equal = (a: string | null, b: string) => !!a && compareVersions(a, b) === 0;

/** The attributes besides product and version: `*` on either side passes, `-` only meets `-`, values must agree. */
function attributesAgree(w: Cpe, sw: Cpe | null): boolean {
  if (!sw) return true;
  return (['part', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const).every((k) => {
    const a = w[k];
    const b = sw[k];
    if (a === ANY || b === ANY) return true;
    if (a === NA || b === NA) return a === b;
    return normalizeName(a) === normalizeName(b);
  });
}

/**
 * The version test of one warning product against the inventory's version (null: unknown). With a range, version
 * and update together must be in it (NVD's start/end bounds; a range's `-` update is not read as "no update", since
 * builds and hotfixes are kept as updates here). With a concrete CPE version: the same version, and the same update
 * when the CPE names one (Exchange 2016 CU19 is not CU21; an entry saying only "2016" cannot be ruled out).
 */
function versionMatch(cpe: Cpe | null, range: VersionRange, inv: VendorVersion | null): Certainty | false {
  const cv = cpe?.version ?? ANY;
  const cu = cpe?.update ?? ANY;
  const ranged = !range.any;
  if (cv === ANY && cu === ANY && !ranged) return 'all_versions';
  if (!inv) return 'unknown_version';
  if (cv === NA && inv.version) return false;
  const joined = joinedVersion(inv);
  if (ranged) {
    const hit = versionInRange(joined, range);
    if (hit !== true) return hit === false ? false : 'unknown_version';
  }
  if (cv !== ANY && cv !== NA) {
    if (cu === ANY) return equal(inv.version, cv) || equal(joined, cv) ? 'in_range' : false;
    if (cu === NA) return (equal(inv.version, cv) && !inv.update) || equal(joined, cv) ? 'in_range' : false;
    if (equal(joined, `${cv} ${canonicalUpdate(cu)}`)) return 'in_range';
    return equal(inv.version, cv) && !inv.update ? 'unknown_version' : false;
  }
  if (cu !== ANY && !ranged) {
    if (cu === NA) return inv.update ? false : 'in_range';
    if (!inv.update) return 'unknown_version';
    return equal(inv.update, canonicalUpdate(cu)!) ? 'in_range' : false;
  }
  return 'in_range';
}

const RANK: Record<Certainty, number> = { in_range: 3, all_versions: 2, unknown_version: 1 };

/** One warning product against one inventory entry, named by its fields or by its CPE. */
function matchProduct(wp: WarningProduct, sw: SoftwareItem): Certainty | false {
  const range = wp.versionRange?.trim() ? parseRange(wp.versionRange) : { any: true as const };
  const swCpe = parseCpe(sw.cpe);
  let best: Certainty | false = false;
  for (const w of namesOf(wp)) {
    if (w.cpe && !attributesAgree(w.cpe, swCpe)) continue;
    const ways: { text: string | null; cpe: Cpe | null }[] = [];
    const byFields = align(w, sw);
    if (byFields) ways.push({ ...byFields, cpe: swCpe });
    if (swCpe && align(w, { vendor: swCpe.vendor, product: swCpe.product }) !== undefined) ways.push({ text: null, cpe: swCpe });
    for (const way of ways) {
      // The entry's version as typed, else its CPE's; "" when the product took the version words (none left).
      const inv = way.text === '' ? { version: null, update: null } : (readVendorVersion(way.text) ?? (way.cpe ? cpeVersion(way.cpe) : null));
      const hit = versionMatch(w.cpe, range, inv);
      if (hit && (!best || RANK[hit] > RANK[best])) best = hit;
    }
  }
  return best;
}

/** The warning product this software entry falls under most surely (the first of equals), or null. */
export function matchSoftware(products: readonly WarningProduct[], sw: SoftwareItem): SoftwareMatch | null {
  let found: SoftwareMatch | null = null;
  for (let i = 0; i < products.length; i++) {
    const hit = matchProduct(products[i]!, sw);
    if (hit && (!found || RANK[hit] > RANK[found.certainty])) found = { productIndex: i, certainty: hit };
    if (found?.certainty === 'in_range') break;
  }
  return found;
}

/** An NVD CPE match criterion (configurations[].nodes[].cpeMatch[]). */
export type CpeMatch = {
  criteria: string;
  vulnerable?: boolean;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};

/** An NVD match criterion as a warning product: the CPE as it is, its bounds as the range text (">=13.1 <13.1-49.15"). */
export function productFromCpeMatch(m: CpeMatch): WarningProduct | null {
  const cpe = parseCpe(m.criteria);
  if (!cpe) return null;
  const bounds = [
    m.versionStartIncluding && `>=${m.versionStartIncluding}`,
    m.versionStartExcluding && `>${m.versionStartExcluding}`,
    m.versionEndIncluding && `<=${m.versionEndIncluding}`,
    m.versionEndExcluding && `<${m.versionEndExcluding}`,
  ].filter(Boolean);
  const vendorId = canonicalVendor(cpe.vendor);
  return {
    vendor: VENDOR_DISPLAY.get(cpe.vendor.toLowerCase()) ?? cpe.vendor.replace(/_/g, ' '),
    product: PRODUCT_DISPLAY.get(`${vendorId}:${cpe.product.toLowerCase()}`) ?? cpe.product.replace(/_/g, ' '),
    versionRange: bounds.join(' ') || null,
    cpe: m.criteria,
  };
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
