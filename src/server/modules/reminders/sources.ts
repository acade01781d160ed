/**
 * The reminder sources of directive tasks and level dossiers. Incidents, warnings, assessments and scans register
 * theirs from their own modules (see registry.ts).
 */
import { and, asc, eq, inArray, isNotNull, lte, notInArray } from 'drizzle-orm';
import { agencies } from '../agencies/schema.ts';
import { systems } from '../systems/schema.ts';
import { dossierEvents, dossiers } from '../dossiers/schema.ts';
import { loadMatrix } from '../dossiers/parties.ts';
import { deadlinesOf } from '../dossiers/service.ts';
import { directives, directiveTasks, taskAssignments } from '../directives/schema.ts';
import { registerReminderSource, type Reminder } from './registry.ts';
import { usersOf, usersUnder } from './recipients.ts';
import { dossierReminderStage, taskReminderKind, type ReminderKind } from '../../../shared/reminders/kinds.ts';
import { PENDING_STATES } from '../../../shared/dossiers/workflow.ts';
import type { DossierStage } from '../../../shared/dossiers/deadlines.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
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

const STAGE: Record<DossierStage, { kind: ReminderKind; vi: string; from: string }> = {
  completeness: { kind: 'dossier_completeness_due', vi: 'kiểm tra tính hợp lệ', from: 'kể từ ngày tiếp nhận' },
  appraisal: { kind: 'dossier_appraisal_due', vi: 'thẩm định', from: 'kể từ ngày nhận đủ hồ sơ hợp lệ' },
  approval: { kind: 'dossier_approval_due', vi: 'phê duyệt', from: 'kể từ ngày nhận đủ hồ sơ phê duyệt' },
};

/**
 * Level dossiers whose time limit ends within two days, and again once it is past: to whoever must act, the
 * specialized unit for completeness and appraisal, the approver (the unit, or the owning agency's admins) for approval.
 */
registerReminderSource({
  name: 'dossier-time-limits',
  kinds: ['dossier_completeness_due', 'dossier_appraisal_due', 'dossier_approval_due'],
  async collect(db, { today }) {
    const rows = await db.select({ dossier: dossiers, agencyName: agencies.name, systemName: systems.name })
      .from(dossiers).innerJoin(systems, eq(systems.id, dossiers.systemId)).innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .where(inArray(dossiers.state, PENDING_STATES));
    if (!rows.length) return [];
    const m = await loadMatrix(db);
    const events = await db.select({ dossierId: dossierEvents.dossierId, toState: dossierEvents.toState, at: dossierEvents.at }).from(dossierEvents)
      .where(inArray(dossierEvents.dossierId, rows.map((r) => r.dossier.id))).orderBy(asc(dossierEvents.id));
    const staff = new Map<string, number[]>();
    const unitStaff = async (designation: string) => {
      const path = m.unitPath(designation);
      if (!path) return [];
      if (!staff.has(path)) staff.set(path, await usersUnder(db, path, ['dept_security']));
      return staff.get(path)!;
    };
    const out: Reminder[] = [];
    for (const { dossier: d, agencyName, systemName } of rows) {
      const current = deadlinesOf(m, d, events.filter((e) => e.dossierId === d.id), today).find((x) => !x.doneOn);
      const stage = current && dossierReminderStage(current.dueOn, today);
      if (!current || !stage) continue;
      const rule = m.rule(d.proposedLevel);
      const recipients = current.stage === 'approval' && rule.approverKind === 'owner'
        ? (await usersOf(db, { agencyIds: [d.agencyId], roles: ['agency_admin'] })).map((u) => u.id)
        : await unitStaff(rule.appraiserDesignation);
      const words = STAGE[current.stage];
      const limit = `${current.limit.days} ${current.limit.unit === 'working' ? 'ngày làm việc' : 'ngày'} ${words.from}, ${formatCitation(current.limit.citation)}`;
      out.push({
        kind: words.kind, subjectId: String(d.id), occurrence: `submission-${d.submissions}:${stage}`, recipients, link: `/dossiers/${d.id}`,
        title: `${stage === 'overdue' ? 'Quá hạn' : 'Sắp hết hạn'} ${words.vi} hồ sơ cấp độ: ${systemName}`,
        body: `Hồ sơ đề xuất cấp độ ${d.proposedLevel} của hệ thống "${systemName}" (${agencyName}) phải được ${words.vi} chậm nhất ngày `
          + `${formatDateVi(current.dueOn)} (${limit}).${stage === 'overdue' ? ' Thời hạn đã qua, đề nghị khẩn trương xử lý.' : ''}`
          + (current.provisional ? ' Hạn này tính theo lịch nghỉ chưa được công bố đầy đủ, có thể thay đổi.' : ''),
      });
    }
    return out;
  },
});
