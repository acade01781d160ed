/** A stored report as DOCX (Decree 30/2020 layout) and XLSX (its figures and tables), from its snapshot alone. */
import type { z } from 'zod';
import { renderOfficialDocument, type DocBlock } from '../../documents/decree30.ts';
import type { Queryable } from '../../db/client.ts';
import { documentFrame } from '../outgoing/index.ts';
import { xlsxWorkbook, type Column, type ColumnType, type Locale, type Sheet } from '../../documents/spreadsheet.ts';
import { headerKey } from '../../../shared/core/header-key.ts';
import { fromPct } from './registry.ts';
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

type Figure = Snapshot['sections'][number]['figures'][number] & { section: string };
type TableCell = string | number | null;

/** A figure's cell: a percentage when its unit is "%", else a count or a decimal; text as it is. */
const figureType = (f: Figure): ColumnType =>
  typeof f.value !== 'number' ? 'text' : f.unit === '%' ? 'percent' : Number.isInteger(f.value) ? 'integer' : 'decimal';

const FIGURE_COLUMNS: Column<Figure>[] = [
  { key: 'section', header: { vi: 'Mục', en: 'Section' }, type: 'text', value: (f) => f.section },
  { key: 'figure', header: { vi: 'Chỉ tiêu', en: 'Figure' }, type: 'text', value: (f) => (f.unit && f.unit !== '%' ? `${f.label} (${f.unit})` : f.label) },
  { key: 'value', header: { vi: 'Giá trị', en: 'Value' }, type: 'text', typeOf: figureType, value: (f) => f.value },
];

/** "—" is a table's empty cell. */
const blank = (v: TableCell) => v === null || v === '' || v === '—';

/**
 * A snapshot table's column, typed by what its cells hold (the snapshot keeps the text the Word document prints):
 * whole numbers are counts, numbers decimals, percentages as `pct` writes them ("45,5%", a minimum "≥ 10%") become
 * numbers again.
 */
function tableColumn(header: string, j: number, rows: TableCell[][]): Column<TableCell[]> {
  const cells = rows.map((r) => r[j] ?? null).filter((v) => !blank(v));
  const type: ColumnType =
    cells.length && cells.every((v) => typeof v === 'number')
      ? cells.every((v) => Number.isInteger(v))
        ? 'integer'
        : 'decimal'
      : cells.length && cells.every((v) => typeof v === 'string' && fromPct(v) !== null)
        ? 'percent'
        : 'text';
  const cell = (r: TableCell[]) => r[j] ?? null;
  return {
    key: headerKey(header) || `column${j + 1}`,
    header: { vi: header, en: header },
    type,
    value: (r) => {
      const v = cell(r);
      if (type === 'text') return v === null ? null : String(v);
      return blank(v) ? null : type === 'percent' ? fromPct(String(v))!.percent : v;
    },
    numFmtOf: (r) => (type === 'percent' && fromPct(String(cell(r)))?.atLeast ? '"≥ "0.0%' : undefined),
  };
}

/** The report's figures, then each of its tables on a sheet of its own; the text stays the report's (Vietnamese), the sheet's own words follow the reader. */
export async function renderReportXlsx(s: Snapshot, number: string | null, locale: Locale): Promise<Buffer> {
  const figures: Sheet<Figure> = {
    name: { vi: 'Tổng hợp', en: 'Summary' },
    title: { vi: `${s.title} ${s.subject}`, en: `${s.title} ${s.subject}` },
    columns: FIGURE_COLUMNS,
    rows: s.sections.flatMap((section) => section.figures.map((f) => ({ ...f, section: section.heading }))),
    notes: [
      number
        ? { vi: `Số: ${number} — ${s.issuer.name}`, en: `No. ${number} — ${s.issuer.name}` }
        : { vi: `Chưa ban hành, chưa có số — ${s.issuer.name}`, en: `Not yet issued, no number — ${s.issuer.name}` },
    ],
  };
  const tables = s.sections.flatMap((section) =>
    section.tables.map(
      (t): Sheet<TableCell[]> => ({
        name: { vi: t.title, en: t.title },
        title: { vi: t.title, en: t.title },
        columns: t.headers.map((h, j) => tableColumn(h, j, t.rows)),
        rows: t.rows,
      }),
    ),
  );
  return xlsxWorkbook({ locale, scope: `${s.agency.name}, ${s.period.label}`, madeAt: new Date(s.builtAt), sheets: [figures, ...tables] });
}
