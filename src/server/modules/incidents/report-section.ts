/**
 * The incidents of the quarterly security report (Dispatch 33/CĐ-TTg §1.c): reported in the period by the agencies of
 * the subtree, by kind and severity; reported late by the reporting deadlines in force (policy.ts `lateSql`); cases
 * closed in the period and how many recorded their lessons (Dispatch 33/CĐ-TTg §1.b(3)).
 */
import { and, asc, count, eq, notInArray, sql, type AnyColumn } from 'drizzle-orm';
import { agencies } from '../agencies/index.ts';
import { pct, registerReportSection } from '../reports/index.ts';
import { incidents } from './schema.ts';
import { readableIncident } from './access.ts';
import { lateSql, loadPolicy } from './policy.ts';
import { agencySubtree, onDaysBetween } from './queries.ts';
import { KIND_VI, SEVERITY_VI } from './labels-vi.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import { formatDateTimeVi } from '../../../shared/core/dates.ts';
import { incidentCode, INCIDENT_KINDS, INCIDENT_SEVERITIES, type IncidentKind, type IncidentSeverity } from '../../../shared/incidents/vocabulary.ts';

/** A report rejected at triage or merged into another case is not an incident of its own. */
const NOT_AN_INCIDENT = ['rejected', 'merged'];
const written = (column: AnyColumn) => sql`coalesce(btrim(${column}), '') <> ''`;

registerReportSection(
  {
    key: 'incidents',
    async build(ctx) {
      const scope = and(readableIncident(ctx.actor), await agencySubtree(ctx.db, ctx.actor, ctx.agency.id));
      const reported = and(scope, notInArray(incidents.status, NOT_AN_INCIDENT), ...onDaysBetween(incidents.reportedAt, ctx.period.from, ctx.period.to));
      const late = lateSql(await loadPolicy(ctx.db));
      const grid = await ctx.db
        .select({ kind: incidents.kind, severity: incidents.severity, n: count() })
        .from(incidents)
        .where(reported)
        .groupBy(incidents.kind, incidents.severity);
      const cell = (k: IncidentKind | null, s: IncidentSeverity | null) =>
        grid.filter((g) => (k === null || g.kind === k) && (s === null || g.severity === s)).reduce((a, g) => a + g.n, 0);
      const total = cell(null, null);
      const [t] = await ctx.db
        .select({ serious: sql<number>`count(*) filter (where ${incidents.serious})::int`, late: sql<number>`count(*) filter (where ${late})::int` })
        .from(incidents)
        .where(reported);
      const lateRows = await ctx.db
        .select({
          id: incidents.id,
          reportedAt: incidents.reportedAt,
          detectedAt: incidents.detectedAt,
          agencyName: agencies.name,
          kind: incidents.kind,
          severity: incidents.severity,
        })
        .from(incidents)
        .innerJoin(agencies, eq(agencies.id, incidents.agencyId))
        .where(and(reported, late))
        .orderBy(asc(incidents.reportedAt), asc(incidents.id));
      const [closed] = await ctx.db
        .select({
          n: count(),
          lessons: sql<number>`count(*) filter (where ${written(incidents.responseLessons)} or ${written(incidents.closingLessons)})::int`,
        })
        .from(incidents)
        .where(and(scope, eq(incidents.status, 'closed'), ...onDaysBetween(incidents.closedAt, ctx.period.from, ctx.period.to)));
      const kinds = INCIDENT_KINDS.filter((k) => cell(k, null) > 0);
      const bySeverity = INCIDENT_SEVERITIES.map((s) => `${SEVERITY_VI[s].toLowerCase()}: ${cell(null, s)}`).join('; ');
      const byKind = kinds.map((k) => `${KIND_VI[k].toLowerCase()}: ${cell(k, null)}`).join('; ');
      return {
        key: 'incidents',
        heading: 'Tình hình sự cố an toàn thông tin mạng',
        paragraphs: [
          total
            ? `Trong ${ctx.period.label}, các cơ quan, đơn vị đã báo cáo ${total} sự cố an toàn thông tin mạng (không tính báo cáo bị từ chối hoặc gộp vào sự cố khác), trong đó ${t!.serious} sự cố nghiêm trọng. Theo loại: ${byKind}. Theo mức độ: ${bySeverity}.`
            : `Trong ${ctx.period.label}, các cơ quan, đơn vị không báo cáo sự cố an toàn thông tin mạng nào.`,
          `Số sự cố báo cáo chậm so với thời hạn báo cáo sự cố: ${t!.late}/${total}.`,
          `Số sự cố đã kết thúc ứng cứu trong kỳ: ${closed!.n}, trong đó đã tổng kết, rút ra bài học kinh nghiệm: ${closed!.lessons}/${closed!.n}, đạt ${pct(percent({ applicable: closed!.n, met: closed!.lessons }))}.`,
        ],
        figures: [
          { key: 'incidents.reported', label: 'Sự cố được báo cáo trong kỳ', value: total },
          { key: 'incidents.serious', label: 'Sự cố nghiêm trọng', value: t!.serious },
          ...INCIDENT_SEVERITIES.map((s) => ({ key: `incidents.severity.${s}`, label: `Sự cố mức độ ${SEVERITY_VI[s].toLowerCase()}`, value: cell(null, s) })),
          ...INCIDENT_KINDS.map((k) => ({ key: `incidents.kind.${k}`, label: `Sự cố loại: ${KIND_VI[k].toLowerCase()}`, value: cell(k, null) })),
          { key: 'incidents.late', label: 'Sự cố báo cáo chậm', value: t!.late },
          { key: 'incidents.closed', label: 'Sự cố đã kết thúc ứng cứu trong kỳ', value: closed!.n },
          { key: 'incidents.closedWithLessons', label: 'Sự cố đã kết thúc có bài học kinh nghiệm', value: closed!.lessons },
        ],
        tables: [
          {
            title: 'Sự cố được báo cáo theo loại và mức độ',
            headers: ['STT', 'Loại sự cố', ...INCIDENT_SEVERITIES.map((s) => SEVERITY_VI[s]), 'Tổng số'],
            widths: [8, 32, 12, 12, 12, 12, 12],
            rows: total
              ? [
                  ...kinds.map((k, i) => [i + 1, KIND_VI[k], ...INCIDENT_SEVERITIES.map((s) => cell(k, s)), cell(k, null)]),
                  ['', 'Tổng cộng', ...INCIDENT_SEVERITIES.map((s) => cell(null, s)), total],
                ]
              : [],
          },
          {
            title: 'Sự cố báo cáo chậm so với thời hạn',
            headers: ['STT', 'Số hiệu sự cố', 'Cơ quan, đơn vị', 'Loại sự cố', 'Mức độ', 'Phát hiện lúc', 'Báo cáo lúc'],
            widths: [7, 15, 24, 16, 10, 14, 14],
            rows: lateRows.map((r, i) => [
              i + 1,
              incidentCode(r.id, r.reportedAt),
              r.agencyName,
              KIND_VI[r.kind as IncidentKind] ?? r.kind,
              SEVERITY_VI[r.severity as IncidentSeverity] ?? r.severity,
              formatDateTimeVi(r.detectedAt),
              formatDateTimeVi(r.reportedAt),
            ]),
          },
        ],
      };
    },
  },
  ['quarterly_security'],
);
