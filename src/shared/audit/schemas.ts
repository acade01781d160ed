import { z } from 'zod';
import { idText, intText, isoDate } from '../core/schemas.ts';

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  /** The API token the actor acted through, if any. */
  actorTokenId: z.number().nullable(),
  agencyId: z.number().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  action: z.string().max(50).optional(),
  actorUserId: idText().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: intText(1, 500).default(100),
  // audit_log.id is a bigint.
  beforeId: intText(1, Number.MAX_SAFE_INTEGER).optional(),
});

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  brokenAtId: z.number().nullable(),
  reason: z.string().nullable(),
});
