import { describe, expect, it } from 'vitest';
import { classifySystem, EMPTY_ANSWERS, type ClassificationAnswers } from './levels.ts';

const answers = (over: Partial<ClassificationAnswers>): ClassificationAnswers => ({ ...EMPTY_ANSWERS, ...over });
const rules = (a: ClassificationAnswers) => classifySystem(a).reasons.map((r) => r.ruleId);

describe('classifySystem (Decree 85/2016 Articles 7–11)', () => {
  it('level 1: internal system with public information only (Art. 7)', () => {
    const r = classifySystem(EMPTY_ANSWERS);
    expect(r.level).toBe(1);
    expect(r.reasons).toEqual([expect.objectContaining({ ruleId: 'L1-internal-public', article: expect.stringContaining('Điều 7') })]);
  });

  const cases: [string, Partial<ClassificationAnswers>, number][] = [
    ['L2-private-data', { dataKinds: ['internal'] }, 2],
    ['L2-private-data', { dataKinds: ['public', 'personal'] }, 2],
    ['L2-public-information', { onlinePublicService: 'information' }, 2],
    ['L2-public-information', { usersServed: { internal: true, otherAgencies: false, public: true } }, 2],
    ['L2-other-agencies', { usersServed: { internal: false, otherAgencies: true, public: false } }, 2],
    ['L2-agency-infrastructure', { sharedInfrastructure: 'agency' }, 2],
    ['L3-important-data', { dataKinds: ['sensitive_personal'] }, 3],
    ['L3-important-data', { dataKinds: ['important'] }, 3],
    ['L3-important-data', { dataKinds: ['state_secret'] }, 3],
    ['L3-online-public-service', { onlinePublicService: 'partial' }, 3],
    ['L3-online-public-service', { onlinePublicService: 'full' }, 3],
    ['L3-shared-provincial', { sharedInfrastructure: 'provincial' }, 3],
    ['L3-shared-provincial', { sectorWide: true }, 3],
    ['L3-industrial-control', { industrialControl: 'local' }, 3],
    ['L4-national-system', { nationalDatabase: true }, 4],
    ['L4-shared-national', { sharedInfrastructure: 'national' }, 4],
    ['L4-critical-control', { industrialControl: 'critical' }, 4],
    ['L5-national-security', { nationalSecurityImpact: true }, 5],
    ['L5-national-list', { nationalImportantList: true }, 5],
  ];
  it.each(cases)('rule %s gives level %i', (ruleId, over, level) => {
    const r = classifySystem(answers(over));
    expect(r.level).toBe(level);
    expect(rules(answers(over))).toContain(ruleId);
    expect(r.reasons[0]!.level).toBe(level);
  });

  it('takes the highest level and lists every reason, highest first', () => {
    const r = classifySystem(answers({ dataKinds: ['personal', 'important'], onlinePublicService: 'full', usersServed: { internal: true, otherAgencies: true, public: true } }));
    expect(r.level).toBe(3);
    expect(r.reasons.map((x) => x.level)).toEqual([...r.reasons.map((x) => x.level)].sort((a, b) => b - a));
    expect(rules(answers({ dataKinds: ['personal', 'important'] }))).toEqual(['L3-important-data', 'L2-private-data']);
  });

  it('a level-5 criterion wins over everything else', () => {
    expect(classifySystem(answers({ nationalImportantList: true, sharedInfrastructure: 'national', dataKinds: ['important'] })).level).toBe(5);
  });

  it('every reason carries Vietnamese and English text', () => {
    for (const r of classifySystem(answers({ nationalSecurityImpact: true, dataKinds: ['personal'] })).reasons) {
      expect(r.vi.length).toBeGreaterThan(10);
      expect(r.en.length).toBeGreaterThan(10);
    }
  });
});
