/**
 * Warnings and vulnerabilities of the quarterly security report (Dispatch 33/CĐ-TTg §1.c): the authorities' warnings
 * the province received in the period, the systems of the subtree they concern and how their remediation items
 * stand by the rules of shared/warnings/remediation.ts (answered by the due day, after it, or not yet); the scans of
 * the period and the findings open at its end (scans module).
 */
import { and, asc, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { scanPeriodFigures } from '../scans/index.ts';
import { pct, registerReportSection } from '../reports/index.ts';
import { readableAgency } from '../../auth/scope.ts';
import { remediationItems, warnings } from './schema.ts';
import { percent } from '../../../shared/requirements/compliance.ts';
import { formatDateVi } from '../../../shared/core/dates.ts';
import { receivedOn, remediationOutcome, warningReceivedOn, type ItemStatus } from '../../../shared/warnings/remediation.ts';
import { SEVERITIES, SEVERITY_VI, type Severity } from '../../../shared/scans/findings.ts';

registerReportSection(
  {
    key: 'vulnerabilities',
    async build(ctx) {
      const { from, to } = ctx.period;
      // The day received is the later of the warning's date and the feed's; the SQL only narrows, the rule decides.
      const candidates = await ctx.db
        .select({
          id: warnings.id,
          source: warnings.source,
          number: warnings.number,
          title: warnings.title,
          severity: warnings.severity,
          issuedOn: warnings.issuedOn,
          fetchedAt: warnings.fetchedAt,
        })
        .from(warnings)
        .where(and(lte(warnings.issuedOn, to), or(gte(warnings.issuedOn, from), sql`${warnings.fetchedAt} >= ${`${from}T00:00:00+07:00`}::timestamptz`)))
        .orderBy(asc(warnings.issuedOn), asc(warnings.id));
      const received = candidates
        .map((w) => ({ ...w, receivedOn: warningReceivedOn({ issuedOn: w.issuedOn, receivedOn: receivedOn(w.fetchedAt) }) }))
        .filter((w) => w.receivedOn >= from && w.receivedOn <= to);
      const items = received.length
        ? await ctx.db
            .select({
              warningId: remediationItems.warningId,
              systemId: remediationItems.systemId,
              status: remediationItems.status,
              dueOn: remediationItems.dueOn,
              resolvedOn: remediationItems.resolvedOn,
            })
            .from(remediationItems)
            .where(
              and(
                inArray(
                  remediationItems.warningId,
                  received.map((w) => w.id),
                ),
                readableAgency(ctx.actor, remediationItems.agencyId),
                sql`${remediationItems.agencyId} in (select id from agencies where path like ${`${ctx.agency.path}%`})`,
              ),
            )
        : [];
      const outcomes = items.map((i) => ({ ...i, outcome: remediationOutcome({ status: i.status as ItemStatus, dueOn: i.dueOn, resolvedOn: i.resolvedOn }) }));
      const tally = (list: typeof outcomes) => ({
        items: list.length,
        systems: new Set(list.map((i) => i.systemId)).size,
        onTime: list.filter((i) => i.outcome === 'on_time').length,
        late: list.filter((i) => i.outcome === 'late').length,
        open: list.filter((i) => i.outcome === 'open').length,
        overdue: list.filter((i) => i.outcome === 'open' && i.dueOn < ctx.today).length,
      });
      const all = tally(outcomes);
      const concerned = received.filter((w) => outcomes.some((i) => i.warningId === w.id));
      // At the end of the period, or today while it runs.
      const asOf = [to, ctx.today].sort()[0]!;
      const scans = await scanPeriodFigures(ctx.db, ctx.actor, { path: ctx.agency.path, from, to, asOf });
      const openTotal = SEVERITIES.reduce((a, s) => a + scans.open[s], 0);
      const severityText = (s: string) => SEVERITY_VI[s as Severity] ?? s;
      return {
        key: 'vulnerabilities',
        heading: 'Cảnh báo, lỗ hổng bảo mật và kết quả xử lý',
        paragraphs: [
          `Trong ${ctx.period.label} đã tiếp nhận ${received.length} cảnh báo của cơ quan chức năng, trong đó ${concerned.length} cảnh báo liên quan đến ${all.systems} hệ thống thông tin thuộc phạm vi báo cáo (${all.items} lượt hệ thống phải xử lý).`,
          `Kết quả xử lý tính đến ngày ${formatDateVi(ctx.today)}: xử lý đúng hạn ${all.onTime}/${all.items}, đạt ${pct(percent({ applicable: all.items, met: all.onTime }))}; xử lý quá hạn ${all.late}; chưa xử lý ${all.open}, trong đó đã quá hạn ${all.overdue}.`,
          `Trong kỳ đã thực hiện ${scans.scans} lượt rà quét lỗ hổng bảo mật trên ${scans.systemsScanned} hệ thống thông tin.`,
          `Số lỗ hổng chưa được khắc phục tại ngày ${formatDateVi(asOf)}: ${openTotal} trên ${scans.systemsWithOpen} hệ thống (${SEVERITIES.map((s) => `${SEVERITY_VI[s].toLowerCase()}: ${scans.open[s]}`).join('; ')}).`,
        ],
        figures: [
          { key: 'warnings.received', label: 'Cảnh báo tiếp nhận trong kỳ', value: received.length },
          { key: 'warnings.concerning', label: 'Cảnh báo liên quan đến hệ thống thuộc phạm vi', value: concerned.length },
          { key: 'warnings.systems', label: 'Hệ thống bị ảnh hưởng', value: all.systems },
          { key: 'warnings.items', label: 'Lượt hệ thống phải xử lý', value: all.items },
          { key: 'warnings.onTime', label: 'Xử lý đúng hạn', value: all.onTime },
          { key: 'warnings.late', label: 'Xử lý quá hạn', value: all.late },
          { key: 'warnings.open', label: 'Chưa xử lý', value: all.open },
          { key: 'warnings.overdue', label: 'Chưa xử lý, đã quá hạn', value: all.overdue },
          { key: 'scans.done', label: 'Lượt rà quét lỗ hổng trong kỳ', value: scans.scans },
          { key: 'scans.systems', label: 'Hệ thống được rà quét trong kỳ', value: scans.systemsScanned },
          ...SEVERITIES.map((s) => ({ key: `findings.open.${s}`, label: `Lỗ hổng chưa khắc phục mức ${SEVERITY_VI[s].toLowerCase()}`, value: scans.open[s] })),
        ],
        tables: [
          {
            title: 'Kết quả xử lý cảnh báo theo từng cảnh báo',
            headers: ['STT', 'Cảnh báo', 'Mức độ', 'Ngày tiếp nhận', 'Số hệ thống', 'Đúng hạn', 'Quá hạn', 'Chưa xử lý'],
            widths: [7, 35, 11, 12, 9, 9, 8, 9],
            rows: concerned.map((w, i) => {
              const t = tally(outcomes.filter((o) => o.warningId === w.id));
              return [
                i + 1,
                `${w.number} (${w.source}): ${w.title}`,
                severityText(w.severity),
                formatDateVi(w.receivedOn),
                t.systems,
                t.onTime,
                t.late,
                t.open,
              ];
            }),
          },
          {
            title: 'Lỗ hổng chưa khắc phục theo mức độ',
            headers: ['Mức độ', 'Số lỗ hổng'],
            widths: [60, 40],
            rows: [...SEVERITIES.map((s) => [SEVERITY_VI[s], scans.open[s]]), ['Tổng cộng', openTotal]],
          },
        ],
      };
    },
  },
  ['quarterly_security'],
);
