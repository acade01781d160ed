/** The dossiers module's public surface: its routes and reminders. */
export { dossierDeadlineReminders, dossierReminders } from './reminders.ts';
export { dossierRoutes } from './routes.ts';
