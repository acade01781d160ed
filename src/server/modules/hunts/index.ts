/** The hunts module's public surface: threat hunts per agency and the incidents they open (its routes). */
export { huntRoutes } from './routes.ts';
