import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { agencies } from '../modules/agencies/schema.ts';
import { signatureTokens } from '../modules/signatures/schema.ts';
import { mobilePhone, vietnameseName, type Random } from './random.ts';

/** The issuer of the Government's special-use certificates. */
const ISSUER = 'Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ';

/**
 * Demo registers of signature tokens: each department and commune holds its seal's token and its leaders', valid for
 * five years from various days, so some expire within the notice period, one already has, one was revoked and one lost.
 * Every row's note says it is demo data.
 */
export async function seedDemoSignatureTokens(tx: Tx, r: Random): Promise<number> {
  const list = await tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(inArray(agencies.kind, ['province_committee', 'department', 'commune_committee']), eq(agencies.active, true)))
    .orderBy(agencies.id);
  let n = 0;
  for (const a of list) {
    const holders: { subject: 'person' | 'organization'; name: string; position: string | null }[] = [
      { subject: 'organization', name: a.name, position: null },
    ];
    for (let i = r.int(1, 2); i > 0; i--)
      holders.push({
        subject: 'person',
        name: vietnameseName(r),
        position: r.pick(['Giám đốc', 'Phó Giám đốc', 'Chủ tịch', 'Phó Chủ tịch', 'Chánh Văn phòng']),
      });
    for (const h of holders) {
      const from = `${r.int(2021, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      // Expiring soon or already expired: a handful, so the reminders and the states show.
      const to = n % 17 === 3 ? '2026-12-20' : n % 23 === 5 ? '2026-11-15' : `${Number(from.slice(0, 4)) + 5}${from.slice(4)}`;
      n++;
      await tx.insert(signatureTokens).values({
        agencyId: a.id,
        subject: h.subject,
        holderName: h.name,
        holderPosition: h.position,
        serial: Array.from({ length: 16 }, () => '0123456789ABCDEF'[r.int(0, 15)]).join(''),
        issuer: ISSUER,
        validFrom: from,
        validTo: to,
        revokedOn: n === 8 ? '2026-06-10' : null,
        revocationReason: n === 8 ? 'Người giữ khóa nghỉ hưu' : null,
        lostOn: n === 12 ? '2026-09-03' : null,
        lossCircumstances: n === 12 ? 'Thất lạc khi đi công tác; đã tìm nhưng không thấy' : null,
        lossReportedOn: n === 12 ? '2026-09-04' : null,
        note: `(Dữ liệu mẫu) Liên hệ văn thư: ${mobilePhone(r)}`,
      });
    }
  }
  return n;
}
