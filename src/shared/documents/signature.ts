/**
 * The signature block (Decree 30/2020/NĐ-CP Art. 13 and Appendix I): who signs and in whose name. "TM." when the head
 * signs for a collective body, "KT." when a deputy signs for the head, "TL." by order of the head, "TUQ." under a
 * written delegation; then the signer's title and full name.
 */
export const AUTHORITIES = ['KT', 'TL', 'TUQ'] as const;
type Authority = (typeof AUTHORITIES)[number];

export type Signer = {
  /** The collective body the head signs for ("ỦY BAN NHÂN DÂN"): printed "TM. ỦY BAN NHÂN DÂN". */
  collective: string | null;
  /** KT., TL. or TUQ., with `head` the title of the person signed for ("GIÁM ĐỐC"). */
  authority: Authority | null;
  head: string | null;
  /** The signer's own title ("PHÓ GIÁM ĐỐC") and full name. */
  title: string;
  name: string;
};

const upper = (s: string) => s.trim().toLocaleUpperCase('vi');

/** The lines above the signature space, in capitals: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
export function signatureLines(s: Signer): string[] {
  const lines: string[] = [];
  if (s.collective?.trim()) lines.push(`TM. ${upper(s.collective)}`);
  if (s.authority && s.head?.trim()) lines.push(`${s.authority}. ${upper(s.head)}`);
  lines.push(upper(s.title));
  return lines;
}

/** What is wrong with a signer, as [field, English, Vietnamese], or null. */
export function signerProblem(s: Signer): [keyof Signer, string, string] | null {
  if (s.authority && !s.head?.trim()) return ['head', 'Name the title signed for (e.g. GIÁM ĐỐC)', 'Hãy ghi chức vụ của người được ký thay (ví dụ GIÁM ĐỐC)'];
  if (!s.authority && s.head?.trim())
    return ['authority', 'Choose KT., TL. or TUQ. for the title signed for', 'Hãy chọn KT., TL. hoặc TUQ. cho chức vụ được ký thay'];
  return null;
}
