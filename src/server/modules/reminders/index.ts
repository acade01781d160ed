/** The reminders module's public surface: the registry other modules' reminder sources go in, and delivery. */
export { registerReminderListener, registerReminderSource, type Reminder, type ReminderSource } from './registry.ts';
export { startReminderScheduler } from './scheduler.ts';
export { reminderRoutes } from './routes.ts';
