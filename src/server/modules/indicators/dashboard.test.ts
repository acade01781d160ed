import { describe, expect, it } from 'vitest';
import { forScreen, SHOWN } from './dashboard.ts';

describe('the dashboard as sent to the page', () => {
  it('keeps the first rows of the ranking and of each list, with the full counts', () => {
    const agency = (id: number) => ({ id, name: `Cơ quan ${id}`, shortName: null, kind: 'department' });
    const many = (n: number) => Array.from({ length: n }, (_, i) => agency(i + 1));
    const d = {
      ranking: many(1000).map((a, i) => ({ rank: i + 1, agency: a, score: 50, rag: 'red', reported: true })),
      overdue: {
        antimalwareLate: many(250).map((a) => ({ agency: a, percent: 10 })),
        notReported: many(3),
        contactMissing: [],
        budgetsUnder10: [],
        systemsUnapproved: [],
      },
    } as unknown as Parameters<typeof forScreen>[0];
    const s = forScreen(d);
    expect(s.ranking).toHaveLength(SHOWN.ranking);
    expect(s.ranking[0]!.rank).toBe(1);
    expect(s.rankingTotal).toBe(1000);
    expect(s.overdue.antimalwareLate).toHaveLength(SHOWN.overdue);
    expect(s.overdue.notReported).toHaveLength(3);
    expect(s.overdueTotals).toEqual({ antimalwareLate: 250, notReported: 3, contactMissing: 0, budgetsUnder10: 0, systemsUnapproved: 0 });
  });
});
