import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';

export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  agencyId: integer().notNull().references(() => agencies.id),
  /** Stored lower-case; unique. */
  username: text().notNull().unique(),
  fullName: text().notNull(),
  email: text(),
  phone: text(),
  position: text(),
  passwordHash: text().notNull(),
  roles: text().array().notNull(),
  locale: text().notNull().default('vi'),
  active: boolean().notNull().default(true),
  mustChangePassword: boolean().notNull().default(false),
  passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('users_agency_idx').on(t.agencyId)]);

/** Server-side sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable('sessions', {
  id: text().primaryKey(),
  userId: integer().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  ip: text(),
  userAgent: text(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * Sign-in history per (attempted username, client address): failures count toward that address's lock only, and an
 * address the account signed in from is known (see auth/throttle.ts). Unknown usernames get rows too, so the
 * throttle reveals nothing.
 */
export const loginThrottle = pgTable('login_throttle', {
  username: text().notNull(),
  /** auth/throttle.ts addressKey: the IPv4 address or the IPv6 /64. */
  address: text().notNull(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }),
  signedInAt: timestamp({ withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.username, t.address] })]);
