/** Systems under management by security level: approval, plan deployment and baseline compliance (Decree 85/2016; TCVN 11930:2017). */
import { and, asc, eq } from 'drizzle-orm';
import { agencies, agencyKinds } from '../../agencies/index.ts';
import { listSystems, systemsStats } from '../../systems/index.ts';
import { percent, REQUIREMENT_CATALOG_CITATIONS } from '../../../../shared/requirements/compliance.ts';
import { formatCitations } from '../../../../shared/legal/citation.ts';
import { pct, registerReportSection, type ReportContext } from '../registry.ts';

type Stats = Awaited<ReturnType<typeof systemsStats>>;

const row = (name: string, s: Pick<Stats, 'total' | 'approved' | 'planDeployed' | 'applicable' | 'met'>) => [
  name,
  s.total,
  s.approved,
  s.planDeployed,
  pct(percent({ applicable: s.applicable, met: s.met })),
];

/** One row per direct sub-agency (its whole subtree), and one for the systems the root agency owns itself. */
async function breakdown(ctx: ReportContext, total: Stats) {
  const children = await ctx.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
    .where(and(eq(agencies.parentId, ctx.agency.id), eq(agencies.active, true), eq(agencyKinds.external, false)))
    .orderBy(asc(agencyKinds.sort), asc(agencies.name));
  const rows: (string | number)[][] = [];
  const own = { total: total.total, approved: total.approved, planDeployed: total.planDeployed, applicable: total.applicable, met: total.met };
  for (const child of children) {
    const s = await systemsStats(ctx.db, ctx.actor, child.id);
    if (!s.total) continue;
    rows.push(row(child.name, s));
    for (const k of Object.keys(own) as (keyof typeof own)[]) own[k] -= s[k];
  }
  if (own.total) rows.unshift(row(`${ctx.agency.name} (trực tiếp quản lý)`, own));
  return rows.map((r, i) => [i + 1, ...r]);
}

registerReportSection(
  {
    key: 'systems',
    async build(ctx) {
      const s = await systemsStats(ctx.db, ctx.actor, ctx.agency.id);
      const levels = [1, 2, 3, 4, 5].map((l) => `cấp độ ${l}: ${s.byLevel[l] ?? 0}`).join('; ');
      return {
        key: 'systems',
        heading: 'Tình hình bảo đảm an toàn hệ thống thông tin theo cấp độ',
        paragraphs: [
          `Tổng số hệ thống thông tin đang quản lý: ${s.total} hệ thống (${levels}; chưa xác định cấp độ: ${s.unclassified}).`,
          `Số hệ thống đã được phê duyệt cấp độ: ${s.approved}/${s.total}, đạt ${pct(s.approvedPercent)} (chỉ tiêu: 100%).`,
          `Số hệ thống đã triển khai đầy đủ phương án bảo đảm an toàn theo hồ sơ được phê duyệt: ${s.planDeployed}/${s.total}, đạt ${pct(s.planDeployedPercent)} (chỉ tiêu: 100%).`,
          `Mức độ đáp ứng các yêu cầu an toàn cơ bản theo ${formatCitations(REQUIREMENT_CATALOG_CITATIONS)}: ${s.met}/${s.applicable} yêu cầu áp dụng, đạt ${pct(s.compliancePercent)}.`,
        ],
        figures: [
          { key: 'systems.total', label: 'Tổng số hệ thống thông tin', value: s.total },
          ...[1, 2, 3, 4, 5].map((l) => ({ key: `systems.level${l}`, label: `Hệ thống cấp độ ${l}`, value: s.byLevel[l] ?? 0 })),
          { key: 'systems.unclassified', label: 'Hệ thống chưa xác định cấp độ', value: s.unclassified },
          { key: 'systems.approved', label: 'Hệ thống đã được phê duyệt cấp độ', value: s.approved },
          { key: 'systems.approvedPercent', label: 'Tỷ lệ hệ thống được phê duyệt cấp độ', value: s.approvedPercent, unit: '%' },
          { key: 'systems.planDeployed', label: 'Hệ thống đã triển khai đầy đủ phương án', value: s.planDeployed },
          { key: 'systems.planDeployedPercent', label: 'Tỷ lệ hệ thống đã triển khai đầy đủ phương án', value: s.planDeployedPercent, unit: '%' },
          { key: 'systems.compliancePercent', label: 'Mức độ đáp ứng yêu cầu cơ bản', value: s.compliancePercent, unit: '%' },
        ],
        tables: [
          {
            title: 'Số lượng hệ thống thông tin theo cấp độ',
            headers: ['Cấp độ', 'Số hệ thống'],
            widths: [60, 40],
            rows: [...[1, 2, 3, 4, 5].map((l) => [`Cấp độ ${l}`, s.byLevel[l] ?? 0]), ['Chưa xác định', s.unclassified], ['Tổng cộng', s.total]],
          },
          {
            title: 'Tình hình theo cơ quan, đơn vị',
            headers: ['STT', 'Cơ quan, đơn vị', 'Số HTTT', 'Đã phê duyệt cấp độ', 'Đã triển khai phương án', 'Đáp ứng yêu cầu'],
            widths: [9, 36, 11, 15, 16, 13],
            rows: await breakdown(ctx, s),
          },
        ],
      };
    },
  },
  ['quarterly_security', 'directive_yearly', 'agency_compliance'],
);

const STATUS_VI: Record<string, string> = { planned: 'Đang lập kế hoạch', in_development: 'Đang xây dựng', in_operation: 'Đang vận hành' };

/** The agency's systems one by one: for the per-agency compliance report. */
registerReportSection(
  {
    key: 'system_list',
    async build(ctx) {
      const { items } = await listSystems(ctx.db, ctx.actor, { agencyId: ctx.agency.id, limit: 5000, offset: 0 });
      const live = items.filter((s) => s.status !== 'retired');
      if (!live.length) return null;
      return {
        key: 'system_list',
        heading: 'Danh mục hệ thống thông tin',
        paragraphs: [`Chi tiết ${live.length} hệ thống thông tin thuộc phạm vi báo cáo.`],
        figures: [],
        tables: [
          {
            title: 'Danh mục hệ thống thông tin',
            headers: ['STT', 'Hệ thống', 'Chủ quản', 'Tình trạng', 'Cấp độ', 'Phê duyệt', 'Đáp ứng yêu cầu'],
            widths: [9, 29, 20, 12, 8, 10, 12],
            rows: live.map((s, i) => [
              i + 1,
              `${s.name} (${s.code})`,
              s.agencyName,
              STATUS_VI[s.status] ?? s.status,
              s.approvedLevel ?? s.proposedLevel ?? '—',
              s.approvedLevel ? 'Đã phê duyệt' : 'Chưa',
              pct(s.compliancePercent),
            ]),
          },
        ],
      };
    },
  },
  ['agency_compliance'],
);
