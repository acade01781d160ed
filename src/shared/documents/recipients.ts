/**
 * The "Nơi nhận" list (Decree 30/2020/NĐ-CP Appendix I): one recipient a line, each after "- " and ending with ";",
 * the last, "Lưu: VT, <drafting unit>", with ".".
 */
export function recipientLines(recipients: string[], draftingUnit: string | null): string[] {
  const trimmed = recipients.map((r) => r.trim().replace(/[;.,]+$/, '')).filter(Boolean);
  const archive = draftingUnit?.trim() ? `Lưu: VT, ${draftingUnit.trim()}` : 'Lưu: VT';
  return [...trimmed.map((r) => `- ${r};`), `- ${archive}.`];
}
