/** The reminders of level dossiers, delivered by the reminders module. */
import { asc, eq, inArray } from 'drizzle-orm';
import { agencies } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { usersOf, usersUnder } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { dossierEvents, dossiers } from './schema.ts';
import { loadMatrix } from './parties.ts';
import { deadlinesOf } from './service.ts';
import { dossierReminderStage, type ReminderKind } from '../../../shared/reminders/kinds.ts';
import { PENDING_STATES } from '../../../shared/dossiers/workflow.ts';
import type { DossierStage } from '../../../shared/dossiers/deadlines.ts';
import { formatCitation } from '../../../shared/legal/citation.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';

/** Level dossiers submitted and not yet taken for appraisal: to the specialized security unit. Each submission counts once. */
export const dossierReminders: ReminderSource = {
  name: 'dossiers-awaiting-appraisal',
  kinds: ['dossier_awaiting_appraisal'],
  async collect(db) {
    const rows = await db
      .select({ id: dossiers.id, submissions: dossiers.submissions, level: dossiers.proposedLevel, systemName: systems.name, agencyName: agencies.name })
      .from(dossiers)
      .innerJoin(systems, eq(systems.id, dossiers.systemId))
      .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .where(eq(dossiers.state, 'submitted'));
    if (!rows.length) return [];
    const appraisers = (await usersOf(db, { roles: ['dept_security'] })).map((u) => u.id);
    return rows.map((r) => ({
      kind: 'dossier_awaiting_appraisal' as const,
      subjectId: String(r.id),
      occurrence: `submission-${r.submissions}`,
      recipients: appraisers,
      title: `Hồ sơ cấp độ chờ thẩm định: ${r.systemName}`,
      link: `/dossiers/${r.id}`,
      body: `${r.agencyName} đã nộp hồ sơ đề xuất cấp độ ${r.level} cho hệ thống "${r.systemName}". Đề nghị tiếp nhận và thẩm định.`,
    }));
  },
};

const STAGE: Record<DossierStage, { kind: ReminderKind; vi: string; from: string }> = {
  completeness: { kind: 'dossier_completeness_due', vi: 'kiểm tra tính hợp lệ', from: 'kể từ ngày tiếp nhận' },
  appraisal: { kind: 'dossier_appraisal_due', vi: 'thẩm định', from: 'kể từ ngày nhận đủ hồ sơ hợp lệ' },
  approval: { kind: 'dossier_approval_due', vi: 'phê duyệt', from: 'kể từ ngày nhận đủ hồ sơ phê duyệt' },
};

/**
 * Level dossiers whose time limit ends within two days, and again once it is past: to whoever must act, the
 * specialized unit for completeness and appraisal, the approver (the unit, or the owning agency's admins) for approval.
 */
export const dossierDeadlineReminders: ReminderSource = {
  name: 'dossier-time-limits',
  kinds: ['dossier_completeness_due', 'dossier_appraisal_due', 'dossier_approval_due'],
  async collect(db, { today }) {
    const rows = await db
      .select({ dossier: dossiers, agencyName: agencies.name, systemName: systems.name })
      .from(dossiers)
      .innerJoin(systems, eq(systems.id, dossiers.systemId))
      .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
      .where(inArray(dossiers.state, PENDING_STATES));
    if (!rows.length) return [];
    const m = await loadMatrix(db);
    const events = await db
      .select({ dossierId: dossierEvents.dossierId, toState: dossierEvents.toState, at: dossierEvents.at })
      .from(dossierEvents)
      .where(
        inArray(
          dossierEvents.dossierId,
          rows.map((r) => r.dossier.id),
        ),
      )
      .orderBy(asc(dossierEvents.id));
    const staff = new Map<string, number[]>();
    const unitStaff = async (designation: string) => {
      const path = m.unit(designation)?.agencyPath;
      if (!path) return [];
      if (!staff.has(path)) staff.set(path, await usersUnder(db, path, ['dept_security']));
      return staff.get(path)!;
    };
    const out: Reminder[] = [];
    for (const { dossier: d, agencyName, systemName } of rows) {
      const current = deadlinesOf(
        m,
        d,
        events.filter((e) => e.dossierId === d.id),
        today,
      ).find((x) => !x.doneOn);
      const stage = current && dossierReminderStage(current.dueOn, today);
      if (!current || !stage) continue;
      const rule = m.rule(d.proposedLevel);
      const recipients =
        current.stage === 'approval' && rule.approverKind === 'owner'
          ? (await usersOf(db, { agencyIds: [d.agencyId], roles: ['agency_admin'] })).map((u) => u.id)
          : await unitStaff(rule.appraiserDesignation);
      const words = STAGE[current.stage];
      const limit = `${current.limit.days} ${current.limit.unit === 'working' ? 'ngày làm việc' : 'ngày'} ${words.from}, ${formatCitation(current.limit.citation)}`;
      out.push({
        kind: words.kind,
        subjectId: String(d.id),
        occurrence: `submission-${d.submissions}:${stage}`,
        recipients,
        link: `/dossiers/${d.id}`,
        title: `${stage === 'overdue' ? 'Quá hạn' : 'Sắp hết hạn'} ${words.vi} hồ sơ cấp độ: ${systemName}`,
        body:
          `Hồ sơ đề xuất cấp độ ${d.proposedLevel} của hệ thống "${systemName}" (${agencyName}) phải được ${words.vi} chậm nhất ngày ` +
          `${formatDateVi(current.dueOn)} (${limit}).${stage === 'overdue' ? ' Thời hạn đã qua, đề nghị khẩn trương xử lý.' : ''}` +
          (current.provisional ? ' Hạn này tính theo lịch nghỉ chưa được công bố đầy đủ, có thể thay đổi.' : ''),
      });
    }
    return out;
  },
};
