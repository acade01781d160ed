import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { preparedFor } from '../../db/prepared.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { agencies } from '../agencies/index.ts';
import { managedServiceAccount, managesServiceAccount, users } from '../users/index.ts';
import { accessTokens } from './schema.ts';
import { tokenCapabilities, type TokenScope } from '../../../shared/core/capabilities.ts';
import type { AccessTokenInput } from '../../../shared/tokens/schemas.ts';
import type { Role } from '../../../shared/core/roles.ts';

/** Every secret starts so, which tells it from a session cookie or an anti-malware console's `khien_` token at a glance. */
const PREFIX = 'khien_at_';
/** Record the last use at most this often, so a busy token does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 3600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Row = typeof accessTokens.$inferSelect;

const present = (row: Row, mayRevoke: boolean) => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  scopes: row.scopes as TokenScope[],
  prefix: row.prefix,
  expiresAt: row.expiresAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  can: { revoke: mayRevoke && !row.revokedAt },
});

const tokensOf = (db: Queryable, userId: number) => db.select().from(accessTokens).where(eq(accessTokens.userId, userId)).orderBy(desc(accessTokens.id));

/** The actor's own tokens. */
export const listOwnTokens = async (db: Queryable, actor: Actor) => (await tokensOf(db, actor.userId)).map((r) => present(r, true));

/** The tokens of a service account the actor manages. */
export async function listAccountTokens(db: Queryable, actor: Actor, userId: number) {
  await managedServiceAccount(db, actor, userId);
  return (await tokensOf(db, userId)).map((r) => present(r, true));
}

async function issue(db: Db, actor: Actor, owner: { id: number; agencyId: number }, input: z.infer<typeof AccessTokenInput>) {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accessTokens)
      .values({
        userId: owner.id,
        name: input.name,
        scopes: input.scopes,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, PREFIX.length + 6),
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
        createdBy: actor.userId,
      })
      .returning();
    const { tokenHash: _h, ...after } = row!;
    await recordAudit(tx, actor, { action: 'create', entity: 'access_token', entityId: row!.id, agencyId: owner.agencyId, after });
    return { token: present(row!, true), secret };
  });
}

/** A token of the actor's own, with some of their powers. */
export const createOwnToken = (db: Db, actor: Actor, input: z.infer<typeof AccessTokenInput>) =>
  issue(db, actor, { id: actor.userId, agencyId: actor.agencyId }, input);

/** A token for a service account the actor manages. */
export async function createAccountToken(db: Db, actor: Actor, userId: number, input: z.infer<typeof AccessTokenInput>) {
  const account = await managedServiceAccount(db, actor, userId);
  return issue(db, actor, { id: account.id, agencyId: account.agencyId }, input);
}

/** Revokes a token: its owner may, and a manager of the service account it belongs to; to anyone else it does not exist. */
export async function revokeToken(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ token: accessTokens, agencyId: users.agencyId })
      .from(accessTokens)
      .innerJoin(users, eq(users.id, accessTokens.userId))
      .where(eq(accessTokens.id, id))
      .for('update', { of: accessTokens });
    if (!row || (row.token.userId !== actor.userId && !(await managesServiceAccount(tx, actor, row.token.userId)))) throw notFound('Token');
    if (row.token.revokedAt) return present(row.token, true);
    const revokedAt = new Date();
    const [after] = await tx.update(accessTokens).set({ revokedAt }).where(eq(accessTokens.id, id)).returning();
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'access_token',
      entityId: id,
      agencyId: row.agencyId,
      after: { name: row.token.name, revokedAt },
    });
    return present(after!, true);
  });
}

const badToken = () => new AppError(401, 'bad_token', 'Unknown, expired or revoked API token', 'Mã truy cập API không đúng, đã hết hạn hoặc đã bị thu hồi');

/** Runs on every bearer request: a named statement, like the session lookup. */
const tokenLookup = preparedFor((db) =>
  db
    .select({
      tokenId: accessTokens.id,
      scopes: accessTokens.scopes,
      lastUsedAt: accessTokens.lastUsedAt,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      agencyPath: agencies.path,
      roles: users.roles,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(accessTokens.tokenHash, sql.placeholder('hash')),
        isNull(accessTokens.revokedAt),
        gt(accessTokens.expiresAt, sql`now()`),
        eq(users.active, true),
        eq(agencies.active, true),
      ),
    )
    .prepare('access_token_lookup'),
);

/** The owner behind `Authorization: Bearer khien_at_…`, acting with the token's scopes; 401 for anything else. */
export async function resolveBearer(db: Db, secret: string): Promise<SessionUser & { scopes: TokenScope[] }> {
  if (!secret.startsWith(PREFIX)) throw badToken();
  const [row] = await tokenLookup(db).execute({ hash: sha256(secret) });
  if (!row) throw badToken();
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(accessTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(accessTokens.id, row.tokenId), or(isNull(accessTokens.lastUsedAt), lt(accessTokens.lastUsedAt, new Date(now - TOUCH_INTERVAL_MS)))));
  }
  const { lastUsedAt: _l, tokenId, scopes, ...user } = row;
  return {
    ...user,
    sessionId: `token:${tokenId}`,
    roles: user.roles as Role[],
    locale: user.locale === 'en' ? 'en' : 'vi',
    // A token is made from a finished sign-in and stands in for it: no second factor is asked again.
    signInStep: null,
    tokenId,
    tokenCapabilities: tokenCapabilities(scopes as TokenScope[]),
    scopes: scopes as TokenScope[],
  };
}
