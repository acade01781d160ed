/** The reminders of level dossiers, delivered by the reminders module. */
import { eq } from 'drizzle-orm';
import { agencies } from '../agencies/index.ts';
import { systems } from '../systems/index.ts';
import { usersOf } from '../users/index.ts';
import type { ReminderSource } from '../reminders/index.ts';
import { dossiers } from './schema.ts';

/** Level dossiers submitted and not yet taken for appraisal: to the specialized security unit. Each submission counts once. */
export const dossierReminders: ReminderSource = {
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
};
