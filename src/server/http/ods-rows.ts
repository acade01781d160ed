import { XMLParser } from 'fast-xml-parser';
import { invalid } from './errors.ts';
import { partContent, type PackagePart } from './ooxml-package.ts';

const TABLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
/** Columns read from a row: a sheet's last column is 16,384, an inventory has 17; the rest of a row is ignored. */
const MAX_COLUMNS = 256;
/**
 * A row element's XML, and a cell's text: a filled-in inventory row is a few kB, its longest cell (a software list)
 * tens of thousands of characters. Past them a row is refused, rather than parsed into a tree many times its size or
 * spun out of "<text:s text:c=…/>" into gigabytes of spaces.
 */
const MAX_ROW_XML = 1024 * 1024;
const MAX_CELL_TEXT = 65_536;

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
type Prefixes = { table: string; text: string; office: string };

const rowParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

const damaged = () =>
  invalid(
    'file',
    'The spreadsheet is damaged or holds a row or cell too large to be an inventory',
    'Tệp bảng tính bị hỏng hoặc có dòng, ô quá lớn so với một danh mục',
  );

const elementName = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;

/**
 * The prefix a document binds to a namespace: ODF writers use "table:", "text:", "office:", but any prefix is legal.
 * Only word characters are taken, so a prefix stands in a pattern as it is.
 */
function prefixOf(head: string, ns: string): string | null {
  return new RegExp(`xmlns:(\\w+)\\s*=\\s*["']${ns.replace(/\./g, '\\.')}["']`).exec(head)?.[1] ?? null;
}

/** A cell's text as the office suite shows it, from its paragraphs: spaces (text:s), tabs and line breaks kept; comments (office:annotation) left out. */
function paragraphText(children: Node[], text: string): string {
  let out = '';
  for (const child of children) {
    if (out.length > MAX_CELL_TEXT) throw damaged();
    if ('#text' in child) out += String(child['#text']);
    else {
      const name = elementName(child);
      if (name === `${text}:s`) out += ' '.repeat(Math.min(Number(child[':@']?.[`${text}:c`] ?? 1) || 1, 1000));
      else if (name === `${text}:tab`) out += '\t';
      else if (name === `${text}:line-break`) out += '\n';
      else if (!name.endsWith(':annotation')) out += paragraphText(child[name] as Node[], text);
    }
  }
  return out;
}

/** A cell's value: the stored value for numbers, dates and booleans (not the formatted display), else its text. */
function cellValue(cell: Node, name: string, ns: Prefixes): string {
  const a = cell[':@'] ?? {};
  const attr = (n: string) => a[`${ns.office}:${n}`];
  const type = attr('value-type');
  if (type === 'float' || type === 'percentage' || type === 'currency') return attr('value') ?? '';
  if (type === 'date') return (attr('date-value') ?? '').slice(0, 10);
  if (type === 'boolean') return attr('boolean-value') ?? '';
  if (attr('string-value') !== undefined) return attr('string-value')!;
  const paragraph = new RegExp(`^${ns.text}:(p|h)$`);
  const value = (cell[name] as Node[])
    .filter((c) => !('#text' in c) && paragraph.test(elementName(c)))
    .map((p) => paragraphText(p[elementName(p)] as Node[], ns.text))
    .join('\n');
  if (value.length > MAX_CELL_TEXT) throw damaged();
  return value;
}

/** A row's cells as text, repeated cells expanded up to MAX_COLUMNS; null when every cell is empty. */
function rowCells(row: Node, ns: Prefixes): string[] | null {
  const cells: string[] = [];
  for (const cell of row[`${ns.table}:table-row`] as Node[]) {
    const name = '#text' in cell ? '' : elementName(cell);
    if (name !== `${ns.table}:table-cell` && name !== `${ns.table}:covered-table-cell`) continue;
    const repeat = Math.max(1, Number(cell[':@']?.[`${ns.table}:number-columns-repeated`] ?? 1) || 1);
    const value = cellValue(cell, name, ns);
    const end = Math.min(cells.length + repeat, MAX_COLUMNS);
    // Empty cells repeated to the sheet's edge are how an office suite ends a row: they are not materialised.
    if (value === '') cells.length = end;
    else while (cells.length < end) cells.push(value);
    if (cells.length >= MAX_COLUMNS) break;
  }
  const filled = Array.from(cells, (c) => c ?? '');
  while (filled.length && !filled[filled.length - 1]!.trim()) filled.pop();
  return filled.length ? filled : null;
}

/**
 * The non-empty rows of the first sheet of a checked OpenDocument spreadsheet (.ods), with their row numbers,
 * streamed from content.xml: reading stops as soon as the caller stops asking. Each row element is cut out of the
 * stream and parsed on its own (rows do not nest: Calc writes no sub-tables in cells), so memory holds one row,
 * whatever the sheet's size. Repeated rows and cells (how a suite writes runs of equal or empty ones, up to the
 * sheet's 1,048,576 rows) are expanded only when they hold something, one row at a time.
 */
export async function* odsRows(data: Buffer, parts: PackagePart[]): AsyncGenerator<{ number: number; cells: string[] }> {
  const content = parts.find((p) => p.name === 'content.xml');
  if (!content) throw invalid('file', 'The file has no sheet', 'Tệp không có trang tính nào');
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let ns: Prefixes | null = null;
  let inTable = false;
  /** Where the row being read started in `buf`, and how far its end has been looked for. */
  let row: { start: number; tagEnd: number; searched: number } | null = null;
  let number = 0;
  for await (const chunk of partContent(data, content)) {
    buf += decoder.decode(chunk, { stream: true });
    if (!ns) {
      // The namespaces are bound on the root element, which opens the document.
      const [table, text, office] = [TABLE_NS, TEXT_NS, OFFICE_NS].map((n) => prefixOf(buf, n));
      if (!table || !text || !office) {
        if (buf.length > 65_536) throw damaged();
        continue;
      }
      ns = { table, text, office };
    }
    const T = ns.table;
    const close = `</${T}:table-row>`;
    for (;;) {
      if (!inTable) {
        const start = new RegExp(`<${T}:table[\\s>]`).exec(buf);
        if (!start) {
          buf = buf.slice(-64);
          break;
        }
        inTable = true;
        buf = buf.slice(start.index + 1);
      }
      if (!row) {
        const next = new RegExp(`<${T}:table-row[\\s/>]|</${T}:table>`).exec(buf);
        if (!next) {
          buf = buf.slice(-64);
          break;
        }
        if (next[0].startsWith('</')) return;
        buf = buf.slice(next.index);
        row = { start: 0, tagEnd: -1, searched: 0 };
      }
      if (row.tagEnd < 0) {
        row.tagEnd = buf.indexOf('>');
        if (row.tagEnd < 0) {
          if (buf.length > MAX_ROW_XML) throw damaged();
          break;
        }
        row.searched = row.tagEnd;
      }
      const selfClosing = buf[row.tagEnd - 1] === '/';
      const end = selfClosing ? row.tagEnd + 1 : buf.indexOf(close, row.searched);
      if (end < 0) {
        if (buf.length > MAX_ROW_XML) throw damaged();
        row.searched = Math.max(row.tagEnd, buf.length - close.length);
        break;
      }
      const length = selfClosing ? end : end + close.length;
      if (length > MAX_ROW_XML) throw damaged();
      const xml = buf.slice(0, length);
      buf = buf.slice(length);
      row = null;
      // Rows hold no DTD, comment or CDATA: refusing "<!" keeps entity declarations away from the parser.
      if (xml.includes('<!')) throw damaged();
      const [element] = rowParser.parse(xml) as Node[];
      if (!element) throw damaged();
      const repeat = Math.max(1, Number(element[':@']?.[`${T}:number-rows-repeated`] ?? 1) || 1);
      const cells = selfClosing ? null : rowCells(element, ns);
      if (!cells) {
        number += repeat;
        continue;
      }
      for (let i = 0; i < repeat; i++) yield { number: ++number, cells };
    }
  }
  if (!ns) throw invalid('file', 'The file has no sheet', 'Tệp không có trang tính nào');
}
