/**
 * The parameters a new installation starts with (data/province-parameters.json, for the demo province), checked at
 * load: known keys, values of the key's form, instruments of the registry, periods of a key that never overlap.
 */
import { z } from 'zod';
import data from '../../../data/province-parameters.json' with { type: 'json' };
import { isoDate } from '../core/schemas.ts';
import type { Citation } from '../legal/citation.ts';
import { instrumentById } from '../legal/instruments.ts';
import { PARAMETER_KEYS, valueProblem, type ParameterKey, type ParameterPeriod } from './catalog.ts';

const Seed = z.object({
  province: z.string().min(1),
  noteVi: z.string().min(1),
  noteEn: z.string().min(1),
  parameters: z
    .array(
      z.object({
        key: z.enum(PARAMETER_KEYS),
        value: z.string().min(1),
        effectiveFrom: isoDate,
        effectiveUntil: isoDate.nullable().optional(),
        citation: z.object({
          instrument: z.string(),
          article: z.number().optional(),
          clause: z.number().optional(),
          point: z.string().optional(),
          item: z.string().optional(),
          section: z.string().optional(),
        }),
        note: z.string().min(1),
      }),
    )
    .superRefine((list, ctx) => {
      for (const p of list) {
        const problem = valueProblem(p.key, p.value);
        if (problem) ctx.addIssue({ code: 'custom', message: `${p.key}: ${p.value} is not ${problem}` });
        try {
          instrumentById(p.citation.instrument);
        } catch {
          ctx.addIssue({ code: 'custom', message: `${p.key}: unknown instrument ${p.citation.instrument}` });
        }
        const until = p.effectiveUntil ?? '9999-12-31';
        const overlapping = list.filter((o) => o !== p && o.key === p.key && o.effectiveFrom < until && p.effectiveFrom < (o.effectiveUntil ?? '9999-12-31'));
        if (overlapping.length) ctx.addIssue({ code: 'custom', message: `${p.key}: periods overlap` });
      }
    }),
});

export const SEED = Seed.parse(data);
export type SeedPeriod = (typeof SEED.parameters)[number] & ParameterPeriod;
export const SEEDED_PERIODS: readonly SeedPeriod[] = SEED.parameters.map((p) => ({ ...p, effectiveUntil: p.effectiveUntil ?? null }));

/** The instruments and clauses the seeded values of some keys come from (the legal registry's list of rules). */
export const seededCitations = (...keys: ParameterKey[]): Citation[] => {
  const out: Citation[] = [];
  for (const p of SEEDED_PERIODS) if (keys.includes(p.key) && !out.some((c) => JSON.stringify(c) === JSON.stringify(p.citation))) out.push(p.citation);
  return out;
};
