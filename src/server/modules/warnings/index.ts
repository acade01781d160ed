/** The warnings module's public surface: a system's security facts, its reminders. Tables and SQL first (see ARCHITECTURE.md). */
// First: scans/service.ts reads it at load, and facts.ts loads scans, so it must be evaluated before facts.ts.
export { anyExploited } from './known-exploited.ts';
export { systemSecurity } from './facts.ts';
export { isoOrNull } from './shared.ts';
export { warningReminders } from './reminders.ts';
export { warningRoutes } from './routes.ts';
