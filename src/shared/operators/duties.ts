/**
 * The duties the provincial directives set telecom and Internet operators and security firms (Vĩnh Phúc 7, Thanh Hóa 3,
 * Quảng Nam 4–5, Bắc Giang 9): which organisations they bind, who may receive shared incident information, and what
 * of an operator's contact point the province publishes.
 */

/** The agency kinds (data/agency-kinds.json) the texts address: telecom and Internet operators, security firms. */
export const OPERATOR_KINDS = ['telecom', 'security_firm'] as const;
export const isOperatorKind = (kind: string) => (OPERATOR_KINDS as readonly string[]).includes(kind);

/**
 * Whom an operator shares incident information with, by designation (data/designations.json): Quảng Nam 5, first
 * bullet, names the Sở Thông tin và Truyền thông (the specialized security unit today); Vĩnh Phúc 7 and Quảng Nam 4 the
 * province's response team and the national coordinating agency; the cybersecurity management authority since 2025.
 */
export const SHARE_RECIPIENTS = ['security_unit', 'response_team', 'national_coordinator', 'cybersecurity_authority'] as const;
export type ShareRecipient = (typeof SHARE_RECIPIENTS)[number];

/** A warning sent or information shared is recorded after the fact: its day cannot be later than today. */
export function recordDayProblem(day: string, today: string): { en: string; vi: string } | null {
  return day > today ? { en: 'The day cannot be later than today', vi: 'Ngày không được sau ngày hôm nay' } : null;
}

type ContactRow = {
  name: string;
  kind: string;
  active: boolean;
  contactName: string | null;
  contactPosition: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPublished: boolean;
  contactPublishedUrl: string | null;
};

/**
 * An operator's contact point as the province publishes it (Vĩnh Phúc 7: "công bố thông tin đầu mối tiếp nhận sự cố"):
 * only an active operator's, only once it says it is published, with a name and a way to reach it; only the
 * organisation, the person's name and position, phone, e-mail and where the operator published it. Null otherwise.
 */
export function publishedContact(a: ContactRow) {
  if (!a.active || !isOperatorKind(a.kind) || !a.contactPublished || !a.contactName || !(a.contactPhone || a.contactEmail)) return null;
  return {
    organisation: a.name,
    kind: a.kind,
    name: a.contactName,
    position: a.contactPosition,
    phone: a.contactPhone,
    email: a.contactEmail,
    publishedUrl: a.contactPublishedUrl,
  };
}
