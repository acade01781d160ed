/**
 * Every rule of Khiên that comes from a legal instrument, with the citations it rests on: the rule modules keep
 * their citations beside the rule (`*_CITATIONS`, `INDICATORS[id].citations`); this list gathers them so an
 * instrument can show what cites it, and a rule citing an instrument no longer in force can be flagged.
 */
import { REQUIREMENT_CATALOG_CITATIONS, REQUIREMENT_CONDITION_CITATIONS } from '../requirements/compliance.ts';
import { VIETNAMESE_PRODUCT_CITATIONS } from '../systems/domestic.ts';
import { INDICATOR_IDS, INDICATORS, SOC_LINK_CITATIONS } from '../indicators/rules.ts';
import { EXERCISE_CITATIONS, RESPONSE_PLAN_CITATIONS } from '../incidents/readiness.ts';
import { PARAMETER_KEYS, PARAMETERS } from '../parameters/catalog.ts';
import { seededCitations } from '../parameters/province.ts';
import { SIGNATURE_TOKEN_CITATIONS } from '../signatures/validity.ts';
import { HUNT_CITATIONS } from '../hunts/rules.ts';
import { QUARTERLY_REPORT_CITATION } from '../directives/tasks.ts';
import { CONTRIBUTION_BASIS, YEARLY_REPORT_BASIS } from '../contributions/due.ts';
import { formatCitation, type Citation } from './citation.ts';
import { INSTRUMENTS, instrumentById, standingOn, type Standing } from './instruments.ts';

export type CitedRule = {
  id: string;
  labelVi: string;
  labelEn: string;
  /** The file and name that decide the rule. */
  where: string;
  citations: readonly Citation[];
};

const decree85 = (article: number, clause?: number): Citation => ({ instrument: 'decree-85-2016', article, clause });

export const CITED_RULES: readonly CitedRule[] = [
  ...INDICATOR_IDS.map((id) => ({
    id: `indicator.${id}`,
    labelVi: `Chỉ tiêu: ${INDICATORS[id].vi}`,
    labelEn: `Indicator: ${INDICATORS[id].en}`,
    where: `src/shared/indicators/rules.ts INDICATORS.${id}`,
    citations: INDICATORS[id].citations,
  })),
  // The province's parameters, as seeded (data/province-parameters.json); the admin page shows each period's own citation.
  ...PARAMETER_KEYS.map((key) => ({
    id: `parameter.${key}`,
    labelVi: `Tham số: ${PARAMETERS[key].vi}`,
    labelEn: `Parameter: ${PARAMETERS[key].en}`,
    where: `data/province-parameters.json ${key} (table province_parameters)`,
    citations: seededCitations(key),
  })),
  {
    id: 'requirements.catalog',
    labelVi: 'Danh mục yêu cầu an toàn cơ bản theo cấp độ',
    labelEn: 'Baseline security requirements by level',
    where: 'data/requirements.json (each entry cites its section)',
    citations: REQUIREMENT_CATALOG_CITATIONS,
  },
  {
    id: 'systems.vietnameseProducts',
    labelVi: 'Ưu tiên sản phẩm do doanh nghiệp Việt Nam sản xuất hoặc làm chủ công nghệ: ghi nhận theo từng sản phẩm, tỷ lệ theo cơ quan',
    labelEn: 'Preference for products made or technology-mastered by Vietnamese enterprises: recorded per product, the share per agency',
    where: 'src/shared/systems/domestic.ts vietnameseOf; data/product-aliases.json vietnameseEnterprise',
    citations: VIETNAMESE_PRODUCT_CITATIONS,
  },
  {
    id: 'requirements.testSystemPersonalData',
    labelVi: 'Hệ thống thử nghiệm có thu thập, xử lý, lưu trữ thông tin cá nhân được bảo đảm an toàn như hệ thống đang vận hành thật',
    labelEn: 'A test system that collects, processes or stores personal information is secured like one in real operation',
    where: 'src/shared/requirements/compliance.ts conditionHolds; SQL requirement_condition_holds (migration 0022)',
    citations: REQUIREMENT_CONDITION_CITATIONS.test_system_personal_data,
  },
  {
    id: 'readiness.responsePlan',
    labelVi: 'Mỗi hệ thống có phương án, kịch bản ứng cứu sự cố, cập nhật khi thay đổi',
    labelEn: 'Every system has an incident response plan and playbooks, kept up to date',
    where: 'src/shared/incidents/readiness.ts currentPlan, reviewOverdue',
    citations: RESPONSE_PLAN_CITATIONS,
  },
  {
    id: 'readiness.exercise',
    labelVi: 'Diễn tập thực chiến ít nhất 01 lần/năm cho hệ thống cấp độ 3 trở lên',
    labelEn: 'A live exercise at least once a year for systems of level 3 and above',
    where: 'src/shared/incidents/readiness.ts EXERCISE_LEVEL, EXERCISE_EVERY_MONTHS',
    citations: EXERCISE_CITATIONS,
  },
  {
    id: 'indicators.socLink',
    labelVi: 'Duy trì kết nối, chia sẻ thông tin với Trung tâm điều hành an toàn, an ninh mạng của tỉnh',
    labelEn: "Keep the link to, and share information with, the province's security operations centre",
    where: 'src/shared/indicators/rules.ts socConnected; table soc_connections',
    citations: SOC_LINK_CITATIONS,
  },
  {
    id: 'hunts.record',
    labelVi: 'Chủ động săn lùng các mối nguy hại để phòng ngừa, ngăn chặn; ghi nhận từng đợt săn lùng và sự cố phát hiện được',
    labelEn: 'Actively hunt threats to prevent and stop them; record each hunt and the incidents it finds',
    where: 'src/shared/hunts/rules.ts HUNT_CITATIONS, huntProblem; table hunts',
    citations: HUNT_CITATIONS,
  },
  {
    id: 'signatures.tokens',
    labelVi: 'Sử dụng và quản lý khóa bí mật (USB token), chứng thư số chuyên dùng theo đúng quy định',
    labelEn: 'Use and manage special-use signature tokens (USB token) and certificates as the rules require',
    where: 'src/shared/signatures/validity.ts tokenState, EXPIRY_NOTICE_DAYS; table signature_tokens',
    citations: SIGNATURE_TOKEN_CITATIONS,
  },
  {
    id: 'reports.yearly',
    labelVi: 'Báo cáo năm của đơn vị chuyên trách gửi UBND tỉnh, tổng hợp kết quả của các cơ quan, đơn vị',
    labelEn: "The security unit's yearly report to the Provincial People's Committee, compiling the agencies' results",
    where: 'src/server/modules/reports/builder.ts (kind yearly_security); src/shared/contributions/due.ts yearlyDueDays',
    citations: YEARLY_REPORT_BASIS,
  },
  {
    id: 'contributions.yearly',
    labelVi: 'Các cơ quan, đơn vị gửi kết quả thực hiện hằng năm qua đơn vị chuyên trách để tổng hợp',
    labelEn: 'Agencies send their yearly results through the security unit to be compiled',
    where: 'src/shared/contributions/due.ts contributionState, contributionReminder; tables contribution_calls, contributions',
    citations: [CONTRIBUTION_BASIS],
  },
  {
    id: 'incidents.workflow',
    labelVi: 'Tiếp nhận, điều phối, ứng cứu sự cố; báo cáo đồng thời cơ quan chủ quản, đơn vị chuyên trách, cơ quan điều phối quốc gia',
    labelEn: 'Receiving, coordinating and responding to incidents; reporting to the managing body, the response unit and the national coordinator',
    where: 'src/shared/incidents/workflow.ts',
    citations: [{ instrument: 'circular-20-2017' }, { instrument: 'dispatch-33-2024', clause: 1, point: 'b' }],
  },
  {
    id: 'reports.quarterlySecurity',
    labelVi: 'Báo cáo hằng quý tình hình bảo đảm an toàn thông tin mạng của các hệ thống thông tin thuộc phạm vi quản lý, trước ngày 20 của tháng cuối quý',
    labelEn: "Quarterly report on the security of the information systems under management, before the 20th of the quarter's last month",
    where: 'src/server/modules/reports/builder.ts (quarterly_security); src/shared/directives/tasks.ts QUARTERLY_REPORT_CITATION',
    citations: [QUARTERLY_REPORT_CITATION],
  },
  {
    id: 'documents.layout',
    labelVi: 'Thể thức, kỹ thuật trình bày văn bản hành chính',
    labelEn: 'Layout of administrative documents',
    where: 'src/server/documents/decree30.ts',
    citations: [
      { instrument: 'decree-30-2020', article: 8 },
      { instrument: 'decree-30-2020', article: 9 },
    ],
  },
  // The rules below belong to modules being rewritten (classification, dossier approval, incident deadlines); their
  // citations are listed here as the code states them today, until those modules export their own.
  {
    id: 'systems.classification',
    labelVi: 'Tiêu chí xác định cấp độ hệ thống thông tin',
    labelEn: 'Criteria for the security level of a system',
    where: 'src/shared/systems/levels.ts RULES',
    citations: [7, 8, 9, 10, 11].map((a) => decree85(a)),
  },
  {
    id: 'dossiers.approval',
    labelVi: 'Thẩm quyền thẩm định, phê duyệt hồ sơ đề xuất cấp độ',
    labelEn: 'Who appraises and approves a level dossier',
    where: 'data/approval-matrix.json; src/server/modules/dossiers/service.ts partiesOf',
    citations: [1, 2, 3, 4].map((k) => decree85(12, k)),
  },
  {
    id: 'incidents.reportingDeadlines',
    labelVi: 'Thời hạn báo cáo sự cố',
    labelEn: 'Incident reporting deadlines',
    where: 'src/shared/incidents/deadlines.ts DEFAULT_REPORT_RULES',
    citations: [{ instrument: 'decision-05-2017' }, { instrument: 'circular-20-2017' }],
  },
];

/** The rules citing an instrument, with the wording of each citation. */
export function rulesCiting(instrumentId: string): { rule: CitedRule; citation: Citation }[] {
  return CITED_RULES.flatMap((rule) => rule.citations.filter((c) => c.instrument === instrumentId).map((citation) => ({ rule, citation })));
}

export type RuleFlag = {
  ruleId: string;
  labelVi: string;
  labelEn: string;
  instrumentId: string;
  citationVi: string;
  citationEn: string;
  standing: Exclude<Standing, 'in_force'>;
};

/** Rules citing an instrument that is not in force on `today`, or whose status is still to confirm. */
export function ruleFlags(today: string): RuleFlag[] {
  return CITED_RULES.flatMap((rule) =>
    rule.citations.flatMap((c) => {
      const standing = standingOn(instrumentById(c.instrument), today);
      return standing === 'in_force'
        ? []
        : [
            {
              ruleId: rule.id,
              labelVi: rule.labelVi,
              labelEn: rule.labelEn,
              instrumentId: c.instrument,
              citationVi: formatCitation(c),
              citationEn: formatCitation(c, 'en'),
              standing,
            },
          ];
    }),
  );
}

/** The registry as the admin page reads it: every instrument, where it stands today and what cites it. */
export function legalOverview(today: string) {
  return {
    asOf: today,
    instruments: INSTRUMENTS.map((i) => ({
      ...i,
      standing: standingOn(i, today),
      citedBy: rulesCiting(i.id).map(({ rule, citation }) => ({
        ruleId: rule.id,
        labelVi: rule.labelVi,
        labelEn: rule.labelEn,
        where: rule.where,
        citationVi: formatCitation(citation),
        citationEn: formatCitation(citation, 'en'),
      })),
    })),
    flags: ruleFlags(today),
  };
}
