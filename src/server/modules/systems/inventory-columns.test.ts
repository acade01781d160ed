import { describe, expect, it } from 'vitest';
import { en } from '../../../web/i18n/en.ts';
import { vi } from '../../../web/i18n/vi.ts';
import {
  COLUMNS,
  columnOfHeader,
  DATA_KIND_LABELS,
  foldKey,
  HOSTING_LABELS,
  ONLINE_LABELS,
  STATUS_LABELS,
  valueLookup,
  type Label,
} from './inventory-columns.ts';

const wordings = (code: string, l: Label) => [code, l.vi, l.en, ...(l.also ?? [])];

describe('the inventory vocabulary', () => {
  it('gives every header wording to one column only', () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const w of wordings(c.key, c)) {
        const owner = seen.get(foldKey(w));
        expect(owner === undefined || owner === c.key, `"${w}" names ${owner} and ${c.key}`).toBe(true);
        seen.set(foldKey(w), c.key);
      }
    }
  });

  it('gives every value wording of an enumeration to one value only', () => {
    for (const c of COLUMNS.filter((x) => x.values)) {
      const seen = new Map<string, string>();
      for (const [code, label] of Object.entries(c.values as Record<string, Label>)) {
        for (const w of wordings(code, label)) {
          expect(seen.get(foldKey(w)) ?? code, `${c.key}: "${w}"`).toBe(code);
          seen.set(foldKey(w), code);
        }
      }
    }
  });

  it('uses the labels the UI shows, in both languages', () => {
    for (const [labels, ui] of [
      [STATUS_LABELS, 'status'],
      [HOSTING_LABELS, 'hosting'],
      [ONLINE_LABELS, 'online'],
      [DATA_KIND_LABELS, 'dataKind'],
    ] as const) {
      expect(Object.fromEntries(Object.entries(labels).map(([k, l]) => [k, l.vi]))).toEqual(vi[ui]);
      expect(Object.fromEntries(Object.entries(labels).map(([k, l]) => [k, l.en]))).toEqual(en[ui]);
    }
  });

  it('reads a header as the export writes it, in capitals, decomposed, marked required or with a note', () => {
    expect(columnOfHeader('Mã hệ thống (code)')).toBe('code');
    expect(columnOfHeader('Phần mềm (hãng|sản phẩm|phiên bản; ...) (software)')).toBe('software');
    expect(columnOfHeader('MÃ HỆ THỐNG')).toBe('code');
    expect(columnOfHeader('Tên hệ thống'.normalize('NFD'))).toBe('name');
    expect(columnOfHeader('Cơ quan chủ quản *')).toBe('agency');
    expect(columnOfHeader('Trạng thái (chọn trong danh sách)')).toBe('status');
    expect(columnOfHeader('Vị trí đặt\nhệ thống')).toBe('hosting');
    expect(columnOfHeader('STT')).toBe('ignored');
    expect(columnOfHeader('Ghi chú')).toBeNull();
    expect(columnOfHeader('')).toBeNull();
  });

  it('reads a value in any case, with or without diacritics, as its code or its English label', () => {
    const status = valueLookup(STATUS_LABELS);
    for (const w of ['Đang vận hành', 'ĐANG VẬN HÀNH', 'dang van hanh', 'Đang vận hành'.normalize('NFD'), 'in_operation', 'In operation']) {
      expect(status.get(foldKey(w)), w).toBe('in_operation');
    }
    expect(status.get(foldKey('Đang chạy'))).toBeUndefined();
  });
});
