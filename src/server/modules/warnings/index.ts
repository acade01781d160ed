/** The warnings module's public surface: a system's security facts, the security unit's role, its reminders. Tables and SQL first (see ARCHITECTURE.md). */
export { systemSecurity } from './facts.ts';
export { isoOrNull, isSecurityUnit } from './shared.ts';
export { warningReminders } from './reminders.ts';
export { warningRoutes } from './routes.ts';
