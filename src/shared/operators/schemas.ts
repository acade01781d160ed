/** zod schemas of the operators' duties API (telecom and Internet operators, security firms), shared by server and web. */
import { z } from 'zod';
import { Can, int32, isoDate, optionalText, text } from '../core/schemas.ts';
import { OPERATOR_KINDS, SHARE_RECIPIENTS } from './duties.ts';

/** A warning the operator sent its customers (Vĩnh Phúc 7; Quảng Nam 4, second bullet). */
export const CustomerWarningInput = z.object({
  issuedOn: isoDate,
  subject: text(500, 5),
  customersReached: int32(0, 100_000_000),
  /** The authorities' warning it passes on, as they numbered it ("Cảnh báo số 12/CB-A05"), if any. */
  authorityWarning: optionalText(300),
});

/** Incident information the operator shared with an authority (Quảng Nam 5, first bullet; Vĩnh Phúc 7). */
export const IncidentShareInput = z.object({
  sharedOn: isoDate,
  recipient: z.enum(SHARE_RECIPIENTS),
  /** The incident, as the receiver numbered it (the province's case code), if it has one. */
  incidentRef: optionalText(100),
  description: text(5000, 10),
});

const CustomerWarning = z.object({
  id: z.number(),
  issuedOn: z.string(),
  subject: z.string(),
  customersReached: z.number(),
  authorityWarning: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

const IncidentShare = z.object({
  id: z.number(),
  sharedOn: z.string(),
  recipient: z.enum(SHARE_RECIPIENTS),
  /** The agency holding the designation when the information was shared. */
  recipientName: z.string(),
  incidentRef: z.string().nullable(),
  description: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

const Contact = z.object({
  name: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  designatedOn: z.string().nullable(),
  published: z.boolean(),
  publishedUrl: z.string().nullable(),
});

const OperatorFields = {
  id: z.number(),
  name: z.string(),
  kind: z.enum(OPERATOR_KINDS),
  kindNameVi: z.string(),
  kindNameEn: z.string(),
};

export const OperatorSummary = z.object({
  ...OperatorFields,
  contactPublished: z.boolean(),
  customerWarnings: z.number(),
  incidentShares: z.number(),
});

export const Operator = z.object({
  ...OperatorFields,
  contact: Contact,
  customerWarnings: z.array(CustomerWarning),
  incidentShares: z.array(IncidentShare),
  /** record: a customer warning or shared incident information; editContact: the contact point (PATCH /api/agencies/:id). */
  can: Can('record', 'editContact'),
});

export const PublicOperatorContacts = z.object({
  items: z.array(
    z.object({
      organisation: z.string(),
      kind: z.enum(OPERATOR_KINDS),
      kindNameVi: z.string(),
      kindNameEn: z.string(),
      name: z.string(),
      position: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      publishedUrl: z.string().nullable(),
    }),
  ),
});
