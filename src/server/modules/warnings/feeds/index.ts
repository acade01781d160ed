/**
 * One entry for every warning feed: the format is recognised from the content (JSON shape, CSV headers), never from
 * the file name, and a file of no known format is refused naming the formats accepted.
 */
import { FEED_FORMAT_LABELS } from '../../../../shared/warnings/feeds.ts';
import { badFile, decodeText, readCsvRecords } from '../../scans/index.ts';
import { isCsaf, parseCsaf } from './csaf.ts';
import { MAX_FEED_ENTRIES, type ParsedFeed } from './feed.ts';
import { columnKey, isKhienCsv, isKhienJson, parseKhienCsv, parseKhienJson } from './khien.ts';
import { isKevCsv, isKevJson, parseKevCsv, parseKevJson } from './kev.ts';
import { isNvd, parseNvd } from './nvd.ts';
import { isOsv, parseOsv } from './osv.ts';
import { isMisp, manifestAlone, parseMisp } from './misp.ts';
import { isMispManifest } from '../../../../shared/intel/misp.ts';

const labels = Object.values(FEED_FORMAT_LABELS);
const unknownFormat = (what: string, whatVi: string) =>
  badFile(`${what}. Accepted formats: ${labels.map((l) => l.en).join('; ')}`, `${whatVi}. Các định dạng được chấp nhận: ${labels.map((l) => l.vi).join('; ')}`);

function readJson(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw badFile(`The JSON file cannot be read: ${(err as Error).message}`, 'Không đọc được tệp JSON: tệp sai cú pháp');
  }
  // CSAF and NVD before KEV: all three have a "vulnerabilities" list.
  if (isCsaf(doc)) return parseCsaf(doc as Record<string, unknown>);
  if (isNvd(doc)) return parseNvd(doc as Record<string, unknown>);
  if (isKevJson(doc)) return parseKevJson(doc as Record<string, unknown>);
  if (isOsv(doc)) return parseOsv(doc);
  if (isMisp(doc)) return parseMisp(doc);
  if (isMispManifest(doc)) throw manifestAlone();
  if (isKhienJson(doc)) return parseKhienJson(doc);
  throw unknownFormat('This JSON is not a warning feed Khiên reads', 'Tệp JSON này không phải nguồn cảnh báo mà Khiên đọc được');
}

function readCsv(text: string): ParsedFeed {
  const { headers, rows } = readCsvRecords(text, MAX_FEED_ENTRIES, columnKey);
  if (isKevCsv(headers)) return parseKevCsv(rows);
  if (isKhienCsv(headers)) return parseKhienCsv(headers, rows);
  throw unknownFormat('This CSV is not a warning feed Khiên reads', 'Tệp CSV này không phải nguồn cảnh báo mà Khiên đọc được');
}

export function readFeed(data: Buffer): ParsedFeed {
  const text = decodeText(data);
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return readJson(head);
  if (/^[^\n]*[,;\t]/.test(head)) return readCsv(text);
  throw unknownFormat('This file is not a warning feed Khiên reads', 'Tệp này không phải nguồn cảnh báo mà Khiên đọc được');
}
