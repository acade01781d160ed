/**
 * Reminder sources over the incidents, warnings, scans and assessments tables: incidents assigned, operators' closing
 * reports due, warning items received, scans and assessments coming due. Scheduled like the others, so each fires
 * once per occurrence.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registerReminderSource, type Reminder } from './registry.ts';
import { usersOf } from './recipients.ts';
import { formatDateTimeVi, formatDateVi } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { securityFacts } from '../warnings/facts.ts';

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => (await db.execute(q)).rows as T[];
const OWNER_ROLES = ['agency_admin', 'agency_officer'];
/** How far ahead a scan or assessment is announced. */
const AHEAD_DAYS = 30;

registerReminderSource({
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
});

/**
 * The operator's closing report, owed within 5 days after the response ends (Circular 20/2017/TT-BTTTT Art. 9(2)(b)):
 * the reporting agency's officers are told when the response ends, and again once it is overdue. The condition is
 * the SQL twin of closingReportRequired (shared/incidents/deadlines.ts).
 */
registerReminderSource({
  name: 'incident-closing-reports',
  kinds: ['incident_closing_report_due'],
  async collect(db, { now }) {
    const owed = await rows<{ id: number; agencyId: number; title: string; dueAt: Date }>(db, sql`
      select i.id, i.agency_id as "agencyId", i.title, i.recovered_at + interval '5 days' as "dueAt" from incidents i
      where i.source = 'agency' and (i.serious or i.capacity <> 'within') and i.recovered_at is not null
        and i.closing_filed_at is null and i.status not in ('closed', 'rejected', 'merged')`);
    const people = await usersOf(db, { agencyIds: [...new Set(owed.map((i) => i.agencyId))], roles: OWNER_ROLES });
    return owed.map((i): Reminder => {
      const overdue = new Date(i.dueAt).getTime() < now.getTime();
      const due = formatDateTimeVi(new Date(i.dueAt));
      return {
        kind: 'incident_closing_report_due', subjectId: String(i.id), occurrence: overdue ? 'overdue' : 'due', link: `/incidents/${i.id}?tab=closing`,
        recipients: people.filter((p) => p.agencyId === i.agencyId).map((p) => p.id),
        title: `${overdue ? 'Quá hạn' : 'Đến hạn'} báo cáo kết thúc ứng phó sự cố: ${i.title}`,
        body: overdue
          ? `Báo cáo kết thúc ứng phó sự cố "${i.title}" đã quá hạn (${due}). Đề nghị khẩn trương gửi cơ quan chủ quản và Cơ quan điều phối quốc gia.`
          : `Sự cố "${i.title}" đã kết thúc ứng cứu. Đề nghị gửi báo cáo kết thúc ứng phó sự cố tới cơ quan chủ quản và Cơ quan điều phối quốc gia trước ${due}.`,
      };
    });
  },
});

registerReminderSource({
  name: 'warning-items',
  kinds: ['warning_received'],
  async collect(db) {
    const items = await rows<{ id: number; agencyId: number; systemName: string; number: string; title: string; dueOn: string }>(db, sql`
      select ri.id, ri.agency_id as "agencyId", s.name as "systemName", w.number, w.title, ri.due_on::text as "dueOn"
      from remediation_items ri join warnings w on w.id = ri.warning_id join systems s on s.id = ri.system_id where ri.status = 'open'`);
    const people = await usersOf(db, { agencyIds: [...new Set(items.map((i) => i.agencyId))], roles: OWNER_ROLES });
    return items.map((i): Reminder => ({
      kind: 'warning_received', subjectId: String(i.id), occurrence: 'received', link: `/warnings/items`,
      recipients: people.filter((p) => p.agencyId === i.agencyId).map((p) => p.id),
      title: `Cảnh báo ${i.number}: ${i.title}`,
      body: `Hệ thống "${i.systemName}" có thể bị ảnh hưởng bởi cảnh báo ${i.number}. Đề nghị xử lý và trả lời trước ngày ${formatDateVi(i.dueOn)}.`,
    }));
  },
});

registerReminderSource({
  name: 'scans-and-assessments-due',
  kinds: ['scan_due', 'assessment_due'],
  async collect(db, { today }) {
    const horizon = addDays(today, AHEAD_DAYS);
    const due = await rows<{ id: number; agencyId: number; name: string; scanDue: string | null; assessmentDue: string | null }>(db, sql`
      select systems.id, systems.agency_id as "agencyId", systems.name,
        ${securityFacts.nextScanDue} as "scanDue", ${securityFacts.nextAssessmentDue} as "assessmentDue"
      from systems where systems.status = 'in_operation' and ${securityFacts.level} is not null`);
    const people = await usersOf(db, { agencyIds: [...new Set(due.map((d) => d.agencyId))], roles: OWNER_ROLES });
    const out: Reminder[] = [];
    for (const d of due) {
      const recipients = people.filter((p) => p.agencyId === d.agencyId).map((p) => p.id);
      // Never scanned counts as due now; the occurrence is the due date, so the next cycle reminds again.
      const scanDue = d.scanDue ?? today;
      if (scanDue <= horizon) {
        out.push({ kind: 'scan_due', subjectId: String(d.id), occurrence: scanDue, recipients, link: `/warnings/systems/${d.id}`,
          title: `Rà quét lỗ hổng ${scanDue < today ? 'quá hạn' : 'sắp đến hạn'}: ${d.name}`,
          body: d.scanDue ? `Hệ thống "${d.name}" cần rà quét lỗ hổng định kỳ trước ngày ${formatDateVi(d.scanDue)} (6 tháng một lần).`
            : `Hệ thống "${d.name}" chưa được rà quét lỗ hổng lần nào; đề nghị tổ chức rà quét.` });
      }
      if (d.assessmentDue && d.assessmentDue <= horizon) {
        out.push({ kind: 'assessment_due', subjectId: String(d.id), occurrence: d.assessmentDue, recipients, link: `/warnings/systems/${d.id}`,
          title: `Kiểm tra, đánh giá ATTT ${d.assessmentDue < today ? 'quá hạn' : 'sắp đến hạn'}: ${d.name}`,
          body: `Hệ thống "${d.name}" cần được kiểm tra, đánh giá ATTT định kỳ trước ngày ${formatDateVi(d.assessmentDue)} theo cấp độ của hệ thống.` });
      }
    }
    return out;
  },
});
