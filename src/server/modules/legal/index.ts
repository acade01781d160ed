/** The legal module's public surface: the read-only registry of instruments and what cites them. */
export { legalRoutes } from './routes.ts';
