/**
 * The webhooks module's public surface: subscriptions of agencies to events, signed deliveries from a durable outbox
 * (its routes, the events it derives from reminders, and the dispatcher main.ts starts).
 */
export { eventsFromReminders } from './events.ts';
export { runWebhookDispatch, startWebhookDispatcher } from './dispatcher.ts';
export { webhookRoutes } from './routes.ts';
