import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../indicators/rules.ts';
import { formatCitation } from './citation.ts';
import { instrumentById, standingOn } from './instruments.ts';
import { CITED_RULES, legalOverview, ruleFlags, rulesCiting } from './registry.ts';

const DAY = '2026-12-01';

describe('the registry of citations', () => {
  it('has unique rule ids, every indicator, and only citations of known instruments', () => {
    const ids = CITED_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of INDICATOR_IDS) expect(ids).toContain(`indicator.${id}`);
    for (const r of CITED_RULES) {
      expect(r.citations.length, r.id).toBeGreaterThan(0);
      for (const c of r.citations) expect(() => formatCitation(c), r.id).not.toThrow();
    }
  });

  it('finds what cites an instrument', () => {
    expect(rulesCiting('decree-13-2023').map((x) => x.rule.id)).toEqual(['indicator.pdp']);
    expect(rulesCiting('dispatch-33-2024').map((x) => formatCitation(x.citation))).toContain('Tiết (3) điểm a khoản 2 Công điện số 33/CĐ-TTg');
    expect(rulesCiting('law-24-2018')).toEqual([]);
    // The quarterly report rests on Dispatch 33/CĐ-TTg §1.c, not on Decree 85/2016.
    const quarterly = rulesCiting('dispatch-33-2024').filter((x) => x.rule.id === 'reports.quarterlySecurity');
    expect(quarterly.map((x) => formatCitation(x.citation))).toEqual(['Điểm c khoản 1 Công điện số 33/CĐ-TTg']);
    expect(rulesCiting('decree-85-2016').map((x) => x.rule.id)).not.toContain('reports.quarterlySecurity');
  });

  it('flags rules citing an instrument not in force or to confirm, and only those', () => {
    const flags = ruleFlags(DAY);
    expect(flags).toContainEqual(
      expect.objectContaining({ ruleId: 'indicator.pdp', instrumentId: 'decree-13-2023', standing: 'not_in_force', citationVi: 'Nghị định số 13/2023/NĐ-CP' }),
    );
    expect(flags).toContainEqual(
      expect.objectContaining({
        ruleId: 'systems.classification',
        instrumentId: 'decree-85-2016',
        standing: 'to_confirm',
        citationVi: 'Điều 7 Nghị định số 85/2016/NĐ-CP',
      }),
    );
    expect(flags.filter((f) => f.ruleId === 'documents.layout')).toEqual([]);
    for (const f of flags) expect(standingOn(instrumentById(f.instrumentId), DAY), f.ruleId).not.toBe('in_force');
    const cited = CITED_RULES.flatMap((r) => r.citations.map((c) => c.instrument));
    expect(flags.length).toBe(cited.filter((id) => standingOn(instrumentById(id), DAY) !== 'in_force').length);
  });

  it('gives each instrument its standing and the rules citing it', () => {
    const o = legalOverview(DAY);
    expect(o.asOf).toBe(DAY);
    const decree30 = o.instruments.find((i) => i.id === 'decree-30-2020')!;
    expect(decree30.standing).toBe('in_force');
    expect(decree30.citedBy.map((c) => c.citationVi)).toEqual(['Điều 8 Nghị định số 30/2020/NĐ-CP', 'Điều 9 Nghị định số 30/2020/NĐ-CP']);
    expect(o.instruments.find((i) => i.id === 'law-86-2015')!.standing).toBe('not_in_force');
  });
});
