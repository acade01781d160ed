/**
 * MISP events (MISP core format): one event ({ Event }), a list of them, a search answer ({ response: [...] }), or a
 * MISP feed (manifest.json and its `<uuid>.json` events, put together by the feed sources). An event becomes a warning
 * when it names what it affects, as a warning needs products to match inventories: its `cpe` attributes (also those
 * of its vulnerability objects' `vulnerable-configuration`), its `vulnerability` attributes as the CVEs, its threat
 * level as the severity; its indicators (IP, domain, URL, hashes, e-mail) are listed in the recommended action. An
 * event naming no product, or marked TLP:RED or AMBER+STRICT (warnings reach every agency), is left out.
 */
import { productFromCpeMatch, type WarningProduct } from '../../../../shared/warnings/matching.ts';
import { mispAttributes, mispEvents, observableOfMisp, tlpOf } from '../../../../shared/intel/misp.ts';
import { badFile } from '../../scans/index.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { capEntries, clip, feedDate, isObject, str } from './feed.ts';

export const isMisp = (doc: unknown) => mispEvents(doc).length > 0;

const SEVERITY: Record<string, 'high' | 'medium' | 'low'> = { '1': 'high', '2': 'medium', '3': 'low' };

function entry(e: Record<string, unknown>, row: number): FeedEntry | null {
  const tlp = tlpOf(e);
  if (tlp === 'red' || tlp === 'amber+strict') return null;
  const attributes = mispAttributes(e);
  const products = new Map<string, WarningProduct>();
  for (const a of attributes.filter((x) => x.type === 'cpe')) {
    const p = productFromCpeMatch({ criteria: a.value });
    if (p) products.set(a.value, p);
  }
  if (!products.size) return null;
  const cves = [
    ...new Set(attributes.filter((a) => a.type === 'vulnerability' && /^CVE-\d{4}-\d{4,}$/i.test(a.value.trim())).map((a) => a.value.trim().toUpperCase())),
  ];
  const indicators = [
    ...new Set(attributes.filter((a) => observableOfMisp(a.type) && a.type !== 'vulnerability' && a.tlp !== 'red').map((a) => `${a.type}: ${a.value}`)),
  ];
  const uuid = str(e.uuid);
  const info = str(e.info);
  const org = isObject(e.Orgc) ? str(e.Orgc.name) : '';
  return {
    row,
    id: uuid || `#${row}`,
    input: {
      source: org ? `MISP: ${org}` : 'MISP',
      number: uuid,
      issuedOn: feedDate(e.date ?? e.publish_timestamp),
      title: clip(info.length >= 5 ? info : `MISP ${uuid}`, 500),
      description: clip(
        [info, ...attributes.filter((a) => a.comment).map((a) => `${a.type} ${a.value}: ${a.comment}`)].filter(Boolean).join('\n') || null,
        10_000,
      ),
      severity: SEVERITY[str(e.threat_level_id)] ?? 'medium',
      cveIds: cves,
      recommendedAction: indicators.length ? clip(`Chặn và rà soát các dấu hiệu sau / Block and look for: ${indicators.join('; ')}`, 10_000) : null,
      deadline: null,
      products: [...products.values()],
    },
  };
}

export function parseMisp(doc: unknown): ParsedFeed {
  const events = mispEvents(doc);
  capEntries(events.length);
  const entries = events.map((e, i) => entry(e, i + 1));
  return { format: 'misp_json', entries: entries.filter((e): e is FeedEntry => e !== null), ignored: entries.filter((e) => e === null).length };
}

/** A manifest alone names events without their content. */
export const manifestAlone = () =>
  badFile(
    'This is a MISP feed manifest: import the feed by its manifest URL or folder (FEED_IMPORT_URLS, FEED_IMPORT_DIR), or upload its events',
    'Đây là tệp manifest của nguồn MISP: hãy nhập nguồn qua địa chỉ manifest hoặc thư mục (FEED_IMPORT_URLS, FEED_IMPORT_DIR), hoặc tải lên các sự kiện',
  );
