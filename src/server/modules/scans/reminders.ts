/**
 * Reminders of findings: to the assignee when a finding is due within FINDING_AHEAD_DAYS and when it is overdue; to the
 * agency's IT officers a weekly count of its overdue findings; before a false positive or accepted risk lapses, to
 * the assignee, the approver and the IT officers.
 */
import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { systems } from '../systems/index.ts';
import { usersOf } from '../users/index.ts';
import type { Reminder, ReminderSource } from '../reminders/index.ts';
import { findingDueOn, findingOverdue, unresolved } from './facts.ts';
import { findings } from './schema.ts';
import { EXCEPTION_STATUSES } from '../../../shared/scans/workflow.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';
import { addDays } from '../../../shared/core/recurrence.ts';

/** How far ahead an assignee hears of a due finding, and an approver of a lapsing exception. */
const FINDING_AHEAD_DAYS = 7;
const EXCEPTION_AHEAD_DAYS = 14;
const IT_OFFICERS = ['agency_officer'];

/** Monday of the week of `day`: the weekly count goes out once a week. */
const weekOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

const findingsDue: ReminderSource = {
  name: 'findings-due',
  kinds: ['finding_due', 'finding_overdue'],
  async collect(db, { today }) {
    const assigned = await db
      .select({
        id: findings.id,
        agencyId: findings.agencyId,
        title: findings.title,
        systemName: systems.name,
        assignee: findings.assigneeUserId,
        dueOn: sql<string>`(${findingDueOn})::text`,
      })
      .from(findings)
      .innerJoin(systems, eq(systems.id, findings.systemId))
      .where(and(unresolved(findings.status), isNotNull(findings.assigneeUserId), sql`${findingDueOn} <= ${addDays(today, FINDING_AHEAD_DAYS)}::date`));
    const out: Reminder[] = assigned.map((f) => {
      const overdue = f.dueOn < today;
      return {
        kind: overdue ? 'finding_overdue' : 'finding_due',
        subjectId: String(f.id),
        occurrence: f.dueOn,
        agencyId: f.agencyId,
        recipients: [f.assignee!],
        link: `/warnings/findings?assigneeUserId=${f.assignee}`,
        title: `Lỗ hổng ${overdue ? 'quá hạn' : 'sắp đến hạn'} khắc phục: ${f.title}`,
        body: `Lỗ hổng "${f.title}" của hệ thống "${f.systemName}" được giao cho bạn, hạn khắc phục ngày ${formatDateVi(f.dueOn)}.`,
      };
    });
    const byAgency = await db
      .select({ agencyId: findings.agencyId, n: sql<number>`count(*)::int` })
      .from(findings)
      .where(findingOverdue)
      .groupBy(findings.agencyId);
    const officers = await usersOf(db, { agencyIds: byAgency.map((a) => a.agencyId), roles: IT_OFFICERS });
    for (const a of byAgency) {
      out.push({
        kind: 'finding_overdue',
        subjectId: `agency-${a.agencyId}`,
        occurrence: weekOf(today),
        recipients: officers.filter((o) => o.agencyId === a.agencyId).map((o) => o.id),
        link: `/warnings/findings?agencyId=${a.agencyId}&overdue=true`,
        title: `${a.n} lỗ hổng quá hạn khắc phục`,
        body: `Cơ quan có ${a.n} lỗ hổng đã quá hạn khắc phục theo mức độ nghiêm trọng. Đề nghị khắc phục hoặc cập nhật tình trạng xử lý.`,
      });
    }
    return out;
  },
};

const exceptionsLapsing: ReminderSource = {
  name: 'finding-exceptions-lapsing',
  kinds: ['finding_exception_expiring'],
  async collect(db, { today }) {
    const lapsing = await db
      .select({
        id: findings.id,
        agencyId: findings.agencyId,
        systemId: findings.systemId,
        status: findings.status,
        title: findings.title,
        systemName: systems.name,
        assignee: findings.assigneeUserId,
        approver: findings.approvedByUserId,
        expiresOn: findings.exceptionExpiresOn,
      })
      .from(findings)
      .innerJoin(systems, eq(systems.id, findings.systemId))
      .where(
        and(
          inArray(findings.status, [...EXCEPTION_STATUSES]),
          gte(findings.exceptionExpiresOn, today),
          lte(findings.exceptionExpiresOn, addDays(today, EXCEPTION_AHEAD_DAYS)),
        ),
      );
    const officers = await usersOf(db, { agencyIds: [...new Set(lapsing.map((f) => f.agencyId))], roles: IT_OFFICERS });
    return lapsing.map(
      (f): Reminder => ({
        kind: 'finding_exception_expiring',
        subjectId: String(f.id),
        occurrence: f.expiresOn!,
        recipients: [
          ...new Set([f.assignee, f.approver, ...officers.filter((o) => o.agencyId === f.agencyId).map((o) => o.id)].filter((id): id is number => id !== null)),
        ],
        link: `/warnings/findings?systemId=${f.systemId}&status=${f.status}`,
        title: `Ngoại lệ sắp hết hiệu lực: ${f.title}`,
        body: `Lỗ hổng "${f.title}" của hệ thống "${f.systemName}" được ghi nhận là ngoại lệ đến ngày ${formatDateVi(f.expiresOn!)}; sau ngày đó lỗ hổng được mở lại để xử lý.`,
      }),
    );
  },
};

export const findingReminders = [findingsDue, exceptionsLapsing];
