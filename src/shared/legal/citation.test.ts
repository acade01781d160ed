import { describe, expect, it } from 'vitest';
import { formatCitation, formatCitations, instrumentName } from './citation.ts';

describe('formatCitation', () => {
  it('writes point, clause and article in the official order and case', () => {
    expect(formatCitation({ instrument: 'decree-85-2016', article: 9, clause: 2, point: 'c' })).toBe('Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation({ instrument: 'decree-85-2016', article: 7 })).toBe('Điều 7 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation({ instrument: 'decree-85-2016', article: 9, clause: 2, point: 'c' }, 'en')).toBe(
      'Point c, Clause 2, Article 9 of Decree No. 85/2016/NĐ-CP',
    );
  });
  it('puts a numbered item before its point', () => {
    const c = { instrument: 'dispatch-33-2024', clause: 2, point: 'a', item: '(3)' };
    expect(formatCitation(c)).toBe('Tiết (3) điểm a khoản 2 Công điện số 33/CĐ-TTg');
    expect(formatCitation(c, 'en')).toBe('Item (3), Point a, Clause 2 of Official dispatch No. 33/CĐ-TTg');
  });
  it('refuses an instrument the registry does not hold', () => {
    expect(() => formatCitation({ instrument: 'nope' })).toThrow(/unknown legal instrument/);
  });
  it('joins several citations', () => {
    expect(formatCitations([{ instrument: 'directive-09-2024' }, { instrument: 'decree-30-2020', article: 8 }])).toBe(
      'Chỉ thị số 09/CT-TTg; Điều 8 Nghị định số 30/2020/NĐ-CP',
    );
  });
});

describe('instrumentName', () => {
  it('adds the date when two instruments share a number', () => {
    expect(instrumentName('directive-14-2018')).toBe('Chỉ thị số 14/CT-TTg ngày 25/05/2018');
    expect(instrumentName('directive-14-2019', 'en')).toBe('Directive No. 14/CT-TTg of 07/06/2019');
    expect(instrumentName('directive-18-2022')).toBe('Chỉ thị số 18/CT-TTg');
  });
  it('names a standard or an unnumbered letter as the registry writes it', () => {
    expect(instrumentName('tcvn-11930-2017')).toBe('TCVN 11930:2017');
    expect(instrumentName('vinh-phuc-directive-2023')).toBe('Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023');
    expect(formatCitation({ instrument: 'vinh-phuc-directive-2023', clause: 1, point: 'e' })).toBe(
      'Điểm e khoản 1 Chỉ thị của UBND tỉnh Vĩnh Phúc tháng 6/2023',
    );
  });
});
