import { z } from 'zod';

export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageVi: z.string(),
    field: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Blank form fields arrive as "": store them as null. */
export const optionalText = (max = 500) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
