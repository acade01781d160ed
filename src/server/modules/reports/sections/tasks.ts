/** Directive tasks: what fell due in the period and what was done, for an agency subtree or one directive. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { agencies } from '../../agencies/index.ts';
import { directives, directiveTasks, taskAssignments } from '../../directives/index.ts';
import { percent } from '../../../../shared/requirements/compliance.ts';
import { isOverdue, type AssignmentStatus } from '../../../../shared/directives/tasks.ts';
import { describeRule, type DeadlineRule } from '../../../../shared/core/recurrence.ts';
import { formatDateVi } from '../../../../shared/core/dates.ts';
import { pct, registerReportSection, type ReportContext } from '../registry.ts';

type Row = {
  id: number;
  taskId: number;
  agencyName: string;
  status: AssignmentStatus;
  dueOn: string | null;
  directiveNumber: string;
  directiveTitle: string;
  taskText: string;
  deadline: unknown;
  taskCode: string | null;
};

async function assignments(ctx: ReportContext, extra?: SQL): Promise<Row[]> {
  const rows = await ctx.db
    .select({
      id: taskAssignments.id,
      taskId: taskAssignments.taskId,
      agencyName: agencies.name,
      status: taskAssignments.status,
      dueOn: taskAssignments.dueOn,
      directiveNumber: directives.number,
      directiveTitle: directives.title,
      taskText: directiveTasks.text,
      deadline: directiveTasks.deadline,
      taskCode: directiveTasks.code,
    })
    .from(taskAssignments)
    .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .where(and(sql`${agencies.path} like ${`${ctx.agency.path}%`}`, eq(directiveTasks.active, true), extra))
    .orderBy(asc(directives.issuedOn), asc(directiveTasks.id), asc(agencies.name));
  return rows.map((r) => ({ ...r, status: r.status as AssignmentStatus }));
}

/**
 * Occurrences due in the period: those accepted (a report accepted for a due date in the period) and those still
 * open with a due date in the period.
 */
async function periodCounts(ctx: ReportContext, rows: Row[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { due: 0, done: 0, overdue: 0 };
  const { rows: done } = await ctx.db.execute(sql`select count(distinct (assignment_id, due_on))::int as n from task_reports
    where review = 'accepted' and due_on between ${ctx.period.from} and ${ctx.period.to}
      and assignment_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  const open = rows.filter((r) => r.status !== 'completed' && r.dueOn && r.dueOn >= ctx.period.from && r.dueOn <= ctx.period.to);
  const doneCount = (done[0] as { n: number }).n;
  return { due: doneCount + open.length, done: doneCount, overdue: open.filter((r) => isOverdue(r, ctx.today)).length };
}

function tally(rows: Row[], today: string) {
  return {
    assigned: rows.length,
    completed: rows.filter((r) => r.status === 'completed').length,
    submitted: rows.filter((r) => r.status === 'submitted').length,
    overdue: rows.filter((r) => isOverdue(r, today)).length,
  };
}

registerReportSection(
  {
    key: 'tasks',
    async build(ctx) {
      const rows = await assignments(ctx);
      const p = await periodCounts(ctx, rows);
      const now = tally(rows, ctx.today);
      const byDirective = new Map<string, Row[]>();
      for (const r of rows) byDirective.set(r.directiveNumber, [...(byDirective.get(r.directiveNumber) ?? []), r]);
      return {
        key: 'tasks',
        heading: 'Kết quả thực hiện nhiệm vụ theo văn bản chỉ đạo',
        paragraphs: [
          `Trong ${ctx.period.label} có ${p.due} lượt nhiệm vụ đến hạn; đã hoàn thành và được đơn vị chuyên trách xác nhận ${p.done} lượt, đạt ${pct(percent({ applicable: p.due, met: p.done }))}; quá hạn chưa hoàn thành ${p.overdue} lượt.`,
          `Tính đến ngày ${formatDateVi(ctx.today)}: ${now.assigned} lượt giao nhiệm vụ, trong đó hoàn thành ${now.completed}, chờ xác nhận ${now.submitted}, quá hạn ${now.overdue}.`,
        ],
        figures: [
          { key: 'tasks.periodDue', label: 'Lượt nhiệm vụ đến hạn trong kỳ', value: p.due },
          { key: 'tasks.periodDone', label: 'Lượt nhiệm vụ hoàn thành trong kỳ', value: p.done },
          { key: 'tasks.periodDonePercent', label: 'Tỷ lệ hoàn thành trong kỳ', value: percent({ applicable: p.due, met: p.done }), unit: '%' },
          { key: 'tasks.periodOverdue', label: 'Lượt nhiệm vụ quá hạn trong kỳ', value: p.overdue },
          { key: 'tasks.assigned', label: 'Lượt giao nhiệm vụ', value: now.assigned },
          { key: 'tasks.completed', label: 'Đã hoàn thành', value: now.completed },
          { key: 'tasks.overdue', label: 'Quá hạn', value: now.overdue },
        ],
        tables: byDirective.size
          ? [
              {
                title: 'Tình hình thực hiện theo văn bản chỉ đạo',
                headers: ['STT', 'Văn bản', 'Lượt giao', 'Hoàn thành', 'Chờ xác nhận', 'Quá hạn'],
                widths: [9, 41, 12, 13, 13, 12],
                rows: [...byDirective].map(([number, list], i) => {
                  const t = tally(list, ctx.today);
                  return [i + 1, `${number}: ${list[0]!.directiveTitle}`, t.assigned, t.completed, t.submitted, t.overdue];
                }),
              },
            ]
          : [],
      };
    },
  },
  ['quarterly_security', 'agency_compliance'],
);

/** One directive, task by task and agency by agency: the yearly report to the Provincial People's Committee. */
registerReportSection(
  {
    key: 'directive_tasks',
    async build(ctx) {
      if (!ctx.directive) return null;
      const rows = await assignments(ctx, eq(directives.id, ctx.directive.id));
      const p = await periodCounts(ctx, rows);
      const byTask = new Map<number, Row[]>();
      for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
      const byAgency = new Map<string, Row[]>();
      for (const r of rows) byAgency.set(r.agencyName, [...(byAgency.get(r.agencyName) ?? []), r]);
      const now = tally(rows, ctx.today);
      return {
        key: 'directive_tasks',
        heading: `Kết quả thực hiện các nhiệm vụ của văn bản số ${ctx.directive.number}`,
        paragraphs: [
          `Văn bản giao ${byTask.size} nhiệm vụ cho ${byAgency.size} cơ quan, đơn vị (${now.assigned} lượt giao).`,
          `Trong ${ctx.period.label}: ${p.due} lượt đến hạn, hoàn thành ${p.done} lượt (${pct(percent({ applicable: p.due, met: p.done }))}), quá hạn ${p.overdue} lượt.`,
          `Tính đến ngày ${formatDateVi(ctx.today)}: hoàn thành ${now.completed}, chờ xác nhận ${now.submitted}, quá hạn ${now.overdue} lượt.`,
        ],
        figures: [
          { key: 'directive.tasks', label: 'Số nhiệm vụ', value: byTask.size },
          { key: 'directive.agencies', label: 'Số cơ quan được giao', value: byAgency.size },
          { key: 'directive.periodDue', label: 'Lượt đến hạn trong năm', value: p.due },
          { key: 'directive.periodDone', label: 'Lượt hoàn thành trong năm', value: p.done },
          { key: 'directive.overdue', label: 'Lượt quá hạn', value: now.overdue },
        ],
        tables: [
          {
            title: 'Tình hình thực hiện từng nhiệm vụ',
            headers: ['STT', 'Nhiệm vụ', 'Thời hạn', 'Lượt giao', 'Hoàn thành', 'Quá hạn'],
            widths: [9, 39, 20, 10, 12, 10],
            rows: [...byTask.values()].map((list, i) => {
              const t = tally(list, ctx.today);
              return [list[0]!.taskCode ?? i + 1, list[0]!.taskText, describeRule(list[0]!.deadline as DeadlineRule), t.assigned, t.completed, t.overdue];
            }),
          },
          {
            title: 'Tình hình thực hiện theo cơ quan, đơn vị',
            headers: ['STT', 'Cơ quan, đơn vị', 'Nhiệm vụ được giao', 'Hoàn thành', 'Chờ xác nhận', 'Quá hạn'],
            widths: [9, 39, 14, 13, 13, 12],
            rows: [...byAgency].map(([name, list], i) => {
              const t = tally(list, ctx.today);
              return [i + 1, name, t.assigned, t.completed, t.submitted, t.overdue];
            }),
          },
        ],
      };
    },
  },
  ['directive_yearly'],
);
