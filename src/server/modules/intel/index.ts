/** The intel module's public surface: the TAXII 2.1 server's routes (src/server/modules/intel/taxii.ts). */
export { intelRoutes } from './routes.ts';
