import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only (a trigger refuses UPDATE and DELETE); each row hashes the previous one. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: integer(),
    actorName: text(),
    /** The API token the actor acted through (access_tokens.id), null for a browser session. */
    actorTokenId: integer(),
    /** The agency the changed record belongs to: decides who may read the entry. */
    agencyId: integer(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_agency_idx').on(t.agencyId)],
);
