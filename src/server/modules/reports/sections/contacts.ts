/** Contact points (đầu mối ATTT): designated and published on the agency's portal, as every directive requires. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { agencies, agencyKinds } from '../../agencies/index.ts';
import { percent } from '../../../../shared/requirements/compliance.ts';
import { pct, registerReportSection } from '../registry.ts';

registerReportSection(
  {
    key: 'contacts',
    async build(ctx) {
      const rows = await ctx.db
        .select({ name: agencies.name, contactName: agencies.contactName, contactPhone: agencies.contactPhone, published: agencies.contactPublished })
        .from(agencies)
        .innerJoin(agencyKinds, eq(agencyKinds.code, agencies.kind))
        .where(and(sql`${agencies.path} like ${`${ctx.agency.path}%`}`, eq(agencies.active, true), eq(agencyKinds.external, false)))
        .orderBy(asc(agencyKinds.sort), asc(agencies.name));
      const designated = rows.filter((r) => r.contactName).length;
      const published = rows.filter((r) => r.contactName && r.published).length;
      const gaps = rows.filter((r) => !r.contactName || !r.published);
      return {
        key: 'contacts',
        heading: 'Đầu mối ứng cứu sự cố, bảo đảm an toàn thông tin',
        paragraphs: [
          `Số cơ quan, đơn vị đã cử đầu mối: ${designated}/${rows.length}, đạt ${pct(percent({ applicable: rows.length, met: designated }))}.`,
          `Số cơ quan, đơn vị đã công bố đầu mối trên cổng/trang thông tin điện tử: ${published}/${rows.length}, đạt ${pct(percent({ applicable: rows.length, met: published }))}.`,
          gaps.length
            ? `Các cơ quan, đơn vị chưa cử hoặc chưa công bố đầu mối được liệt kê tại bảng dưới đây.`
            : 'Tất cả cơ quan, đơn vị đã cử và công bố đầu mối.',
        ],
        figures: [
          { key: 'contacts.agencies', label: 'Số cơ quan, đơn vị', value: rows.length },
          { key: 'contacts.designated', label: 'Đã cử đầu mối ATTT', value: designated },
          { key: 'contacts.published', label: 'Đã công bố đầu mối trên cổng thông tin', value: published },
        ],
        tables: gaps.length
          ? [
              {
                title: 'Cơ quan, đơn vị chưa hoàn thành việc cử, công bố đầu mối',
                headers: ['STT', 'Cơ quan, đơn vị', 'Đầu mối', 'Điện thoại', 'Công bố'],
                widths: [9, 38, 22, 18, 13],
                rows: gaps.map((g, i) => [i + 1, g.name, g.contactName ?? 'Chưa cử', g.contactPhone ?? '', g.published ? 'Đã công bố' : 'Chưa']),
              },
            ]
          : [],
      };
    },
  },
  ['quarterly_security', 'agency_compliance'],
);
