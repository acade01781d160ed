/** Contributions to the yearly report not yet sent: announced to the asked agency's editors before the due day and when late. */
import { and, eq, isNull } from 'drizzle-orm';
import { usersOf } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { contributionCalls, contributions } from './schema.ts';
import { contributionReminder } from '../../../shared/contributions/due.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';

const CONTRIBUTOR_ROLES = ['agency_admin', 'agency_officer'];

export const contributionReminders: ReminderSource = {
  name: 'yearly-contributions',
  kinds: ['contribution_due', 'contribution_late'],
  async collect(db, { today }) {
    const open = await db
      .select({ id: contributions.id, agencyId: contributions.agencyId, year: contributionCalls.year, dueOn: contributionCalls.contributionsDueOn })
      .from(contributions)
      .innerJoin(contributionCalls, eq(contributionCalls.id, contributions.callId))
      .where(and(eq(contributionCalls.state, 'open'), isNull(contributions.submittedAt)));
    const due = open.flatMap((c) => {
      const kind = contributionReminder({ submittedOn: null }, c.dueOn, today);
      return kind ? [{ ...c, kind }] : [];
    });
    const people = await usersOf(db, { agencyIds: [...new Set(due.map((d) => d.agencyId))], roles: CONTRIBUTOR_ROLES });
    return due.map(
      (c): Reminder => ({
        kind: c.kind,
        subjectId: String(c.id),
        // Once before the due day, once when late.
        occurrence: `${c.dueOn}:${c.kind === 'contribution_late' ? 'late' : 'ahead'}`,
        recipients: people.filter((p) => p.agencyId === c.agencyId).map((p) => p.id),
        link: '/yearly-report',
        title:
          c.kind === 'contribution_late'
            ? `Quá hạn gửi kết quả thực hiện năm ${c.year} cho báo cáo năm`
            : `Sắp đến hạn gửi kết quả thực hiện năm ${c.year} cho báo cáo năm`,
        body: `Hạn gửi kết quả thực hiện năm ${c.year} (kết quả, khó khăn, vướng mắc, đề xuất) về đơn vị chuyên trách để tổng hợp báo cáo năm: ngày ${formatDateVi(c.dueOn)}.`,
      }),
    );
  },
};
