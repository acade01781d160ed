/** The signatures module's public surface: the register of special-use signature tokens, its routes and expiry reminders. */
export { signatureRoutes } from './routes.ts';
export { signatureTokenReminders } from './reminders.ts';
