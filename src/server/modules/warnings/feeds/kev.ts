/**
 * The CISA Known Exploited Vulnerabilities catalog (https://www.cisa.gov/known-exploited-vulnerabilities-catalog),
 * as JSON ({ catalogVersion, vulnerabilities: [...] }) or CSV (one CVE a row). Each entry is a warning for the product
 * it names (the catalog gives no versions) and a record that the CVE is exploited in the wild.
 */
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { capEntries, clip, isObject, list, nonEmpty, objects, str, unreadable } from './feed.ts';

const KEV_SOURCE = 'CISA KEV';

export const isKevJson = (doc: unknown) =>
  isObject(doc) && Array.isArray(doc.vulnerabilities) && (typeof doc.catalogVersion === 'string' || objects(doc.vulnerabilities).some((v) => 'cveID' in v));

/** The CSV's headers as `headerKey` gives them: cveID → cveid, vendorProject → vendorproject. */
export const isKevCsv = (headers: readonly string[]) => ['cveid', 'vendorproject', 'product', 'dateadded'].every((h) => headers.includes(h));

type KevRow = {
  cveID: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  shortDescription: string;
  requiredAction: string;
  dueDate: string;
  knownRansomwareCampaignUse: string;
  notes: string;
};

/**
 * The catalog does not rate severity: an exploited vulnerability is high, critical when used in ransomware campaigns.
 * Its due date binds US federal agencies (BOD 22-01), not the province: it is kept with the exploited record, and
 * the warning's deadline is left to the security unit.
 */
function entry(v: KevRow, row: number): FeedEntry {
  const cveId = str(v.cveID).toUpperCase();
  const ransomware = str(v.knownRansomwareCampaignUse).toLowerCase() === 'known';
  const description = [str(v.shortDescription), str(v.notes)].filter(Boolean).join('\n\n') || null;
  return {
    row,
    id: cveId,
    input: {
      source: KEV_SOURCE,
      number: cveId,
      issuedOn: str(v.dateAdded),
      title: clip(str(v.vulnerabilityName) || `${cveId} ${str(v.vendorProject)} ${str(v.product)}`, 500),
      description: clip(description, 10_000),
      severity: ransomware ? 'critical' : 'high',
      cveIds: [cveId],
      recommendedAction: clip(nonEmpty(v.requiredAction), 10_000),
      deadline: null,
      products: [{ vendor: nonEmpty(v.vendorProject), product: str(v.product) }],
    },
    exploited: {
      cveId,
      vendorProject: nonEmpty(v.vendorProject),
      product: nonEmpty(v.product),
      name: nonEmpty(v.vulnerabilityName),
      dateAdded: str(v.dateAdded),
      dueDate: nonEmpty(v.dueDate),
      knownRansomware: ransomware,
    },
  };
}

export function parseKevJson(doc: Record<string, unknown>): ParsedFeed {
  const rows = list(doc.vulnerabilities);
  capEntries(rows.length);
  return {
    format: 'kev_json',
    ignored: 0,
    entries: rows.map((v, i) => (isObject(v) ? entry(v as KevRow, i + 1) : unreadable(i + 1, 'a KEV catalog entry', 'mục của danh mục KEV'))),
  };
}

export function parseKevCsv(rows: { line: number; rec: Record<string, string> }[]): ParsedFeed {
  capEntries(rows.length);
  return {
    format: 'kev_csv',
    ignored: 0,
    entries: rows.map(({ line, rec }) =>
      entry(
        {
          cveID: rec.cveid!,
          vendorProject: rec.vendorproject!,
          product: rec.product!,
          vulnerabilityName: rec.vulnerabilityname ?? '',
          dateAdded: rec.dateadded!,
          shortDescription: rec.shortdescription ?? '',
          requiredAction: rec.requiredaction ?? '',
          dueDate: rec.duedate ?? '',
          knownRansomwareCampaignUse: rec.knownransomwarecampaignuse ?? '',
          notes: rec.notes ?? '',
        },
        line,
      ),
    ),
  };
}
