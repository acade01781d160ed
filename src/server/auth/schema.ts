// The tables of sign-in (drizzle): sessions and the sign-in throttle, kept by sessions.ts and throttle.ts.
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../modules/users/schema.ts';

/** Server-side sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in history per (attempted username, client address): failures count toward that address's lock only, and an
 * address the account signed in from is known (see throttle.ts). Unknown usernames get rows too, so the
 * throttle reveals nothing.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    username: text().notNull(),
    /** throttle.ts addressKey: the IPv4 address or the IPv6 /64. */
    address: text().notNull(),
    failures: integer().notNull().default(0),
    lastFailureAt: timestamp({ withTimezone: true }),
    signedInAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] })],
);
