/**
 * OSV advisories (https://ossf.github.io/osv-schema/): one record, a list of them, or an OSV API answer
 * ({ vulns: [...] }). Each record is a warning numbered by its id; each affected package is a product, its
 * SEMVER/ECOSYSTEM ranges read as intervals (introduced → fixed is ">=a <b", → last_affected is ">=a <=b") and its
 * listed versions as exact ones. GIT ranges name commits, which inventories do not hold: a package with nothing else
 * is left out.
 */
import { cvss3BaseScore } from '../../../../shared/warnings/cvss.ts';
import type { WarningProduct } from '../../../../shared/warnings/matching.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { capEntries, clip, feedDate, isObject, list, objects, severityOf, str, unreadable } from './feed.ts';

const OSV_SOURCE = 'OSV';

const isOsvRecord = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && typeof v.id === 'string' && typeof v.modified === 'string' && (Array.isArray(v.affected) || Array.isArray(v.aliases));

export const isOsv = (doc: unknown) =>
  isOsvRecord(doc) || (Array.isArray(doc) && doc.some(isOsvRecord)) || (isObject(doc) && Array.isArray(doc.vulns) && doc.vulns.some(isOsvRecord));

/** The intervals of one range's events, in order. */
function intervals(events: unknown): string[] {
  const out: string[] = [];
  let from: string | null = null;
  let open = false;
  for (const e of objects(events)) {
    if (e.introduced !== undefined) {
      from = str(e.introduced) === '0' ? null : str(e.introduced);
      open = true;
    } else if (open && (e.fixed !== undefined || e.last_affected !== undefined || e.limit !== undefined)) {
      const upper = e.last_affected !== undefined ? `<=${str(e.last_affected)}` : `<${str(e.fixed ?? e.limit)}`;
      out.push(from ? `>=${from} ${upper}` : upper);
      open = false;
    }
  }
  if (open) out.push(from ? `>=${from}` : '*');
  return out;
}

function products(affected: unknown): WarningProduct[] {
  const byPackage = new Map<string, { vendor: null; product: string; parts: string[] }>();
  for (const a of objects(affected)) {
    const pkg = isObject(a.package) ? a.package : {};
    const name = str(pkg.name);
    if (!name) continue;
    const parts = [
      ...objects(a.ranges)
        .filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM')
        .flatMap((r) => intervals(r.events)),
      ...list(a.versions)
        .map(str)
        .filter(Boolean)
        .map((v) => `=${v}`),
    ];
    if (!parts.length) continue;
    const key = `${str(pkg.ecosystem)}\u0000${name}`;
    const p = byPackage.get(key) ?? { vendor: null, product: name, parts: [] };
    p.parts.push(...parts);
    byPackage.set(key, p);
  }
  return [...byPackage.values()].map((p) => ({
    vendor: null,
    product: p.product,
    versionRange: p.parts.includes('*') ? null : [...new Set(p.parts)].join(' || '),
    cpe: null,
  }));
}

/** The database's own rating (GitHub's), else the CVSS v3 vector's base score. */
function severity(v: Record<string, unknown>) {
  const own = isObject(v.database_specific) ? severityOf(v.database_specific.severity) : null;
  if (own) return own;
  for (const s of objects(v.severity)) {
    const score = cvss3BaseScore(str(s.score));
    const rated = score === null ? null : severityOf(null, score);
    if (rated) return rated;
  }
  return null;
}

function entry(v: unknown, row: number): FeedEntry | null {
  if (!isOsvRecord(v)) return unreadable(row, 'an OSV record', 'bản ghi OSV');
  const id = str(v.id);
  const affected = products(v.affected);
  if (v.withdrawn || !affected.length) return null;
  const cves = [id, ...list(v.aliases).map(str)].filter((x) => /^CVE-\d{4}-\d{4,}$/i.test(x));
  const details = str(v.details);
  return {
    row,
    id,
    input: {
      source: OSV_SOURCE,
      number: id,
      issuedOn: feedDate(v.published ?? v.modified),
      title: clip(str(v.summary) || details.split('\n')[0] || id, 500),
      description: clip(details || null, 10_000),
      // Not rated by the database: medium until the security unit rates it.
      severity: severity(v) ?? 'medium',
      cveIds: [...new Set(cves.map((c) => c.toUpperCase()))],
      recommendedAction: null,
      deadline: null,
      products: affected,
    },
  };
}

export function parseOsv(doc: unknown): ParsedFeed {
  const records = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.vulns) ? doc.vulns : [doc];
  capEntries(records.length);
  const entries = records.map((v, i) => entry(v, i + 1));
  return { format: 'osv_json', entries: entries.filter((e): e is FeedEntry => e !== null), ignored: entries.filter((e) => e === null).length };
}
