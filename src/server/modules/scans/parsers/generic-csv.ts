/**
 * The generic scanner CSV: one finding a row with host, port, CVE, severity and/or CVSS, title, solution (plugin
 * optional), column names in English or Vietnamese. Every bad row is reported (422) and nothing is imported.
 */
import { AppError } from '../../../http/errors.ts';
import { cveIds, parseSeverity, type IncomingFinding } from '../../../../shared/scans/findings.ts';
import type { CsvTable } from './csv-table.ts';
import { badFile } from './text.ts';
import { headerKey } from '../../../../shared/core/header-key.ts';
import { finding, report, type ParsedReport } from './report.ts';

const COLUMNS = {
  host: ['ip', 'hostname', 'address', 'máy chủ', 'địa chỉ', 'địa chỉ ip'],
  port: ['cổng', 'service'],
  cve: ['cves', 'cve id', 'cve ids', 'mã cve'],
  severity: ['threat', 'risk', 'mức độ', 'mức độ nghiêm trọng'],
  cvss: ['cvss score', 'score', 'cvss base', 'điểm cvss'],
  title: ['name', 'vulnerability', 'tên lỗ hổng', 'lỗ hổng', 'tên'],
  solution: ['remediation', 'fix', 'giải pháp', 'khắc phục', 'biện pháp khắc phục'],
  plugin: ['plugin id', 'pluginid', 'nvt', 'oid', 'nvt oid', 'check id'],
} as const;
type Column = keyof typeof COLUMNS;

/** Header key → column; a header written "Tên (title)" is read by what is in parentheses. */
const LOOKUP = new Map<string, Column>(Object.entries(COLUMNS).flatMap(([k, names]) => [k, ...names].map((n) => [headerKey(n), k as Column])));
const columnOf = (h: string) => LOOKUP.get(h) ?? LOOKUP.get(h.replace(/^.*?(title|host|port|cve|severity|cvss|solution|plugin)$/, '$1'));

export function parseGenericCsv(t: CsvTable): ParsedReport {
  const columns = new Map<Column, string>();
  for (const h of t.headers) {
    const c = columnOf(h);
    if (c && !columns.has(c)) columns.set(c, h);
  }
  if (!columns.has('host')) throw badFile('Missing column "host"', 'Thiếu cột "host" (máy chủ)');
  if (!columns.has('title') && !columns.has('cve')) throw badFile('Missing column "title" or "cve"', 'Thiếu cột "title" (tên lỗ hổng) hoặc "cve"');
  if (!columns.has('severity') && !columns.has('cvss')) throw badFile('Missing column "severity" or "cvss"', 'Thiếu cột "severity" (mức độ) hoặc "cvss"');
  const errors: { row: number; field: string; message: string; messageVi: string }[] = [];
  const rows: (IncomingFinding | null)[] = [];
  for (const { line, rec: raw } of t.rows) {
    const rec = Object.fromEntries([...columns].map(([c, h]) => [c, raw[h] ?? ''])) as Record<Column, string | undefined>;
    const fail = (field: string, message: string, messageVi: string) => errors.push({ row: line, field, message, messageVi });
    if (!Object.values(rec).some(Boolean)) continue;
    const host = (rec.host ?? '').trim();
    if (!host || host.length > 255 || /\s/.test(host)) {
      fail('host', 'A host (IP or name) is required', 'Thiếu hoặc sai máy chủ (IP hoặc tên)');
      continue;
    }
    const cvssText = (rec.cvss ?? '').replace(',', '.');
    const cvss = cvssText ? Number(cvssText) : null;
    if (cvss !== null && (!Number.isFinite(cvss) || cvss < 0 || cvss > 10)) {
      fail('cvss', 'CVSS must be a number from 0 to 10', 'Điểm CVSS phải là số từ 0 đến 10');
      continue;
    }
    const word = parseSeverity(rec.severity);
    if (rec.severity && word === null) {
      fail('severity', `Unknown severity "${rec.severity}"`, `Mức độ không hợp lệ "${rec.severity}"`);
      continue;
    }
    const cves = cveIds(rec.cve);
    if (rec.cve && !cves.length) {
      fail('cve', `No CVE id in "${rec.cve}"`, `Không có mã CVE hợp lệ trong "${rec.cve}"`);
      continue;
    }
    const title = (rec.title ?? '').trim() || cves.join(', ');
    if (!title) {
      fail('title', 'A title or a CVE is required', 'Cần tên lỗ hổng hoặc mã CVE');
      continue;
    }
    if (!word && cvss === null) {
      fail('severity', 'A severity or CVSS score is required', 'Cần mức độ hoặc điểm CVSS');
      continue;
    }
    rows.push(
      finding({
        host,
        port: rec.port,
        cves,
        pluginId: rec.plugin,
        title,
        severity: word === 'info' ? null : (word ?? undefined),
        cvss,
        solution: rec.solution,
      }),
    );
  }
  if (errors.length) {
    throw new AppError(
      422,
      'import_rows',
      `${errors.length} row(s) are invalid; nothing was imported`,
      `${errors.length} dòng không hợp lệ; chưa nhập dòng nào`,
      'file',
      errors,
    );
  }
  return report('csv', rows);
}
