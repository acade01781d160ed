/** The requirements module's public surface: a system's baseline requirements and the rows that track them. */
export { ensureRequirementRows, listSystemRequirements } from './service.ts';
export { requirementRoutes } from './routes.ts';
