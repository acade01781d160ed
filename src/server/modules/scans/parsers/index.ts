/**
 * One entry for every scanner report: the format is recognised from the content (XML root element, JSON shape, CSV
 * headers), never from the file name, and a file of no known format is refused naming the formats accepted.
 */
import { SCAN_FORMAT_LABELS } from '../../../../shared/scans/formats.ts';
import { parseBurpXml } from './burp.ts';
import { csvTable } from './csv-table.ts';
import { parseGenericCsv } from './generic-csv.ts';
import { isNessusCsv, isTenableScCsv, parseNessusCsv, parseTenableScCsv } from './nessus-csv.ts';
import { parseNessusXml } from './nessus-xml.ts';
import { parseNmapXml } from './nmap.ts';
import { isNucleiResult, parseNuclei } from './nuclei.ts';
import { isOpenVasCsv, parseOpenVasCsv } from './openvas-csv.ts';
import { parseOpenVasXml } from './openvas-xml.ts';
import { isQualysCsv, parseQualysCsv, qualysTableAt } from './qualys-csv.ts';
import { parseQualysXml } from './qualys-xml.ts';
import type { ParsedReport } from './report.ts';
import { badFile, decodeText } from './text.ts';
import { isTrivy, parseTrivy } from './trivy.ts';
import { parseXml } from './xml.ts';
import { isZapJson, parseZapJson, parseZapXml } from './zap.ts';

export type { ParsedReport } from './report.ts';

const ACCEPTED = Object.values(SCAN_FORMAT_LABELS).join('; ');
const unknownFormat = (what: string, whatVi: string) =>
  badFile(`${what}. Accepted formats: ${ACCEPTED}`, `${whatVi}. Các định dạng được chấp nhận: ${ACCEPTED}`);

function parseXmlReport(xml: string): ParsedReport {
  const { root, doc } = parseXml(xml);
  switch (root) {
    case 'report':
    case 'get_reports_response':
      return parseOpenVasXml(doc);
    case 'NessusClientData_v2':
      return parseNessusXml(doc);
    case 'OWASPZAPReport':
      return parseZapXml(doc);
    case 'issues':
      return parseBurpXml(doc);
    case 'nmaprun':
      return parseNmapXml(doc);
    case 'ASSET_DATA_REPORT':
    case 'SCAN':
      return parseQualysXml(doc, root);
    default:
      throw unknownFormat(
        `This XML (root element <${root}>) is not a scanner report Khiên reads`,
        `Tệp XML này (phần tử gốc <${root}>) không phải báo cáo quét mà Khiên đọc được`,
      );
  }
}

function parseJsonReport(text: string): ParsedReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON Lines: one JSON document a line (Nuclei -jsonl).
    try {
      doc = text
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown);
    } catch {
      throw badFile('The JSON file cannot be read', 'Không đọc được tệp JSON: tệp sai cú pháp');
    }
  }
  const results = Array.isArray(doc) ? doc : [doc];
  if (results.length && results.every(isNucleiResult)) return parseNuclei(results as Parameters<typeof parseNuclei>[0]);
  if (isTrivy(doc)) return parseTrivy(doc as Parameters<typeof parseTrivy>[0]);
  if (isZapJson(doc)) return parseZapJson(doc as Parameters<typeof parseZapJson>[0]);
  if (Array.isArray(doc) && doc.length === 0) return parseNuclei([]);
  throw unknownFormat('This JSON is not a scanner report Khiên reads', 'Tệp JSON này không phải báo cáo quét mà Khiên đọc được');
}

function parseCsvReport(text: string): ParsedReport {
  const t = csvTable(text);
  if (isOpenVasCsv(t)) return parseOpenVasCsv(t);
  if (isTenableScCsv(t)) return parseTenableScCsv(t);
  if (isNessusCsv(t)) return parseNessusCsv(t);
  if (isQualysCsv(t)) return parseQualysCsv(t);
  const qualys = qualysTableAt(text);
  if (qualys && isQualysCsv(qualys)) return parseQualysCsv(qualys);
  return parseGenericCsv(t);
}

export function parseScanReport(data: Buffer): ParsedReport {
  const text = decodeText(data);
  const head = text.trimStart();
  if (head.startsWith('<')) return parseXmlReport(head);
  if (head.startsWith('{') || head.startsWith('[')) return parseJsonReport(head);
  if (/^[^\n]*[,;\t]/.test(head)) return parseCsvReport(text);
  throw unknownFormat('This file is not a scanner report Khiên reads', 'Tệp này không phải báo cáo quét mà Khiên đọc được');
}
