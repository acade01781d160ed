import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { deflatedRepeat, docxWithDocument, SHEET_HEAD, SHEET_TAIL, xlsxWithSheet, zip } from '../../../tests/support/zip.ts';
import { AppError } from './errors.ts';
import { checkPackage, PACKAGE_LIMITS, type PackagePart } from './ooxml-package.ts';
import { xlsxRows } from './xlsx-rows.ts';

const MiB = 1024 * 1024;
const spaces = Buffer.alloc(MiB, 0x20);
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { status: (err as AppError).statusCode, code: (err as AppError).code, field: (err as AppError).field };
};

describe('checkPackage', () => {
  it('leaves files that are not OOXML packages alone', async () => {
    expect(await checkPackage(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeNull();
    // A zip without [Content_Types].xml (logs attached to an incident) is never unpacked here.
    expect(await checkPackage(zip([{ name: 'logs/auth.log', data: 'x'.repeat(1000) }]))).toBeNull();
  });

  it('lists the parts of a genuine workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('HTTT').addRow(['Mã hệ thống (code)']);
    const parts = await checkPackage(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(parts?.map((p) => p.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a part declared over the part cap, and a package over the total cap, with 413', async () => {
    const big = docxWithDocument(deflatedRepeat('<w:document>', spaces, PACKAGE_LIMITS.partBytes / MiB, '</w:document>'));
    expect(await refusal(checkPackage(big))).toEqual({ status: 413, code: 'file_too_large', field: 'file' });
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `word/media/p${i}.bin`, ...deflatedRepeat('', spaces, 30, '') }));
    const total = zip([{ name: '[Content_Types].xml', data: '<Types/>' }, ...parts]);
    expect(await refusal(checkPackage(total))).toMatchObject({ status: 413 });
  });

  it('refuses more parts than the cap', async () => {
    const many = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      ...Array.from({ length: PACKAGE_LIMITS.parts }, (_, i) => ({ name: `p/${i}.xml`, data: '<a/>' })),
    ]);
    expect(await refusal(checkPackage(many))).toMatchObject({ status: 413 });
  });

  it('refuses headers that lie, and damaged archives, with 400', async () => {
    const liar = xlsxWithSheet(deflatedRepeat(SHEET_HEAD, spaces, 50, SHEET_TAIL), { 'xl/worksheets/sheet1.xml': 100 });
    expect(await refusal(checkPackage(liar))).toEqual({ status: 400, code: 'bad_file', field: 'file' });
    const honest = xlsxWithSheet(`${SHEET_HEAD}${SHEET_TAIL}`);
    expect(await refusal(checkPackage(honest.subarray(0, honest.length - 30)))).toMatchObject({ status: 400 });
  });
});

describe('xlsxRows', () => {
  it('fails rather than waits when a part it was given outgrows its declared size', async () => {
    const liar = xlsxWithSheet(deflatedRepeat(`${SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>`, spaces, 5, SHEET_TAIL));
    const parts = (await checkPackage(liar))!.map((p): PackagePart => (p.name.endsWith('sheet1.xml') ? { ...p, size: 100 } : p));
    const read = (async () => {
      for await (const _row of xlsxRows(liar, parts));
    })();
    expect(await refusal(read)).toMatchObject({ status: 400, code: 'bad_file' });
  });
});
