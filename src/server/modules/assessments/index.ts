/**
 * The assessments module's public surface: the assessment schedule over `systems`, and the inspection tasks others
 * count. Tables and SQL first: warnings, which this module imports, reads them at load (see ARCHITECTURE.md).
 */
export { inspectionTasks } from './schema.ts';
export { assessmentFacts } from './schedule.ts';
export { inspectionsInYear } from './inspections.ts';
export { assessmentRoutes } from './routes.ts';
