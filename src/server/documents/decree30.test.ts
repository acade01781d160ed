import { describe, it, expect } from 'vitest';
import JSZip from 'jszip';
import { renderOfficialDocument, vietnameseDateLine, type OfficialDocument } from './decree30.ts';

const sample: OfficialDocument = {
  issuer: { parentName: 'ỦY BAN NHÂN DÂN TỈNH DEMO', name: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' },
  number: 'Số: 12/HSĐX-STTTT',
  place: 'Demo',
  date: new Date('2026-03-05T03:00:00Z'),
  kind: 'HỒ SƠ ĐỀ XUẤT CẤP ĐỘ',
  subject: 'An toàn hệ thống thông tin: Cổng dịch vụ công',
  body: [
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
  recipients: ['Sở Thông tin và Truyền thông (để thẩm định);', 'Lưu: VT.'],
  signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn A' },
};

async function unzip(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml') };
}

describe('renderOfficialDocument', () => {
  it('renders the Decree 30/2020 layout as .docx', async () => {
    const buffer = await renderOfficialDocument(sample);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { document, styles } = await unzip(buffer);

    expect(document).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(document).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(document).toContain('ỦY BAN NHÂN DÂN TỈNH DEMO');
    expect(document).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(document).toContain('Số: 12/HSĐX-STTTT');
    expect(document).toContain('Demo, ngày 05 tháng 3 năm 2026');
    expect(document).toContain('HỒ SƠ ĐỀ XUẤT CẤP ĐỘ');
    expect(document).toContain('An toàn hệ thống thông tin: Cổng dịch vụ công');
    expect(document).toContain('I. THÔNG TIN CHUNG VỀ HỆ THỐNG');
    expect(document).toContain('người dân &amp; doanh nghiệp &lt;tỉnh Demo&gt;');
    expect(document).toContain('- Xử lý thông tin cá nhân');
    expect(document).toContain('Cơ sở dữ liệu Oracle');
    expect(document).toContain('Windows Server');
    expect(document).toContain('Nơi nhận:');
    expect(document).toContain('- Lưu: VT.');
    expect(document).toContain('KT. GIÁM ĐỐC');
    expect(document).toContain('PHÓ GIÁM ĐỐC');
    expect(document).toContain('Nguyễn Văn A');

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

  it('omits the parent body and the signing authority when absent', async () => {
    const { document } = await unzip(
      await renderOfficialDocument({
        ...sample,
        issuer: { name: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' },
        signer: { title: 'THỦ TRƯỞNG CƠ QUAN', name: '' },
        body: [],
        recipients: [],
      }),
    );
    expect(document).not.toContain('ỦY BAN NHÂN DÂN TỈNH DEMO');
    expect(document).not.toContain('KT. GIÁM ĐỐC');
    expect(document).toContain('THỦ TRƯỞNG CƠ QUAN');
    expect(document).toContain('Nơi nhận:');
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
