/**
 * CSAF 2.0 security advisories (OASIS, https://docs.oasis-open.org/csaf/csaf/v2.0/): one document is one warning,
 * numbered by its tracking id under its publisher. Its products are those a vulnerability lists as known, first or
 * last affected, resolved through the product tree: the vendor and product name branches above them, the version
 * (exact) or version range (a `vers:` string or comparators), and the CPE of their identification helper.
 */
import type { WarningProduct } from '../../../../shared/warnings/matching.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { clip, feedDate, isObject, list, nonEmpty, objects, severityOf, str } from './feed.ts';

export const isCsaf = (doc: unknown) => isObject(doc) && isObject(doc.document) && typeof doc.document.csaf_version === 'string';

type ProductInfo = { vendor: string | null; product: string | null; name: string | null; version: string | null; range: string | null; cpe: string | null };

const AFFECTED = ['known_affected', 'first_affected', 'last_affected'] as const;

/** Every product id of the tree with what its branches say about it. */
function productTree(tree: unknown): Map<string, ProductInfo> {
  const byId = new Map<string, ProductInfo>();
  const helperCpe = (p: Record<string, unknown>) => (isObject(p.product_identification_helper) ? nonEmpty(p.product_identification_helper.cpe) : null);
  const walk = (branches: unknown, at: Omit<ProductInfo, 'name' | 'cpe'>) => {
    for (const b of objects(branches)) {
      const name = nonEmpty(b.name);
      const here = { ...at };
      if (b.category === 'vendor') here.vendor = name;
      else if (b.category === 'product_name') here.product = name;
      else if (b.category === 'product_version') here.version = name;
      else if (b.category === 'product_version_range') here.range = name;
      if (isObject(b.product) && str(b.product.product_id)) {
        byId.set(str(b.product.product_id), { ...here, name: nonEmpty(b.product.name), cpe: helperCpe(b.product) });
      }
      walk(b.branches, here);
    }
  };
  const t = isObject(tree) ? tree : {};
  walk(t.branches, { vendor: null, product: null, version: null, range: null });
  for (const p of objects(t.full_product_names)) {
    if (str(p.product_id) && !byId.has(str(p.product_id))) {
      byId.set(str(p.product_id), { vendor: null, product: null, version: null, range: null, name: nonEmpty(p.name), cpe: helperCpe(p) });
    }
  }
  // "X installed on Y": the vulnerable product is X, named for the pair.
  for (const r of objects(t.relationships)) {
    const full = isObject(r.full_product_name) ? r.full_product_name : {};
    const component = byId.get(str(r.product_reference));
    if (str(full.product_id) && component) byId.set(str(full.product_id), { ...component, name: nonEmpty(full.name) ?? component.name });
  }
  return byId;
}

/**
 * A `vers:` range ("vers:generic/>=1.0|<2.0|3.1") as the range text Khiên reads (">=1.0 <2.0 || =3.1"); other text
 * as it is, so an unreadable range is reported rather than read as every version.
 */
function versRange(text: string): string {
  const m = /^vers:[^/]+\/(.+)$/i.exec(text.trim());
  if (!m) return text;
  if (m[1]!.trim() === '*') return '*';
  const alternatives: string[] = [];
  let open: string | null = null;
  for (const c of m[1]!.split('|').map((x) => x.trim())) {
    const [, op = '', version] = /^(>=|<=|!=|>|<|=)?(.+)$/.exec(c) ?? [];
    if (op === '!=' || !version) return text;
    if (op === '>=' || op === '>') {
      if (open) alternatives.push(open);
      open = `${op}${version}`;
    } else if (op === '<' || op === '<=') {
      alternatives.push(open ? `${open} ${op}${version}` : `${op}${version}`);
      open = null;
    } else alternatives.push(`=${version}`);
  }
  if (open) alternatives.push(open);
  return alternatives.join(' || ');
}

function warningProduct(p: ProductInfo): WarningProduct {
  return {
    vendor: p.vendor,
    product: p.product ?? p.name ?? '',
    versionRange: p.version && /\d/.test(p.version) ? `=${p.version}` : p.range ? versRange(p.range) : null,
    cpe: p.cpe,
  };
}

export function parseCsaf(doc: Record<string, unknown>): ParsedFeed {
  const d = doc.document as Record<string, unknown>;
  const tracking = isObject(d.tracking) ? d.tracking : {};
  const vulnerabilities = objects(doc.vulnerabilities);
  const tree = productTree(doc.product_tree);
  const affectedIds = (v: Record<string, unknown>) =>
    AFFECTED.flatMap((s) => list(isObject(v.product_status) ? v.product_status[s] : undefined))
      .map(str)
      .filter(Boolean);
  const ids = new Set(vulnerabilities.flatMap(affectedIds));
  const unknownIds = [...ids].filter((id) => !tree.has(id));
  const products = new Map<string, WarningProduct>();
  for (const id of ids) {
    const info = tree.get(id);
    if (!info) continue;
    const p = warningProduct(info);
    products.set(JSON.stringify(p), p);
  }
  const id = str(tracking.id);
  if (!products.size && !unknownIds.length) return { format: 'csaf_json', entries: [], ignored: 1 };
  const scores = vulnerabilities
    .flatMap((v) => objects(v.scores))
    .map((s) => (isObject(s.cvss_v3) ? s.cvss_v3.baseScore : isObject(s.cvss_v2) ? s.cvss_v2.baseScore : null))
    .filter((n): n is number => typeof n === 'number');
  const notes = (from: unknown, categories: string[]) =>
    objects(from)
      .filter((n) => categories.includes(str(n.category)))
      .map((n) => str(n.text))
      .filter(Boolean);
  const description = [...notes(d.notes, ['summary', 'description']), ...vulnerabilities.flatMap((v) => notes(v.notes, ['description', 'summary']))].join(
    '\n\n',
  );
  const remediations = [
    ...new Set(
      vulnerabilities
        .flatMap((v) => objects(v.remediations))
        .map((r) => [str(r.details), str(r.url)].filter(Boolean).join(' — '))
        .filter(Boolean),
    ),
  ];
  const publisher = isObject(d.publisher) ? str(d.publisher.name) : '';
  const entry: FeedEntry = {
    row: 1,
    id,
    input: {
      source: publisher,
      number: id,
      issuedOn: feedDate(tracking.initial_release_date ?? tracking.current_release_date),
      title: clip(str(d.title), 500),
      description: clip(description || null, 10_000),
      severity: severityOf(isObject(d.aggregate_severity) ? d.aggregate_severity.text : null, scores.length ? Math.max(...scores) : undefined) ?? 'medium',
      cveIds: vulnerabilities.map((v) => str(v.cve)).filter(Boolean),
      recommendedAction: clip(remediations.join('\n') || null, 10_000),
      deadline: null,
      products: [...products.values()],
    },
    ...(unknownIds.length
      ? {
          problem: {
            field: 'product_tree',
            message: `Products not in the product tree: ${unknownIds.join(', ')}`,
            messageVi: `Sản phẩm không có trong cây sản phẩm: ${unknownIds.join(', ')}`,
          },
        }
      : {}),
  };
  return { format: 'csaf_json', entries: [entry], ignored: 0 };
}
