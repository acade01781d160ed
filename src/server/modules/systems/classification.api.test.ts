import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, like, sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.ts';
import { listen, type HttpClient } from '../../../../tests/support/http.ts';
import { systems } from './schema.ts';
import { dossiers } from '../dossiers/schema.ts';
import {
  classificationProblem,
  classifySystem,
  ClassificationAnswersSchema,
  EMPTY_ANSWERS,
  type ClassificationAnswers,
  type SystemAnswers,
} from '../../../shared/systems/levels.ts';

let t: TestApp;
let officer: HttpClient; // syt.canbo, Sở Y tế

beforeAll(async () => {
  t = await startTestApp();
  officer = await (await listen(t.app)).login('syt.canbo');
});
afterAll(async () => {
  await t?.close();
});

const preview = (body: unknown) => officer.post('/api/classification/preview', body);
const with_ = (over: Partial<SystemAnswers>): SystemAnswers => ({ ...EMPTY_ANSWERS, ...over });

describe('POST /api/classification/preview', () => {
  it('answers the level and every matched criterion with its official citation', async () => {
    const res = await preview(with_({ functions: ['internal', 'citizens_businesses'], information: ['personal'], onlineServiceUsersWithPersonalData: 10_000 }));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      level: 3,
      reasons: [
        expect.objectContaining({
          ruleId: '9.2.c',
          level: 3,
          article: 'Điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP',
          citation: { instrument: 'decree-85-2016', article: 9, clause: 2, point: 'c' },
          vi: expect.stringContaining('10.000'),
          en: expect.stringContaining('10,000'),
        }),
        expect.objectContaining({ ruleId: '8.1', level: 2, article: 'Khoản 1 Điều 8 Nghị định số 85/2016/NĐ-CP' }),
        expect.objectContaining({ ruleId: '8.2.b', level: 2, article: 'Điểm b khoản 2 Điều 8 Nghị định số 85/2016/NĐ-CP' }),
      ],
    });
    const below = await preview(with_({ functions: ['citizens_businesses'], information: ['personal'], onlineServiceUsersWithPersonalData: 9_999 }));
    expect(below.json).toMatchObject({
      level: 2,
      reasons: [{ ruleId: '8.2.b' }, { ruleId: '8.2.c', article: 'Điểm c khoản 2 Điều 8 Nghị định số 85/2016/NĐ-CP' }],
    });
  });

  it.each([
    [1, EMPTY_ANSWERS, 'Điều 7 Nghị định số 85/2016/NĐ-CP'],
    [3, with_({ functions: ['industrial_control'], industrialControlWorksGrade: 'IV' }), 'Khoản 4 Điều 9 Nghị định số 85/2016/NĐ-CP'],
    [4, with_({ defenceSecurityHarm: 'serious' }), 'Khoản 1 Điều 10 Nghị định số 85/2016/NĐ-CP'],
    [5, with_({ functions: ['infrastructure'], infrastructureScope: 'international_gateway' }), 'Khoản 3 Điều 11 Nghị định số 85/2016/NĐ-CP'],
  ])('gives level %i for %j', async (level, body, article) => {
    const res = await preview(body);
    expect(res.json).toMatchObject({ level, reasons: [{ level, article }] });
  });

  it('classifies each component and takes the highest, citing Art. 5(2)', async () => {
    const res = await preview({
      ...EMPTY_ANSWERS,
      components: [
        { name: 'Cổng thông tin', answers: with_({ functions: ['citizens_businesses'], onlinePublicServiceLevel: 'up_to_2' }) },
        { name: 'Điều khiển trạm bơm', answers: with_({ functions: ['industrial_control'], industrialControlWorksGrade: 'I' }) },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.level).toBe(4);
    expect(res.json.reasons[0]).toMatchObject({
      ruleId: '5.2',
      level: 4,
      article: 'Khoản 2 Điều 5 Nghị định số 85/2016/NĐ-CP',
      component: 'Điều khiển trạm bơm',
    });
    expect(res.json.reasons[1]).toMatchObject({ ruleId: '10.4', component: 'Điều khiển trạm bơm' });
  });

  it.each([
    ['functions', { ...EMPTY_ANSWERS, functions: [] }],
    ['functions.0', { ...EMPTY_ANSWERS, functions: ['serves_other_agencies'] }],
    ['information.0', { ...EMPTY_ANSWERS, information: ['sensitive_personal'] }],
    ['onlineServiceUsersWithPersonalData', { ...EMPTY_ANSWERS, onlineServiceUsersWithPersonalData: -1 }],
    ['onlineServiceUsersWithPersonalData', { ...EMPTY_ANSWERS, onlineServiceUsersWithPersonalData: 10.5 }],
    ['industrialControlWorksGrade', { ...EMPTY_ANSWERS, industrialControlWorksGrade: 'V' }],
    ['primeMinisterDesignated', { ...EMPTY_ANSWERS, primeMinisterDesignated: 'yes' }],
    ['infrastructureScope', with_({ infrastructureScope: 'one_agency' })],
    ['industrialControlWorksGrade', with_({ functions: ['industrial_control'] })],
    ['onlinePublicServiceLevel', with_({ onlinePublicServiceLevel: '3_or_above' })],
    ['onlineServiceUsersWithPersonalData', with_({ functions: ['citizens_businesses'], onlineServiceUsersWithPersonalData: 20_000 })],
    [
      'components.0.answers.conditionalBusinessService',
      { ...EMPTY_ANSWERS, components: [{ name: 'A', answers: with_({ conditionalBusinessService: true }) }] },
    ],
    ['components.0.name', { ...EMPTY_ANSWERS, components: [{ name: '', answers: EMPTY_ANSWERS }] }],
  ])('refuses bad answers with 400 naming %s', async (field, body) => {
    const res = await preview(body);
    expect(res.status, res.text).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'invalid', field, message: expect.any(String), messageVi: expect.any(String) });
  });

  it('refuses the old form and answers that are missing', async () => {
    const old = {
      dataKinds: ['personal'],
      usersServed: { internal: true, otherAgencies: false, public: false },
      onlinePublicService: 'none',
      sharedInfrastructure: 'none',
      industrialControl: 'none',
      sectorWide: false,
      nationalDatabase: false,
      nationalSecurityImpact: false,
      nationalImportantList: false,
    };
    expect((await preview(old)).status).toBe(400);
    const { primeMinisterDesignated: _, ...missing } = EMPTY_ANSWERS;
    expect((await preview(missing)).json.error.field).toBe('primeMinisterDesignated');
  });

  it('the recorded classification refuses contradictions too, naming the answer', async () => {
    const s = (await officer.post('/api/systems', { agencyId: (await officer.get('/api/auth/me')).json.agencyId, code: 'CLS-BAD', name: 'Hệ thống kiểm thử' }))
      .json;
    const res = await officer.request('PUT', `/api/systems/${s.id}/classification`, {
      body: { answers: with_({ infrastructureScope: 'one_agency' }), proposedLevel: 2 },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ field: 'answers.infrastructureScope', messageVi: expect.stringContaining('hạ tầng thông tin') });
  });
});

describe('demo data', () => {
  it('every seeded system and dossier holds answers of the decree, at the level they give', async () => {
    const rows = [
      ...(await t.database.db.select({ code: systems.code, classification: systems.classification, level: systems.computedLevel }).from(systems)),
      ...(await t.database.db
        .select({ code: sql<string>`'dossier ' || ${dossiers.id}`, classification: dossiers.classification, level: dossiers.computedLevel })
        .from(dossiers)),
    ].filter((r) => r.classification !== null);
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const answers = ClassificationAnswersSchema.parse(r.classification);
      expect(classificationProblem(answers), r.code).toBeNull();
      expect(r.level, r.code).toBe(classifySystem(answers).level);
    }
  });

  it('staff records and medical imaging are level 2 (Art. 8(1)); the hospital system with online services is level 3', async () => {
    const levels = await t.database.db
      .select({ code: systems.code, level: systems.computedLevel })
      .from(systems)
      .where(sql`${systems.classification} is not null and split_part(${systems.code}, '-', 1) in ('HSCB', 'PACS', 'HIS')`);
    const by = (prefix: string) => [...new Set(levels.filter((l) => l.code.startsWith(`${prefix}-`)).map((l) => l.level))];
    expect(by('HSCB')).toEqual([2]);
    expect(by('PACS')).toEqual([2]);
    expect(by('HIS')).toEqual([3]);
  });
});

/** Migration 0015 run again over rows written in the old form: each statement of the file, as the migrator runs them. */
async function migrate0015() {
  const file = readFileSync(new URL('../../../../migrations/0015_level_criteria_answers.sql', import.meta.url), 'utf8');
  for (const statement of file.split('--> statement-breakpoint')) await t.database.db.execute(sql.raw(statement));
}

type Old = {
  dataKinds: string[];
  usersServed: { internal: boolean; otherAgencies: boolean; public: boolean };
  onlinePublicService: string;
  sharedInfrastructure: string;
  industrialControl: string;
  sectorWide: boolean;
  nationalDatabase: boolean;
  nationalSecurityImpact: boolean;
  nationalImportantList: boolean;
};
const OLD: Old = {
  dataKinds: ['public'],
  usersServed: { internal: true, otherAgencies: false, public: false },
  onlinePublicService: 'none',
  sharedInfrastructure: 'none',
  industrialControl: 'none',
  sectorWide: false,
  nationalDatabase: false,
  nationalSecurityImpact: false,
  nationalImportantList: false,
};

/** Old answers, what the migration must make of them, and the recorded external users. */
const MAPPED: [string, Partial<Old>, Partial<SystemAnswers>, number | null][] = [
  ['public only', {}, {}, null],
  ['HR records (sensitive personal)', { dataKinds: ['personal', 'sensitive_personal'] }, { information: ['personal'] }, null],
  ['important data', { dataKinds: ['internal', 'important'] }, { information: ['private'] }, null],
  ['state secrets', { dataKinds: ['state_secret'] }, { information: ['state_secret'] }, null],
  ['nothing ticked', { dataKinds: [] }, {}, null],
  ['serves other agencies only', { usersServed: { internal: false, otherAgencies: true, public: false } }, { functions: ['other'] }, null],
  [
    'public portal',
    { usersServed: { internal: true, otherAgencies: false, public: true }, onlinePublicService: 'information', dataKinds: ['public', 'personal'] },
    {
      functions: ['internal', 'citizens_businesses'],
      information: ['public', 'personal'],
      onlinePublicServiceLevel: 'up_to_2',
      onlineServiceUsersWithPersonalData: 12_000,
    },
    12_000,
  ],
  [
    'online service without the public box',
    { onlinePublicService: 'full' },
    { functions: ['internal', 'citizens_businesses'], onlinePublicServiceLevel: '3_or_above' },
    50,
  ],
  [
    'partly online',
    { onlinePublicService: 'partial', usersServed: { internal: false, otherAgencies: false, public: true } },
    { functions: ['citizens_businesses'], onlinePublicServiceLevel: '3_or_above' },
    null,
  ],
  ['agency infrastructure', { sharedInfrastructure: 'agency' }, { functions: ['internal', 'infrastructure'], infrastructureScope: 'one_agency' }, null],
  [
    'sector-wide',
    { sectorWide: true, sharedInfrastructure: 'agency' },
    { functions: ['internal', 'infrastructure'], infrastructureScope: 'sector_or_provinces' },
    null,
  ],
  [
    'national infrastructure',
    { sharedInfrastructure: 'national', sectorWide: true },
    { functions: ['internal', 'infrastructure'], infrastructureScope: 'nationwide_24x7' },
    null,
  ],
  ['ordinary works', { industrialControl: 'local' }, { functions: ['internal', 'industrial_control'], industrialControlWorksGrade: 'II' }, null],
  ['critical works', { industrialControl: 'critical' }, { functions: ['internal', 'industrial_control'], industrialControlWorksGrade: 'special' }, null],
  ['national database', { nationalDatabase: true }, { nationalEGovernmentSystem24x7: true }, null],
  ['grave harm', { nationalSecurityImpact: true }, { defenceSecurityHarm: 'especially_serious' }, null],
  ['national list', { nationalImportantList: true }, { primeMinisterDesignated: true }, null],
];

/** Every combination of the old answers that changes a level, to check the SQL level against classifySystem. */
function* oldCombinations(): Generator<Old> {
  for (const dataKinds of [[], ['public'], ['internal'], ['personal', 'sensitive_personal'], ['important'], ['state_secret', 'personal']]) {
    for (const [internal, otherAgencies, pub] of [
      [true, false, false],
      [false, true, false],
      [true, true, true],
      [false, false, true],
      [false, false, false],
    ]) {
      for (const onlinePublicService of ['none', 'information', 'partial', 'full']) {
        for (const sharedInfrastructure of ['none', 'agency', 'provincial', 'national']) {
          for (const industrialControl of ['none', 'local', 'critical']) {
            yield {
              ...OLD,
              dataKinds,
              usersServed: { internal: internal!, otherAgencies: otherAgencies!, public: pub! },
              onlinePublicService,
              sharedInfrastructure,
              industrialControl,
              sectorWide: sharedInfrastructure === 'none' && industrialControl === 'local',
            };
          }
        }
      }
    }
  }
  for (const flag of ['nationalDatabase', 'nationalSecurityImpact', 'nationalImportantList'] as const) yield { ...OLD, [flag]: true };
}

describe('migration 0015: stored answers of the old form', () => {
  it('maps each old answer to the new answers as the migration documents', async () => {
    const agencyId = (await t.database.db.select({ a: systems.agencyId }).from(systems).limit(1))[0]!.a;
    const seeded = await t.database.db.select({ id: systems.id, classification: systems.classification, computedLevel: systems.computedLevel }).from(systems);
    const rows = await t.database.db
      .insert(systems)
      .values(
        MAPPED.map(([name, old, , users], i) => ({
          agencyId,
          code: `MIG-${i}`,
          name,
          publicUsers: users,
          classification: { ...OLD, ...old },
          computedLevel: 1,
          proposedLevel: 1,
        })),
      )
      .returning({ id: systems.id });
    const [dossier] = await t.database.db
      .insert(dossiers)
      .values({
        systemId: rows[1]!.id,
        agencyId,
        state: 'approved',
        computedLevel: 3,
        proposedLevel: 3,
        classification: { ...OLD, dataKinds: ['personal', 'sensitive_personal'] },
      })
      .returning({ id: dossiers.id });

    await migrate0015();

    const after = await t.database.db
      .select()
      .from(systems)
      .where(
        inArray(
          systems.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(systems.id);
    after.forEach((row, i) => {
      const [name, , expected] = MAPPED[i]!;
      expect(row.classification, name).toEqual({ ...EMPTY_ANSWERS, ...expected });
      expect(classificationProblem(row.classification as ClassificationAnswers), name).toBeNull();
      expect(row.computedLevel, name).toBe(classifySystem(row.classification as ClassificationAnswers).level);
      expect(row.proposedLevel, name).toBe(1);
    });
    // The HR system the old rules put at level 3 is level 2 (Art. 8(1)); its approved dossier keeps its proposed level.
    const [d] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, dossier!.id));
    expect(d).toMatchObject({ computedLevel: 2, proposedLevel: 3, classification: { ...EMPTY_ANSWERS, information: ['personal'] } });
    // Rows already in the new form are left alone.
    const untouched = await t.database.db
      .select({ id: systems.id, classification: systems.classification, computedLevel: systems.computedLevel })
      .from(systems)
      .where(
        inArray(
          systems.id,
          seeded.map((s) => s.id),
        ),
      );
    expect(untouched).toEqual(expect.arrayContaining(seeded));
    expect(untouched).toHaveLength(seeded.length);
  });

  it('computes in SQL the level classifySystem gives, for every combination of old answers', async () => {
    const agencyId = (await t.database.db.select({ a: systems.agencyId }).from(systems).limit(1))[0]!.a;
    const combos = [...oldCombinations()];
    const values = combos.map((old, i) => ({
      agencyId,
      code: `MIGX-${i}`,
      name: `Tổ hợp ${i}`,
      publicUsers: i % 3 ? 9_999 + (i % 2) : null,
      classification: old,
    }));
    for (let i = 0; i < values.length; i += 500) await t.database.db.insert(systems).values(values.slice(i, i + 500));
    await migrate0015();
    const after = await t.database.db
      .select({ code: systems.code, classification: systems.classification, computedLevel: systems.computedLevel })
      .from(systems)
      .where(like(systems.code, 'MIGX-%'));
    expect(after).toHaveLength(combos.length);
    const levels = new Set<number>();
    for (const row of after) {
      const answers = ClassificationAnswersSchema.parse(row.classification);
      expect(classificationProblem(answers), row.code).toBeNull();
      expect(row.computedLevel, row.code).toBe(classifySystem(answers).level);
      levels.add(row.computedLevel!);
    }
    expect([...levels].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
