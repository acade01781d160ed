/** The reminders of directive tasks, delivered by the reminders module. */
import { and, eq, isNotNull, lte, notInArray } from 'drizzle-orm';
import { agencies } from '../agencies/index.ts';
import { usersOf } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { directives, directiveTasks, taskAssignments } from './schema.ts';
import { taskReminderKind } from '../../../shared/reminders/kinds.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';

/** Tasks due within 7 days, within 1 day, or overdue: to the officers and admins of the assigned agency. */
export const directiveReminders: ReminderSource = {
  name: 'directive-tasks',
  kinds: ['task_due_7', 'task_due_1', 'task_overdue'],
  async collect(db, { today }) {
    const rows = await db
      .select({
        id: taskAssignments.id,
        agencyId: taskAssignments.agencyId,
        dueOn: taskAssignments.dueOn,
        agencyName: agencies.name,
        text: directiveTasks.text,
        number: directives.number,
      })
      .from(taskAssignments)
      .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
      .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
      .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
      .where(
        and(
          eq(directiveTasks.active, true),
          isNotNull(taskAssignments.dueOn),
          lte(taskAssignments.dueOn, addDays(today, 7)),
          notInArray(taskAssignments.status, ['submitted', 'completed']),
        ),
      );
    const people = await usersOf(db, { agencyIds: [...new Set(rows.map((r) => r.agencyId))], roles: ['agency_admin', 'agency_officer'] });
    const out: Reminder[] = [];
    for (const r of rows) {
      const kind = taskReminderKind(r.dueOn!, today);
      if (!kind) continue;
      const short = r.text.length > 90 ? `${r.text.slice(0, 87)}…` : r.text;
      const title = kind === 'task_overdue' ? `Nhiệm vụ quá hạn: ${short}` : `Nhiệm vụ sắp đến hạn (${formatDateVi(r.dueOn!)}): ${short}`;
      out.push({
        kind,
        subjectId: String(r.id),
        occurrence: r.dueOn!,
        agencyId: r.agencyId,
        title,
        link: `/tasks/assignments/${r.id}`,
        recipients: people.filter((p) => p.agencyId === r.agencyId).map((p) => p.id),
        body:
          `${r.agencyName} được giao nhiệm vụ theo văn bản ${r.number}: "${r.text}". Hạn hoàn thành: ${formatDateVi(r.dueOn!)}.` +
          (kind === 'task_overdue' ? ' Nhiệm vụ đã quá hạn, đề nghị khẩn trương thực hiện và báo cáo kết quả.' : ' Đề nghị báo cáo kết quả trước hạn.'),
      });
    }
    return out;
  },
};
