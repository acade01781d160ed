import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** Stored lower-case; unique. */
    username: text().notNull().unique(),
    fullName: text().notNull(),
    email: text(),
    phone: text(),
    position: text(),
    passwordHash: text().notNull(),
    /**
     * The directory entry (LDAP/Active Directory) the account signs in through: set at its first directory sign-in,
     * when the local password is dropped; an administrator's password reset makes the account local again.
     */
    directoryDn: text(),
    roles: text().array().notNull(),
    locale: text().notNull().default('vi'),
    active: boolean().notNull().default(true),
    mustChangePassword: boolean().notNull().default(false),
    /** A machine's account: acts only through API tokens, never signs in with a password. */
    serviceAccount: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_agency_idx').on(t.agencyId)],
);
