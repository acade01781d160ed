import { describe, expect, it } from 'vitest';
import { formatCitation } from './citation.ts';

describe('formatCitation', () => {
  it('writes point, clause and article in the official order and case', () => {
    expect(formatCitation({ instrument: 'decree-85-2016', article: 9, clause: 2, point: 'c' })).toBe('Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation({ instrument: 'decree-85-2016', article: 7 })).toBe('Điều 7 Nghị định số 85/2016/NĐ-CP');
    expect(formatCitation({ instrument: 'decree-85-2016', article: 9, clause: 2, point: 'c' }, 'en')).toBe('Point c, Clause 2, Article 9 of Decree No. 85/2016/NĐ-CP');
  });
  it('refuses an instrument the registry does not hold', () => {
    expect(() => formatCitation({ instrument: 'nope' })).toThrow(/unknown legal instrument/);
  });
});
