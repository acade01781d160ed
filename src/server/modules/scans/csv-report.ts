/**
 * Reads a generic scanner CSV: one finding a row with host, port, CVE, severity and/or CVSS, title, solution
 * (plugin optional). Column names in English or Vietnamese. Every bad row is reported (422) and nothing is imported.
 */
import { AppError } from '../../http/errors.ts';
import { badFile, readCsv } from './report-text.ts';
import type { ParsedReport } from './openvas.ts';
import { cveIds, normalizePort, parseSeverity, severityFromCvss, type IncomingFinding } from '../../../shared/scans/findings.ts';

const MAX_ROWS = 50_000;

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

export function parseCsvReport(text: string): ParsedReport {
  const { columns, rows } = readCsv(text, COLUMNS, MAX_ROWS);
  if (!columns.has('host')) throw badFile('Missing column "host"', 'Thiếu cột "host" (máy chủ)');
  if (!columns.has('title') && !columns.has('cve')) throw badFile('Missing column "title" or "cve"', 'Thiếu cột "title" (tên lỗ hổng) hoặc "cve"');
  if (!columns.has('severity') && !columns.has('cvss')) throw badFile('Missing column "severity" or "cvss"', 'Thiếu cột "severity" (mức độ) hoặc "cvss"');
  const errors: { row: number; field: string; message: string; messageVi: string }[] = [];
  const findings: IncomingFinding[] = [];
  let skipped = 0;
  for (const { row, rec } of rows) {
    const fail = (field: string, message: string, messageVi: string) => errors.push({ row, field, message, messageVi });
    if (!Object.values(rec).some(Boolean)) continue;
    const host = (rec.host ?? '').trim();
    if (!host || host.length > 255 || /\s/.test(host)) { fail('host', 'A host (IP or name) is required', 'Thiếu hoặc sai máy chủ (IP hoặc tên)'); continue; }
    const cvssText = (rec.cvss ?? '').replace(',', '.');
    const cvss = cvssText ? Number(cvssText) : null;
    if (cvss !== null && (!Number.isFinite(cvss) || cvss < 0 || cvss > 10)) { fail('cvss', 'CVSS must be a number from 0 to 10', 'Điểm CVSS phải là số từ 0 đến 10'); continue; }
    const word = parseSeverity(rec.severity);
    if (rec.severity && word === null) { fail('severity', `Unknown severity "${rec.severity}"`, `Mức độ không hợp lệ "${rec.severity}"`); continue; }
    const severity = word === 'info' ? null : word ?? severityFromCvss(cvss);
    const cves = cveIds(rec.cve);
    if (rec.cve && !cves.length) { fail('cve', `No CVE id in "${rec.cve}"`, `Không có mã CVE hợp lệ trong "${rec.cve}"`); continue; }
    const title = (rec.title ?? '').trim() || cves.join(', ');
    if (!title) { fail('title', 'A title or a CVE is required', 'Cần tên lỗ hổng hoặc mã CVE'); continue; }
    if (!severity) {
      if (word === 'info' || cvss === 0) skipped++;
      else fail('severity', 'A severity or CVSS score is required', 'Cần mức độ hoặc điểm CVSS');
      continue;
    }
    findings.push({ host, port: normalizePort(rec.port), cveIds: cves, pluginId: rec.plugin?.trim() || null, title: title.slice(0, 500), severity,
      cvss: cvss !== null && cvss > 0 ? Math.round(cvss * 10) / 10 : null, solution: rec.solution?.trim().slice(0, 5000) || null });
  }
  if (errors.length) {
    throw new AppError(422, 'import_rows', `${errors.length} row(s) are invalid; nothing was imported`, `${errors.length} dòng không hợp lệ; chưa nhập dòng nào`, 'file', errors);
  }
  return { format: 'csv', tool: null, scannedOn: null, scope: null, hosts: [], findings, skipped };
}
