/** The indicators module's public surface: the dashboard others report from. */
export { buildDashboard } from './dashboard.ts';
export { indicatorRoutes } from './routes.ts';
