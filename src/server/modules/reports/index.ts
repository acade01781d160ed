/**
 * The reports module's public surface: report sections other modules add (registry first: it imports nothing, so a
 * module that imports this one while the reports module loads still finds it), then its routes.
 */
export { pct, registerReportSection } from './registry.ts';
export { reportRoutes } from './routes.ts';
