import { describe, expect, it } from 'vitest';
import { abbreviationText, formatNumber, initialsOf, numberLine, symbolFor } from './numbering.ts';
import { signatureLines, signerProblem, type Signer } from './signature.ts';
import { recipientLines } from './recipients.ts';
import { defaultGoverningBody, placeFromProvince } from './header.ts';

describe('numbers and symbols', () => {
  it('numbers from 01 with a leading zero below 10', () => {
    expect([1, 9, 10, 153].map(formatNumber)).toEqual(['01', '09', '10', '153']);
  });

  it('builds the symbol from the type abbreviation and the issuer; a công văn from the issuer and the drafting unit', () => {
    expect(symbolFor('bao_cao', 'CAT')).toBe('BC-CAT');
    expect(symbolFor('to_trinh', 'SYT', 'VP')).toBe('TTr-SYT');
    expect(symbolFor('cong_van', 'SYT', 'VP')).toBe('SYT-VP');
    expect(symbolFor('cong_van', 'SYT', null)).toBe('SYT');
  });

  it('prints the number line, blank until a number is taken', () => {
    expect(numberLine(1, 'BC-CAT')).toBe('Số: 01/BC-CAT');
    expect(numberLine(null, 'BC-CAT')).toBe('Số:       /BC-CAT');
  });

  it('makes an abbreviation of initials for agencies that have none, never "CQ"', () => {
    expect(initialsOf('Sở Thông tin và Truyền thông')).toBe('STTTT');
    expect(initialsOf('Công an tỉnh Demo')).toBe('CATD');
    expect(initialsOf('UBND phường Hòa Bình')).toBe('UBNDPHB');
    expect(initialsOf('Sở Giáo dục và Đào tạo')).toBe('SGDĐT');
    expect(abbreviationText('Sở GD&ĐT')).toBe('SỞGDĐT');
  });
});

describe('signature block', () => {
  const base: Signer = { collective: null, authority: null, head: null, title: 'Giám đốc', name: 'Bùi Thanh Sơn' };

  it('prints the head alone, a deputy signing for the head, and a collective body', () => {
    expect(signatureLines(base)).toEqual(['GIÁM ĐỐC']);
    expect(signatureLines({ ...base, authority: 'KT', head: 'Giám đốc', title: 'Phó Giám đốc' })).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signatureLines({ ...base, authority: 'TL', head: 'Giám đốc', title: 'Chánh Văn phòng' })).toEqual(['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG']);
    expect(signatureLines({ ...base, authority: 'TUQ', head: 'Chủ tịch', title: 'Giám đốc Sở Y tế' })).toEqual(['TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ Y TẾ']);
    expect(signatureLines({ collective: 'Ủy ban nhân dân', authority: 'KT', head: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'X' })).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
  });

  it('needs the title signed for with KT., TL., TUQ. and no such title without them', () => {
    expect(signerProblem(base)).toBeNull();
    expect(signerProblem({ ...base, authority: 'KT' })?.[0]).toBe('head');
    expect(signerProblem({ ...base, head: 'GIÁM ĐỐC' })?.[0]).toBe('authority');
  });
});

describe('recipients', () => {
  it('ends each line with ";" and the archive line with "."', () => {
    expect(recipientLines(['Như trên', 'Bộ Công an (để báo cáo);'], 'PA05')).toEqual(['- Như trên;', '- Bộ Công an (để báo cáo);', '- Lưu: VT, PA05.']);
    expect(recipientLines([], null)).toEqual(['- Lưu: VT.']);
  });
});

describe('header defaults', () => {
  it('prints the parent above the agency, except for the police and the military', () => {
    expect(defaultGoverningBody('department', 'Ủy ban nhân dân tỉnh Demo')).toBe('ỦY BAN NHÂN DÂN TỈNH DEMO');
    expect(defaultGoverningBody('police', 'Ủy ban nhân dân tỉnh Demo')).toBeNull();
    expect(defaultGoverningBody('province_committee', null)).toBeNull();
  });

  it('takes the place from the province', () => {
    expect(placeFromProvince('Ủy ban nhân dân tỉnh Demo')).toBe('Demo');
    expect(placeFromProvince('Ủy ban nhân dân thành phố Hải Phòng')).toBe('Hải Phòng');
  });
});
