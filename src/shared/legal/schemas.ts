/** The legal registry on the wire (GET /api/legal/instruments). */
import { z } from 'zod';
import { Instrument } from './instruments.ts';

const Standing = z.enum(['in_force', 'not_in_force', 'to_confirm']);

export const LegalOverview = z.object({
  /** The Vietnamese calendar day the standings are computed for. */
  asOf: z.string(),
  instruments: z.array(
    Instrument.extend({
      standing: Standing,
      citedBy: z.array(
        z.object({ ruleId: z.string(), labelVi: z.string(), labelEn: z.string(), where: z.string(), citationVi: z.string(), citationEn: z.string() }),
      ),
    }),
  ),
  flags: z.array(
    z.object({
      ruleId: z.string(),
      labelVi: z.string(),
      labelEn: z.string(),
      instrumentId: z.string(),
      citationVi: z.string(),
      citationEn: z.string(),
      standing: Standing.exclude(['in_force']),
    }),
  ),
});
export type LegalOverview = z.infer<typeof LegalOverview>;
