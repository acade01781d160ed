/** The agencies' contributions to the security unit's yearly report (Thanh Hóa 1.d), compiled: who sent, and what each reported. */
import { contributionsOfYear } from '../../contributions/index.ts';
import { CONTRIBUTION_BASIS } from '../../../../shared/contributions/due.ts';
import { formatCitation } from '../../../../shared/legal/citation.ts';
import { formatDateVi } from '../../../../shared/core/dates.ts';
import { pct, registerReportSection } from '../registry.ts';

const STATE_VI = { submitted: 'Đã gửi đúng hạn', submitted_late: 'Đã gửi (quá hạn)', awaited: 'Chưa gửi', late: 'Chưa gửi (quá hạn)' } as const;

registerReportSection(
  {
    key: 'contributions',
    async build(ctx) {
      const heading = 'Tổng hợp kết quả thực hiện của các cơ quan, đơn vị';
      const found = await contributionsOfYear(ctx.db, ctx.year, ctx.agency.path);
      if (!found)
        return {
          key: 'contributions',
          heading,
          paragraphs: [`Đơn vị chuyên trách chưa mở đợt lấy kết quả thực hiện ${ctx.period.label} của các cơ quan, đơn vị.`],
          figures: [],
          tables: [],
        };
      const { call, contributions: list } = found;
      const sent = list.filter((c) => c.state === 'submitted' || c.state === 'submitted_late');
      const unsent = list.filter((c) => c.state === 'awaited' || c.state === 'late');
      const late = list.filter((c) => c.state === 'submitted_late').length;
      const figure = (c: (typeof list)[number], key: string) => {
        const f = c.figures.find((x) => x.key === key);
        return f ? (f.unit === '%' ? pct(f.value) : (f.value ?? '—')) : '—';
      };
      return {
        key: 'contributions',
        heading,
        paragraphs: [
          `Theo ${formatCitation(CONTRIBUTION_BASIS).replace(/^Điểm/, 'điểm')}, các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày ${formatDateVi(call.contributionsDueOn)}. Đã nhận ${sent.length}/${list.length} báo cáo (quá hạn ${late}); chưa gửi ${unsent.length}${unsent.length ? `: ${unsent.map((c) => c.agencyName).join(', ')}` : ''}.`,
          ...sent.flatMap((c, i) => [
            `${i + 1}. ${c.agencyName} (gửi ngày ${formatDateVi(c.submittedOn!)}). Kết quả thực hiện: ${c.results}`,
            ...(c.difficulties ? [`Khó khăn, vướng mắc: ${c.difficulties}`] : []),
            ...(c.proposals ? [`Đề xuất, kiến nghị: ${c.proposals}`] : []),
          ]),
        ],
        figures: [
          { key: 'contributions.asked', label: 'Cơ quan, đơn vị được đề nghị báo cáo', value: list.length },
          { key: 'contributions.submitted', label: 'Cơ quan, đơn vị đã gửi báo cáo', value: sent.length },
          { key: 'contributions.late', label: 'Báo cáo gửi quá hạn', value: late },
          { key: 'contributions.missing', label: 'Cơ quan, đơn vị chưa gửi báo cáo', value: unsent.length },
        ],
        tables: [
          {
            title: 'Tình hình gửi báo cáo và số liệu của các cơ quan, đơn vị',
            headers: ['STT', 'Cơ quan, đơn vị', 'Tình trạng', 'Ngày gửi', 'Số HTTT', 'Đã phê duyệt cấp độ', 'Đáp ứng yêu cầu'],
            widths: [7, 33, 16, 12, 9, 12, 11],
            rows: list.map((c, i) => [
              i + 1,
              c.agencyName,
              STATE_VI[c.state],
              c.submittedOn ? formatDateVi(c.submittedOn) : '—',
              figure(c, 'systems.total'),
              figure(c, 'systems.approved'),
              figure(c, 'systems.compliancePercent'),
            ]),
          },
        ],
      };
    },
  },
  ['yearly_security'],
);
