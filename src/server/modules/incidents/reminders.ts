/** The reminders of incident cases, delivered by the reminders module. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { usersOf } from '../users/index.ts';
import { formatDateTimeVi } from '../../../shared/core/dates.ts';

const OWNER_ROLES = ['agency_admin', 'agency_officer'];
const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => (await db.execute(q)).rows as T[];

/** The lead and the responders of every case being worked. */
export const incidentReminders: ReminderSource = {
  name: 'incidents-assigned',
  kinds: ['incident_assigned'],
  async collect(db) {
    const list = await rows<{ id: number; title: string; userId: number; role: string }>(
      db,
      sql`
      select i.id, i.title, i.lead_user_id as "userId", 'lead' as role from incidents i
        where i.lead_user_id is not null and i.status in ('triaged', 'responding', 'contained', 'recovered')
      union all
      select i.id, i.title, r.user_id, 'responder' from incidents i join incident_responders r on r.incident_id = i.id
        where i.status in ('triaged', 'responding', 'contained', 'recovered')`,
    );
    return list.map(
      (r): Reminder => ({
        kind: 'incident_assigned',
        subjectId: String(r.id),
        occurrence: r.role,
        recipients: [r.userId],
        link: `/incidents/${r.id}`,
        title: `Sự cố được giao xử lý: ${r.title}`,
        body: r.role === 'lead' ? `Đồng chí được phân công chủ trì xử lý sự cố "${r.title}".` : `Đồng chí được phân công tham gia xử lý sự cố "${r.title}".`,
      }),
    );
  },
};

/**
 * The operator's closing report, owed within 5 days after the response ends (Circular 20/2017/TT-BTTTT Art. 9(2)(b)):
 * the reporting agency's officers are told when the response ends, and again once it is overdue. The condition is
 * the SQL twin of closingReportRequired (shared/incidents/deadlines.ts).
 */
export const closingReportReminders: ReminderSource = {
  name: 'incident-closing-reports',
  kinds: ['incident_closing_report_due'],
  async collect(db, { now }) {
    const owed = await rows<{ id: number; agencyId: number; title: string; dueAt: Date }>(
      db,
      sql`
      select i.id, i.agency_id as "agencyId", i.title, i.recovered_at + interval '5 days' as "dueAt" from incidents i
      where i.source = 'agency' and (i.serious or i.capacity <> 'within') and i.recovered_at is not null
        and i.closing_filed_at is null and i.status not in ('closed', 'rejected', 'merged')`,
    );
    const people = await usersOf(db, { agencyIds: [...new Set(owed.map((i) => i.agencyId))], roles: OWNER_ROLES });
    return owed.map((i): Reminder => {
      const overdue = new Date(i.dueAt).getTime() < now.getTime();
      const due = formatDateTimeVi(new Date(i.dueAt));
      return {
        kind: 'incident_closing_report_due',
        subjectId: String(i.id),
        occurrence: overdue ? 'overdue' : 'due',
        link: `/incidents/${i.id}?tab=closing`,
        recipients: people.filter((p) => p.agencyId === i.agencyId).map((p) => p.id),
        title: `${overdue ? 'Quá hạn' : 'Đến hạn'} báo cáo kết thúc ứng phó sự cố: ${i.title}`,
        body: overdue
          ? `Báo cáo kết thúc ứng phó sự cố "${i.title}" đã quá hạn (${due}). Đề nghị khẩn trương gửi cơ quan chủ quản và Cơ quan điều phối quốc gia.`
          : `Sự cố "${i.title}" đã kết thúc ứng cứu. Đề nghị gửi báo cáo kết thúc ứng phó sự cố tới cơ quan chủ quản và Cơ quan điều phối quốc gia trước ${due}.`,
      };
    });
  },
};
