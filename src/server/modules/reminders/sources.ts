/**
 * The reminder sources of directive tasks and level dossiers. Incidents, warnings, assessments and scans register
 * theirs from their own modules (see registry.ts).
 */
import { and, eq, isNotNull, lte, notInArray } from 'drizzle-orm';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { dossiers } from '../dossiers/schema.ts';
import { directives, directiveTasks, taskAssignments } from '../directives/schema.ts';
import { registerReminderSource, type Reminder } from './registry.ts';
import { usersOf } from './recipients.ts';
import { taskReminderKind } from '../../../shared/reminders/kinds.ts';
import { addDays } from '../../../shared/core/recurrence.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';

/** Tasks due within 7 days, within 1 day, or overdue: to the officers and admins of the assigned agency. */
registerReminderSource({
  name: 'directive-tasks',
  kinds: ['task_due_7', 'task_due_1', 'task_overdue'],
  async collect(db, { today }) {
    const rows = await db.select({
      id: taskAssignments.id, agencyId: taskAssignments.agencyId, dueOn: taskAssignments.dueOn, agencyName: agencies.name,
      text: directiveTasks.text, number: directives.number,
    }).from(taskAssignments)
      .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
      .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
      .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
      .where(and(eq(directiveTasks.active, true), isNotNull(taskAssignments.dueOn), lte(taskAssignments.dueOn, addDays(today, 7)),
        notInArray(taskAssignments.status, ['submitted', 'completed'])));
    const people = await usersOf(db, { agencyIds: [...new Set(rows.map((r) => r.agencyId))], roles: ['agency_admin', 'agency_officer'] });
    const out: Reminder[] = [];
    for (const r of rows) {
      const kind = taskReminderKind(r.dueOn!, today);
      if (!kind) continue;
      const short = r.text.length > 90 ? `${r.text.slice(0, 87)}…` : r.text;
      const title = kind === 'task_overdue' ? `Nhiệm vụ quá hạn: ${short}` : `Nhiệm vụ sắp đến hạn (${formatDateVi(r.dueOn!)}): ${short}`;
      out.push({
        kind, subjectId: String(r.id), occurrence: r.dueOn!, title, link: `/tasks/assignments/${r.id}`,
        recipients: people.filter((p) => p.agencyId === r.agencyId).map((p) => p.id),
        body: `${r.agencyName} được giao nhiệm vụ theo văn bản ${r.number}: "${r.text}". Hạn hoàn thành: ${formatDateVi(r.dueOn!)}.`
          + (kind === 'task_overdue' ? ' Nhiệm vụ đã quá hạn, đề nghị khẩn trương thực hiện và báo cáo kết quả.' : ' Đề nghị báo cáo kết quả trước hạn.'),
      });
    }
    return out;
  },
});

/** Level dossiers submitted and not yet taken for appraisal: to the specialized security unit. Each submission counts once. */
registerReminderSource({
  name: 'dossiers-awaiting-appraisal',
  kinds: ['dossier_awaiting_appraisal'],
  async collect(db) {
    const rows = await db.select({ id: dossiers.id, submissions: dossiers.submissions, level: dossiers.proposedLevel, systemName: systems.name, agencyName: agencies.name })
      .from(dossiers).innerJoin(systems, eq(systems.id, dossiers.systemId)).innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .where(eq(dossiers.state, 'submitted'));
    if (!rows.length) return [];
    const appraisers = (await usersOf(db, { roles: ['dept_security'] })).map((u) => u.id);
    return rows.map((r) => ({
      kind: 'dossier_awaiting_appraisal' as const, subjectId: String(r.id), occurrence: `submission-${r.submissions}`, recipients: appraisers,
      title: `Hồ sơ cấp độ chờ thẩm định: ${r.systemName}`, link: `/dossiers/${r.id}`,
      body: `${r.agencyName} đã nộp hồ sơ đề xuất cấp độ ${r.level} cho hệ thống "${r.systemName}". Đề nghị tiếp nhận và thẩm định.`,
    }));
  },
});
