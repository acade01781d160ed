/**
 * The warnings module's public surface: its tables the TAXII server reads (warnings' CVEs), a system's security facts, its
 * reminders. Tables and SQL first (see
 * ARCHITECTURE.md). It adds the warnings and vulnerabilities section of the quarterly report.
 */
export { knownExploitedCves, remediationItems, warnings } from './schema.ts';
export { systemSecurity } from './facts.ts';
export { isoOrNull } from './shared.ts';
export { warningReminders } from './reminders.ts';
export { warningRoutes } from './routes.ts';
export { startFeedImportScheduler } from './feed-sources.ts';
import './report-section.ts';
