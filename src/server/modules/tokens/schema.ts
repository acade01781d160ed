import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.ts';

/**
 * API tokens for the whole API, each owned by a user (a person's own token, or a service account's): only the SHA-256
 * of the secret is kept; the token acts with its owner's roles and agency, limited to its scopes.
 */
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    /** TOKEN_SCOPES names (src/shared/core/capabilities.ts). */
    scopes: text().array().notNull(),
    tokenHash: text().notNull().unique('access_tokens_token_hash_key'),
    /** The first characters of the secret, shown in lists so the owner can tell tokens apart. */
    prefix: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId)],
);
