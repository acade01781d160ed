/** The incidents module's public surface: its routes (also readiness and the public hotline) and reminders. */
export { closingReportReminders, incidentReminders } from './reminders.ts';
export { incidentRoutes } from './routes.ts';
