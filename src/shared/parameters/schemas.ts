import { z } from 'zod';
import { isoDate } from '../core/schemas.ts';
import { PARAMETER_KEYS } from './catalog.ts';

/** A new period: its value, from when, the instrument and clause it comes from, and a note. */
export const ParameterPeriodInput = z.object({
  value: z.string().trim().min(1).max(20),
  effectiveFrom: isoDate,
  instrument: z.string().min(1).max(80),
  article: z.number().int().positive().max(500).optional(),
  clause: z.number().int().positive().max(100).optional(),
  point: z.string().min(1).max(4).optional(),
  item: z.string().min(1).max(10).optional(),
  section: z.string().min(1).max(80).optional(),
  note: z.string().max(2000).optional(),
});

const Citation = z.object({
  instrument: z.string(),
  article: z.number().optional(),
  clause: z.number().optional(),
  point: z.string().optional(),
  item: z.string().optional(),
  section: z.string().optional(),
});

export const ParameterPeriod = z.object({
  id: z.number(),
  key: z.string(),
  value: z.string(),
  unit: z.string(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
  citation: Citation,
  /** The citation's official wording. */
  reference: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const ParameterList = z.object({
  today: z.string(),
  can: z.object({ edit: z.boolean() }),
  parameters: z.array(
    z.object({
      key: z.enum(PARAMETER_KEYS),
      labelVi: z.string(),
      labelEn: z.string(),
      unit: z.string(),
      current: ParameterPeriod.extend({ createdByName: z.string().nullable() }).nullable(),
      periods: z.array(ParameterPeriod.extend({ createdByName: z.string().nullable() })),
    }),
  ),
});
