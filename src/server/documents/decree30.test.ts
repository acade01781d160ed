import { describe, it, expect } from 'vitest';
import JSZip from 'jszip';
import { renderOfficialDocument, vietnameseDateLine, type OfficialDocument } from './decree30.ts';

const sample: OfficialDocument = {
  issuer: { governingBody: 'Ủy ban nhân dân tỉnh Demo', name: 'Sở Thông tin và Truyền thông' },
  number: 'Số: 12/TTr-STTTT',
  place: 'Demo',
  date: new Date('2026-03-05T03:00:00Z'),
  kind: 'TỜ TRÌNH',
  subject: 'An toàn hệ thống thông tin: Cổng dịch vụ công',
  to: ['Công an tỉnh Demo'],
  body: [
    { kind: 'paragraph', text: 'Phương án gồm:\n1. Tường lửa;\n\n2. Sao lưu hằng ngày.' },
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG VỀ HỆ THỐNG' },
    { kind: 'paragraph', text: 'Hệ thống phục vụ người dân & doanh nghiệp <tỉnh Demo>.' },
    { kind: 'bullets', items: ['Xử lý thông tin cá nhân', 'Kết nối Internet'] },
    {
      kind: 'table',
      headers: ['STT', 'Hãng', 'Sản phẩm'],
      widths: [10, 40, 50],
      rows: [
        [1, 'Microsoft', 'Windows Server'],
        [2, 'Oracle', 'Cơ sở dữ liệu Oracle'],
      ],
    },
    { kind: 'table', headers: ['A', 'B'], rows: [['không có độ rộng', 'cột đều']] },
  ],
  recipients: ['Như trên;', 'Sở Thông tin và Truyền thông (để thẩm định)'],
  draftingUnit: 'CĐS',
  signer: { collective: null, authority: 'KT', head: 'Giám đốc', title: 'Phó Giám đốc', name: 'Nguyễn Văn A' },
};

async function unzip(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/header\d+\.xml$/.test(n))
      .map(read),
  );
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), headers };
}

describe('renderOfficialDocument', () => {
  it('renders the Decree 30/2020 layout as .docx', async () => {
    const buffer = await renderOfficialDocument(sample);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { document, styles, headers } = await unzip(buffer);

    expect(document).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(document).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(document).toContain('ỦY BAN NHÂN DÂN TỈNH DEMO');
    expect(document).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(document).toContain('Số: 12/TTr-STTTT');
    expect(document).toContain('Demo, ngày 05 tháng 3 năm 2026');
    expect(document).toContain('TỜ TRÌNH');
    expect(document).toContain('Kính gửi: Công an tỉnh Demo.');
    // The user's line breaks make paragraphs of their own; blank lines are dropped.
    expect(document).toContain('>Phương án gồm:<');
    expect(document).toContain('>1. Tường lửa;<');
    expect(document).toContain('>2. Sao lưu hằng ngày.<');
    expect(document).toContain('An toàn hệ thống thông tin: Cổng dịch vụ công');
    expect(document).toContain('I. THÔNG TIN CHUNG VỀ HỆ THỐNG');
    expect(document).toContain('người dân &amp; doanh nghiệp &lt;tỉnh Demo&gt;');
    expect(document).toContain('- Xử lý thông tin cá nhân');
    expect(document).toContain('Cơ sở dữ liệu Oracle');
    expect(document).toContain('Windows Server');
    expect(document).toContain('Nơi nhận:');
    // Each recipient ends with ";", the archive line with "." (Appendix I).
    expect(document).toContain('>- Như trên;<');
    expect(document).toContain('>- Sở Thông tin và Truyền thông (để thẩm định);<');
    expect(document).toContain('>- Lưu: VT, CĐS.<');
    expect(document).toContain('KT. GIÁM ĐỐC');
    expect(document).toContain('PHÓ GIÁM ĐỐC');
    expect(document).toContain('Nguyễn Văn A');
    expect(document).not.toContain('THỦ TRƯỞNG CƠ QUAN');

    // Page numbers in the header from page 2: a different first page, whose header is empty.
    expect(document).toMatch(/<w:titlePg\/>/);
    expect(headers.some((h) => /PAGE/.test(h))).toBe(true);
    expect(headers.some((h) => !/PAGE/.test(h))).toBe(true);
    // The signature block's row is not split across pages.
    expect(document).toContain('<w:cantSplit/>');

    expect(styles + document).toContain('Times New Roman');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<\/w:docDefaults>/);

    // A4 with margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
    expect(document).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(document).toMatch(/<w:pgMar[^>]*w:left="1701"/);
    expect(document).toMatch(/<w:pgMar[^>]*w:right="850"/);
    expect(document).toMatch(/<w:pgMar[^>]*w:top="1134"/);
    expect(document).toMatch(/<w:pgMar[^>]*w:bottom="1134"/);

    // Column widths follow the percentages of the text width (165 mm = 9355 twips).
    expect(document).toMatch(/<w:gridCol w:w="935"\/><w:gridCol w:w="3742"\/><w:gridCol w:w="4678"\/>/);
  });

  it('omits the governing body, and leaves the signature blank without a signer', async () => {
    const { document } = await unzip(
      await renderOfficialDocument({
        ...sample,
        issuer: { governingBody: null, name: 'Công an tỉnh Demo' },
        signer: null,
        body: [],
        recipients: [],
        draftingUnit: null,
      }),
    );
    expect(document).not.toContain('ỦY BAN NHÂN DÂN TỈNH DEMO');
    expect(document).toContain('CÔNG AN TỈNH DEMO');
    expect(document).not.toContain('KT. GIÁM ĐỐC');
    expect(document).toContain('Nơi nhận:');
    expect(document).toContain('>- Lưu: VT.<');
  });

  it('puts an annex on a page of its own after the signature', async () => {
    const { document } = await unzip(
      await renderOfficialDocument({
        ...sample,
        annex: {
          title: 'HỒ SƠ ĐỀ XUẤT CẤP ĐỘ',
          attachedTo: '(Kèm theo Tờ trình số 12/TTr-STTTT ngày 05 tháng 3 năm 2026)',
          body: [{ kind: 'heading', text: 'I. THÔNG TIN CHUNG' }],
        },
      }),
    );
    const annexAt = document.indexOf('PHỤ LỤC');
    expect(annexAt).toBeGreaterThan(document.indexOf('Nguyễn Văn A'));
    expect(document.slice(annexAt - 400, annexAt)).toContain('<w:br w:type="page"/>');
    expect(document.indexOf('(Kèm theo Tờ trình số 12/TTr-STTTT')).toBeGreaterThan(annexAt);
    expect(document.lastIndexOf('I. THÔNG TIN CHUNG<')).toBeGreaterThan(annexAt);
  });
});

describe('vietnameseDateLine', () => {
  it('pads days below 10 but not months from March', () => {
    expect(vietnameseDateLine('Demo', new Date('2026-03-05T03:00:00Z'))).toBe('Demo, ngày 05 tháng 3 năm 2026');
  });

  it('pads January and February', () => {
    expect(vietnameseDateLine('Hà Nội', new Date('2026-02-20T03:00:00Z'))).toBe('Hà Nội, ngày 20 tháng 02 năm 2026');
    expect(vietnameseDateLine('Hà Nội', new Date('2026-01-09T03:00:00Z'))).toBe('Hà Nội, ngày 09 tháng 01 năm 2026');
  });

  it('leaves two-digit days and months alone', () => {
    expect(vietnameseDateLine('Demo', new Date('2026-11-15T03:00:00Z'))).toBe('Demo, ngày 15 tháng 11 năm 2026');
    expect(vietnameseDateLine('Demo', new Date('2026-10-10T03:00:00Z'))).toBe('Demo, ngày 10 tháng 10 năm 2026');
  });

  it('uses the calendar day in Vietnam (UTC+7)', () => {
    expect(vietnameseDateLine('Demo', new Date('2026-03-04T18:00:00Z'))).toBe('Demo, ngày 05 tháng 3 năm 2026');
    expect(vietnameseDateLine('Demo', new Date('2026-12-31T17:30:00Z'))).toBe('Demo, ngày 01 tháng 01 năm 2027');
  });
});
