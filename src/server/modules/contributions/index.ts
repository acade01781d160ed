/** The contributions module's public surface: the yearly call for contributions, its routes, reminders, and the read the yearly report compiles. */
export { contributionsOfYear } from './service.ts';
export { contributionReminders } from './reminders.ts';
export { contributionRoutes } from './routes.ts';
