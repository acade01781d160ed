/** The reminders of warning items and of scans and assessments coming due, delivered by the reminders module. */
import { and, eq, isNotNull } from 'drizzle-orm';
import { inOperation, systems } from '../systems/index.ts';
import { usersOf } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { remediationItems, warnings } from './schema.ts';
import { securityFacts } from './facts.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';

const OWNER_ROLES = ['agency_admin', 'agency_officer'];
/** How far ahead a scan or assessment is announced. */
const AHEAD_DAYS = 30;

const warningItems: ReminderSource = {
  name: 'warning-items',
  kinds: ['warning_received', 'remediation_overdue'],
  async collect(db, { today }) {
    const items = await db
      .select({
        id: remediationItems.id,
        agencyId: remediationItems.agencyId,
        systemName: systems.name,
        number: warnings.number,
        title: warnings.title,
        dueOn: remediationItems.dueOn,
      })
      .from(remediationItems)
      .innerJoin(warnings, eq(warnings.id, remediationItems.warningId))
      .innerJoin(systems, eq(systems.id, remediationItems.systemId))
      .where(eq(remediationItems.status, 'open'));
    const people = await usersOf(db, { agencyIds: [...new Set(items.map((i) => i.agencyId))], roles: OWNER_ROLES });
    return items.flatMap((i): Reminder[] => {
      const recipients = people.filter((p) => p.agencyId === i.agencyId).map((p) => p.id);
      const received: Reminder = {
        kind: 'warning_received',
        subjectId: String(i.id),
        occurrence: 'received',
        link: `/warnings/items`,
        recipients,
        title: `Cảnh báo ${i.number}: ${i.title}`,
        body: `Hệ thống "${i.systemName}" có thể bị ảnh hưởng bởi cảnh báo ${i.number}. Đề nghị xử lý và trả lời trước ngày ${formatDateVi(i.dueOn)}.`,
      };
      if (i.dueOn >= today) return [received];
      // Past its deadline and still open: once per deadline (a moved deadline is a new occurrence).
      const overdue: Reminder = {
        kind: 'remediation_overdue',
        subjectId: String(i.id),
        occurrence: i.dueOn,
        agencyId: i.agencyId,
        link: `/warnings/items`,
        recipients,
        title: `Quá hạn xử lý cảnh báo ${i.number}: ${i.title}`,
        body: `Hệ thống "${i.systemName}" chưa được xử lý theo cảnh báo ${i.number}, hạn trả lời ngày ${formatDateVi(i.dueOn)} đã qua. Đề nghị khẩn trương xử lý và trả lời.`,
      };
      return [received, overdue];
    });
  },
};

const scansAndAssessmentsDue: ReminderSource = {
  name: 'scans-and-assessments-due',
  kinds: ['scan_due', 'assessment_due'],
  async collect(db, { today }) {
    const horizon = addDays(today, AHEAD_DAYS);
    const due = await db
      .select({
        id: systems.id,
        agencyId: systems.agencyId,
        name: systems.name,
        scanDue: securityFacts.nextScanDue,
        assessmentDue: securityFacts.nextAssessmentDue,
      })
      .from(systems)
      .where(and(inOperation, isNotNull(securityFacts.level)));
    const people = await usersOf(db, { agencyIds: [...new Set(due.map((d) => d.agencyId))], roles: OWNER_ROLES });
    const out: Reminder[] = [];
    for (const d of due) {
      const recipients = people.filter((p) => p.agencyId === d.agencyId).map((p) => p.id);
      // Never scanned counts as due now; the occurrence is the due date, so the next cycle reminds again.
      const scanDue = d.scanDue ?? today;
      if (scanDue <= horizon) {
        out.push({
          kind: 'scan_due',
          subjectId: String(d.id),
          occurrence: scanDue,
          recipients,
          link: `/warnings/systems/${d.id}`,
          title: `Rà quét lỗ hổng ${scanDue < today ? 'quá hạn' : 'sắp đến hạn'}: ${d.name}`,
          body: d.scanDue
            ? `Hệ thống "${d.name}" cần rà quét lỗ hổng định kỳ trước ngày ${formatDateVi(d.scanDue)} (6 tháng một lần).`
            : `Hệ thống "${d.name}" chưa được rà quét lỗ hổng lần nào; đề nghị tổ chức rà quét.`,
        });
      }
      if (d.assessmentDue && d.assessmentDue <= horizon) {
        out.push({
          kind: 'assessment_due',
          subjectId: String(d.id),
          occurrence: d.assessmentDue,
          recipients,
          link: `/warnings/systems/${d.id}`,
          title: `Kiểm tra, đánh giá ATTT ${d.assessmentDue < today ? 'quá hạn' : 'sắp đến hạn'}: ${d.name}`,
          body: `Hệ thống "${d.name}" cần được kiểm tra, đánh giá ATTT định kỳ trước ngày ${formatDateVi(d.assessmentDue)} theo cấp độ của hệ thống.`,
        });
      }
    }
    return out;
  },
};

export const warningReminders = [warningItems, scansAndAssessmentsDue];
