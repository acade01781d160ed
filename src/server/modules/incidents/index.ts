/**
 * The incidents module's public surface: the table others link to, filing an agency's report (the hunts module opens
 * incidents with it), its routes (also readiness and the public hotline) and reminders; it adds the incidents section of
 * the quarterly report. For the TAXII server (intel module): the observables it publishes, the STIX objects they are
 * published as, and the record of what the national coordinator pulled. Tables first (see ARCHITECTURE.md).
 */
export { incidentAgencies, incidentObservables, incidents } from './schema.ts';
export { reportIncident } from './reporting.ts';
export { getIncident } from './queries.ts';
export { renderClosingReport, renderInitialReport } from './documents.ts';
import './report-section.ts';
export { closingReportReminders, incidentReminders } from './reminders.ts';
export { incidentRoutes } from './routes.ts';
export { IDENTITY_CREATED, indicatorOf, markingDefinition, producerIdentity, stableUuid, TLP_MARKINGS, type StixObject } from './stix.ts';
export { intelProducer } from './documents.ts';
export { recordTaxiiPull } from './shares.ts';
