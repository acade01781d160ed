/**
 * Number and symbol of an outgoing document (Decree 30/2020/NĐ-CP Art. 15 and Appendix I): the number is the
 * issuer's sequence in the calendar year, from 01 (a leading zero below 10); the symbol is the abbreviation of the
 * document type and the issuer's abbreviation, joined by "-". A công văn has no type abbreviation: its symbol is the
 * issuer's abbreviation and that of the drafting unit.
 */

/** The document types Khiên issues, with their abbreviations (Decree 30/2020 Appendix III). */
const DOCUMENT_TYPES = {
  bao_cao: { nameVi: 'BÁO CÁO', abbreviation: 'BC' },
  to_trinh: { nameVi: 'TỜ TRÌNH', abbreviation: 'TTr' },
  cong_van: { nameVi: 'CÔNG VĂN', abbreviation: null },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

/** "01" … "09", "10", "153". */
export const formatNumber = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Letters and digits only, upper case, Vietnamese letters kept ("Sở GD&ĐT" → "SỞGDĐT"; "&" is dropped). */
export const abbreviationText = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '').toLocaleUpperCase('vi');

const MINOR_WORDS = new Set(['và', 'của', 'các', 'về']);

/**
 * An abbreviation made of a name's initials, for an agency that has none configured: "Sở Thông tin và Truyền thông"
 * → "STTTT", "Công an tỉnh Demo" → "CATD". Words already in capitals ("UBND", "THPT") are kept whole.
 */
export function initialsOf(name: string): string {
  return name
    .split(/[\s,()–-]+/)
    .filter((w) => w && !MINOR_WORDS.has(w.toLocaleLowerCase('vi')))
    .map((w) => (w.length > 1 && w === w.toLocaleUpperCase('vi') && /\p{L}/u.test(w) ? w : w[0]!))
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLocaleUpperCase('vi');
}

/** "BC-CATD", "TTr-SYT", or for a công văn "SYT-VP" ("SYT" without a drafting unit). */
export function symbolFor(type: DocumentType, issuer: string, draftingUnit?: string | null): string {
  const abbreviation = DOCUMENT_TYPES[type].abbreviation;
  if (abbreviation) return `${abbreviation}-${issuer}`;
  return draftingUnit ? `${issuer}-${draftingUnit}` : issuer;
}

/** The number line of the header: "Số: 01/BC-CATD"; a document not yet numbered leaves the number blank to fill in. */
export const numberLine = (number: number | null, symbol: string): string => `Số: ${number === null ? '      ' : formatNumber(number)}/${symbol}`;
