import { z } from 'zod';
import { formatCitation, type Citation } from '../legal/citation.ts';
import { int32, text } from '../core/schemas.ts';

/**
 * Security level of an information system by the criteria of Decree 85/2016/NĐ-CP: Article 6 sorts the system
 * (its functions, the information it processes), Articles 7–11 give one criterion per clause (and, in clause 2 of
 * Articles 8 and 9, per point). A system takes the highest level whose criterion it meets; a system made of
 * components takes the highest level of its components (Art. 5(2)). Every matched criterion is a reason citing its
 * clause and point.
 */

const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/** Art. 6(2): what the system is for. */
export const SYSTEM_FUNCTIONS = ['internal', 'citizens_businesses', 'infrastructure', 'industrial_control', 'other'] as const;
/** Art. 6(1): the information it processes, by confidentiality. */
export const INFORMATION_KINDS = ['public', 'private', 'personal', 'state_secret'] as const;
/** Harm to defence and security if sabotaged (clause 1 of Arts. 9, 10, 11). */
export const DEFENCE_SECURITY_HARM = ['none', 'harm', 'serious', 'especially_serious'] as const;
/**
 * Online public services by the levels Art. 8(2)(a) and 9(2)(a) count in (the levels of Decree 43/2011). Partly and
 * fully online services (Decree 42/2022) are counted as level 3 or above; that correspondence is not written in
 * Decree 85 (to_confirm).
 */
export const ONLINE_PUBLIC_SERVICE_LEVELS = ['none', 'up_to_2', '3_or_above'] as const;
/** Whom shared information infrastructure serves (clause 3 of Arts. 8–11). */
export const INFRASTRUCTURE_SCOPES = ['none', 'one_agency', 'sector_or_provinces', 'nationwide_24x7', 'international_gateway'] as const;
/** Grade of the construction works an industrial control system operates (clause 4 of Arts. 9–11). */
export const WORKS_GRADES = ['none', 'IV', 'III', 'II', 'I', 'special', 'national_security_works'] as const;

const kinds = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).min(1).max(values.length);

/** The answers for one system or one of its components. */
const Answers = z.strictObject({
  functions: kinds(SYSTEM_FUNCTIONS),
  information: kinds(INFORMATION_KINDS),
  defenceSecurityHarm: z.enum(DEFENCE_SECURITY_HARM),
  onlinePublicServiceLevel: z.enum(ONLINE_PUBLIC_SERVICE_LEVELS),
  conditionalBusinessService: z.boolean(),
  /** Users whose private or personal information other online services process; null: no such service. */
  onlineServiceUsersWithPersonalData: int32().nullable(),
  infrastructureScope: z.enum(INFRASTRUCTURE_SCOPES),
  nationalEGovernmentSystem24x7: z.boolean(),
  centralStorageOfEspeciallyImportantNationalData: z.boolean(),
  industrialControlWorksGrade: z.enum(WORKS_GRADES),
  primeMinisterDesignated: z.boolean(),
});
export type SystemAnswers = z.infer<typeof Answers>;

export const MAX_COMPONENTS = 50;

export const ClassificationAnswersSchema = Answers.extend({
  /** Art. 5(2): component systems, each classified on its own answers. */
  components: z
    .array(z.strictObject({ name: text(300), answers: Answers }))
    .max(MAX_COMPONENTS)
    .optional(),
});
export type ClassificationAnswers = z.infer<typeof ClassificationAnswersSchema>;

/** Art. 8(2)(c) and 9(2)(c): the number of users that separates level 2 from level 3. */
const USER_THRESHOLD = 10_000;

export type LevelReason = {
  ruleId: string;
  level: Level;
  citation: Citation;
  article: string;
  vi: string;
  en: string;
  /** The component (Art. 5(2)) whose answers matched; absent for the system's own answers. */
  component?: string;
};

type Rule = {
  id: string;
  level: Level;
  citation: Citation;
  vi: string;
  en: string;
  /** The question whose answer decides the rule; the wizard shows the rule's citation under it. */
  question: keyof SystemAnswers;
  applies: (a: SystemAnswers) => boolean;
};

const decree85 = (article: number, clause?: number, point?: string): Citation => ({ instrument: 'decree-85-2016', article, clause, point });
const serves = (a: SystemAnswers, f: (typeof SYSTEM_FUNCTIONS)[number]) => a.functions.includes(f);
const processes = (a: SystemAnswers, ...k: (typeof INFORMATION_KINDS)[number][]) => k.some((x) => a.information.includes(x));
const citizens = (a: SystemAnswers) => serves(a, 'citizens_businesses');
const users = (a: SystemAnswers) => (citizens(a) ? a.onlineServiceUsersWithPersonalData : null);
const infrastructure = (a: SystemAnswers) => (serves(a, 'infrastructure') ? a.infrastructureScope : 'none');
const works = (a: SystemAnswers) => (serves(a, 'industrial_control') ? a.industrialControlWorksGrade : 'none');

const RULES: Rule[] = [
  {
    id: '8.1',
    level: 2,
    citation: decree85(8, 1),
    question: 'information',
    applies: (a) => serves(a, 'internal') && processes(a, 'private', 'personal') && !processes(a, 'state_secret'),
    vi: 'Phục vụ hoạt động nội bộ, có xử lý thông tin riêng hoặc thông tin cá nhân, không xử lý bí mật nhà nước',
    en: 'Serves internal operations and processes private or personal information, but no state secrets',
  },
  {
    id: '8.2.a',
    level: 2,
    citation: decree85(8, 2, 'a'),
    question: 'onlinePublicServiceLevel',
    applies: (a) => citizens(a) && a.onlinePublicServiceLevel === 'up_to_2',
    vi: 'Phục vụ người dân, doanh nghiệp: cung cấp thông tin, dịch vụ công trực tuyến mức độ 2 trở xuống',
    en: 'Serves citizens and businesses with information and online public services of level 2 or below',
  },
  // The point is about online services other than public services: it is not claimed for a public-service system.
  {
    id: '8.2.b',
    level: 2,
    citation: decree85(8, 2, 'b'),
    question: 'conditionalBusinessService',
    applies: (a) => citizens(a) && !a.conditionalBusinessService && a.onlinePublicServiceLevel === 'none',
    vi: 'Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến không thuộc danh mục dịch vụ kinh doanh có điều kiện',
    en: 'Serves citizens and businesses with online services outside the list of conditional business services',
  },
  {
    id: '8.2.c',
    level: 2,
    citation: decree85(8, 2, 'c'),
    question: 'onlineServiceUsersWithPersonalData',
    applies: (a) => {
      const n = users(a);
      return n !== null && n < USER_THRESHOLD;
    },
    vi: 'Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến khác xử lý thông tin riêng, thông tin cá nhân của dưới 10.000 người sử dụng',
    en: 'Serves citizens and businesses with other online services processing private or personal information of fewer than 10,000 users',
  },
  {
    id: '8.3',
    level: 2,
    citation: decree85(8, 3),
    question: 'infrastructureScope',
    applies: (a) => infrastructure(a) === 'one_agency',
    vi: 'Hệ thống cơ sở hạ tầng thông tin phục vụ hoạt động của một cơ quan, tổ chức',
    en: 'Information infrastructure serving one agency or organisation',
  },

  {
    id: '9.1.secret',
    level: 3,
    citation: decree85(9, 1),
    question: 'information',
    applies: (a) => processes(a, 'state_secret'),
    vi: 'Xử lý thông tin bí mật nhà nước',
    en: 'Processes state secrets',
  },
  {
    id: '9.1',
    level: 3,
    citation: decree85(9, 1),
    question: 'defenceSecurityHarm',
    applies: (a) => a.defenceSecurityHarm === 'harm',
    vi: 'Khi bị phá hoại sẽ làm tổn hại tới quốc phòng, an ninh quốc gia',
    en: 'Sabotage would harm national defence or security',
  },
  {
    id: '9.2.a',
    level: 3,
    citation: decree85(9, 2, 'a'),
    question: 'onlinePublicServiceLevel',
    applies: (a) => citizens(a) && a.onlinePublicServiceLevel === '3_or_above',
    vi: 'Phục vụ người dân, doanh nghiệp: cung cấp thông tin, dịch vụ công trực tuyến mức độ 3 trở lên',
    en: 'Serves citizens and businesses with information and online public services of level 3 or above',
  },
  {
    id: '9.2.b',
    level: 3,
    citation: decree85(9, 2, 'b'),
    question: 'conditionalBusinessService',
    applies: (a) => citizens(a) && a.conditionalBusinessService,
    vi: 'Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến thuộc danh mục dịch vụ kinh doanh có điều kiện',
    en: 'Serves citizens and businesses with online services on the list of conditional business services',
  },
  {
    id: '9.2.c',
    level: 3,
    citation: decree85(9, 2, 'c'),
    question: 'onlineServiceUsersWithPersonalData',
    applies: (a) => (users(a) ?? 0) >= USER_THRESHOLD,
    vi: 'Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến khác xử lý thông tin riêng, thông tin cá nhân của từ 10.000 người sử dụng trở lên',
    en: 'Serves citizens and businesses with other online services processing private or personal information of 10,000 users or more',
  },
  {
    id: '9.3',
    level: 3,
    citation: decree85(9, 3),
    question: 'infrastructureScope',
    applies: (a) => infrastructure(a) === 'sector_or_provinces',
    vi: 'Hạ tầng thông tin dùng chung của các cơ quan, tổ chức trong một ngành, một tỉnh hoặc một số tỉnh',
    en: 'Information infrastructure shared by the agencies of a sector, a province or several provinces',
  },
  {
    id: '9.4',
    level: 3,
    citation: decree85(9, 4),
    question: 'industrialControlWorksGrade',
    applies: (a) => ['II', 'III', 'IV'].includes(works(a)),
    vi: 'Điều khiển công nghiệp trực tiếp phục vụ vận hành công trình xây dựng cấp II, cấp III hoặc cấp IV',
    en: 'Industrial control directly operating construction works of grade II, III or IV',
  },

  {
    id: '10.1',
    level: 4,
    citation: decree85(10, 1),
    question: 'defenceSecurityHarm',
    applies: (a) => a.defenceSecurityHarm === 'serious',
    vi: 'Khi bị phá hoại sẽ làm tổn hại nghiêm trọng tới quốc phòng, an ninh quốc gia',
    en: 'Sabotage would seriously harm national defence or security',
  },
  {
    id: '10.2',
    level: 4,
    citation: decree85(10, 2),
    question: 'nationalEGovernmentSystem24x7',
    applies: (a) => a.nationalEGovernmentSystem24x7,
    vi: 'Hệ thống thông tin quốc gia phục vụ Chính phủ điện tử, phải vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch',
    en: 'National e-government information system that must run 24/7 with no unplanned downtime',
  },
  {
    id: '10.3',
    level: 4,
    citation: decree85(10, 3),
    question: 'infrastructureScope',
    applies: (a) => infrastructure(a) === 'nationwide_24x7',
    vi: 'Hạ tầng thông tin dùng chung của các cơ quan, tổ chức trên toàn quốc, phải vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch',
    en: 'Information infrastructure shared by agencies nationwide that must run 24/7 with no unplanned downtime',
  },
  {
    id: '10.4',
    level: 4,
    citation: decree85(10, 4),
    question: 'industrialControlWorksGrade',
    applies: (a) => works(a) === 'I',
    vi: 'Điều khiển công nghiệp trực tiếp phục vụ vận hành công trình xây dựng cấp I',
    en: 'Industrial control directly operating construction works of grade I',
  },

  {
    id: '11.1',
    level: 5,
    citation: decree85(11, 1),
    question: 'defenceSecurityHarm',
    applies: (a) => a.defenceSecurityHarm === 'especially_serious',
    vi: 'Khi bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng tới quốc phòng, an ninh quốc gia',
    en: 'Sabotage would especially seriously harm national defence or security',
  },
  {
    id: '11.2',
    level: 5,
    citation: decree85(11, 2),
    question: 'centralStorageOfEspeciallyImportantNationalData',
    applies: (a) => a.centralStorageOfEspeciallyImportantNationalData,
    vi: 'Lưu trữ tập trung thông tin, dữ liệu đặc biệt quan trọng của quốc gia',
    en: 'Central storage of especially important national information or data',
  },
  {
    id: '11.3',
    level: 5,
    citation: decree85(11, 3),
    question: 'infrastructureScope',
    applies: (a) => infrastructure(a) === 'international_gateway',
    vi: 'Hạ tầng thông tin quốc gia kết nối liên thông hoạt động của Việt Nam với quốc tế',
    en: "National information infrastructure interconnecting Vietnam's operations with other countries",
  },
  {
    id: '11.4.special',
    level: 5,
    citation: decree85(11, 4),
    question: 'industrialControlWorksGrade',
    applies: (a) => works(a) === 'special',
    vi: 'Điều khiển công nghiệp trực tiếp phục vụ vận hành công trình xây dựng cấp đặc biệt',
    en: 'Industrial control directly operating construction works of the special grade',
  },
  {
    id: '11.4.security',
    level: 5,
    citation: decree85(11, 4),
    question: 'industrialControlWorksGrade',
    applies: (a) => works(a) === 'national_security_works',
    vi: 'Điều khiển công nghiệp trực tiếp phục vụ vận hành công trình quan trọng liên quan đến an ninh quốc gia',
    en: 'Industrial control directly operating works important to national security',
  },
  {
    id: '11.5',
    level: 5,
    citation: decree85(11, 5),
    question: 'primeMinisterDesignated',
    applies: (a) => a.primeMinisterDesignated,
    vi: 'Hệ thống thông tin khác theo quyết định của Thủ tướng Chính phủ',
    en: 'Designated by decision of the Prime Minister',
  },
];

const ART_7: Rule = {
  id: '7',
  level: 1,
  citation: decree85(7),
  question: 'functions',
  applies: (a) => a.functions.every((f) => f === 'internal') && a.information.every((i) => i === 'public'),
  vi: 'Chỉ phục vụ hoạt động nội bộ và chỉ xử lý thông tin công cộng',
  en: 'Serves internal operations only and processes public information only',
};

/**
 * No criterion of levels 2–5 holds, yet the system is not the internal, public-only system Art. 7 describes (e.g. an
 * "other" system of Art. 6(2)(đ) that meets none of Arts. 8–11): levels 2–5 each require a criterion, so the level is 1.
 */
const NO_HIGHER_CRITERION: Omit<Rule, 'applies'> = {
  id: '7.none',
  level: 1,
  citation: decree85(7),
  question: 'functions',
  vi: 'Không có tiêu chí nào của cấp độ 2 đến 5 (Điều 8–11); hệ thống ở cấp độ thấp nhất',
  en: 'No criterion of levels 2 to 5 (Articles 8–11) applies; the system is at the lowest level',
};

const reason = (r: Omit<Rule, 'applies'>, component?: string): LevelReason => ({
  ruleId: r.id,
  level: r.level,
  citation: r.citation,
  article: formatCitation(r.citation),
  vi: r.vi,
  en: r.en,
  ...(component === undefined ? {} : { component }),
});

const byLevel = (a: LevelReason, b: LevelReason) => b.level - a.level;

function classifyOne(answers: SystemAnswers, component?: string): LevelReason[] {
  const matched = RULES.filter((r) => r.applies(answers));
  if (matched.length) return matched.map((r) => reason(r, component)).sort(byLevel);
  return [reason(ART_7.applies(answers) ? ART_7 : NO_HIGHER_CRITERION, component)];
}

const ART_5_2 = decree85(5, 2);

/** Level of a system from its answers, with every matched criterion (highest level first) citing its clause. */
export function classifySystem(answers: ClassificationAnswers): { level: Level; reasons: LevelReason[] } {
  const own = classifyOne(answers);
  const parts = (answers.components ?? []).map((c) => ({ name: c.name, reasons: classifyOne(c.answers, c.name) }));
  const reasons = [...own, ...parts.flatMap((p) => p.reasons)].sort(byLevel);
  const top = parts.reduce<(typeof parts)[number] | null>((best, p) => (!best || p.reasons[0]!.level > best.reasons[0]!.level ? p : best), null);
  if (top) {
    const level = top.reasons[0]!.level;
    reasons.unshift({
      ruleId: '5.2',
      level,
      citation: ART_5_2,
      article: formatCitation(ART_5_2),
      component: top.name,
      vi: `Hệ thống gồm nhiều hệ thống thành phần; cấp độ cao nhất trong các thành phần là cấp độ ${level} (thành phần “${top.name}”)`,
      en: `The system consists of components; the highest level among them is level ${level} (component “${top.name}”)`,
    });
    reasons.sort(byLevel);
  }
  return { level: reasons[0]!.level, reasons };
}

/** The clauses a question feeds, for the wizard to cite under it; `functions` and `information` also cite Art. 6. */
export function questionBasis(question: keyof SystemAnswers): Citation[] {
  const sorting = question === 'functions' ? [decree85(6, 2)] : question === 'information' ? [decree85(6, 1)] : [];
  const rules = [ART_7, ...RULES].filter((r) => r.question === question).map((r) => r.citation);
  return [...new Map([...sorting, ...rules].map((c) => [formatCitation(c), c])).values()];
}

type Problem = { field: string; en: string; vi: string };

/** Answers that contradict each other (a question answered for a function the system does not have). */
function answersProblem(a: SystemAnswers, prefix = ''): Problem | null {
  const p = (field: keyof SystemAnswers, en: string, vi: string) => ({ field: prefix + field, en, vi });
  if (!citizens(a)) {
    if (a.onlinePublicServiceLevel !== 'none')
      return p(
        'onlinePublicServiceLevel',
        'Online public services are answered only for a system serving citizens and businesses',
        'Chỉ trả lời về dịch vụ công trực tuyến khi hệ thống phục vụ người dân, doanh nghiệp',
      );
    if (a.conditionalBusinessService)
      return p(
        'conditionalBusinessService',
        'Conditional business services are answered only for a system serving citizens and businesses',
        'Chỉ trả lời về dịch vụ kinh doanh có điều kiện khi hệ thống phục vụ người dân, doanh nghiệp',
      );
    if (a.onlineServiceUsersWithPersonalData !== null)
      return p(
        'onlineServiceUsersWithPersonalData',
        'The number of users is answered only for a system serving citizens and businesses',
        'Chỉ khai số người sử dụng khi hệ thống phục vụ người dân, doanh nghiệp',
      );
  }
  if (a.onlineServiceUsersWithPersonalData !== null && !processes(a, 'private', 'personal')) {
    return p(
      'onlineServiceUsersWithPersonalData',
      'The number of users counts those whose private or personal information is processed: tick that information first',
      'Số người sử dụng là số người có thông tin riêng, thông tin cá nhân được xử lý: cần chọn loại thông tin này trước',
    );
  }
  if (serves(a, 'infrastructure') !== (a.infrastructureScope !== 'none')) {
    return p(
      'infrastructureScope',
      'Information infrastructure and whom it serves go together: answer both or neither',
      'Hệ thống cơ sở hạ tầng thông tin cần khai phạm vi phục vụ, và chỉ khai phạm vi khi là hạ tầng thông tin',
    );
  }
  if (serves(a, 'industrial_control') !== (a.industrialControlWorksGrade !== 'none')) {
    return p(
      'industrialControlWorksGrade',
      'An industrial control system and the grade of its works go together: answer both or neither',
      'Hệ thống điều khiển công nghiệp cần khai cấp công trình, và chỉ khai cấp công trình khi là hệ thống điều khiển công nghiệp',
    );
  }
  return null;
}

/** The first contradiction in the answers or in a component's, with the field at fault. */
export function classificationProblem(a: ClassificationAnswers): Problem | null {
  return (
    answersProblem(a) ?? (a.components ?? []).reduce<Problem | null>((found, c, i) => found ?? answersProblem(c.answers, `components.${i}.answers.`), null)
  );
}

export const LEVEL_LABELS: Record<Level, { vi: string; en: string }> = {
  1: { vi: 'Cấp độ 1', en: 'Level 1' },
  2: { vi: 'Cấp độ 2', en: 'Level 2' },
  3: { vi: 'Cấp độ 3', en: 'Level 3' },
  4: { vi: 'Cấp độ 4', en: 'Level 4' },
  5: { vi: 'Cấp độ 5', en: 'Level 5' },
};

/** An internal system processing public information only, with no other criterion: the starting point of the form. */
export const EMPTY_ANSWERS: SystemAnswers = {
  functions: ['internal'],
  information: ['public'],
  defenceSecurityHarm: 'none',
  onlinePublicServiceLevel: 'none',
  conditionalBusinessService: false,
  onlineServiceUsersWithPersonalData: null,
  infrastructureScope: 'none',
  nationalEGovernmentSystem24x7: false,
  centralStorageOfEspeciallyImportantNationalData: false,
  industrialControlWorksGrade: 'none',
  primeMinisterDesignated: false,
};
