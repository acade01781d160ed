import { describe, expect, it } from 'vitest';
import { seriousness } from './seriousness.ts';
import { formatCitation } from '../legal/citation.ts';
import { INCIDENT_EFFECTS } from './vocabulary.ts';

const level = (n: number | null) => ({ level: n, nationalImportantList: false });
const listed = { level: 3, nationalImportantList: true };

describe('a serious incident by Decision 05/2017/QĐ-TTg Art. 9', () => {
  it('needs a level 4 or 5 system, or one on the national list', () => {
    for (const systems of [[level(4)], [level(5)], [listed], [level(2), level(4)]]) {
      expect(seriousness({ systems, effects: ['service_disruption'], capacity: 'beyond_owner' }).serious, JSON.stringify(systems)).toBe(true);
    }
    for (const systems of [[level(3)], [level(null)], [], [level(1), level(3)]]) {
      const s = seriousness({ systems, effects: ['service_disruption'], capacity: 'beyond_owner' });
      expect(s).toMatchObject({ serious: false, systemCriterion: false });
    }
  });

  it('needs one of the effects of points a–đ of clause 1, each enough on its own', () => {
    for (const effect of INCIDENT_EFFECTS) {
      expect(seriousness({ systems: [level(4)], effects: [effect], capacity: 'beyond_owner' }).serious, effect).toBe(true);
    }
    expect(seriousness({ systems: [level(5)], effects: [], capacity: 'beyond_owner' }).serious).toBe(false);
  });

  it('needs clause 2 as well: the owner cannot control and handle it', () => {
    expect(seriousness({ systems: [level(5)], effects: ['loss_of_control'], capacity: 'beyond_operator' })).toMatchObject({
      serious: false,
      capacityCriterion: false,
    });
    expect(seriousness({ systems: [level(5)], effects: ['loss_of_control'], capacity: 'within' }).serious).toBe(false);
  });

  it("names the points and clauses met, in the article's order", () => {
    const s = seriousness({ systems: [level(4)], effects: ['spread_or_cascade', 'service_disruption', 'secret_data_exposure'], capacity: 'beyond_owner' });
    expect(s.effects).toEqual(['service_disruption', 'secret_data_exposure', 'spread_or_cascade']);
    expect(s.grounds.map((c) => formatCitation(c))).toEqual([
      'Điểm a khoản 1 Điều 9 Quyết định số 05/2017/QĐ-TTg',
      'Điểm b khoản 1 Điều 9 Quyết định số 05/2017/QĐ-TTg',
      'Điểm đ khoản 1 Điều 9 Quyết định số 05/2017/QĐ-TTg',
      'Khoản 2 Điều 9 Quyết định số 05/2017/QĐ-TTg',
    ]);
    // Effects on a system outside clause 1 are no ground.
    expect(seriousness({ systems: [level(3)], effects: ['service_disruption'], capacity: 'within' }).grounds).toEqual([]);
  });
});
