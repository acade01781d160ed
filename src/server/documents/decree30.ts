/**
 * Official administrative documents in the layout of Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman,
 * the header with the issuing body and the national title, the kind and subject, the body, then "Nơi nhận" and the
 * signature block. Rendered as .docx with the `docx` package.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  PageBreak,
  PageNumber,
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
import { signatureLines, type Signer } from '../../shared/documents/signature.ts';
import { recipientLines } from '../../shared/documents/recipients.ts';

export type DocBlock =
  | { kind: 'heading'; text: string }
  /** Each line of `text` is a paragraph of its own, so the user's line breaks and numbered lists survive. */
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: (string | number)[][]; widths?: number[] /* percentages */ };

export type OfficialDocument = {
  /** Cơ quan chủ quản (null: none) and cơ quan ban hành; printed in capitals. */
  issuer: { governingBody: string | null; name: string };
  /** E.g. "Số: 12/BC-CATD". */
  number: string;
  /** E.g. "Demo" → "Demo, ngày 05 tháng 3 năm 2026". */
  place: string;
  date: Date;
  /** Tên loại văn bản, e.g. "BÁO CÁO" or "TỜ TRÌNH". */
  kind: string;
  /** Trích yếu. */
  subject: string;
  /** "Kính gửi:" addressees, if any. */
  to?: string[];
  body: DocBlock[];
  /** "Nơi nhận:" list, without the archive line, which `draftingUnit` completes ("Lưu: VT, <unit>."). */
  recipients: string[];
  draftingUnit: string | null;
  /** null: the block is left blank to fill in by hand. */
  signer: Signer | null;
  /** A phụ lục after the signature, on a page of its own: title, the line "(Kèm theo …)" and its content. */
  annex?: { title: string; attachedTo: string; body: DocBlock[] };
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
/** Quốc hiệu and Tiêu ngữ. */
const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TAGLINE = 'Độc lập - Tự do - Hạnh phúc';
/** The rules under the issuer's name and under the subject: between 1/3 and 1/2 of their text (Appendix I). */
const RULE_SHARE = 0.4;
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

function borderlessTable(widths: [number, number], cells: [Paragraph[], Paragraph[]], cantSplit = false): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: cantSplit || undefined,
        children: cells.map((children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children })),
      }),
    ],
  });
}

/**
 * The width of a line of Times New Roman text, estimated from average glyph widths (capitals about 0.7 em, small
 * letters about 0.47 em, spaces 0.25 em; bold a little wider), for the rule lines Appendix I sizes by their text.
 */
function textWidth(text: string, points: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (/\p{Lu}/u.test(ch)) em += 0.7;
    else if (/[\p{N}]/u.test(ch)) em += 0.5;
    else if (/\p{L}/u.test(ch)) em += 0.47;
    else em += 0.33;
  }
  return Math.round(em * (bold ? 1.04 : 1) * spacingPt(points));
}

/** The header: issuer on the left (governing body, name, a rule 1/3–1/2 of the name, number), national title on the right. */
function header(doc: OfficialDocument): Table {
  const leftInner = HEADER_LEFT - CELL_PADDING;
  const rightInner = HEADER_RIGHT - CELL_PADDING;
  const name = doc.issuer.name.toLocaleUpperCase('vi');
  const left: Paragraph[] = [];
  if (doc.issuer.governingBody) left.push(centered(doc.issuer.governingBody.toLocaleUpperCase('vi'), { size: 12 }));
  left.push(
    centered(name, { size: 12, bold: true }),
    rule(leftInner, Math.round(Math.min(leftInner, textWidth(name, 12, true)) * RULE_SHARE), spacingPt(6)),
    centered(doc.number, { size: 13 }),
  );
  const right: Paragraph[] = [
    centered(MOTTO, { size: 12, bold: true }),
    centered(TAGLINE, { size: 13, bold: true }),
    // The line under the tagline is as long as the tagline.
    rule(rightInner, Math.min(rightInner, textWidth(TAGLINE, 13, true)), spacingPt(6)),
    centered(vietnameseDateLine(doc.place, doc.date), { size: 13, italics: true }),
  ];
  return borderlessTable([HEADER_LEFT, HEADER_RIGHT], [left, right]);
}

/** Tên loại, trích yếu and the rule under it; for a document addressed to someone, "Kính gửi:". */
function titleBlock(doc: OfficialDocument): Paragraph[] {
  const subjectLine = Math.min(TEXT_WIDTH, textWidth(doc.subject, 14, true));
  const out = [
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
    rule(TEXT_WIDTH, Math.round(subjectLine * RULE_SHARE), spacingPt(12)),
  ];
  if (doc.to?.length) {
    const [first, ...rest] = doc.to;
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: spacingPt(6) },
        keepNext: true,
        children: [run(`Kính gửi: ${first}${rest.length ? ';' : '.'}`, { size: 14 })],
      }),
      ...rest.map((r, i) => centered(`${r}${i === rest.length - 1 ? '.' : ';'}`, { size: 14 }, spacingPt(6))),
    );
  }
  return out;
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

/** With `keepTail`, the last block's lines go to the next page with what follows (the signature block) rather than leave it alone. */
function body(blocks: DocBlock[], keepTail = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const [i, block] of blocks.entries()) {
    const keepNext = keepTail && i === blocks.length - 1;
    switch (block.kind) {
      case 'heading':
        out.push(bodyParagraph(block.text, { bold: true, keepNext: true }));
        break;
      case 'paragraph':
        for (const line of block.text.split(/\r?\n/)) if (line.trim()) out.push(bodyParagraph(line.trim(), { keepNext }));
        break;
      case 'bullets':
        for (const item of block.items) out.push(bodyParagraph(`- ${item}`, { keepNext }));
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

/** "Nơi nhận" on the left; the signature block on the right, kept on one page (and with the text above it). */
function footer(doc: OfficialDocument): Table {
  const left: Paragraph[] = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
    ...recipientLines(doc.recipients, doc.draftingUnit).map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(r, { size: 11 })] })),
  ];
  const right: Paragraph[] = (doc.signer ? signatureLines(doc.signer) : ['']).map((line) => centered(line, { size: 13, bold: true }));
  // Space for the signature and seal.
  for (let i = 0; i < 4; i++) right.push(centered('', { size: 13 }));
  right.push(centered(doc.signer?.name ?? '', { size: 13, bold: true }));
  return borderlessTable([FOOTER_LEFT, FOOTER_RIGHT], [left, right], true);
}

/** A phụ lục on a page of its own: "PHỤ LỤC", its title, "(Kèm theo …)", then its content. */
function annex(a: NonNullable<OfficialDocument['annex']>): (Paragraph | Table)[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [new PageBreak(), run('PHỤ LỤC', { size: 14, bold: true })] }),
    centered(a.title, { size: 14, bold: true }),
    centered(a.attachedTo, { size: 14, italics: true }),
    rule(TEXT_WIDTH, Math.round(Math.min(TEXT_WIDTH, textWidth(a.title, 14, true)) * RULE_SHARE), spacingPt(12)),
    ...body(a.body),
  ];
}

/** Page numbers from page 2, centred in the top margin, 13 pt upright (Appendix I); none on page 1. */
const pageNumbers = {
  first: new Header({ children: [new Paragraph({ children: [] })] }),
  default: new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })],
  }),
};

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
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, header: mm(10) } } },
        headers: pageNumbers,
        children: [
          header(doc),
          ...titleBlock(doc),
          ...body(doc.body, true),
          // Kept with the signature block, so "Nơi nhận" never starts a page of its own.
          new Paragraph({ spacing: { before: spacingPt(12), after: 0 }, keepNext: true, children: [] }),
          footer(doc),
          ...(doc.annex ? annex(doc.annex) : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
