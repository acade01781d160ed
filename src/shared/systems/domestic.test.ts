import { describe, expect, it } from 'vitest';
import { vietnameseOf, vietnameseVendor } from './domestic.ts';

describe('products of Vietnamese enterprises (Thanh Hóa letter 1.d)', () => {
  it('knows the Vietnamese vendors of the vendor table by any of their names', () => {
    expect(vietnameseVendor('BKAV Corporation')).toBe('Bkav');
    expect(vietnameseVendor('Tập đoàn Bưu chính Viễn thông Việt Nam')).toBe('VNPT');
    expect(vietnameseVendor('viettel')).toBe('Viettel');
    expect(vietnameseVendor('Microsoft')).toBeNull();
    expect(vietnameseVendor(null)).toBeNull();
  });
  it('takes the entry’s own answer, else the vendor table’s', () => {
    expect(vietnameseOf({ vendor: 'VNPT' })).toEqual({ vietnamese: true, vietnameseBasis: null, problem: null });
    expect(vietnameseOf({ vendor: 'Oracle' })).toEqual({ vietnamese: false, vietnameseBasis: null, problem: null });
    expect(vietnameseOf({ vendor: 'VNPT', vietnamese: false, vietnameseBasis: 'Sản phẩm nước ngoài do VNPT phân phối' })).toMatchObject({ vietnamese: false });
  });
  it('needs a basis for a product said to be Vietnamese whose vendor the table does not know', () => {
    expect(vietnameseOf({ vendor: 'Công ty ABC', vietnamese: true }).problem).toBe('vietnameseBasis');
    expect(vietnameseOf({ vendor: 'Công ty ABC', vietnamese: true, vietnameseBasis: '  ' }).problem).toBe('vietnameseBasis');
    expect(vietnameseOf({ vendor: 'Công ty ABC', vietnamese: true, vietnameseBasis: 'Giấy chứng nhận số 12/GCN' })).toEqual({
      vietnamese: true,
      vietnameseBasis: 'Giấy chứng nhận số 12/GCN',
      problem: null,
    });
  });
});
