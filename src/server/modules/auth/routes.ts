import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { ChangePasswordBody, LocaleBody, LoginBody, Me } from '../../../shared/schemas/auth.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { createSession, destroySession, destroyUserSessions, SESSION_COOKIE, type SessionUser } from '../../auth/sessions.ts';
import { dummyVerify, hashPassword, verifyPassword } from '../../auth/password.ts';
import { clearFailures, isThrottled, recordFailure } from '../../auth/throttle.ts';
import { users } from '../users/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { recordAudit } from '../audit/service.ts';

const badCredentials = () =>
  new AppError(401, 'bad_credentials', 'Wrong username or password', 'Tên đăng nhập hoặc mật khẩu không đúng');
const throttled = () =>
  new AppError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later', 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau');

const meOf = (u: SessionUser) => ({
  id: u.userId,
  username: u.username,
  fullName: u.fullName,
  agencyId: u.agencyId,
  agencyName: u.agencyName,
  roles: u.roles,
  locale: u.locale,
  mustChangePassword: u.mustChangePassword,
});

export async function authRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  r.get('/api/auth/csrf', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'CSRF token to send as x-csrf-token on state-changing requests', response: { 200: z.object({ token: z.string() }) } },
  }, async (_req, reply) => ({ token: reply.generateCsrf() }));

  r.post('/api/auth/login', {
    config: { public: true },
    // Per IP: a library limit in front; per account: the database throttle below.
    onRequest: app.rateLimit({ max: config.login.maxPerIp, timeWindow: config.login.windowMs, groupId: 'login' }),
    schema: { tags: ['auth'], summary: 'Sign in', body: LoginBody, response: { 200: Me } },
  }, async (req, reply) => {
    const username = req.body.username.toLowerCase();
    if (await isThrottled(db, username, config.login.maxPerAccount, config.login.windowMs)) throw throttled();
    const [user] = await db.select().from(users).innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(and(eq(users.username, username), eq(users.active, true), eq(agencies.active, true)));
    const ok = user ? await verifyPassword(user.users.passwordHash, req.body.password) : await dummyVerify(req.body.password);
    if (!ok || !user) {
      await recordFailure(db, username, config.login.windowMs);
      throw badCredentials();
    }
    await clearFailures(db, username);
    const token = await db.transaction(async (tx) => {
      await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.users.id));
      await recordAudit(tx, { userId: user.users.id, fullName: user.users.fullName, ip: req.ip }, {
        action: 'login', entity: 'user', entityId: user.users.id, agencyId: user.users.agencyId,
      });
      return createSession(tx, user.users.id, config.sessionTtlMs, { ip: req.ip, userAgent: req.headers['user-agent'] });
    });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: Math.floor(config.sessionTtlMs / 1000) });
    const u = user.users;
    return { id: u.id, username: u.username, fullName: u.fullName, agencyId: u.agencyId, agencyName: user.agencies.name,
      roles: u.roles as Me['roles'], locale: u.locale === 'en' ? 'en' as const : 'vi' as const, mustChangePassword: u.mustChangePassword };
  });

  r.post('/api/auth/logout', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await destroySession(db, token);
    reply.clearCookie(SESSION_COOKIE, cookieOpts);
    return reply.code(204).send(null);
  });

  r.get('/api/auth/me', {
    config: { duringPasswordChange: true },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me } },
  }, async (req) => meOf(req.sessionUser!));

  r.post('/api/auth/password', {
    config: { duringPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Change own password; ends the other sessions', body: ChangePasswordBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user || !(await verifyPassword(user.passwordHash, req.body.currentPassword))) {
      throw invalid('currentPassword', 'The current password is wrong', 'Mật khẩu hiện tại không đúng');
    }
    const passwordHash = await hashPassword(req.body.newPassword);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
        .where(eq(users.id, actor.userId));
      await destroyUserSessions(tx, actor.userId, req.sessionToken ?? undefined);
      await recordAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId });
    });
    return reply.code(204).send(null);
  });

  r.put('/api/auth/locale', {
    config: { duringPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Remember the interface language for this user', body: LocaleBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ locale: req.body.locale, updatedAt: new Date() }).where(eq(users.id, actor.userId));
      await recordAudit(tx, actor, { action: 'set_locale', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId,
        before: { locale: req.sessionUser!.locale }, after: { locale: req.body.locale } });
    });
    return reply.code(204).send(null);
  });
}
