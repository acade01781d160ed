/** The incidents module's public surface: its routes (also readiness and the public hotline) and reminders; it adds the incidents section of the quarterly report. */
import './report-section.ts';
export { closingReportReminders, incidentReminders } from './reminders.ts';
export { incidentRoutes } from './routes.ts';
