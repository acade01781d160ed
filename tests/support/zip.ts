import { constants, crc32, deflateRawSync } from 'node:zlib';

/** An already deflated body with its true size and CRC. */
export type Deflated = { deflated: Buffer; size: number; crc: number };
/** A zip entry: plain bytes (deflated here), or a deflated body. */
export type ZipEntry = { name: string; data: Buffer | string } | ({ name: string } & Deflated);

/**
 * The deflated form of `prefix + chunk × times + suffix`, built without holding the whole text: each piece is
 * deflated on its own with a full flush (so the pieces concatenate), and the repeated piece is deflated once.
 * 400 MB of spaces take about 400 kB and a few milliseconds.
 */
export function deflatedRepeat(prefix: string, chunk: Buffer, times: number, suffix: string): Deflated {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const head = Buffer.from(prefix);
  const tail = Buffer.from(suffix);
  const middle = deflateRawSync(chunk, flush);
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const deflated = Buffer.concat([deflateRawSync(head, flush), ...Array(times).fill(middle), deflateRawSync(tail)]);
  return { deflated, size: head.length + chunk.length * times + tail.length, crc };
}

/**
 * A zip archive (deflate, no data descriptors). `declare` overrides the uncompressed size written in the headers
 * of the named entries, to build archives whose headers lie.
 */
export function zip(entries: ZipEntry[], declare: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body =
      'deflated' in e
        ? e
        : (() => {
            const data = Buffer.from(e.data);
            return { deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
          })();
    const size = declare[e.name] ?? body.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.crc >>> 0, 14);
    local.writeUInt32LE(body.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(body.crc >>> 0, 16);
    cd.writeUInt32LE(body.deflated.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body.deflated);
    central.push(cd, name);
    offset += 30 + name.length + body.deflated.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const XLSX_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS = (target: string, type: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;

/** A minimal one-sheet workbook around the given xl/worksheets/sheet1.xml. */
export function xlsxWithSheet(sheet: Deflated | string, declare: Record<string, number> = {}): Buffer {
  return zip(
    [
      { name: '[Content_Types].xml', data: XLSX_TYPES },
      { name: '_rels/.rels', data: ROOT_RELS('xl/workbook.xml', 'officeDocument') },
      {
        name: 'xl/workbook.xml',
        data:
          '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="HTTT" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      { name: 'xl/_rels/workbook.xml.rels', data: ROOT_RELS('worksheets/sheet1.xml', 'worksheet') },
      typeof sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: sheet } : { ...sheet, name: 'xl/worksheets/sheet1.xml' },
    ],
    declare,
  );
}

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A minimal Word document around the given word/document.xml. */
export function docxWithDocument(document: Deflated | string, declare: Record<string, number> = {}): Buffer {
  return zip(
    [
      { name: '[Content_Types].xml', data: DOCX_TYPES },
      { name: '_rels/.rels', data: ROOT_RELS('word/document.xml', 'officeDocument') },
      typeof document === 'string' ? { name: 'word/document.xml', data: document } : { ...document, name: 'word/document.xml' },
    ],
    declare,
  );
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';
