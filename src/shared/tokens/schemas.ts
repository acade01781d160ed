import { z } from 'zod';
import { TOKEN_SCOPE_NAMES, type TokenScope } from '../core/capabilities.ts';
import { Can, int32, text } from '../core/schemas.ts';

const Scope = z.enum(TOKEN_SCOPE_NAMES as [TokenScope, ...TokenScope[]]);

/** The longest a token may live: a year, so a forgotten one ends by itself. */
const MAX_TOKEN_DAYS = 366;

export const AccessTokenInput = z.object({
  name: text(100, 2),
  scopes: z
    .array(Scope)
    .min(1)
    .max(TOKEN_SCOPE_NAMES.length)
    .refine((s) => new Set(s).size === s.length, 'unique'),
  /** Days until it expires (at most MAX_TOKEN_DAYS). */
  expiresInDays: int32(1, MAX_TOKEN_DAYS),
});

export const AccessToken = z.object({
  id: z.number(),
  userId: z.number(),
  name: z.string(),
  scopes: z.array(Scope),
  /** The first characters of the secret, to tell tokens apart. */
  prefix: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  /** revoke: the caller may revoke it (its owner, or a manager of the service account's agency). */
  can: Can('revoke'),
});
export type AccessToken = z.infer<typeof AccessToken>;

/** The secret is in this answer only: it is stored hashed and never shown again. */
export const CreatedAccessToken = z.object({ token: AccessToken, secret: z.string() });
