/** The reminders of incident cases, delivered by the reminders module. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => (await db.execute(q)).rows as T[];

/** The lead and the responders of every case being worked. */
export const incidentReminders: ReminderSource = {
  name: 'incidents-assigned',
  kinds: ['incident_assigned'],
  async collect(db) {
    const list = await rows<{ id: number; title: string; userId: number; role: string }>(db, sql`
      select i.id, i.title, i.lead_user_id as "userId", 'lead' as role from incidents i
        where i.lead_user_id is not null and i.status in ('triaged', 'responding', 'contained', 'recovered')
      union all
      select i.id, i.title, r.user_id, 'responder' from incidents i join incident_responders r on r.incident_id = i.id
        where i.status in ('triaged', 'responding', 'contained', 'recovered')`);
    return list.map((r): Reminder => ({
      kind: 'incident_assigned', subjectId: String(r.id), occurrence: r.role, recipients: [r.userId], link: `/incidents/${r.id}`,
      title: `Sự cố được giao xử lý: ${r.title}`,
      body: r.role === 'lead' ? `Đồng chí được phân công chủ trì xử lý sự cố "${r.title}".` : `Đồng chí được phân công tham gia xử lý sự cố "${r.title}".`,
    }));
  },
};
