export const ROLES = ['platform_admin', 'dept_security', 'agency_admin', 'agency_officer', 'viewer', 'responder'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['vi', 'en'] as const;
