import type { Citation } from '../legal/citation.ts';

/**
 * Who an incident report goes to, always together: the system's owner (cơ quan chủ quản), the specialized response
 * unit of the same level and the national coordinating agency (Decision 05/2017/QĐ-TTg Art. 11(1)(a) and 11(5)(a);
 * Circular 20/2017/TT-BTTTT Art. 9(2)(a)), and the bodies with cybersecurity management functions that Dispatch
 * 33/CĐ-TTg §1.b.(1) adds. None of them can be left out.
 */
export const REPORT_RECIPIENTS = ['owner', 'response_unit', 'national_coordinator', 'cybersecurity_authority'] as const;
export type ReportRecipient = (typeof REPORT_RECIPIENTS)[number];

/** Item (1) of point b, clause 1 of the dispatch. */
const DISPATCH_33: Citation = { instrument: 'dispatch-33-2024', clause: 1, point: 'b' };

export const RECIPIENT_SOURCES: Record<ReportRecipient, Citation[]> = {
  owner: [
    { instrument: 'decision-05-2017', article: 11, clause: 1, point: 'a' },
    { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'a' },
  ],
  response_unit: [
    { instrument: 'decision-05-2017', article: 11, clause: 1, point: 'a' },
    { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'a' },
  ],
  national_coordinator: [
    { instrument: 'decision-05-2017', article: 11, clause: 1, point: 'a' },
    { instrument: 'circular-20-2017', article: 9, clause: 2, point: 'a' },
    DISPATCH_33,
  ],
  cybersecurity_authority: [DISPATCH_33],
};

/**
 * The designation (data/designations.json) that names the agency in each role; the owner is the reporting agency's
 * managing body. The specialized response unit is the province's specialized security (or IT) unit (QĐ05 Art. 6(1)).
 */
export const RECIPIENT_DESIGNATIONS: Record<Exclude<ReportRecipient, 'owner'>, string> = {
  response_unit: 'security_unit',
  national_coordinator: 'national_coordinator',
  cybersecurity_authority: 'cybersecurity_authority',
};

/** The operator's closing report goes to the owner and the national coordinator (Circular 20/2017 Art. 9(2)(b)). */
export const CLOSING_REPORT_RECIPIENTS: readonly ReportRecipient[] = ['owner', 'national_coordinator'];
