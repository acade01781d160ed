/**
 * Official administrative documents in the layout of Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman,
 * the header with the issuing body and the national title, the kind and subject, the body, then "Nơi nhận" and the
 * signature block. Rendered as .docx with the `docx` package.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { VN_TZ } from '../../shared/core/dates.ts';

export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: (string | number)[][]; widths?: number[] /* percentages */ };

export type OfficialDocument = {
  /** Cơ quan chủ quản (optional) and cơ quan ban hành, already upper-case. */
  issuer: { parentName?: string; name: string };
  /** E.g. "Số: 12/HSĐX-STTTT". */
  number: string;
  /** E.g. "Demo" → "Demo, ngày 05 tháng 3 năm 2026". */
  place: string;
  date: Date;
  /** Document kind, e.g. "HỒ SƠ ĐỀ XUẤT CẤP ĐỘ" or "BÁO CÁO". */
  kind: string;
  /** Trích yếu. */
  subject: string;
  body: DocBlock[];
  /** "Nơi nhận:" list. */
  recipients: string[];
  /** authority e.g. "KT. GIÁM ĐỐC", title e.g. "PHÓ GIÁM ĐỐC". */
  signer: { authority?: string; title: string; name: string };
};

const FONT = 'Times New Roman';
/** Half-points. */
const pt = (points: number) => points * 2;
/** Twips. */
const spacingPt = (points: number) => points * 20;
/** Millimetres → twips, rounded (docx's convertMillimetersToTwip truncates 30 mm to 1700). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);

// A4 with the margins of Decree 30/2020 Appendix I.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Word's default left + right cell margins (108 twips each). */
const CELL_PADDING = 216;

const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;
const FOOTER_LEFT = Math.round(TEXT_WIDTH * 0.45);
const FOOTER_RIGHT = TEXT_WIDTH - FOOTER_LEFT;

/**
 * "Demo, ngày 05 tháng 3 năm 2026". Decree 30/2020: days below 10 and the months 1 and 2 take a leading 0.
 * The date is the calendar day in Vietnam (Asia/Ho_Chi_Minh).
 */
export function vietnameseDateLine(place: string, date: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: VN_TZ, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)!.value);
  const day = get('day');
  const month = get('month');
  const year = get('year');
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

type RunStyle = { size?: number; bold?: boolean; italics?: boolean };

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, size: pt(style.size ?? 13), bold: style.bold || undefined, italics: style.italics || undefined });
}

function centered(text: string, style: RunStyle = {}, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after }, children: [run(text, style)] });
}

/** A short solid horizontal line, centered in a space `available` twips wide, `length` twips long. */
function rule(available: number, length: number, after = spacingPt(3)): Paragraph {
  const side = Math.max(0, Math.round((available - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

const NO_BORDERS = TableBorders.NONE;

function borderlessTable(widths: [number, number], cells: [Paragraph[], Paragraph[]]): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: cells.map((children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children })),
      }),
    ],
  });
}

function header(doc: OfficialDocument): Table {
  const leftInner = HEADER_LEFT - CELL_PADDING;
  const rightInner = HEADER_RIGHT - CELL_PADDING;
  const left: Paragraph[] = [];
  if (doc.issuer.parentName) left.push(centered(doc.issuer.parentName.toUpperCase(), { size: 12 }));
  left.push(
    centered(doc.issuer.name.toUpperCase(), { size: 12, bold: true }),
    rule(leftInner, Math.round(leftInner / 3), spacingPt(6)),
    centered(doc.number, { size: 13 }),
  );
  const right: Paragraph[] = [
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centered('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true }),
    // The line under the motto is as long as the motto (about 6.6 cm in 14pt bold Times New Roman).
    rule(rightInner, Math.min(rightInner, mm(66)), spacingPt(6)),
    centered(vietnameseDateLine(doc.place, doc.date), { size: 13, italics: true }),
  ];
  return borderlessTable([HEADER_LEFT, HEADER_RIGHT], [left, right]);
}

function titleBlock(doc: OfficialDocument): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: spacingPt(18), after: 0 },
      keepNext: true,
      children: [run(doc.kind, { size: 14, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      keepNext: true,
      children: [run(doc.subject, { size: 14, bold: true })],
    }),
    rule(TEXT_WIDTH, mm(40), spacingPt(12)),
  ];
}

const FIRST_LINE = mm(10);

function bodyParagraph(text: string, opts: { bold?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: spacingPt(6), after: 0 },
    keepNext: opts.keepNext,
    children: [run(text, { bold: opts.bold })],
  });
}

/** Percentages → twips summing to the text width; equal columns when `widths` is missing or doesn't fit. */
function columnWidths(count: number, widths?: number[]): number[] {
  const usable = widths && widths.length === count && widths.every((w) => Number.isFinite(w) && w > 0) ? widths : Array<number>(count).fill(1);
  const total = usable.reduce((a, b) => a + b, 0);
  const twips = usable.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  twips[twips.length - 1]! += TEXT_WIDTH - twips.reduce((a, b) => a + b, 0);
  return twips;
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function cellParagraph(text: string, opts: { bold?: boolean; center?: boolean }): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: spacingPt(2), after: spacingPt(2) },
    children: [run(text, { bold: opts.bold })],
  });
}

function dataTable(block: Extract<DocBlock, { kind: 'table' }>): Table | undefined {
  const count = Math.max(block.headers.length, ...block.rows.map((r) => r.length));
  if (count === 0) return undefined;
  const widths = columnWidths(count, block.widths);
  const makeRow = (values: (string | number)[], isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader || undefined,
      cantSplit: true,
      children: widths.map((w, i) => {
        const value = values[i];
        return new TableCell({
          width: { size: w, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            cellParagraph(value === undefined || value === null ? '' : String(value), { bold: isHeader, center: isHeader || typeof value === 'number' }),
          ],
        });
      }),
    });
  const rows = [...(block.headers.length ? [makeRow(block.headers, true)] : []), ...block.rows.map((r) => makeRow(r, false))];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows,
  });
}

function body(blocks: DocBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(bodyParagraph(block.text, { bold: true, keepNext: true }));
        break;
      case 'paragraph':
        out.push(bodyParagraph(block.text));
        break;
      case 'bullets':
        for (const item of block.items) out.push(bodyParagraph(`- ${item}`));
        break;
      case 'table': {
        const table = dataTable(block);
        if (table) {
          // A small gap before the table, which would otherwise touch the paragraph above.
          out.push(
            new Paragraph({ spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT }, keepNext: true, run: { size: 2 }, children: [] }),
          );
          out.push(table);
        }
        break;
      }
    }
  }
  return out;
}

function footer(doc: OfficialDocument): Table {
  const left: Paragraph[] = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
    ...doc.recipients.map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(`- ${r}`, { size: 11 })] })),
  ];
  const right: Paragraph[] = [];
  if (doc.signer.authority) right.push(centered(doc.signer.authority, { size: 13, bold: true }));
  right.push(centered(doc.signer.title, { size: 13, bold: true }));
  // Space for the signature and seal.
  for (let i = 0; i < 4; i++) right.push(centered('', { size: 13 }));
  right.push(centered(doc.signer.name, { size: 13, bold: true }));
  return borderlessTable([FOOTER_LEFT, FOOTER_RIGHT], [left, right]);
}

/** Renders the document as .docx. */
export async function renderOfficialDocument(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: doc.issuer.name,
    title: `${doc.kind} ${doc.subject}`.trim(),
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: pt(13), language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: MARGIN } },
        children: [
          header(doc),
          ...titleBlock(doc),
          ...body(doc.body),
          new Paragraph({ spacing: { before: spacingPt(12), after: 0 }, children: [] }),
          footer(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
