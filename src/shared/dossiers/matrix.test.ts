import { describe, expect, it } from 'vitest';
import defaults from '../../../data/approval-matrix.json' with { type: 'json' };
import { flowOf, partiesFor, referenceOf, type MatrixRow, type Standing } from './matrix.ts';
import { allowedActions, type DossierAction, type DossierState } from './workflow.ts';

const row = (level: number) => defaults.find((r) => r.level === level) as unknown as MatrixRow & { citations: Parameters<typeof referenceOf>[0] };
const unit: Standing = { ownerEditor: false, ownerHead: false, unit: true };
const head: Standing = { ownerEditor: true, ownerHead: true, unit: false };
const officer: Standing = { ownerEditor: true, ownerHead: false, unit: false };
const stranger: Standing = { ownerEditor: false, ownerHead: false, unit: false };

/** What each standing may do in a state at a level, under the default matrix. */
const can = (level: number, standing: Standing, state: DossierState): DossierAction[] =>
  allowedActions(state, partiesFor(row(level), standing), flowOf(row(level)));

describe('the default approval matrix (Decree 85/2016 Art. 12, 14)', () => {
  it('holds the five levels', () => {
    expect(defaults.map((r) => r.level)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([1, 2])("level %i: the specialized unit appraises and approves; the owner's head does neither (Art. 12 k1, Art. 14 k3 a)", (level) => {
    expect(can(level, unit, 'submitted')).toEqual(['start_appraisal', 'return']);
    expect(can(level, unit, 'appraised')).toEqual(['approve', 'return']);
    expect(can(level, head, 'submitted')).toEqual([]);
    expect(can(level, head, 'appraised')).toEqual([]);
    expect(can(level, officer, 'draft')).toEqual(['submit']);
    expect(flowOf(row(level))).toEqual({ opinion: false, list: false });
  });

  it('level 3: the unit appraises, the owner approves (Art. 12 k2)', () => {
    expect(can(3, unit, 'under_appraisal')).toEqual(['appraise', 'return']);
    expect(can(3, unit, 'appraised')).toEqual([]);
    expect(can(3, head, 'appraised')).toEqual(['approve', 'return']);
    expect(can(3, officer, 'appraised')).toEqual([]);
  });

  it("level 4: the unit gives its opinion first, records the ministry's appraisal, the owner approves (Art. 12 k3 a, d; Art. 14 k1 d)", () => {
    expect(can(4, officer, 'draft')).toEqual(['request_opinion', 'submit']);
    expect(can(4, unit, 'awaiting_opinion')).toEqual(['give_opinion', 'return']);
    expect(can(4, head, 'awaiting_opinion')).toEqual([]);
    expect(can(4, unit, 'submitted')).toEqual(['start_appraisal', 'return']);
    expect(can(4, head, 'appraised')).toEqual(['approve', 'return']);
    expect(can(4, unit, 'appraised')).toEqual([]);
    expect(row(4).appraiserKind).toBe('external');
  });

  it("level 5: as level 4, then the Prime Minister's list is recorded and the owner approves the security plan (Art. 12 k3 d, đ)", () => {
    expect(flowOf(row(5))).toEqual({ opinion: true, list: true });
    expect(can(5, unit, 'appraised')).toEqual(['record_list']);
    expect(can(5, head, 'appraised')).toEqual(['return']);
    expect(can(5, head, 'listed')).toEqual(['approve', 'return']);
    expect(can(5, unit, 'listed')).toEqual([]);
  });

  it('gives nothing to someone who is neither the owner nor its unit', () => {
    for (const level of [1, 2, 3, 4, 5]) {
      for (const state of ['draft', 'awaiting_opinion', 'submitted', 'under_appraisal', 'appraised', 'listed', 'returned'] as const) {
        expect(can(level, stranger, state)).toEqual([]);
      }
    }
  });

  it('cites the decree in the official wording', () => {
    expect(referenceOf(row(1).citations)).toBe('Khoản 1 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm a khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP');
    expect(referenceOf(row(5).citations)).toContain('Điểm đ khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP');
  });
});
