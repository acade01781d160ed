import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.ts';
import { users } from '../users/schema.ts';

/** Uploaded files (dossier attachments, evidence, signed decisions). Bytes live in the file store, not here. */
export const files = pgTable(
  'files',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The agency whose records the file belongs to: decides who may download it. */
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    /** What the file is attached to, e.g. "dossier" 12 or "system_requirement" "5:QL.CS.01". */
    entity: text().notNull(),
    entityId: text().notNull(),
    name: text().notNull(),
    /** Detected from the content, never taken from the client. */
    mime: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedBy: integer().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_entity_idx').on(t.entity, t.entityId)],
);
