/** A stored report as DOCX (Decree 30/2020 layout) and XLSX (its figures and tables), from its snapshot alone. */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { renderOfficialDocument, type DocBlock } from '../../documents/decree30.ts';
import type { Queryable } from '../../db/client.ts';
import { documentFrame } from '../outgoing/index.ts';
import type { ReportSnapshot } from '../../../shared/directives/schemas.ts';

type Snapshot = z.infer<typeof ReportSnapshot>;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function reportBlocks(s: Snapshot): DocBlock[] {
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: s.intro }];
  let tableNo = 0;
  s.sections.forEach((section, i) => {
    blocks.push({ kind: 'heading', text: `${ROMAN[i] ?? i + 1}. ${section.heading.toUpperCase()}` });
    for (const p of section.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    for (const t of section.tables) {
      if (!t.rows.length) continue;
      // As a heading, so the caption stays on the page of its table.
      blocks.push({ kind: 'heading', text: `Bảng ${++tableNo}. ${t.title}` });
      blocks.push({ kind: 'table', headers: t.headers, rows: t.rows.map((r) => r.map((v) => v ?? '')), widths: t.widths });
    }
  });
  blocks.push({ kind: 'paragraph', text: s.closing });
  return blocks;
}

/** The agency that issues the report: recorded in the snapshot; reports built before it was, their subtree's root. */
export const reportIssuer = (report: { agencyId: number; snapshot: Snapshot }) => report.snapshot.issuer.agencyId ?? report.agencyId;

export async function renderReportDocx(db: Queryable, report: { id: number; agencyId: number; snapshot: Snapshot }): Promise<Buffer> {
  const s = report.snapshot;
  const frame = await documentFrame(db, {
    agencyId: reportIssuer(report),
    subjectKind: 'report',
    subjectId: report.id,
    documentType: 'bao_cao',
    date: new Date(s.builtAt),
  });
  return renderOfficialDocument({
    ...frame,
    kind: s.title,
    subject: s.subject,
    body: reportBlocks(s),
    // Snapshots before the register ended their list with the archive line, which the layout now adds.
    recipients: s.recipients.filter((r) => !r.startsWith('Lưu:')),
  });
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Bang';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

export async function renderReportXlsx(s: Snapshot, number: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = s.issuer.name;
  wb.created = new Date(s.builtAt);
  const used = new Set<string>();
  const summary = wb.addWorksheet(sheetName('Tổng hợp', used));
  summary.addRow([`${s.title} ${s.subject}`]).font = { bold: true, size: 13 };
  summary.addRow([`Số: ${number} — ${s.issuer.name} — lập lúc ${new Date(s.builtAt).toISOString()}`]);
  summary.addRow([`Phạm vi: ${s.agency.name}; kỳ báo cáo: ${s.period.label} (${s.period.from} – ${s.period.to})`]);
  summary.addRow([]);
  summary.addRow(['Mục', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị', 'Đơn vị']).font = { bold: true };
  for (const section of s.sections) {
    for (const f of section.figures) summary.addRow([section.heading, f.key, f.label, f.value ?? '', f.unit ?? '']);
  }
  summary.columns.forEach((c, i) => {
    c.width = [40, 28, 50, 12, 8][i] ?? 15;
  });
  for (const section of s.sections) {
    for (const t of section.tables) {
      const ws = wb.addWorksheet(sheetName(t.title, used));
      ws.addRow([t.title]).font = { bold: true };
      ws.addRow(t.headers).font = { bold: true };
      for (const r of t.rows) ws.addRow(r.map((v) => v ?? ''));
      ws.columns.forEach((c, i) => {
        c.width = i === 1 ? 45 : 16;
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
