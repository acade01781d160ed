/** The operators module's public surface: the duties telecom and Internet operators and security firms answer, its routes. */
export { operatorRoutes } from './routes.ts';
