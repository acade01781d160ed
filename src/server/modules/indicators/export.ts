import ExcelJS from 'exceljs';
import type { buildDashboard } from './dashboard.ts';
import { INDICATOR_IDS, INDICATORS, indicatorCitations, ragLabel, type IndicatorValue } from '../../../shared/indicators/rules.ts';
import { formatCitations } from '../../../shared/legal/citation.ts';

type Dashboard = Awaited<ReturnType<typeof buildDashboard>>;
const RAG_FILL = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE', none: 'FFFFFFFF' };

/** The dashboard's tables as a workbook: indicators, children, tiers, ranking, trend and overdue lists. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khiên';
  const header = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const indicatorColumns = INDICATOR_IDS.map((id) => ({ header: `${INDICATORS[id].vi} (%)`, key: id, width: 18 }));
  const percents = (values: IndicatorValue[]) => Object.fromEntries(values.map((v) => [v.id, v.percent]));

  const main = wb.addWorksheet('Chỉ tiêu');
  main.columns = [
    { header: 'Chỉ tiêu', key: 'name', width: 60 },
    { header: 'Đạt', key: 'num', width: 14 },
    { header: 'Tổng', key: 'den', width: 14 },
    { header: 'Tỷ lệ (%)', key: 'percent', width: 12 },
    { header: 'Mục tiêu (%)', key: 'target', width: 12 },
    { header: 'Đánh giá', key: 'rag', width: 22 },
    { header: 'Căn cứ', key: 'source', width: 60 },
  ];
  header(main);
  for (const v of d.values) {
    const row = main.addRow({
      name: INDICATORS[v.id].vi,
      num: v.num,
      den: v.den,
      percent: v.percent,
      target: v.target,
      rag: ragLabel(v),
      source: formatCitations(indicatorCitations(v.id, d.today)),
    });
    row.getCell('rag').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[v.rag] } };
  }
  main.addRow({});
  main.addRow({ name: `Điểm tổng hợp: ${d.score ?? '—'}` });
  main.addRow({ name: `Phạm vi: ${d.agency.name} — kỳ ${d.period} — lập ngày ${d.today}` });

  const groups = (name: string, rows: { label: string; agencies: number; score: number | null; values: IndicatorValue[] }[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: 'Đơn vị', key: 'label', width: 45 },
      { header: 'Số cơ quan', key: 'agencies', width: 12 },
      { header: 'Điểm', key: 'score', width: 10 },
      ...indicatorColumns,
    ];
    header(ws);
    for (const r of rows) ws.addRow({ label: r.label, agencies: r.agencies, score: r.score, ...percents(r.values) });
  };
  groups(
    'Đơn vị trực thuộc',
    d.children.map((c) => ({ label: c.agency.name, ...c })),
  );
  groups(
    'Theo cấp',
    d.tiers.map((t) => ({ label: t.vi, ...t })),
  );

  const ranking = wb.addWorksheet('Xếp hạng');
  ranking.columns = [
    { header: 'Hạng', key: 'rank', width: 8 },
    { header: 'Cơ quan', key: 'name', width: 50 },
    { header: 'Điểm', key: 'score', width: 10 },
    { header: 'Đã báo cáo kỳ này', key: 'reported', width: 18 },
  ];
  header(ranking);
  for (const r of d.ranking) ranking.addRow({ rank: r.rank, name: r.agency.name, score: r.score, reported: r.reported ? 'Có' : 'Chưa' });

  const trend = wb.addWorksheet('Xu hướng');
  const trendIds = Object.keys(d.trend[0] ?? {}).filter((k) => k !== 'period') as (keyof typeof INDICATORS)[];
  trend.columns = [{ header: 'Kỳ', key: 'period', width: 10 }, ...trendIds.map((id) => ({ header: `${INDICATORS[id].vi} (%)`, key: id, width: 18 }))];
  header(trend);
  for (const t of d.trend) trend.addRow(t);

  const overdue = wb.addWorksheet('Quá hạn, còn thiếu');
  overdue.columns = [
    { header: 'Nội dung', key: 'what', width: 45 },
    { header: 'Cơ quan', key: 'agency', width: 45 },
    { header: 'Chi tiết', key: 'detail', width: 50 },
  ];
  header(overdue);
  for (const a of d.overdue.antimalwareLate)
    overdue.addRow({ what: 'Phòng chống mã độc tập trung quá hạn', agency: a.agency.name, detail: `${a.percent ?? 0}%` });
  for (const a of d.overdue.notReported) overdue.addRow({ what: 'Chưa báo cáo chỉ tiêu kỳ này', agency: a.name });
  for (const a of d.overdue.contactMissing)
    overdue.addRow({ what: a.designated ? 'Chưa công bố đầu mối ATTT' : 'Chưa cử đầu mối ATTT', agency: a.agency.name });
  for (const b of d.overdue.budgetsUnder10)
    overdue.addRow({
      what: 'Kinh phí ATTT dưới tỷ lệ tối thiểu',
      agency: b.agencyName,
      detail: `${b.name}: ${Math.round((b.securityAmount / b.totalAmount) * 1000) / 10}%`,
    });
  for (const s of d.overdue.systemsUnapproved)
    overdue.addRow({ what: 'Hệ thống vận hành chưa được phê duyệt cấp độ', agency: s.agencyName, detail: `${s.code} — ${s.name}` });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
