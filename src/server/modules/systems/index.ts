/**
 * The systems module's public surface: the inventory others join on, the level that counts, and the commands that
 * change a system on another module's behalf. Tables and SQL first (see ARCHITECTURE.md).
 */
export { systems, systemSoftware } from './schema.ts';
export { effectiveLevel, inOperation } from './sql.ts';
export { findSystem, getSystem, listSystems, recordApprovedLevel, systemsStats, writeMonitoringProvider } from './service.ts';
export { systemRoutes } from './routes.ts';
