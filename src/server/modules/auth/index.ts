/** The auth module's public surface: the sign-in routes. */
export { authRoutes } from './routes.ts';
