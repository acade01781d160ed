/** The dossiers module's public surface: its routes and reminders; the dossier's record and document for the exchange package. */
export { dossierRecord, renderDossierDocument } from './document.ts';
export { dossierDeadlineReminders, dossierReminders } from './reminders.ts';
export { dossierRoutes } from './routes.ts';
