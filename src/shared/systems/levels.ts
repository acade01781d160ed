import { z } from 'zod';

/**
 * Security level classification of an information system (Decree 85/2016/NĐ-CP, Articles 7–11).
 * A pure rule set: each rule that matches the answers proposes a level and cites its article;
 * the system's level is the highest proposed, and every matching rule is shown as a reason.
 */

const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

export const DATA_KINDS = ['public', 'internal', 'personal', 'sensitive_personal', 'important', 'state_secret'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const ClassificationAnswersSchema = z.object({
  /** Kinds of information the system processes. */
  dataKinds: z.array(z.enum(DATA_KINDS)).max(DATA_KINDS.length),
  usersServed: z.object({ internal: z.boolean(), otherAgencies: z.boolean(), public: z.boolean() }),
  /** Online public services: none, information only, partly online, fully online (DVCTT toàn trình). */
  onlinePublicService: z.enum(['none', 'information', 'partial', 'full']),
  /** Shared information infrastructure serving: nobody, the agency, a province/sector, the whole country. */
  sharedInfrastructure: z.enum(['none', 'agency', 'provincial', 'national']),
  /** Industrial control system: none, of ordinary works, of critical (grade I / special) works. */
  industrialControl: z.enum(['none', 'local', 'critical']),
  /** Serves the agencies of a whole sector or province. */
  sectorWide: z.boolean(),
  /** A national database or national e-government system that must run 24/7. */
  nationalDatabase: z.boolean(),
  /** Sabotage would gravely harm national defence or security. */
  nationalSecurityImpact: z.boolean(),
  /** On the list of important national information systems (Danh mục HTTT quan trọng quốc gia). */
  nationalImportantList: z.boolean(),
});
export type ClassificationAnswers = z.infer<typeof ClassificationAnswersSchema>;

export type LevelReason = { ruleId: string; level: Level; article: string; vi: string; en: string };

type Rule = Omit<LevelReason, 'level'> & { level: Level; applies: (a: ClassificationAnswers) => boolean };

const has = (a: ClassificationAnswers, ...kinds: DataKind[]) => kinds.some((k) => a.dataKinds.includes(k));

const RULES: Rule[] = [
  { ruleId: 'L2-private-data', level: 2, article: 'Điểm a khoản 1 Điều 8 Nghị định 85/2016/NĐ-CP', applies: (a) => has(a, 'internal', 'personal'),
    vi: 'Hệ thống xử lý thông tin riêng, thông tin cá nhân hoặc thông tin nội bộ không công khai', en: 'Processes private, personal or non-public internal information' },
  { ruleId: 'L2-public-information', level: 2, article: 'Điểm b khoản 1 Điều 8 Nghị định 85/2016/NĐ-CP',
    applies: (a) => a.onlinePublicService === 'information' || (a.usersServed.public && a.onlinePublicService === 'none'),
    vi: 'Hệ thống phục vụ người dân, doanh nghiệp cung cấp thông tin hoặc dịch vụ công trực tuyến mức thấp', en: 'Serves citizens and businesses with information or basic online services' },
  { ruleId: 'L2-other-agencies', level: 2, article: 'Điểm b khoản 1 Điều 8 Nghị định 85/2016/NĐ-CP', applies: (a) => a.usersServed.otherAgencies,
    vi: 'Hệ thống phục vụ cơ quan, tổ chức khác ngoài cơ quan chủ quản', en: 'Serves agencies other than its owner' },
  { ruleId: 'L2-agency-infrastructure', level: 2, article: 'Điểm c khoản 1 Điều 8 Nghị định 85/2016/NĐ-CP', applies: (a) => a.sharedInfrastructure === 'agency',
    vi: 'Hệ thống cơ sở hạ tầng thông tin phục vụ hoạt động của cơ quan', en: 'Information infrastructure serving the agency' },
  { ruleId: 'L3-important-data', level: 3, article: 'Điểm a khoản 1 Điều 9 Nghị định 85/2016/NĐ-CP', applies: (a) => has(a, 'sensitive_personal', 'important', 'state_secret'),
    vi: 'Hệ thống xử lý dữ liệu cá nhân nhạy cảm, dữ liệu quan trọng hoặc bí mật nhà nước; bị phá hoại sẽ tổn hại nghiêm trọng quyền, lợi ích hợp pháp của tổ chức, cá nhân',
    en: 'Processes sensitive personal data, important data or state secrets; sabotage would seriously harm lawful interests' },
  { ruleId: 'L3-online-public-service', level: 3, article: 'Điểm b khoản 1 Điều 9 Nghị định 85/2016/NĐ-CP', applies: (a) => a.onlinePublicService === 'partial' || a.onlinePublicService === 'full',
    vi: 'Hệ thống cung cấp dịch vụ công trực tuyến một phần hoặc toàn trình (từ mức độ 3 trở lên)', en: 'Provides partly or fully online public services (level 3 and above)' },
  { ruleId: 'L3-shared-provincial', level: 3, article: 'Điểm c khoản 1 Điều 9 Nghị định 85/2016/NĐ-CP', applies: (a) => a.sharedInfrastructure === 'provincial' || a.sectorWide,
    vi: 'Hệ thống dùng chung phục vụ các cơ quan, tổ chức trong phạm vi một ngành, một tỉnh', en: 'Shared system serving the agencies of a sector or province' },
  { ruleId: 'L3-industrial-control', level: 3, article: 'Điểm d khoản 1 Điều 9 Nghị định 85/2016/NĐ-CP', applies: (a) => a.industrialControl === 'local',
    vi: 'Hệ thống điều khiển công nghiệp trực tiếp điều khiển, vận hành công trình', en: 'Industrial control system directly operating a facility' },
  { ruleId: 'L4-national-system', level: 4, article: 'Điểm b khoản 1 Điều 10 Nghị định 85/2016/NĐ-CP', applies: (a) => a.nationalDatabase,
    vi: 'Hệ thống thông tin quốc gia, cơ sở dữ liệu quốc gia yêu cầu vận hành 24/7', en: 'National information system or database that must run 24/7' },
  { ruleId: 'L4-shared-national', level: 4, article: 'Điểm c khoản 1 Điều 10 Nghị định 85/2016/NĐ-CP', applies: (a) => a.sharedInfrastructure === 'national',
    vi: 'Hệ thống cơ sở hạ tầng thông tin dùng chung phục vụ các cơ quan, tổ chức trên toàn quốc', en: 'Shared infrastructure serving agencies nationwide' },
  { ruleId: 'L4-critical-control', level: 4, article: 'Điểm d khoản 1 Điều 10 Nghị định 85/2016/NĐ-CP', applies: (a) => a.industrialControl === 'critical',
    vi: 'Hệ thống điều khiển công nghiệp của công trình cấp I hoặc cấp đặc biệt', en: 'Industrial control system of grade I or special works' },
  { ruleId: 'L5-national-security', level: 5, article: 'Điểm a khoản 1 Điều 11 Nghị định 85/2016/NĐ-CP', applies: (a) => a.nationalSecurityImpact,
    vi: 'Bị phá hoại sẽ gây tổn hại đặc biệt nghiêm trọng tới quốc phòng, an ninh quốc gia', en: 'Sabotage would gravely harm national defence or security' },
  { ruleId: 'L5-national-list', level: 5, article: 'Điểm b khoản 1 Điều 11 Nghị định 85/2016/NĐ-CP', applies: (a) => a.nationalImportantList,
    vi: 'Hệ thống thuộc Danh mục hệ thống thông tin quan trọng quốc gia', en: 'On the list of important national information systems' },
];

const LEVEL_1: LevelReason = {
  ruleId: 'L1-internal-public', level: 1, article: 'Điều 7 Nghị định 85/2016/NĐ-CP',
  vi: 'Hệ thống chỉ phục vụ hoạt động nội bộ và chỉ xử lý thông tin công cộng', en: 'Serves internal operations and processes public information only',
};

/** Level of a system from its answers, with the reasons (highest level first) citing the article. */
export function classifySystem(answers: ClassificationAnswers): { level: Level; reasons: LevelReason[] } {
  const matched = RULES.filter((r) => r.applies(answers)).map(({ applies: _, ...reason }) => reason);
  if (!matched.length) return { level: 1, reasons: [LEVEL_1] };
  matched.sort((a, b) => b.level - a.level);
  return { level: matched[0]!.level, reasons: matched };
}

export const LEVEL_LABELS: Record<Level, { vi: string; en: string }> = {
  1: { vi: 'Cấp độ 1', en: 'Level 1' },
  2: { vi: 'Cấp độ 2', en: 'Level 2' },
  3: { vi: 'Cấp độ 3', en: 'Level 3' },
  4: { vi: 'Cấp độ 4', en: 'Level 4' },
  5: { vi: 'Cấp độ 5', en: 'Level 5' },
};

export const EMPTY_ANSWERS: ClassificationAnswers = {
  dataKinds: ['public'], usersServed: { internal: true, otherAgencies: false, public: false }, onlinePublicService: 'none',
  sharedInfrastructure: 'none', industrialControl: 'none', sectorWide: false, nationalDatabase: false, nationalSecurityImpact: false, nationalImportantList: false,
};
