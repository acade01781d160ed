// Tables of reminders (drizzle); SQL in migrations/0006_directives_reminders_reports.sql.
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';

/** In-app notifications of one user. */
export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * One row per reminder ever delivered. The unique index on (kind, subject, recipient, occurrence) makes delivery
 * idempotent: whichever job or node inserts first sends; every other attempt inserts nothing and sends nothing.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    subjectId: text().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    occurrence: text().notNull(),
    notificationId: integer().references(() => notifications.id),
    emailTo: text(),
    /** none (not wanted or no address), pending, sent, outbox (written to DATA_DIR/outbox), failed. */
    emailStatus: text().notNull().default('none'),
    emailError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminder_deliveries_once_idx').on(t.kind, t.subjectId, t.userId, t.occurrence)],
);

/** What each user wants to receive; a missing row means both channels on. */
export const reminderPreferences = pgTable(
  'reminder_preferences',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    inApp: boolean().notNull().default(true),
    email: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
