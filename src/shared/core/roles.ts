export const ROLES = ['platform_admin', 'dept_security', 'agency_admin', 'agency_officer', 'viewer', 'responder'] as const;
export type Role = (typeof ROLES)[number];
/** The roles of an agency's own staff, which its agency admins hand out; the others are province-wide. */
export const AGENCY_ROLES = ['agency_admin', 'agency_officer', 'viewer'] as const satisfies readonly Role[];

export const LOCALES = ['vi', 'en'] as const;
