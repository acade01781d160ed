import { describe, expect, it } from 'vitest';
import {
  classificationProblem,
  classifySystem,
  ClassificationAnswersSchema,
  EMPTY_ANSWERS,
  questionBasis,
  type ClassificationAnswers,
  type SystemAnswers,
} from './levels.ts';

const answers = (over: Partial<SystemAnswers>): SystemAnswers => ({ ...EMPTY_ANSWERS, ...over });
const rules = (a: ClassificationAnswers) => classifySystem(a).reasons.map((r) => r.ruleId);
const citizens = (over: Partial<SystemAnswers> = {}) => answers({ functions: ['citizens_businesses'], ...over });
const infrastructure = (scope: SystemAnswers['infrastructureScope']) => answers({ functions: ['infrastructure'], infrastructureScope: scope });
const control = (grade: SystemAnswers['industrialControlWorksGrade']) => answers({ functions: ['industrial_control'], industrialControlWorksGrade: grade });

/** Each clause and point of Arts. 7–11, matched alone: the rule, the level, and the official citation. */
const CLAUSES: [string, SystemAnswers, number, string][] = [
  ['7', EMPTY_ANSWERS, 1, 'Điều 7 Nghị định số 85/2016/NĐ-CP'],
  ['8.1', answers({ information: ['private'] }), 2, 'Khoản 1 Điều 8 Nghị định số 85/2016/NĐ-CP'],
  ['8.2.a', citizens({ onlinePublicServiceLevel: 'up_to_2' }), 2, 'Điểm a khoản 2 Điều 8 Nghị định số 85/2016/NĐ-CP'],
  ['8.2.b', citizens(), 2, 'Điểm b khoản 2 Điều 8 Nghị định số 85/2016/NĐ-CP'],
  ['8.2.c', citizens({ information: ['personal'], onlineServiceUsersWithPersonalData: 500 }), 2, 'Điểm c khoản 2 Điều 8 Nghị định số 85/2016/NĐ-CP'],
  ['8.3', infrastructure('one_agency'), 2, 'Khoản 3 Điều 8 Nghị định số 85/2016/NĐ-CP'],
  ['9.1.secret', answers({ information: ['state_secret'] }), 3, 'Khoản 1 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.1', answers({ functions: ['other'], defenceSecurityHarm: 'harm' }), 3, 'Khoản 1 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.2.a', citizens({ onlinePublicServiceLevel: '3_or_above' }), 3, 'Điểm a khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.2.b', citizens({ conditionalBusinessService: true }), 3, 'Điểm b khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.2.c', citizens({ information: ['personal'], onlineServiceUsersWithPersonalData: 50_000 }), 3, 'Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.3', infrastructure('sector_or_provinces'), 3, 'Khoản 3 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['9.4', control('III'), 3, 'Khoản 4 Điều 9 Nghị định số 85/2016/NĐ-CP'],
  ['10.1', answers({ functions: ['other'], defenceSecurityHarm: 'serious' }), 4, 'Khoản 1 Điều 10 Nghị định số 85/2016/NĐ-CP'],
  ['10.2', answers({ nationalEGovernmentSystem24x7: true }), 4, 'Khoản 2 Điều 10 Nghị định số 85/2016/NĐ-CP'],
  ['10.3', infrastructure('nationwide_24x7'), 4, 'Khoản 3 Điều 10 Nghị định số 85/2016/NĐ-CP'],
  ['10.4', control('I'), 4, 'Khoản 4 Điều 10 Nghị định số 85/2016/NĐ-CP'],
  ['11.1', answers({ functions: ['other'], defenceSecurityHarm: 'especially_serious' }), 5, 'Khoản 1 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ['11.2', answers({ centralStorageOfEspeciallyImportantNationalData: true }), 5, 'Khoản 2 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ['11.3', infrastructure('international_gateway'), 5, 'Khoản 3 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ['11.4.special', control('special'), 5, 'Khoản 4 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ['11.4.security', control('national_security_works'), 5, 'Khoản 4 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ['11.5', answers({ primeMinisterDesignated: true }), 5, 'Khoản 5 Điều 11 Nghị định số 85/2016/NĐ-CP'],
];

describe('classifySystem (Decree 85/2016 Articles 5–11)', () => {
  it.each(CLAUSES)('clause %s alone gives level %i, citing it officially', (ruleId, a, level, article) => {
    expect(ClassificationAnswersSchema.parse(a)).toEqual(a);
    expect(classificationProblem(a)).toBeNull();
    const r = classifySystem(a);
    expect(r.level).toBe(level);
    expect(r.reasons[0]).toMatchObject({ level, citation: { instrument: 'decree-85-2016' } });
    expect(r.reasons).toContainEqual(expect.objectContaining({ ruleId, level, article }));
    // Alone: nothing else matches, except 8.2.b, which any online service outside the conditional list also meets.
    const companion = ruleId.endsWith('2.c') ? ['8.2.b'] : [];
    expect(r.reasons.map((x) => x.ruleId).filter((x) => x !== ruleId && !companion.includes(x))).toEqual([]);
    expect(r.reasons.every((x) => x.vi.length > 10 && x.en.length > 10)).toBe(true);
  });

  it('covers every clause and point of Articles 7–11', () => {
    // Art. 7; Art. 8: 1, 2.a–c, 3; Art. 9: 1, 2.a–c, 3, 4; Art. 10: 1–4; Art. 11: 1–5.
    expect(new Set(CLAUSES.map(([, , , article]) => article)).size).toBe(21);
  });

  it('9,999 users with personal information is level 2 (8.2.c), 10,000 is level 3 (9.2.c)', () => {
    const withUsers = (n: number) => citizens({ information: ['personal'], onlineServiceUsersWithPersonalData: n, onlinePublicServiceLevel: 'up_to_2' });
    expect(classifySystem(withUsers(9_999))).toMatchObject({ level: 2, reasons: [{ ruleId: '8.2.a' }, { ruleId: '8.2.c' }] });
    expect(classifySystem(withUsers(10_000))).toMatchObject({ level: 3, reasons: [{ ruleId: '9.2.c' }, { ruleId: '8.2.a' }] });
    expect(rules(withUsers(0))).toContain('8.2.c');
  });

  it('the user count counts only for a system serving citizens and businesses', () => {
    expect(classifySystem(answers({ information: ['personal'], onlineServiceUsersWithPersonalData: 50_000 })).level).toBe(2);
  });

  it('works grade IV, III, II are level 3; I is level 4; special and national-security works are level 5', () => {
    const levels = (['IV', 'III', 'II', 'I', 'special', 'national_security_works'] as const).map((g) => classifySystem(control(g)).level);
    expect(levels).toEqual([3, 3, 3, 4, 5, 5]);
  });

  it('harm to defence and security by degree: none, harm, serious, especially serious', () => {
    const levels = (['none', 'harm', 'serious', 'especially_serious'] as const).map((h) => classifySystem(answers({ defenceSecurityHarm: h })).level);
    expect(levels).toEqual([1, 3, 4, 5]);
  });

  it('infrastructure by scope: one agency 2, sector or provinces 3, nationwide 24/7 4, international gateway 5', () => {
    const levels = (['one_agency', 'sector_or_provinces', 'nationwide_24x7', 'international_gateway'] as const).map(
      (s) => classifySystem(infrastructure(s)).level,
    );
    expect(levels).toEqual([2, 3, 4, 5]);
  });

  it('an internal system with state secrets is not level 2: Art. 8(1) excludes them, Art. 9(1) applies', () => {
    expect(rules(answers({ information: ['private', 'state_secret'] }))).toEqual(['9.1.secret']);
  });

  it('sensitive or important data and serving other agencies are no criterion: an internal personal-data system is level 2', () => {
    // The old rules raised such systems (HR records, medical images) to level 3; Art. 8(1) puts them at level 2.
    expect(classifySystem(answers({ information: ['personal'] }))).toMatchObject({ level: 2, reasons: [{ ruleId: '8.1' }] });
  });

  it('a public-service system does not also claim 8.2.b, which is about other online services', () => {
    expect(rules(citizens({ onlinePublicServiceLevel: '3_or_above' }))).toEqual(['9.2.a']);
    expect(rules(citizens({ onlinePublicServiceLevel: 'up_to_2' }))).toEqual(['8.2.a']);
  });

  it('takes the highest level and lists every matched criterion, highest first', () => {
    const r = classifySystem(
      answers({
        functions: ['internal', 'citizens_businesses'],
        information: ['personal'],
        onlinePublicServiceLevel: '3_or_above',
        nationalEGovernmentSystem24x7: true,
      }),
    );
    expect(r.level).toBe(4);
    expect(r.reasons.map((x) => x.ruleId)).toEqual(['10.2', '9.2.a', '8.1']);
  });

  it('an "other" system meeting no criterion of Arts. 8–11 is level 1, and says so', () => {
    const r = classifySystem(answers({ functions: ['other'], information: ['personal'] }));
    expect(r).toMatchObject({ level: 1, reasons: [{ ruleId: '7.none', article: 'Điều 7 Nghị định số 85/2016/NĐ-CP' }] });
  });

  it('Art. 5(2): a system of components takes the highest component level, citing the clause and the component', () => {
    const r = classifySystem({
      ...answers({ information: ['private'] }),
      components: [
        { name: 'Cổng dịch vụ công', answers: citizens({ onlinePublicServiceLevel: '3_or_above' }) },
        { name: 'Phân hệ quản trị', answers: EMPTY_ANSWERS },
      ],
    });
    expect(r.level).toBe(3);
    expect(r.reasons[0]).toMatchObject({ ruleId: '5.2', level: 3, article: 'Khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP', component: 'Cổng dịch vụ công' });
    expect(r.reasons.map((x) => [x.ruleId, x.component])).toEqual([
      ['5.2', 'Cổng dịch vụ công'],
      ['9.2.a', 'Cổng dịch vụ công'],
      ['8.1', undefined],
      ['7', 'Phân hệ quản trị'],
    ]);
    // The system's own higher criterion still wins over its components.
    expect(classifySystem({ ...answers({ primeMinisterDesignated: true }), components: [{ name: 'A', answers: EMPTY_ANSWERS }] }).level).toBe(5);
  });
});

describe('classificationProblem', () => {
  it.each([
    ['onlinePublicServiceLevel', answers({ onlinePublicServiceLevel: 'up_to_2' })],
    ['conditionalBusinessService', answers({ conditionalBusinessService: true })],
    ['onlineServiceUsersWithPersonalData', answers({ onlineServiceUsersWithPersonalData: 10 })],
    ['onlineServiceUsersWithPersonalData', citizens({ information: ['public'], onlineServiceUsersWithPersonalData: 10 })],
    ['infrastructureScope', answers({ infrastructureScope: 'one_agency' })],
    ['infrastructureScope', answers({ functions: ['infrastructure'] })],
    ['industrialControlWorksGrade', answers({ industrialControlWorksGrade: 'II' })],
    ['industrialControlWorksGrade', answers({ functions: ['industrial_control'] })],
  ] as const)('refuses %s answered against the functions', (field, a) => {
    expect(classificationProblem(a)).toMatchObject({ field, en: expect.any(String), vi: expect.any(String) });
  });

  it('names the component at fault', () => {
    expect(
      classificationProblem({
        ...EMPTY_ANSWERS,
        components: [
          { name: 'A', answers: EMPTY_ANSWERS },
          { name: 'B', answers: answers({ infrastructureScope: 'one_agency' }) },
        ],
      }),
    ).toMatchObject({ field: 'components.1.answers.infrastructureScope' });
  });
});

describe('questionBasis', () => {
  it('cites under each question the clauses its answer decides', () => {
    const cite = (q: Parameters<typeof questionBasis>[0]) => questionBasis(q).map((c) => [c.article, c.clause, c.point].filter(Boolean).join('.'));
    expect(cite('functions')).toEqual(['6.2', '7']);
    expect(cite('information')).toEqual(['6.1', '8.1', '9.1']);
    expect(cite('defenceSecurityHarm')).toEqual(['9.1', '10.1', '11.1']);
    expect(cite('onlinePublicServiceLevel')).toEqual(['8.2.a', '9.2.a']);
    expect(cite('conditionalBusinessService')).toEqual(['8.2.b', '9.2.b']);
    expect(cite('onlineServiceUsersWithPersonalData')).toEqual(['8.2.c', '9.2.c']);
    expect(cite('infrastructureScope')).toEqual(['8.3', '9.3', '10.3', '11.3']);
    expect(cite('nationalEGovernmentSystem24x7')).toEqual(['10.2']);
    expect(cite('centralStorageOfEspeciallyImportantNationalData')).toEqual(['11.2']);
    expect(cite('industrialControlWorksGrade')).toEqual(['9.4', '10.4', '11.4']);
    expect(cite('primeMinisterDesignated')).toEqual(['11.5']);
  });
});

describe('ClassificationAnswersSchema', () => {
  it('takes exactly the answers: unknown keys (the old form) and empty lists are refused', () => {
    expect(ClassificationAnswersSchema.safeParse({ ...EMPTY_ANSWERS, sectorWide: true }).success).toBe(false);
    expect(ClassificationAnswersSchema.safeParse({ ...EMPTY_ANSWERS, functions: [] }).success).toBe(false);
    expect(ClassificationAnswersSchema.safeParse({ ...EMPTY_ANSWERS, onlineServiceUsersWithPersonalData: 1.5 }).success).toBe(false);
    expect(ClassificationAnswersSchema.safeParse({ ...EMPTY_ANSWERS, industrialControlWorksGrade: 'V' }).success).toBe(false);
  });
});
