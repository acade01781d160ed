/** The directive indicators of the subtree for the report's quarter, against their targets (DOMAIN.md §4). */
import { buildDashboard } from '../../indicators/index.ts';
import { INDICATORS, ragLabel } from '../../../../shared/indicators/rules.ts';
import { pct, registerReportSection } from '../registry.ts';

registerReportSection(
  {
    key: 'indicators',
    async build(ctx) {
      const period = `${ctx.year}-Q${ctx.quarter ?? 4}`;
      const d = await buildDashboard(ctx.db, ctx.actor, { agencyId: ctx.agency.id, period });
      const value = (id: keyof typeof INDICATORS) => d.values.find((v) => v.id === id)!;
      const am = value('antimalware');
      const training = value('training');
      const budget = value('budget');
      return {
        key: 'indicators',
        heading: 'Kết quả thực hiện các chỉ tiêu bảo đảm an toàn thông tin',
        paragraphs: [
          `Máy chủ, máy trạm được cài đặt phần mềm phòng chống mã độc có quản trị tập trung: ${am.num}/${am.den}, đạt ${pct(am.percent)}.`,
          `Cán bộ, công chức, viên chức được phổ biến, tập huấn kỹ năng bảo đảm an toàn thông tin: ${training.num}/${training.den}, đạt ${pct(training.percent)}.`,
          `Tỷ lệ kinh phí dành cho an toàn thông tin trong các kế hoạch, dự án công nghệ thông tin năm ${ctx.year}: ${pct(budget.percent)} (mục tiêu tối thiểu ${budget.target}%).`,
          `Điểm tổng hợp theo các chỉ tiêu: ${d.score === null ? '—' : String(d.score).replace('.', ',')}/100.`,
        ],
        figures: [
          ...d.values.map((v) => ({ key: `indicators.${v.id}`, label: INDICATORS[v.id].vi, value: v.percent })),
          { key: 'indicators.score', label: 'Điểm tổng hợp', value: d.score },
        ],
        tables: [
          {
            title: `Các chỉ tiêu theo chỉ thị, kỳ ${period}`,
            headers: ['STT', 'Chỉ tiêu', 'Kết quả', 'Tỷ lệ', 'Mục tiêu', 'Đánh giá'],
            widths: [7, 45, 14, 10, 10, 14],
            rows: d.values.map((v, i) => [
              i + 1,
              INDICATORS[v.id].vi,
              v.id === 'budget' ? '' : `${v.num}/${v.den}`,
              pct(v.percent),
              `${v.id === 'budget' ? '≥ ' : ''}${v.target}%`,
              ragLabel(v),
            ]),
          },
        ],
      };
    },
  },
  ['quarterly_security', 'directive_yearly', 'agency_compliance'],
);
