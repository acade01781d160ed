export const ROLES = ['platform_admin', 'dept_security', 'agency_admin', 'agency_officer', 'viewer', 'responder'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  platform_admin: { vi: 'Quản trị hệ thống', en: 'Platform administrator' },
  dept_security: { vi: 'Cán bộ đơn vị chuyên trách ATTT', en: 'Specialized security unit staff' },
  agency_admin: { vi: 'Quản trị cơ quan', en: 'Agency administrator' },
  agency_officer: { vi: 'Cán bộ cơ quan', en: 'Agency officer' },
  viewer: { vi: 'Lãnh đạo (chỉ xem)', en: 'Viewer (read-only)' },
  responder: { vi: 'Thành viên đội ứng cứu sự cố', en: 'Incident responder' },
};

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
