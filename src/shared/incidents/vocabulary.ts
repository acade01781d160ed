/**
 * Vocabulary of incident response (sự cố an toàn thông tin mạng): Decision 05/2017/QĐ-TTg and
 * Circular 20/2017/TT-BTTTT. Shared by the server, the web UI and the demo data.
 */

export const INCIDENT_KINDS = ['malware', 'ransomware', 'intrusion', 'defacement', 'ddos', 'data_leak', 'phishing', 'account_compromise', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/**
 * What the incident did to the system: the effects of Decision 05/2017/QĐ-TTg Art. 9 clause 1, points a–đ, in order
 * (service disruption; top-secret or state-secret data likely disclosed; important data without integrity and
 * unrecoverable; control of the system lost; likely to spread widely or cascade onto other level 4–5 systems).
 */
export const INCIDENT_EFFECTS = ['service_disruption', 'secret_data_exposure', 'unrecoverable_integrity_loss', 'loss_of_control', 'spread_or_cascade'] as const;
export type IncidentEffect = (typeof INCIDENT_EFFECTS)[number];

/**
 * Who can handle the incident, as the reporter states it: the operator itself; possibly beyond the operator's capacity
 * (QĐ05 Art. 11(1)(a), Circular 20/2017 Art. 9(2)(b): report immediately); beyond the owner's capacity to control
 * and handle it (QĐ05 Art. 9(2), one of the two criteria of a serious incident, and beyond the operator's as well).
 */
export const HANDLING_CAPACITIES = ['within', 'beyond_operator', 'beyond_owner'] as const;
export type HandlingCapacity = (typeof HANDLING_CAPACITIES)[number];

/** Where the report came from: an agency filing for its own systems, or the public 24/7 hotline desk. */
export const INCIDENT_SOURCES = ['agency', 'hotline'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** The case flow, then the two ways triage can end a report without a case. */
export const INCIDENT_STATUSES = ['received', 'triaged', 'responding', 'contained', 'recovered', 'closed', 'rejected', 'merged'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Traffic Light Protocol 2.0. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'file_hash', 'email', 'cve'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export const TASK_STATUSES = ['open', 'done'] as const;

/** Response plan documents (phương án ứng cứu sự cố) and scenario playbooks (kịch bản ứng cứu). */
export const PLAN_KINDS = ['plan', 'playbook'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Exercises (diễn tập): hands-on "live-fire" or discussion-based. */
export const EXERCISE_KINDS = ['live_fire', 'tabletop'] as const;
export const EXERCISE_OUTCOMES = ['achieved', 'partially', 'not_achieved'] as const;

export const EMPLOYMENTS = ['in_house', 'hired'] as const;

/** Human-readable case number, e.g. SC-2026-0042 (year of the report). */
export function incidentCode(id: number, reportedAt: Date | string): string {
  const year = new Date(reportedAt).getUTCFullYear();
  return `SC-${year}-${String(id).padStart(4, '0')}`;
}

/** The id inside a case number typed in a search box, or null. */
export function idFromCode(text: string): number | null {
  const m = /^\s*SC-\d{4}-0*(\d{1,9})\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}
