import { ROLES, type Role } from './roles.ts';

/**
 * Who may do what: every capability of Khiên, declared once. A capability is granted to roles, each grant with a
 * reach measured from the subject's own agency; it names the API routes that check it. The server's access checks
 * (src/server/modules/<module>/access.ts), the `can` objects of its responses and the session's `can` (what the web
 * shows) are all computed from this table. *When* a record may change (a dossier's state, a case that has ended) is the
 * workflow's rule, combined with these in the module's access.ts.
 */

/**
 * Where a grant reaches:
 * - `any`: everywhere (the whole province, or the platform); also reference data that belongs to no agency.
 * - `subtree`: the subject's agency and every agency below it.
 * - `below`: the agencies below the subject's agency, not the agency itself.
 * - `own_agency`: the subject's agency only.
 * - `inside`: the target is an agency the subject works in (their agency or one above it), e.g. a designated unit.
 * - `assignee`: the target is assigned to the subject.
 */
type Reach = 'any' | 'subtree' | 'below' | 'own_agency' | 'inside' | 'assignee';

type Grant = { roles: readonly Role[]; reach: Reach };
/** An API route, or one of the TAXII 2.1 server's (read-only, outside /api as TAXII clients expect it). */
type Route = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}` | `GET /taxii2/${string}`;
type Declaration = { grants: readonly Grant[]; routes: readonly Route[] };

/** Who the subject of a check is: the signed-in actor, or a user the actor picks (e.g. an assignee). */
export type Subject = {
  userId: number;
  agencyId: number;
  agencyPath: string;
  roles: readonly Role[];
  /** Set when the subject acts through an API token: only these capabilities count (the token's scopes, TOKEN_SCOPES). */
  tokenCapabilities?: ReadonlySet<Capability>;
};
/** What a check is about: an agency-owned record (its agency), or a record assigned to someone. */
export type Target = { agencyId: number; agencyPath: string } | { assigneeUserId: number | null };

/** Province-wide readers and the roles that read their own agency subtree. */
const READERS: Grant[] = [
  { roles: ['platform_admin', 'dept_security', 'responder'], reach: 'any' },
  { roles: ['agency_admin', 'agency_officer', 'viewer'], reach: 'subtree' },
];
/** Who changes an agency's records: platform admins anywhere, agency admins in their subtree, officers in their agency. */
const AGENCY_EDITORS: Grant[] = [
  { roles: ['platform_admin'], reach: 'any' },
  { roles: ['agency_admin'], reach: 'subtree' },
  { roles: ['agency_officer'], reach: 'own_agency' },
];
/** Who manages an agency's structure and people: platform admins anywhere, agency admins in their subtree. */
const AGENCY_MANAGERS: Grant[] = [
  { roles: ['platform_admin'], reach: 'any' },
  { roles: ['agency_admin'], reach: 'subtree' },
];
/** The specialized security unit (Sở TT&TT in the seeds) and the platform admin, province-wide. */
const SECURITY_UNIT: Grant[] = [{ roles: ['platform_admin', 'dept_security'], reach: 'any' }];
/** Who works incident cases: the response team, the security unit, the platform admin. */
const RESPONSE_TEAM: Grant[] = [{ roles: ['platform_admin', 'dept_security', 'responder'], reach: 'any' }];
/** Who manages an agency's webhooks: its managers, and the security unit its own agency's. */
const WEBHOOK_MANAGERS: Grant[] = [...AGENCY_MANAGERS, { roles: ['dept_security'], reach: 'own_agency' }];
const PLATFORM_ADMIN: Grant[] = [{ roles: ['platform_admin'], reach: 'any' }];
const EVERYONE: Grant[] = [{ roles: ROLES, reach: 'any' }];

export const CAPABILITIES = {
  /** The signed-in user's own account, notifications and reminder choices. */
  'account.self': {
    grants: EVERYONE,
    routes: [
      'GET /api/auth/me',
      'POST /api/auth/password',
      'PUT /api/auth/locale',
      'POST /api/auth/mfa/verify',
      'POST /api/auth/mfa/verify/passkey-options',
      'POST /api/auth/mfa/verify/passkey',
      'GET /api/auth/mfa',
      'POST /api/auth/mfa/totp',
      'POST /api/auth/mfa/totp/confirm',
      'POST /api/auth/mfa/passkeys/options',
      'POST /api/auth/mfa/passkeys',
      'DELETE /api/auth/mfa/passkeys/:id',
      'POST /api/auth/mfa/recovery-codes',
      'GET /api/auth/sessions',
      'POST /api/auth/sessions/sign-out-others',
      'GET /api/notifications',
      'POST /api/notifications/read',
      'GET /api/reminder-preferences',
      'PUT /api/reminder-preferences',
      'GET /api/access-tokens',
      'POST /api/access-tokens',
      'DELETE /api/access-tokens/:id',
    ],
  },
  /** Catalogs and province-wide settings everybody works with. */
  'reference.read': {
    grants: EVERYONE,
    routes: [
      'GET /api/agency-kinds',
      'GET /api/designations',
      'GET /api/requirements',
      'GET /api/approval-matrix',
      'GET /api/incident-policy',
      'POST /api/classification/preview',
      'GET /api/response-team',
      'GET /api/legal/instruments',
      'GET /api/province-parameters',
      'GET /api/documents/pdf-status',
    ],
  },
  /**
   * What exists for the subject: the records of agencies in reach. src/server/auth/scope.ts scopes every query by it;
   * modules add their own twists (a directive assigned in the subtree, an incident naming the agency as affected).
   */
  'records.read': {
    grants: READERS,
    routes: [
      'GET /api/agencies',
      'GET /api/agencies/:id',
      'GET /api/users',
      'GET /api/users/:id',
      'GET /api/files/:id',
      'GET /api/systems',
      'GET /api/systems/export',
      'GET /api/systems/:id',
      'GET /api/systems/:id/history',
      'GET /api/agencies/:id/systems-stats',
      'GET /api/systems/:id/requirements',
      'GET /api/systems/:id/requirements/:requirementId/evidence',
      'GET /api/systems/:id/dossiers',
      'GET /api/dossiers/:id',
      'GET /api/dossiers/:id/docx',
      'GET /api/dossiers/:id/pdf',
      'GET /api/dossiers/:id/exchange-package',
      'GET /api/dossiers/:id/exchange-submissions',
      'GET /api/approvals',
      'GET /api/incidents',
      'GET /api/incidents/stats',
      'GET /api/incidents/:id',
      'GET /api/incidents/:id/initial-report.docx',
      'GET /api/incidents/:id/closing-report.docx',
      'GET /api/incidents/:id/response-report.docx',
      'GET /api/incidents/:id/initial-report.pdf',
      'GET /api/incidents/:id/closing-report.pdf',
      'GET /api/incidents/:id/response-report.pdf',
      'GET /api/incidents/:id/stix',
      'GET /api/incidents/:id/exchange-package',
      'GET /api/incidents/:id/exchange-submissions',
      'GET /api/incidents/:id/misp',
      'GET /api/incidents/readiness',
      'GET /api/response-plans',
      'GET /api/response-plans/:id',
      'GET /api/response-exercises',
      'GET /api/response-exercises/:id',
      'GET /api/warnings',
      'GET /api/warnings/stats',
      'GET /api/warnings/system-facts',
      'GET /api/warnings/:id',
      'GET /api/remediation-items',
      'GET /api/remediation-items/:id',
      'GET /api/systems/:id/scans',
      'GET /api/systems/:id/findings',
      'GET /api/scans/:id',
      'GET /api/findings',
      'GET /api/findings/:id',
      'GET /api/systems/:id/security',
      'GET /api/systems/:id/assessments',
      'GET /api/inspections',
      'GET /api/inspections/:id',
      'GET /api/directives',
      'GET /api/directives/:id',
      'GET /api/directives/:id/file',
      'GET /api/tasks',
      'GET /api/task-assignments/:id',
      'GET /api/reports',
      'GET /api/reports/:id',
      'GET /api/reports/:id/docx',
      'GET /api/reports/:id/pdf',
      'GET /api/reports/:id/xlsx',
      'GET /api/dashboard',
      'GET /api/dashboard/export',
      'GET /api/agencies/:id/indicators',
      'GET /api/agencies/:id/budgets',
      'GET /api/soc-connections',
      'GET /api/agencies/:id/soc-connection',
      'GET /api/agencies/:id/document-settings',
      'GET /api/outgoing-documents',
      'GET /api/signature-tokens',
      'GET /api/signature-tokens/:id',
      'GET /api/hunts',
      'GET /api/hunts/by-quarter',
      'GET /api/hunts/:id',
      'GET /api/operators',
      'GET /api/operators/:id',
      'GET /api/contribution-calls',
      'GET /api/contributions/:id',
    ],
  },

  /** An agency's details and contact point. */
  'agencies.edit': { grants: AGENCY_EDITORS, routes: ['PATCH /api/agencies/:id'] },
  /** An agency's place in the tree, kind and activity: agency admins only below their own agency. */
  'agencies.restructure': {
    grants: [
      { roles: ['platform_admin'], reach: 'any' },
      { roles: ['agency_admin'], reach: 'below' },
    ],
    routes: ['PATCH /api/agencies/:id'],
  },
  /** A new agency (or a moved one) under this parent. */
  'agencies.addChild': { grants: AGENCY_MANAGERS, routes: ['POST /api/agencies', 'PATCH /api/agencies/:id'] },
  /** Organizations outside the tree (assessors, security firms, ministries). */
  'agencies.addExternal': { grants: PLATFORM_ADMIN, routes: ['POST /api/agencies', 'PATCH /api/agencies/:id'] },
  /** What an agency's documents print (Decree 30/2020 Appendix I): abbreviation, place, governing body, signers. */
  'documents.settings': { grants: AGENCY_MANAGERS, routes: ['PUT /api/agencies/:id/document-settings'] },
  /**
   * The register of outgoing documents (sổ đăng ký văn bản đi) of the issuing agency: take the next number for a
   * document, correct it before issue, issue it. The agency's editors; the response team and the security unit for
   * their own agency's documents.
   */
  'documents.register': {
    grants: [...AGENCY_EDITORS, { roles: ['dept_security', 'responder'], reach: 'own_agency' }],
    routes: ['POST /api/outgoing-documents', 'PATCH /api/outgoing-documents/:id', 'POST /api/outgoing-documents/:id/issue'],
  },
  /** Which agency holds a function the law names. */
  'designations.edit': { grants: PLATFORM_ADMIN, routes: ['PUT /api/designations/:code'] },

  /** An agency's user accounts: create, edit, deactivate, reset the password, with the agency-level roles. */
  'users.manage': {
    grants: AGENCY_MANAGERS,
    routes: [
      'POST /api/users',
      'PATCH /api/users/:id',
      'POST /api/users/:id/reset-password',
      'POST /api/users/:id/reset-mfa',
      'POST /api/service-accounts',
      'GET /api/users/:id/access-tokens',
      'POST /api/users/:id/access-tokens',
      'DELETE /api/access-tokens/:id',
    ],
  },
  /** Which roles must sign in with a second factor. */
  'mfa.policy': { grants: PLATFORM_ADMIN, routes: ['GET /api/mfa-policy', 'PUT /api/mfa-policy'] },
  /** Grant or take away the province-wide roles (platform admin, security unit, responder). */
  'users.grantProvinceRoles': { grants: PLATFORM_ADMIN, routes: ['POST /api/users', 'PATCH /api/users/:id'] },
  /** An agency's API tokens for its anti-malware console. */
  'apiTokens.manage': {
    grants: AGENCY_MANAGERS,
    routes: ['GET /api/agencies/:id/api-tokens', 'POST /api/agencies/:id/api-tokens', 'DELETE /api/api-tokens/:id'],
  },

  /** Register a system for an agency. */
  'systems.create': { grants: AGENCY_EDITORS, routes: ['POST /api/systems'] },
  /** Import an inventory file (for the subject's own agency and those in reach). */
  'systems.import': { grants: AGENCY_EDITORS, routes: ['GET /api/systems/import-template', 'POST /api/systems/import'] },
  /** A system's record: details, software, links, classification, requirements and their evidence. */
  'systems.edit': {
    grants: AGENCY_EDITORS,
    routes: [
      'PATCH /api/systems/:id',
      'PUT /api/systems/:id/software',
      'PUT /api/systems/:id/links',
      'PUT /api/systems/:id/classification',
      'PATCH /api/systems/:id/requirements/:requirementId',
      'POST /api/systems/:id/requirements/:requirementId/evidence',
    ],
  },
  /**
   * Approve or reject a requirement a system's editors marked "not applicable", with its reason: the head of the owning
   * agency (its admins, or above it), the security unit, a platform admin. Until then it counts as applicable, not met.
   */
  'requirements.approveNotApplicable': {
    grants: [...AGENCY_MANAGERS, { roles: ['dept_security'], reach: 'any' }],
    routes: ['POST /api/systems/:id/requirements/:requirementId/not-applicable-decision'],
  },
  /** Scans, independent assessments and the monitoring provider of a system: its editors, and the security unit anywhere. */
  'systems.recordSecurity': {
    grants: [...AGENCY_EDITORS, { roles: ['dept_security'], reach: 'any' }],
    routes: [
      'POST /api/systems/:id/scans',
      'POST /api/systems/:id/scans/import',
      'PUT /api/systems/:id/monitoring-provider',
      'POST /api/systems/:id/assessments',
      'POST /api/assessments/:id/report',
    ],
  },

  /** Work a system's scan findings: assign, confirm, remediate, mark fixed or ask for an exception, reopen. */
  'findings.work': {
    grants: [...AGENCY_EDITORS, { roles: ['dept_security'], reach: 'any' }],
    routes: ['POST /api/findings/:id/transitions', 'PUT /api/findings/:id/assignee', 'POST /api/findings/bulk', 'POST /api/findings/:id/evidence'],
  },
  /** Approve a finding's false positive or accepted risk (named as its approver by the user who records it). */
  'findings.approve': {
    grants: [...AGENCY_MANAGERS, { roles: ['dept_security'], reach: 'any' }],
    routes: ['POST /api/findings/:id/transitions', 'POST /api/findings/bulk'],
  },
  /** Overdue findings by agency: the security unit province-wide, agency leaders over their subtree. */
  'findings.overview': {
    grants: [...SECURITY_UNIT, { roles: ['agency_admin'], reach: 'subtree' }],
    routes: ['GET /api/findings/overdue-by-agency'],
  },

  /** The owner's part of a level dossier: open, edit, submit, attach. */
  'dossiers.edit': {
    grants: AGENCY_EDITORS,
    routes: [
      'POST /api/systems/:id/dossiers',
      'PATCH /api/dossiers/:id',
      'POST /api/dossiers/:id/transitions',
      'POST /api/dossiers/:id/files',
      'POST /api/dossiers/:id/exchange-submissions',
    ],
  },
  /**
   * The specialized security unit's part (Decree 85/2016 Art. 12): its staff working in the agency the approval matrix
   * designates, or a platform admin. It gives the professional opinion, appraises (or records the ministry's appraisal),
   * records the Prime Minister's list and approves where the matrix says the unit approves.
   */
  'dossiers.actAsUnit': {
    grants: [
      { roles: ['platform_admin'], reach: 'any' },
      { roles: ['dept_security'], reach: 'inside' },
    ],
    routes: ['POST /api/dossiers/:id/transitions', 'POST /api/dossiers/:id/files', 'POST /api/dossiers/:id/exchange-submissions'],
  },
  /** Approval by the owner's head (approval matrix `owner`): an agency admin of the owning agency or above it. */
  'dossiers.approve': {
    grants: AGENCY_MANAGERS,
    routes: ['POST /api/dossiers/:id/transitions', 'POST /api/dossiers/:id/files', 'POST /api/dossiers/:id/exchange-submissions'],
  },
  /** The province's targets, deadlines and intervals: a new value from a day on, the past kept. */
  'provinceParameters.edit': { grants: PLATFORM_ADMIN, routes: ['POST /api/province-parameters/:key/periods'] },
  /** Who appraises and approves each level. */
  'approvalMatrix.edit': { grants: PLATFORM_ADMIN, routes: ['PUT /api/approval-matrix/:level'] },

  /** Report an incident for an agency: its editors, or the response team on its behalf. */
  'incidents.report': { grants: [...RESPONSE_TEAM, ...AGENCY_EDITORS], routes: ['POST /api/incidents'] },
  /** Work a case: triage, assign, tasks, observables, related cases, communication, the team's response report, national share. */
  'incidents.work': {
    grants: RESPONSE_TEAM,
    routes: [
      'PATCH /api/incidents/:id',
      'PUT /api/incidents/:id/affected',
      'POST /api/incidents/:id/transitions',
      'PUT /api/incidents/:id/assignment',
      'POST /api/incidents/:id/tasks',
      'PATCH /api/incidents/:id/tasks/:taskId',
      'POST /api/incidents/:id/messages',
      'POST /api/incidents/:id/observables',
      'POST /api/incidents/:id/observables/misp',
      'DELETE /api/incidents/:id/observables/:observableId',
      'POST /api/incidents/:id/evidence',
      'PUT /api/incidents/:id/related',
      'PUT /api/incidents/:id/communication',
      'PUT /api/incidents/:id/response-report',
      'PUT /api/incidents/:id/closing-report',
      'POST /api/incidents/:id/national-share',
      'POST /api/incidents/:id/exchange-submissions',
    ],
  },
  /** The reporting agency corrects its report (until triage). */
  'incidents.correctReport': { grants: AGENCY_EDITORS, routes: ['PATCH /api/incidents/:id', 'PUT /api/incidents/:id/affected'] },
  /** The reporting agency adds messages, observables and evidence to its case, and writes its closing report (the operator's). */
  'incidents.contribute': {
    grants: AGENCY_EDITORS,
    routes: [
      'POST /api/incidents/:id/messages',
      'POST /api/incidents/:id/observables',
      'POST /api/incidents/:id/observables/misp',
      'POST /api/incidents/:id/evidence',
      'PUT /api/incidents/:id/closing-report',
      'POST /api/incidents/:id/exchange-submissions',
    ],
  },
  /** Mark a case task done or open again: the team, or the user it is assigned to. */
  'incidents.completeTask': {
    grants: [...RESPONSE_TEAM, { roles: ROLES, reach: 'assignee' }],
    routes: ['PATCH /api/incidents/:id/tasks/:taskId'],
  },
  /** Reporting deadlines per severity class. */
  'incidentPolicy.edit': { grants: PLATFORM_ADMIN, routes: ['PUT /api/incident-policy/:severityClass'] },
  /** Response plans and playbooks of a system. */
  'responsePlans.edit': {
    grants: [...RESPONSE_TEAM, ...AGENCY_EDITORS],
    routes: ['POST /api/response-plans', 'PATCH /api/response-plans/:id', 'POST /api/response-plans/:id/file'],
  },
  /** Exercises organized by an agency. */
  'exercises.edit': { grants: [...RESPONSE_TEAM, ...AGENCY_EDITORS], routes: ['POST /api/response-exercises', 'PATCH /api/response-exercises/:id'] },
  /** The provincial response team roster. */
  'responseTeam.edit': {
    grants: SECURITY_UNIT,
    routes: ['POST /api/response-team', 'PATCH /api/response-team/:id', 'PUT /api/response-team/:id/certificates'],
  },

  /** Warnings from the authorities: record, import, edit, match again. */
  'warnings.record': {
    grants: SECURITY_UNIT,
    routes: [
      'POST /api/warnings',
      'POST /api/warnings/import',
      'PATCH /api/warnings/:id',
      'POST /api/warnings/:id/rematch',
      'GET /api/admin/feed-imports',
      'POST /api/admin/feed-imports/run',
    ],
  },
  /** The owner answers a remediation item, with evidence. */
  'remediation.answer': {
    grants: AGENCY_EDITORS,
    routes: ['POST /api/remediation-items/:id/response', 'POST /api/remediation-items/:id/evidence'],
  },
  /** Inspection rounds: plan, edit, turn findings into tasks (and change a task's finding, action, deadline). */
  'inspections.manage': {
    grants: SECURITY_UNIT,
    routes: ['POST /api/inspections', 'PATCH /api/inspections/:id', 'POST /api/inspections/:id/tasks', 'PATCH /api/inspection-tasks/:id'],
  },
  /** The inspected agency answers its tasks; the security unit may too. */
  'inspections.answer': {
    grants: [...AGENCY_EDITORS, ...SECURITY_UNIT],
    routes: ['PATCH /api/inspection-tasks/:id', 'POST /api/inspection-tasks/:id/evidence'],
  },

  /** Directives, their tasks and the review of task reports. */
  'directives.manage': {
    grants: SECURITY_UNIT,
    routes: [
      'POST /api/directives',
      'PATCH /api/directives/:id',
      'POST /api/directives/:id/file',
      'POST /api/directives/:id/tasks',
      'PATCH /api/tasks/:id',
      'POST /api/task-reports/:id/review',
    ],
  },
  /** An assigned agency reports progress on its task, with evidence. */
  'directives.report': {
    grants: AGENCY_EDITORS,
    routes: ['POST /api/task-assignments/:id/evidence', 'POST /api/task-assignments/:id/reports'],
  },
  /** The agency compliance report of an agency. */
  'reports.compliance': { grants: [...SECURITY_UNIT, ...AGENCY_EDITORS], routes: ['POST /api/reports'] },
  /** The province's own reports: quarterly security report, yearly directive report. */
  'reports.provincial': { grants: SECURITY_UNIT, routes: ['POST /api/reports'] },
  /** The yearly report's call for contributions: open it, close it, read every agency's contribution. */
  'yearlyReport.manage': {
    grants: SECURITY_UNIT,
    routes: ['POST /api/contribution-calls', 'POST /api/contribution-calls/:id/close', 'GET /api/contribution-calls/:id'],
  },
  /** An asked agency sends and revises its own contribution to the yearly report, with a file. */
  'yearlyReport.contribute': {
    grants: [{ roles: ['agency_admin', 'agency_officer'], reach: 'own_agency' }],
    routes: ['PUT /api/contributions/:id', 'POST /api/contributions/:id/file'],
  },
  /** An agency's quarterly indicators and IT budgets. */
  'indicators.report': {
    grants: AGENCY_EDITORS,
    routes: ['PUT /api/agencies/:id/indicators/:period', 'POST /api/agencies/:id/budgets', 'PUT /api/budgets/:id', 'DELETE /api/budgets/:id'],
  },

  /** An agency's link to the provincial security operations centre and its evidence: its editors, or the security unit that runs the centre. */
  'socConnections.record': {
    grants: [...AGENCY_EDITORS, ...SECURITY_UNIT],
    routes: ['PUT /api/agencies/:id/soc-connection', 'POST /api/agencies/:id/soc-connection/evidence'],
  },

  /** An agency's register of special-use signature tokens: add, correct, record a revocation or a loss. */
  'signatureTokens.manage': {
    grants: AGENCY_EDITORS,
    routes: [
      'POST /api/signature-tokens',
      'PATCH /api/signature-tokens/:id',
      'POST /api/signature-tokens/:id/revocation',
      'POST /api/signature-tokens/:id/loss-report',
    ],
  },

  /** An agency's threat hunts: record one, correct it, open the incident a hunt found (Vĩnh Phúc 1.đ; Quảng Nam 15/CT-UBND). */
  'hunts.record': {
    grants: [...RESPONSE_TEAM, ...AGENCY_EDITORS],
    routes: ['POST /api/hunts', 'PATCH /api/hunts/:id', 'POST /api/hunts/:id/incident'],
  },

  /**
   * A telecom or Internet operator's (or security firm's) record of its duties (Vĩnh Phúc 7, Quảng Nam 4–5): the warnings
   * it sent its customers, the incident information it shared with the authorities. Its own editors; the security
   * unit reads them (records.read).
   */
  'operators.record': {
    grants: AGENCY_EDITORS,
    routes: ['POST /api/operators/:id/customer-warnings', 'POST /api/operators/:id/incident-shares'],
  },

  /**
   * An agency's webhook subscriptions, their delivery log, test events and redeliveries: its admins (and above), the
   * security unit for its own agency's; each subscription receives only events about its agency subtree.
   */
  'webhooks.read': {
    grants: WEBHOOK_MANAGERS,
    routes: ['GET /api/webhooks', 'GET /api/webhooks/:id', 'GET /api/webhooks/:id/deliveries'],
  },
  'webhooks.manage': {
    grants: WEBHOOK_MANAGERS,
    routes: [
      'POST /api/webhooks',
      'PATCH /api/webhooks/:id',
      'DELETE /api/webhooks/:id',
      'POST /api/webhooks/:id/test',
      'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver',
    ],
  },
  /** Subscriptions to the events of the whole province (the province's SIEM): the security unit. */
  'webhooks.provinceWide': {
    grants: SECURITY_UNIT,
    routes: [
      'GET /api/webhooks',
      'GET /api/webhooks/:id',
      'GET /api/webhooks/:id/deliveries',
      'POST /api/webhooks',
      'PATCH /api/webhooks/:id',
      'DELETE /api/webhooks/:id',
      'POST /api/webhooks/:id/test',
      'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver',
    ],
  },

  /**
   * The TAXII 2.1 server's collections of shareable indicators and vulnerabilities (src/server/modules/intel). Every
   * reader gets TLP:CLEAR and GREEN; what is AMBER reaches as far as the case does (province-wide for these grants of
   * reach `any`, else the agency subtree), AMBER+STRICT only the case's own agency; RED is never published.
   */
  'intel.read': {
    grants: READERS,
    routes: [
      'GET /taxii2/',
      'GET /taxii2/:apiRoot/',
      'GET /taxii2/:apiRoot/collections/',
      'GET /taxii2/:apiRoot/collections/:collectionId/',
      'GET /taxii2/:apiRoot/collections/:collectionId/objects/',
      'GET /taxii2/:apiRoot/collections/:collectionId/objects/:objectId/',
      'GET /taxii2/:apiRoot/collections/:collectionId/manifest/',
    ],
  },

  /** Run the reminder jobs by hand. */
  'reminders.run': { grants: SECURITY_UNIT, routes: ['POST /api/reminders/run'] },
  /** The e-mails written to the outbox folder. */
  'outbox.read': { grants: PLATFORM_ADMIN, routes: ['GET /api/admin/outbox'] },
  /** The audit log: province-wide for the security unit, their subtree for agency admins. */
  'audit.read': {
    grants: [...SECURITY_UNIT, { roles: ['agency_admin'], reach: 'subtree' }],
    routes: ['GET /api/audit'],
  },
  /** Check the audit log's hash chain. */
  'audit.verify': { grants: SECURITY_UNIT, routes: ['GET /api/audit/verify'] },
} as const satisfies Record<string, Declaration>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

type ScopeDeclaration = { capabilities: readonly Capability[]; reads?: readonly (typeof CAPABILITIES)['records.read']['routes'][number][] };

/**
 * What an API token may be given: each scope grants whole capabilities (its writes) and a part of `records.read` (the
 * reads of its domain). A token's requests are limited to the routes its scopes name (plus `TOKEN_BASE`), and every
 * capability check made for it counts only the capabilities of its scopes, intersected with its owner's roles: a token
 * never does more than its owner could. Managing accounts, agencies, tokens and province settings takes a person.
 */
export const TOKEN_SCOPES = {
  'agencies:read': { capabilities: ['records.read'], reads: ['GET /api/agencies', 'GET /api/agencies/:id', 'GET /api/users', 'GET /api/users/:id'] },
  'systems:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/files/:id',
      'GET /api/systems',
      'GET /api/systems/export',
      'GET /api/systems/:id',
      'GET /api/systems/:id/history',
      'GET /api/agencies/:id/systems-stats',
      'GET /api/systems/:id/requirements',
      'GET /api/systems/:id/requirements/:requirementId/evidence',
      'GET /api/systems/:id/scans',
      'GET /api/systems/:id/findings',
      'GET /api/scans/:id',
      'GET /api/findings',
      'GET /api/findings/:id',
      'GET /api/systems/:id/security',
      'GET /api/systems/:id/assessments',
    ],
  },
  'systems:write': { capabilities: ['systems.create', 'systems.import', 'systems.edit', 'systems.recordSecurity', 'findings.work'] },
  'dossiers:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/files/:id',
      'GET /api/systems/:id/dossiers',
      'GET /api/dossiers/:id',
      'GET /api/dossiers/:id/docx',
      'GET /api/dossiers/:id/pdf',
      'GET /api/dossiers/:id/exchange-package',
      'GET /api/dossiers/:id/exchange-submissions',
      'GET /api/approvals',
    ],
  },
  'dossiers:write': { capabilities: ['dossiers.edit', 'dossiers.actAsUnit', 'dossiers.approve'] },
  'incidents:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/files/:id',
      'GET /api/incidents',
      'GET /api/incidents/stats',
      'GET /api/incidents/:id',
      'GET /api/incidents/:id/initial-report.docx',
      'GET /api/incidents/:id/closing-report.docx',
      'GET /api/incidents/:id/response-report.docx',
      'GET /api/incidents/:id/initial-report.pdf',
      'GET /api/incidents/:id/closing-report.pdf',
      'GET /api/incidents/:id/response-report.pdf',
      'GET /api/incidents/:id/stix',
      'GET /api/incidents/:id/exchange-package',
      'GET /api/incidents/:id/exchange-submissions',
      'GET /api/incidents/:id/misp',
      'GET /api/incidents/readiness',
      'GET /api/response-plans',
      'GET /api/response-plans/:id',
      'GET /api/response-exercises',
      'GET /api/response-exercises/:id',
      'GET /api/hunts',
      'GET /api/hunts/by-quarter',
      'GET /api/hunts/:id',
      'GET /api/operators',
      'GET /api/operators/:id',
    ],
  },
  'incidents:write': {
    capabilities: [
      'operators.record',
      'incidents.report',
      'hunts.record',
      'incidents.work',
      'incidents.correctReport',
      'incidents.contribute',
      'incidents.completeTask',
      'responsePlans.edit',
      'exercises.edit',
    ],
  },
  'warnings:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/files/:id',
      'GET /api/warnings',
      'GET /api/warnings/stats',
      'GET /api/warnings/system-facts',
      'GET /api/warnings/:id',
      'GET /api/remediation-items',
      'GET /api/remediation-items/:id',
    ],
  },
  'warnings:write': { capabilities: ['warnings.record', 'remediation.answer'] },
  'directives:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/files/:id',
      'GET /api/inspections',
      'GET /api/inspections/:id',
      'GET /api/directives',
      'GET /api/directives/:id',
      'GET /api/directives/:id/file',
      'GET /api/tasks',
      'GET /api/task-assignments/:id',
    ],
  },
  'directives:write': { capabilities: ['directives.manage', 'directives.report', 'inspections.manage', 'inspections.answer'] },
  'reports:read': {
    capabilities: ['records.read'],
    reads: [
      'GET /api/reports',
      'GET /api/reports/:id',
      'GET /api/reports/:id/docx',
      'GET /api/reports/:id/pdf',
      'GET /api/reports/:id/xlsx',
      'GET /api/contribution-calls',
      'GET /api/contributions/:id',
      'GET /api/dashboard',
      'GET /api/dashboard/export',
      'GET /api/agencies/:id/indicators',
      'GET /api/agencies/:id/budgets',
      'GET /api/soc-connections',
      'GET /api/agencies/:id/soc-connection',
    ],
  },
  'reports:write': {
    capabilities: ['reports.compliance', 'reports.provincial', 'indicators.report', 'socConnections.record', 'yearlyReport.manage', 'yearlyReport.contribute'],
  },
  // The signature tokens and certificates documents are signed with go with the documents.
  'documents:read': {
    capabilities: ['records.read'],
    reads: ['GET /api/outgoing-documents', 'GET /api/agencies/:id/document-settings', 'GET /api/signature-tokens', 'GET /api/signature-tokens/:id'],
  },
  'documents:write': { capabilities: ['documents.register', 'signatureTokens.manage'] },
  'audit:read': { capabilities: ['audit.read', 'audit.verify'] },
  'webhooks:read': { capabilities: ['webhooks.read'] },
  'webhooks:write': { capabilities: ['webhooks.read', 'webhooks.manage', 'webhooks.provinceWide'] },
  /** A TAXII 2.1 client (the national coordinator's, a SOC's) pulling the indicators and vulnerabilities it may read. */
  'intel:read': { capabilities: ['intel.read'] },
} as const satisfies Record<string, ScopeDeclaration>;

export type TokenScope = keyof typeof TOKEN_SCOPES;
export const TOKEN_SCOPE_NAMES = Object.keys(TOKEN_SCOPES) as TokenScope[];

/** What every token may call whatever its scopes: the catalogs, and who it is (`GET /api/auth/me`). */
const TOKEN_BASE: readonly Route[] = [...CAPABILITIES['reference.read'].routes, 'GET /api/auth/me'];

/** The capabilities a token with these scopes acts with (`Subject.tokenCapabilities`). */
export const tokenCapabilities = (scopes: readonly TokenScope[]): ReadonlySet<Capability> =>
  new Set<Capability>(['reference.read', 'account.self', ...scopes.flatMap((s) => TOKEN_SCOPES[s].capabilities)]);

/** May a token with these scopes call `route` (e.g. `GET /api/systems/:id`, the routed path)? */
export function tokenAllows(scopes: readonly TokenScope[], route: string): boolean {
  if ((TOKEN_BASE as readonly string[]).includes(route)) return true;
  return scopes.some((s) => {
    const scope: ScopeDeclaration = TOKEN_SCOPES[s];
    if (scope.reads?.includes(route as never)) return true;
    return scope.capabilities.some((c) => c !== 'records.read' && (CAPABILITIES[c].routes as readonly string[]).includes(route));
  });
}

/** The scopes that let a token call `route`: [] when any token may, null when none may (the route takes a person). */
export function scopesAllowing(route: string): TokenScope[] | null {
  if ((TOKEN_BASE as readonly string[]).includes(route)) return [];
  const scopes = TOKEN_SCOPE_NAMES.filter((s) => tokenAllows([s], route));
  return scopes.length ? scopes : null;
}

const grantsOf = (capability: Capability): readonly Grant[] => CAPABILITIES[capability].grants;
const holds = (subject: Pick<Subject, 'roles'>, grant: Grant) => grant.roles.some((r) => subject.roles.includes(r));
const tokenHas = (subject: Pick<Subject, 'tokenCapabilities'>, capability: Capability) =>
  !subject.tokenCapabilities || subject.tokenCapabilities.has(capability);

function reaches(subject: Subject, reach: Reach, target: Target | undefined): boolean {
  if (reach === 'any') return true;
  if (!target) return false;
  if ('assigneeUserId' in target) return reach === 'assignee' && target.assigneeUserId === subject.userId;
  switch (reach) {
    case 'subtree':
      return target.agencyPath.startsWith(subject.agencyPath);
    case 'below':
      return target.agencyPath.startsWith(subject.agencyPath) && target.agencyPath !== subject.agencyPath;
    case 'own_agency':
      return target.agencyId === subject.agencyId;
    case 'inside':
      return subject.agencyPath.startsWith(target.agencyPath);
    case 'assignee':
      return false;
  }
}

/**
 * May `subject` do `capability` to `target`? Without a target only the grants that reach everywhere count: "may they
 * do it to anything", which is also how the server decides whether a role reads the whole province.
 */
export function can(subject: Subject, capability: Capability, target?: Target): boolean {
  return tokenHas(subject, capability) && grantsOf(capability).some((g) => holds(subject, g) && reaches(subject, g.reach, target));
}

/** May `subject` do `capability` to something, at least in their own reach? What menus and "add" buttons show. */
export const canSomewhere = (subject: Pick<Subject, 'roles' | 'tokenCapabilities'>, capability: Capability): boolean =>
  tokenHas(subject, capability) && grantsOf(capability).some((g) => holds(subject, g));

/** The roles some grant of `capability` goes to, e.g. to list the users who may be assigned a case. */
export const rolesWith = (capability: Capability): Role[] => ROLES.filter((r) => grantsOf(capability).some((g) => g.roles.includes(r)));

/** Everything the subject may do somewhere, for the session (`GET /api/auth/me`). */
export const capabilitiesOf = (subject: Pick<Subject, 'roles' | 'tokenCapabilities'>) =>
  Object.fromEntries(CAPABILITY_NAMES.map((c) => [c, canSomewhere(subject, c)])) as Record<Capability, boolean>;
