/**
 * Defaults of a document header (Decree 30/2020/NĐ-CP Appendix I): the governing body (cơ quan chủ quản) printed
 * above the issuer's name, and the place of the date line. Each agency may change both in its document settings.
 */

/**
 * The parent agency, in capitals, for agencies of the province's tree; none for the police and the military, whose
 * governing bodies are ministries outside the tree (the agency configures them).
 */
export function defaultGoverningBody(kind: string, parentName: string | null): string | null {
  if (!parentName || kind === 'police' || kind === 'military') return null;
  return parentName.toLocaleUpperCase('vi');
}

/** "Demo" from "Ủy ban nhân dân tỉnh Demo" (or "… thành phố Demo"): the place of the province's documents. */
export function placeFromProvince(provinceName: string): string {
  const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(provinceName);
  return m?.[1]?.trim() || provinceName;
}
