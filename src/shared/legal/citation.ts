/**
 * A citation of a legal instrument, down to the point of a clause, and its official wording
 * ("Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"). Instruments are identified by a stable id; their numbers,
 * titles and validity live in the legal registry (data/legal/instruments.json, read by instruments.ts).
 */
import { formatDateVi } from '../core/dates.ts';
import { INSTRUMENTS, instrumentById } from './instruments.ts';

export type InstrumentId = string;
export type Citation = {
  instrument: InstrumentId;
  article?: number;
  clause?: number;
  /** The letter of a point (a, b, c, đ …). */
  point?: string;
  /** A numbered item under a point, as written: "(3)". */
  item?: string;
  /** A section of an instrument without articles (a directive's "§2.d", an appendix). Shown as written. */
  section?: string;
};

/** Numbers that more than one instrument carries (Directive 14/CT-TTg of 2018 and of 2019): their name adds the date. */
const shared = new Set(INSTRUMENTS.map((i) => i.number).filter((n, k, all) => n !== null && all.indexOf(n) !== k));

/** "Nghị định số 85/2016/NĐ-CP" / "Decree No. 85/2016/NĐ-CP". */
export function instrumentName(id: InstrumentId, locale: 'vi' | 'en' = 'vi'): string {
  const i = instrumentById(id);
  const named = locale === 'vi' ? i.nameVi : i.nameEn;
  if (named || i.number === null) return named!;
  const name = locale === 'vi' ? `${i.kindVi} số ${i.number}` : `${i.kindEn} No. ${i.number}`;
  if (!shared.has(i.number) || !i.issuedOn) return name;
  return `${name} ${locale === 'vi' ? 'ngày' : 'of'} ${formatDateVi(i.issuedOn)}`;
}

/** "Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP" / "Point c, Clause 2, Article 9 of Decree No. 85/2016/NĐ-CP". */
export function formatCitation(c: Citation, locale: 'vi' | 'en' = 'vi'): string {
  const name = instrumentName(c.instrument, locale);
  if (locale === 'en') {
    const parts = [
      c.item && `Item ${c.item}`,
      c.point && `Point ${c.point}`,
      c.clause && `Clause ${c.clause}`,
      c.article && `Article ${c.article}`,
      c.section,
    ].filter(Boolean);
    return parts.length ? `${parts.join(', ')} of ${name}` : name;
  }
  const parts = [c.item && `tiết ${c.item}`, c.point && `điểm ${c.point}`, c.clause && `khoản ${c.clause}`, c.article && `Điều ${c.article}`, c.section].filter(
    Boolean,
  ) as string[];
  if (!parts.length) return name;
  const text = `${parts.join(' ')} ${name}`;
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Several citations as one line: "Chỉ thị số 09/CT-TTg; Điểm c khoản 1 …". */
export const formatCitations = (cs: readonly Citation[], locale: 'vi' | 'en' = 'vi') => cs.map((c) => formatCitation(c, locale)).join('; ');
