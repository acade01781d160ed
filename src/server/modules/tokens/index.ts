/** The tokens module's public surface: API tokens for the whole API (the bearer check and its routes). */
export { resolveBearer } from './service.ts';
export { tokenRoutes } from './routes.ts';
