import { z } from 'zod';

/**
 * Limits that match the columns, declared once: every id and count is a PostgreSQL `integer` (32 bits), dates are
 * real calendar days. NUL characters, lone surrogates and deep nesting are refused for every request by the input
 * guard (src/server/http/input-guard.ts), so string helpers here only bound lengths.
 */
export const INT32_MAX = 2_147_483_647;

/** A whole number in a JSON body, within an `integer` column. */
export const int32 = (min = 0, max = INT32_MAX) => z.int().min(min).max(max);

/** A row id in a JSON body. */
export const id = () => int32(1);

const DECIMAL = /^-?(0|[1-9][0-9]{0,15})$/;

/**
 * A whole number written as text (a path, a query string, a spreadsheet cell): plain decimal digits only, so
 * `1e3`, `0x10`, ` 1`, `1.0` and `01` are refused rather than read as 1000, 16 or 1 (as z.coerce.number would).
 * JSON numbers pass through unchanged.
 */
export const intText = (min = 0, max = INT32_MAX) => z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), int32(min, max));

/** A row id written as text (a path or a query string). */
export const idText = () => intText(1);

export const IdParam = z.object({ id: idText() });

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

/** A response's `can`: what the caller may do here, computed by the server's capability checks (shared/core/capabilities.ts). */
export const Can = <K extends string>(...actions: K[]) =>
  z
    .object(Object.fromEntries(actions.map((a) => [a, z.boolean()])) as Record<K, z.ZodBoolean>)
    .describe('What the caller may do here; the server refuses the rest (403)');

/** A required text, trimmed, of `min` to `max` characters. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** Blank form fields arrive as "": store them as null. */
export const optionalText = (max = 500) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30) in a year PostgreSQL's `date` has (no year 0). */
export const isoDate = z.iso.date().refine((v) => !v.startsWith('0000'), 'YYYY-MM-DD');

/**
 * An instant with its offset, e.g. 2026-03-10T15:00:00+07:00 or …Z, on a day that exists and with an offset of
 * at most 14 hours (the widest in use; PostgreSQL refuses beyond 15:59).
 */
export const isoDateTime = z.iso.datetime({ offset: true }).refine((v) => {
  const [, h = '0', m = '0'] = /[+-](\d\d):(\d\d)$/.exec(v) ?? [];
  return !v.startsWith('0000') && Number(h) * 60 + Number(m) <= 14 * 60;
}, 'YYYY-MM-DDTHH:MM:SS±HH:MM');
