/**
 * NVD CVE API 2.0 (https://nvd.nist.gov/developers/vulnerabilities): a response page ({ format: "NVD_CVE",
 * vulnerabilities: [{ cve }] }) or one CVE record. Each CVE is a warning whose products are its vulnerable CPE match
 * criteria, every one kept (the Ivanti and Exchange records list dozens). Criteria marked not vulnerable are the
 * platforms a configuration runs on (an AND node's hardware or OS) and are not products to remediate.
 */
import { productFromCpeMatch, type CpeMatch, type WarningProduct } from '../../../../shared/warnings/matching.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { capEntries, clip, feedDate, isObject, list, nonEmpty, objects, severityOf, str, unreadable } from './feed.ts';

const NVD_SOURCE = 'NVD';

const isCveRecord = (v: unknown): v is Record<string, unknown> => isObject(v) && /^CVE-\d{4}-\d+$/i.test(str(v.id)) && Array.isArray(v.descriptions);

export const isNvd = (doc: unknown) =>
  isCveRecord(doc) ||
  (isObject(doc) && Array.isArray(doc.vulnerabilities) && (doc.format === 'NVD_CVE' || objects(doc.vulnerabilities).some((v) => isCveRecord(v.cve))));

/** NVD's score first (Primary), newest CVSS version first; then the CNA's. */
function severity(metrics: unknown) {
  const all = ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2'].flatMap((k) => objects(isObject(metrics) ? metrics[k] : undefined));
  for (const m of [...all.filter((x) => x.type === 'Primary'), ...all.filter((x) => x.type !== 'Primary')]) {
    const data = isObject(m.cvssData) ? m.cvssData : {};
    const s = severityOf(data.baseSeverity ?? m.baseSeverity, data.baseScore);
    if (s) return s;
  }
  return null;
}

function products(configurations: unknown): WarningProduct[] {
  const seen = new Map<string, WarningProduct>();
  for (const c of objects(configurations)) {
    for (const node of objects(c.nodes)) {
      for (const m of objects(node.cpeMatch)) {
        if (m.vulnerable !== true || typeof m.criteria !== 'string') continue;
        const p = productFromCpeMatch(m as CpeMatch);
        if (p) seen.set(`${p.cpe}\u0000${p.versionRange ?? ''}`, p);
      }
    }
  }
  return [...seen.values()];
}

/** Null when the CVE names no product (not yet analysed, or rejected): nothing to match. */
function entry(cve: unknown, row: number, fetched: unknown): FeedEntry | null {
  if (!isCveRecord(cve)) return unreadable(row, 'an NVD CVE record', 'bản ghi CVE của NVD');
  const id = str(cve.id).toUpperCase();
  const affected = products(cve.configurations);
  if (str(cve.vulnStatus) === 'Rejected' || !affected.length) return null;
  const english = objects(cve.descriptions).find((d) => d.lang === 'en') ?? objects(cve.descriptions)[0];
  const text = str(english?.value);
  const firstSentence = /^(.*?[.!?])(\s|$)/s.exec(text)?.[1] ?? text;
  return {
    row,
    id,
    input: {
      source: NVD_SOURCE,
      number: id,
      issuedOn: feedDate(cve.published ?? fetched),
      title: clip(`${id}: ${firstSentence}`.trim(), 500),
      description: clip(text || null, 10_000),
      // Not yet scored by anyone: medium until the security unit rates it.
      severity: severity(cve.metrics) ?? 'medium',
      cveIds: [id],
      recommendedAction: clip(nonEmpty(cve.cisaRequiredAction), 10_000),
      deadline: null,
      products: affected,
    },
  };
}

export function parseNvd(doc: Record<string, unknown>): ParsedFeed {
  const records: unknown[] = 'vulnerabilities' in doc ? list(doc.vulnerabilities).map((v) => (isObject(v) ? v.cve : v)) : [doc];
  capEntries(records.length);
  const entries = records.map((cve, i) => entry(cve, i + 1, doc.timestamp));
  return { format: 'nvd_json', entries: entries.filter((e): e is FeedEntry => e !== null), ignored: entries.filter((e) => e === null).length };
}
