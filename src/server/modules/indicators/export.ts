import type { buildDashboard } from './dashboard.ts';
import { xlsxWorkbook, type Column, type Locale, type Sheet, type Words } from '../../documents/spreadsheet.ts';
import {
  INDICATOR_IDS,
  INDICATORS,
  indicatorCitations,
  periodLabel,
  ragLabel,
  TIERS,
  TREND_IDS,
  type IndicatorId,
  type IndicatorValue,
} from '../../../shared/indicators/rules.ts';
import { formatCitations } from '../../../shared/legal/citation.ts';

type Dashboard = Awaited<ReturnType<typeof buildDashboard>>;
type Group = { name: string; tier?: string; agencies: number; score: number | null; values: IndicatorValue[] };

const score: Column<{ score: number | null }> = { key: 'score', header: { vi: 'Điểm', en: 'Score' }, type: 'decimal', value: (r) => r.score };
const AGENCY: Words = { vi: 'Cơ quan', en: 'Agency' };
const percentOf = <R>(id: IndicatorId, values: (r: R) => Partial<Record<IndicatorId, number | null>>): Column<R> => ({
  key: id,
  header: INDICATORS[id],
  type: 'percent',
  value: (r) => values(r)[id],
});
const byId = (values: IndicatorValue[]) => Object.fromEntries(values.map((v) => [v.id, v.percent]));

const groupColumns = (first: Column<Group>): Column<Group>[] => [
  first,
  { key: 'agencies', header: { vi: 'Số cơ quan', en: 'Agencies' }, type: 'integer', value: (g) => g.agencies },
  score,
  ...INDICATOR_IDS.map((id) => percentOf<Group>(id, (g) => byId(g.values))),
];

const OVERDUE: Record<string, Words> = {
  antimalwareLate: { vi: 'Phòng chống mã độc tập trung quá hạn', en: 'Centralized anti-malware past its deadline' },
  notReported: { vi: 'Chưa báo cáo chỉ tiêu kỳ này', en: 'Indicators not reported this period' },
  contactMissing: { vi: 'Chưa cử đầu mối ATTT', en: 'No security contact point designated' },
  contactUnpublished: { vi: 'Chưa công bố đầu mối ATTT', en: 'Security contact point not published' },
  budgetUnder10: { vi: 'Kinh phí ATTT dưới tỷ lệ tối thiểu', en: 'Security budget under the minimum share' },
  systemUnapproved: { vi: 'Hệ thống vận hành chưa được phê duyệt cấp độ', en: 'System in operation without an approved level' },
};
type Overdue = { what: keyof typeof OVERDUE; agency: string; item?: string; percent?: number | null };

function overdueRows(o: Dashboard['overdue']): Overdue[] {
  return [
    ...o.antimalwareLate.map((a) => ({ what: 'antimalwareLate', agency: a.agency.name, percent: a.percent })),
    ...o.notReported.map((a) => ({ what: 'notReported', agency: a.name })),
    ...o.contactMissing.map((a) => ({ what: a.designated ? 'contactUnpublished' : 'contactMissing', agency: a.agency.name })),
    ...o.budgetsUnder10.map((b) => ({
      what: 'budgetUnder10',
      agency: b.agencyName,
      item: b.name,
      percent: Math.round((b.securityAmount / b.totalAmount) * 1000) / 10,
    })),
    ...o.systemsUnapproved.map((s) => ({ what: 'systemUnapproved', agency: s.agencyName, item: `${s.name} (${s.code})` })),
  ];
}

const REPORTED = { yes: { vi: 'Có', en: 'Yes' }, no: { vi: 'Chưa', en: 'Not yet' } };

/** The dashboard's tables as a workbook, every row of each: indicators, sub-units, tiers, ranking, trend, what is late. */
export async function dashboardWorkbook(d: Dashboard, locale: Locale): Promise<Buffer> {
  const indicators: Sheet<IndicatorValue> = {
    name: { vi: 'Chỉ tiêu', en: 'Indicators' },
    title: { vi: 'Các chỉ tiêu bảo đảm an toàn thông tin', en: 'Information security indicators' },
    columns: [
      { key: 'indicator', header: { vi: 'Chỉ tiêu', en: 'Indicator' }, type: 'text', value: (v, l) => INDICATORS[v.id][l] },
      { key: 'num', header: { vi: 'Số đạt', en: 'Achieved' }, type: 'integer', value: (v) => v.num },
      { key: 'den', header: { vi: 'Tổng số', en: 'Total' }, type: 'integer', value: (v) => v.den },
      { key: 'percent', header: { vi: 'Tỷ lệ', en: 'Share' }, type: 'percent', value: (v) => v.percent },
      { key: 'target', header: { vi: 'Mục tiêu', en: 'Target' }, type: 'percent', value: (v) => v.target },
      { key: 'rag', header: { vi: 'Đánh giá', en: 'Status' }, type: 'text', value: (v, l) => ragLabel(v, l) },
      { key: 'source', header: { vi: 'Căn cứ', en: 'Source' }, type: 'text', value: (v, l) => formatCitations(indicatorCitations(v.id, d.today), l) },
    ],
    rows: d.values,
    notes: [
      {
        vi: `Điểm tổng hợp: ${d.score === null ? '—' : d.score.toLocaleString('vi')}/100`,
        en: `Composite score: ${d.score === null ? '—' : d.score.toLocaleString('en')}/100`,
      },
    ],
  };
  const children: Sheet<Group> = {
    name: { vi: 'Đơn vị trực thuộc', en: 'Sub-units' },
    title: { vi: 'Chỉ tiêu theo đơn vị trực thuộc', en: 'Indicators by sub-unit' },
    columns: groupColumns({ key: 'agency', header: { vi: 'Đơn vị', en: 'Unit' }, type: 'text', value: (g) => g.name }),
    rows: d.children.map((c) => ({ ...c, name: c.agency.name })),
  };
  const tiers: Sheet<Group> = {
    name: { vi: 'Theo cấp', en: 'By tier' },
    title: { vi: 'Chỉ tiêu theo cấp', en: 'Indicators by tier' },
    columns: groupColumns({ key: 'tier', header: { vi: 'Cấp', en: 'Tier' }, type: 'enum', labels: TIERS, value: (g) => g.tier }),
    rows: d.tiers.map((t) => ({ ...t, name: t.vi })),
  };
  const ranking: Sheet<Dashboard['ranking'][number]> = {
    name: { vi: 'Xếp hạng', en: 'Ranking' },
    title: { vi: 'Xếp hạng cơ quan theo điểm tổng hợp', en: 'Agencies ranked by composite score' },
    columns: [
      { key: 'rank', header: { vi: 'Hạng', en: 'Rank' }, type: 'integer', value: (r) => r.rank },
      { key: 'agency', header: AGENCY, type: 'text', value: (r) => r.agency.name },
      score,
      {
        key: 'reported',
        header: { vi: 'Đã báo cáo kỳ này', en: 'Reported this period' },
        type: 'enum',
        labels: REPORTED,
        value: (r) => (r.reported ? 'yes' : 'no'),
      },
    ],
    rows: d.ranking,
  };
  type Trend = Dashboard['trend'][number];
  const trend: Sheet<Trend> = {
    name: { vi: 'Xu hướng', en: 'Trend' },
    title: { vi: 'Xu hướng theo quý', en: 'Trend by quarter' },
    columns: [
      { key: 'period', header: { vi: 'Kỳ', en: 'Period' }, type: 'text', value: (t, l) => periodLabel(t.period, l) },
      ...TREND_IDS.map((id) => percentOf<Trend>(id, (t) => t as Partial<Record<IndicatorId, number | null>>)),
    ],
    rows: d.trend,
  };
  const overdue: Sheet<Overdue> = {
    name: { vi: 'Quá hạn, còn thiếu', en: 'Overdue and missing' },
    title: { vi: 'Việc quá hạn, còn thiếu', en: 'What is overdue or missing' },
    columns: [
      { key: 'what', header: { vi: 'Nội dung', en: 'What' }, type: 'enum', labels: OVERDUE, value: (o) => o.what },
      { key: 'agency', header: AGENCY, type: 'text', value: (o) => o.agency },
      { key: 'item', header: { vi: 'Kế hoạch, hệ thống', en: 'Plan or system' }, type: 'text', value: (o) => o.item },
      { key: 'percent', header: { vi: 'Tỷ lệ', en: 'Share' }, type: 'percent', value: (o) => o.percent },
    ],
    rows: overdueRows(d.overdue),
  };
  return xlsxWorkbook({
    locale,
    scope: `${d.agency.name}, ${periodLabel(d.period, locale)}`,
    madeAt: new Date(),
    sheets: [indicators, children, tiers, ranking, trend, overdue],
  });
}
