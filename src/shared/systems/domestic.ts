/**
 * Products made or mastered by a Vietnamese enterprise. The Thanh Hóa letter (point d, clause 1) asks agencies to
 * prefer "các sản phẩm, giải pháp, dịch vụ an toàn thông tin mạng do doanh nghiệp Việt Nam sản xuất hoặc làm chủ công
 * nghệ"; each software inventory entry records whether it is one, and on what basis, so the share can be shown per
 * agency. The vendor table (data/product-aliases.json, `vietnameseEnterprise`) decides when the entry does not say.
 */
import aliases from '../../../data/product-aliases.json' with { type: 'json' };
import type { Citation } from '../legal/citation.ts';
import { canonicalVendor } from '../warnings/matching.ts';

export const VIETNAMESE_PRODUCT_CITATIONS: readonly Citation[] = [{ instrument: 'thanh-hoa-letter-2024', clause: 1, point: 'd' }];

/** Vendor id → the name it is shown by, for the vendors the table marks as Vietnamese enterprises. */
const VIETNAMESE_VENDORS = new Map(
  aliases.vendors.flatMap((v) => ('vietnameseEnterprise' in v && v.vietnameseEnterprise ? [[v.id, v.names[0]!] as const] : [])),
);

/** The vendor's name in the table when the table marks it as a Vietnamese enterprise; null otherwise. */
export function vietnameseVendor(vendor: string | null | undefined): string | null {
  const id = canonicalVendor(vendor);
  return id ? (VIETNAMESE_VENDORS.get(id) ?? null) : null;
}

type Entry = { vendor?: string | null; vietnamese?: boolean | null; vietnameseBasis?: string | null };

/**
 * What an inventory entry records: its own answer, else the vendor table's. A product said to be Vietnamese whose
 * vendor the table does not know needs its basis written (a certificate, the maker's registration …); the problem
 * names that field.
 */
export function vietnameseOf(e: Entry): { vietnamese: boolean; vietnameseBasis: string | null; problem: 'vietnameseBasis' | null } {
  const basis = e.vietnameseBasis?.trim() || null;
  const vietnamese = e.vietnamese ?? vietnameseVendor(e.vendor) !== null;
  const problem = vietnamese && !basis && !vietnameseVendor(e.vendor) ? 'vietnameseBasis' : null;
  return { vietnamese, vietnameseBasis: basis, problem };
}
