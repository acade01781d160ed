/** The directives module's public surface: directives and tasks others report on, its reminders. Tables and SQL first (see ARCHITECTURE.md). */
export { directives, directiveTasks, taskAssignments } from './schema.ts';
export { findDirective } from './access.ts';
export { directiveReminders } from './reminders.ts';
export { directiveRoutes } from './routes.ts';
