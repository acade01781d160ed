/** The exchange module's public surface: packages for the Ministry's platforms and the references they gave (its routes). */
export { exchangeRoutes } from './routes.ts';
