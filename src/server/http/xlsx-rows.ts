import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { invalid } from './errors.ts';
import { partContent, type PackagePart } from './ooxml-package.ts';

/** What exceljs's streaming reader needs before a sheet, in the order it needs it; empty stand-ins for those a file lacks. */
const BEFORE_SHEET: [string, string | null][] = [
  ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
  ['xl/workbook.xml', null],
  ['xl/styles.xml', null],
  ['xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'],
];

/** A zip local header for a stored (uncompressed) entry of `size` bytes; exceljs's unzipper checks no CRC. */
function storedHeader(name: string, size: number) {
  const path = Buffer.from(name);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x800, 6);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(path.length, 26);
  return Buffer.concat([header, path]);
}

const END_OF_ARCHIVE = Buffer.alloc(22);
END_OF_ARCHIVE.writeUInt32LE(0x06054b50, 0);

/** Where `buf` stops holding whole UTF-8 characters (a multi-byte character cut at the end is left out). */
function wholeCharactersEnd(buf: Buffer): number {
  let i = buf.length - 1;
  while (i >= 0 && buf.length - i <= 3 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i >= length ? buf.length : i;
}

async function* inWholeCharacters(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const end = wholeCharactersEnd(buf);
    if (end) yield buf.subarray(0, end);
    carry = buf.subarray(end);
  }
  if (carry.length) yield carry;
}

/**
 * The rows of the first sheet of a checked XLSX package, streamed: reading stops as soon as the caller stops asking.
 * exceljs's streaming reader is fed an archive rebuilt from the package's parts, stored rather than deflated, because
 * it decodes every chunk as UTF-8 on its own (so chunks must end on a character boundary, or Vietnamese text turns
 * into U+FFFD at chunk edges), and because a sheet met before the shared strings and workbook relationships is
 * spooled to a temporary file that is never removed if reading stops early (so those parts come first). No other
 * part is needed: other sheets, pictures and the rest are left out.
 */
export async function* xlsxRows(data: Buffer, parts: PackagePart[]): AsyncGenerator<ExcelJS.Row> {
  const sheetNumber = (p: PackagePart) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p.name)?.[1] ?? NaN);
  const sheet = parts.filter((p) => !Number.isNaN(sheetNumber(p))).sort((a, b) => sheetNumber(a) - sheetNumber(b))[0];
  if (!sheet) throw invalid('file', 'The file has no sheet', 'Tệp không có trang tính nào');
  let failure: unknown;
  // A part that fails to inflate ends the archive early, which makes the reader fail: errors of the input stream do not
  // reach exceljs's unzipper, which would wait for more bytes forever.
  async function* archive() {
    try {
      for (const [name, standIn] of BEFORE_SHEET) {
        const part = parts.find((p) => p.name === name);
        if (part) {
          yield storedHeader(name, part.size);
          yield* inWholeCharacters(partContent(data, part));
        } else if (standIn) {
          yield storedHeader(name, Buffer.byteLength(standIn));
          yield Buffer.from(standIn);
        }
      }
      yield storedHeader(sheet!.name, sheet!.size);
      yield* inWholeCharacters(partContent(data, sheet!));
      yield END_OF_ARCHIVE;
    } catch (err) {
      failure = err;
    }
  }
  const input = Readable.from(archive());
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      yield* worksheet;
      break;
    }
  } catch (err) {
    throw failure ?? err;
  } finally {
    input.destroy();
  }
  if (failure) throw failure;
}
