import ExcelJS from 'exceljs';
import { zip } from './zip.ts';

/** Every character Windows-1258 has, to its byte (read back from the decoder, so this is the code page itself). */
const CP1258 = new Map<string, number>();
{
  const decoded = new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...decoded].forEach((ch, i) => {
    if (ch !== '\ufffd' && !CP1258.has(ch)) CP1258.set(ch, i);
  });
}

/**
 * Text as Vietnamese Windows (code page 1258) writes it: the letters it has whole (ă â đ ê ô ơ ư and the plain
 * ones) as one byte, the tone mark as a combining byte after it — "ế" is ê (0xEA) then the acute (0xEC).
 */
export function windows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const whole = CP1258.get(ch);
    if (whole !== undefined) {
      bytes.push(whole);
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    // Breve, circumflex and horn belong to the letter; only the tone stays combining.
    const tones = marks.filter((m) => ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'].includes(m));
    const letter = (base! + marks.filter((m) => !tones.includes(m)).join('')).normalize('NFC');
    for (const part of [letter, ...tones]) {
      const b = CP1258.get(part);
      if (b === undefined) throw new Error(`Windows-1258 has no ${JSON.stringify(part)}`);
      bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
export const ODS_HEAD = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS} office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Sheet1">`;
export const ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>';
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A row of string cells in OpenDocument XML. */
export const odsRow = (cells: string[]) =>
  `<table:table-row>${cells.map((c) => `<table:table-cell office:value-type="string"><text:p>${escapeXml(c)}</text:p></table:table-cell>`).join('')}</table:table-row>`;

/** An OpenDocument spreadsheet package around a content.xml (a body or an already deflated one). */
export function odsPackage(content: string | { deflated: Buffer; size: number; crc: number }): Buffer {
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    {
      name: 'META-INF/manifest.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
    typeof content === 'string' ? { name: 'content.xml', data: content } : { name: 'content.xml', ...content },
  ]);
}

/** A workbook's first sheet from rows of cell values (exceljs), as an office suite would save it. */
export async function workbook(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = r;
  });
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
