/** The agencies module's public surface: the agency tree every scope is cut from. Tables and SQL first (see ARCHITECTURE.md). */
export { agencies, agencyKinds, designations } from './schema.ts';
export { findVisible, listAgencies } from './service.ts';
export { documentSettingsOf } from './document-settings.ts';
export { agencyRoutes } from './routes.ts';
