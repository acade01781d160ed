/**
 * Idempotent delivery. Each (kind, subject, recipient, occurrence) is claimed by `insert … on conflict do nothing`
 * on the unique index of reminder_deliveries: the run that inserts the row sends; a restart, a second run or a
 * second app node inserts nothing and sends nothing. The in-app notification is written in the same transaction
 * as the claim; the e-mail goes out after the commit (at most once: a crash in between loses it rather than
 * sending it twice).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { users } from '../users/index.ts';
import { notifications, reminderDeliveries, reminderPreferences } from './schema.ts';
import { mailerFor, type Mailer } from './mailer.ts';
import type { Reminder } from './registry.ts';
import { REMINDER_KIND_LABELS } from '../../../shared/reminders/kinds.ts';

export type DeliveryTally = { delivered: number; skipped: number; emailed: number; failed: number };
export const emptyTally = (): DeliveryTally => ({ delivered: 0, skipped: 0, emailed: 0, failed: 0 });

type Recipient = { id: number; fullName: string; email: string | null; inApp: boolean; wantsEmail: boolean };

async function recipientsOf(db: Db, reminder: Reminder): Promise<Recipient[]> {
  const ids = [...new Set(reminder.recipients)];
  if (!ids.length) return [];
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, inApp: reminderPreferences.inApp, wantsEmail: reminderPreferences.email })
    .from(users)
    .leftJoin(reminderPreferences, and(eq(reminderPreferences.userId, users.id), eq(reminderPreferences.kind, reminder.kind)))
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  // No preference row: both channels on.
  return rows.map((r) => ({ ...r, inApp: r.inApp ?? true, wantsEmail: r.wantsEmail ?? true }));
}

function mailText(config: Config, reminder: Reminder, name: string) {
  const label = REMINDER_KIND_LABELS[reminder.kind].vi;
  return [
    `Kính gửi ${name},`,
    '',
    reminder.body,
    '',
    ...(reminder.link ? [`Xem chi tiết: ${config.publicUrl}${reminder.link}`, ''] : []),
    `Thư này được gửi tự động vì anh/chị đang nhận nhắc việc "${label}".`,
    `Thay đổi lựa chọn nhận nhắc việc tại ${config.publicUrl}/tasks/reminders.`,
  ].join('\n');
}

/** Delivers one reminder to each of its recipients, at most once each. Other modules call this for event-driven reminders. */
export async function deliverReminder(db: Db, config: Config, reminder: Reminder, mailer: Mailer = mailerFor(config)): Promise<DeliveryTally> {
  const tally = emptyTally();
  for (const user of await recipientsOf(db, reminder)) {
    if (!user.inApp && !user.wantsEmail) {
      tally.skipped++;
      continue;
    }
    const emailTo = user.wantsEmail && user.email ? `"${user.fullName.replace(/"/g, '')}" <${user.email}>` : null;
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reminderDeliveries)
        .values({
          kind: reminder.kind,
          subjectId: reminder.subjectId,
          userId: user.id,
          occurrence: reminder.occurrence,
          emailTo,
          emailStatus: emailTo ? 'pending' : 'none',
        })
        .onConflictDoNothing()
        .returning({ id: reminderDeliveries.id });
      if (!row) return null;
      if (user.inApp) {
        const [n] = await tx
          .insert(notifications)
          .values({ userId: user.id, kind: reminder.kind, title: reminder.title, body: reminder.body, link: reminder.link })
          .returning({ id: notifications.id });
        await tx.update(reminderDeliveries).set({ notificationId: n!.id }).where(eq(reminderDeliveries.id, row.id));
      }
      return row;
    });
    if (!claimed) {
      tally.skipped++;
      continue;
    }
    tally.delivered++;
    if (!emailTo) continue;
    try {
      const status = await mailer.send(
        { to: emailTo, subject: `[Khiên] ${reminder.title}`, text: mailText(config, reminder, user.fullName) },
        `reminder-${claimed.id}`,
      );
      await db.update(reminderDeliveries).set({ emailStatus: status }).where(eq(reminderDeliveries.id, claimed.id));
      tally.emailed++;
    } catch (err) {
      await db
        .update(reminderDeliveries)
        .set({ emailStatus: 'failed', emailError: String((err as Error).message ?? err).slice(0, 1000) })
        .where(eq(reminderDeliveries.id, claimed.id));
      tally.failed++;
    }
  }
  return tally;
}
