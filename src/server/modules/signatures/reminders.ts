/** Certificates coming to the end of their validity, announced to their agency's editors. */
import { and, isNull, lte } from 'drizzle-orm';
import { usersOf } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { signatureTokens } from './schema.ts';
import { EXPIRY_NOTICE_DAYS } from '../../../shared/signatures/validity.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';

const KEEPER_ROLES = ['agency_admin', 'agency_officer'];

export const signatureTokenReminders: ReminderSource = {
  name: 'signature-tokens-expiring',
  kinds: ['signature_token_expiring'],
  async collect(db, { today }) {
    const due = await db
      .select({
        id: signatureTokens.id,
        agencyId: signatureTokens.agencyId,
        holderName: signatureTokens.holderName,
        serial: signatureTokens.serial,
        validTo: signatureTokens.validTo,
      })
      .from(signatureTokens)
      .where(and(isNull(signatureTokens.revokedOn), isNull(signatureTokens.lostOn), lte(signatureTokens.validTo, addDays(today, EXPIRY_NOTICE_DAYS))));
    const people = await usersOf(db, { agencyIds: [...new Set(due.map((d) => d.agencyId))], roles: KEEPER_ROLES });
    return due.map(
      (d): Reminder => ({
        kind: 'signature_token_expiring',
        subjectId: String(d.id),
        // The validity's end: a renewed certificate (a later end) is announced again.
        occurrence: d.validTo,
        recipients: people.filter((p) => p.agencyId === d.agencyId).map((p) => p.id),
        link: '/signature-tokens',
        title: `Chứng thư số ${d.validTo < today ? 'đã hết hạn' : 'sắp hết hạn'}: ${d.holderName}`,
        body: `Chứng thư số ${d.serial} của ${d.holderName} hết hiệu lực ngày ${formatDateVi(d.validTo)}. Đề nghị làm thủ tục gia hạn hoặc cấp mới.`,
      }),
    );
  },
};
