/**
 * A citation of a legal instrument, down to the point of a clause, and its official wording
 * ("Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP"). Instruments are identified by a stable id; their numbers,
 * titles and validity live in the legal registry (data/legal/instruments.json).
 */
import instruments from '../../../data/legal/instruments.json' with { type: 'json' };

type InstrumentId = string;
export type Citation = {
  instrument: InstrumentId;
  article?: number;
  clause?: number;
  /** The letter of a point (a, b, c, đ …). */
  point?: string;
  /** A section of an instrument without articles (a directive's "§2.d", an appendix). Shown as written. */
  section?: string;
};

type Instrument = { id: string; kindVi: string; kindEn: string; number: string };
const byId = new Map((instruments as Instrument[]).map((i) => [i.id, i]));

function instrumentName(id: InstrumentId, locale: 'vi' | 'en' = 'vi'): string {
  const i = byId.get(id);
  if (!i) throw new Error(`unknown legal instrument ${id}`);
  return locale === 'vi' ? `${i.kindVi} số ${i.number}` : `${i.kindEn} No. ${i.number}`;
}

/** "Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP" / "Point c, Clause 2, Article 9 of Decree No. 85/2016/NĐ-CP". */
export function formatCitation(c: Citation, locale: 'vi' | 'en' = 'vi'): string {
  const name = instrumentName(c.instrument, locale);
  if (locale === 'en') {
    const parts = [c.point && `Point ${c.point}`, c.clause && `Clause ${c.clause}`, c.article && `Article ${c.article}`, c.section].filter(Boolean);
    return parts.length ? `${parts.join(', ')} of ${name}` : name;
  }
  const parts = [c.point && `điểm ${c.point}`, c.clause && `khoản ${c.clause}`, c.article && `Điều ${c.article}`, c.section].filter(Boolean) as string[];
  if (!parts.length) return name;
  const text = `${parts.join(' ')} ${name}`;
  return text[0]!.toUpperCase() + text.slice(1);
}
