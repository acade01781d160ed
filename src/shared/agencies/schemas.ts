import { z } from 'zod';
import { Can, isoDate, optionalText, id, idText, text } from '../core/schemas.ts';

const email = z.preprocess((v) => (v === '' ? null : v), z.email().max(200).nullable().optional());
const url = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
);
const phone = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .string()
    .regex(/^[0-9+() .-]{6,20}$/, 'phone')
    .nullable()
    .optional(),
);

const ContactPoint = z.object({
  contactName: optionalText(200),
  contactPosition: optionalText(200),
  contactPhone: phone,
  contactEmail: email,
  contactDesignatedOn: z.preprocess((v) => (v === '' ? null : v), isoDate.nullable().optional()),
  contactPublished: z.boolean().optional(),
  contactPublishedUrl: url,
});

export const AgencyInput = ContactPoint.extend({
  name: text(300, 2),
  shortName: optionalText(50),
  kind: z.string().min(1).max(50),
  parentId: id().nullable().optional(),
  address: optionalText(500),
  phone,
  email,
  portalUrl: url,
});
export type AgencyInput = z.infer<typeof AgencyInput>;
export const AgencyPatch = AgencyInput.partial().extend({ active: z.boolean().optional() });
export type AgencyPatch = z.infer<typeof AgencyPatch>;

export const Agency = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  kindNameVi: z.string(),
  kindNameEn: z.string(),
  external: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  portalUrl: z.string().nullable(),
  active: z.boolean(),
  contactName: z.string().nullable(),
  contactPosition: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactDesignatedOn: z.string().nullable(),
  contactPublished: z.boolean(),
  contactPublishedUrl: z.string().nullable(),
  childCount: z.number(),
  /**
   * What the caller may do to this agency (edit, restructure: move, change kind, deactivate; addChild, manageUsers,
   * manageTokens) and for it (registerSystems, reportIncidents, recordExercises, reportIndicators, keepSignatureTokens, recordHunts).
   */
  can: Can(
    'edit',
    'restructure',
    'addChild',
    'manageUsers',
    'manageTokens',
    'registerSystems',
    'reportIncidents',
    'recordExercises',
    'reportIndicators',
    'keepSignatureTokens',
    'recordHunts',
  ),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyKind = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), external: z.boolean() });
export type AgencyKind = z.infer<typeof AgencyKind>;

export const AgencyListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.string().max(50).optional(),
  parentId: idText().optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const Designation = z.object({
  code: z.string(),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  titleVi: z.string(),
  titleEn: z.string(),
});
export const DesignationInput = z.object({
  agencyId: id().nullable(),
  titleVi: text(200, 2),
  titleEn: text(200, 2),
});
