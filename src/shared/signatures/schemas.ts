import { z } from 'zod';
import { Can, id, idText, isoDate, optionalText, text } from '../core/schemas.ts';
import { TOKEN_STATES } from './validity.ts';

/** A certificate serial as issuers print it: hexadecimal, up to 20 bytes (RFC 5280), spaces or colons between pairs allowed. */
const Serial = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f: ]{1,64}$/, 'hexadecimal')
  .transform((v) => v.replace(/[: ]/g, '').toUpperCase())
  .refine((v) => v.length >= 1 && v.length <= 40, 'hexadecimal, at most 40 digits');

const details = {
  subject: z.enum(['person', 'organization']),
  holderName: text(200, 2),
  holderPosition: optionalText(200),
  serial: Serial,
  issuer: text(200, 2),
  validFrom: isoDate,
  validTo: isoDate,
  note: optionalText(1000),
};
const validity = (v: { validFrom?: string; validTo?: string }) => !v.validFrom || !v.validTo || v.validTo >= v.validFrom;
const validityIssue = { path: ['validTo'], message: 'A certificate cannot end before it starts' };

export const SignatureTokenInput = z.object({ agencyId: id(), ...details }).refine(validity, validityIssue);
export const SignatureTokenPatch = z.object(details).partial().refine(validity, validityIssue);
export const RevocationInput = z.object({ revokedOn: isoDate, reason: text(500, 3) });
export const LossReportInput = z
  .object({ lostOn: isoDate, circumstances: text(1000, 3), reportedOn: isoDate })
  .refine((v) => v.reportedOn >= v.lostOn, { path: ['reportedOn'], message: 'The loss cannot be reported before it happened' });

export const SignatureTokenQuery = z.object({
  agencyId: idText().optional(),
  state: z.enum(TOKEN_STATES).optional(),
});

export const SignatureToken = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  subject: z.enum(['person', 'organization']),
  holderName: z.string(),
  holderPosition: z.string().nullable(),
  serial: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  revokedOn: z.string().nullable(),
  revocationReason: z.string().nullable(),
  lostOn: z.string().nullable(),
  lossCircumstances: z.string().nullable(),
  lossReportedOn: z.string().nullable(),
  note: z.string().nullable(),
  state: z.enum(TOKEN_STATES),
  updatedAt: z.string(),
  can: Can('edit'),
});
export const SignatureTokenList = z.object({
  items: z.array(SignatureToken),
  counts: z.object({ valid: z.number(), expiring: z.number(), expired: z.number(), revoked: z.number(), lost: z.number() }),
  noticeDays: z.number(),
  citations: z.array(z.object({ vi: z.string(), en: z.string() })),
  can: Can('create'),
});
