import { z } from 'zod';
import { Can, id, idText, int32, isoDate, optionalText, text } from '../core/schemas.ts';
import { AUTHORITIES } from './signature.ts';
import { DOCUMENT_TYPE_CODES } from './numbering.ts';

/** Letters and digits of an abbreviation used in document symbols ("CATD", "SYT", "VP"). */
const abbreviation = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[\p{L}\p{N}]+$/u, 'letters and digits only');

const SignerSchema = z.object({
  collective: optionalText(200).transform((v) => v ?? null),
  authority: z
    .enum(AUTHORITIES)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  head: optionalText(200).transform((v) => v ?? null),
  title: text(200),
  name: text(200),
});

/** An agency's settings for the documents it issues (Decree 30/2020 Appendix I). */
export const DocumentSettingsInput = z.object({
  /** Chữ viết tắt tên cơ quan in the symbol: "CATD" in "BC-CATD". */
  abbreviation: abbreviation(20),
  /** The place of the date line ("Demo, ngày …"); null: from the province. */
  place: optionalText(100).transform((v) => v ?? null),
  /** The governing body printed above the agency's name; null: none. */
  governingBody: optionalText(300).transform((v) => v ?? null),
  /** Abbreviation of the drafting unit for "Lưu: VT, <unit>." and a công văn's symbol. */
  draftingUnit: z.preprocess((v) => (v === '' ? null : v), abbreviation(20).nullable().optional()).transform((v) => v ?? null),
  signers: z.array(SignerSchema).max(20),
});

const SignerOut = z.object({
  collective: z.string().nullable(),
  authority: z.enum(AUTHORITIES).nullable(),
  head: z.string().nullable(),
  title: z.string(),
  name: z.string(),
});

export const DocumentSettings = z.object({
  agencyId: z.number(),
  agencyName: z.string(),
  abbreviation: z.string(),
  place: z.string().nullable(),
  /** The place printed when `place` is null. */
  defaultPlace: z.string(),
  governingBody: z.string().nullable(),
  draftingUnit: z.string().nullable(),
  signers: z.array(SignerOut),
  can: Can('edit'),
});

/** What a register entry numbers: one generated document of Khiên. */
const DOCUMENT_SUBJECTS = ['dossier', 'incident_initial', 'incident_closing', 'incident_response', 'report'] as const;
export type DocumentSubject = (typeof DOCUMENT_SUBJECTS)[number];

export const OutgoingReserveInput = z.object({
  subjectKind: z.enum(DOCUMENT_SUBJECTS),
  subjectId: id(),
  /** Position in the issuer's signers list. */
  signerIndex: int32(0, 19).optional(),
});

export const OutgoingPatch = z.object({
  number: int32(1, 99999).optional(),
  symbol: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u, 'letters, digits and "-"')
    .optional(),
  signerIndex: int32(0, 19).optional(),
  issuedOn: isoDate.optional(),
});

export const OutgoingListQuery = z.object({
  agencyId: idText().optional(),
  year: z.preprocess((v) => (typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : v), int32(2000, 2100)).optional(),
  subjectKind: z.enum(DOCUMENT_SUBJECTS).optional(),
  subjectId: idText().optional(),
});

export const OutgoingDocument = z.object({
  id: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  year: z.number(),
  number: z.number(),
  /** "01/BC-CATD". */
  reference: z.string(),
  symbol: z.string(),
  documentType: z.enum(DOCUMENT_TYPE_CODES),
  subjectKind: z.enum(DOCUMENT_SUBJECTS),
  subjectId: z.number(),
  subject: z.string(),
  status: z.enum(['reserved', 'issued']),
  signer: SignerOut.nullable(),
  issuedOn: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  can: Can('edit', 'issue'),
});
