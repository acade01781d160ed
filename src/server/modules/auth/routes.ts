import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { ChangePasswordBody, LocaleBody, LoginBody, Me, SignInMethods } from '../../../shared/auth/schemas.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { actorOf, CSRF_COOKIE, csrfUserInfo } from '../../http/auth-plugin.ts';
import { addressKey, enforceLimit } from '../../http/rate-limit.ts';
import { createSession, destroySession, destroyUserSessions, SESSION_COOKIE, type SessionUser } from '../../auth/sessions.ts';
import { chosenPasswordProblem, dummyVerify, hashPassword, verifyPassword } from '../../auth/password.ts';
import { recordFailure, recordSuccess, signInWait } from '../../auth/throttle.ts';
import { recordSignIn, setLocale, setOwnPassword, users } from '../users/index.ts';
import { agencies } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { capabilitiesOf } from '../../../shared/core/capabilities.ts';
import type { Role } from '../../../shared/core/roles.ts';
import { signInStepOf } from '../../auth/mfa.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { oidcRoutes, type OpenSession } from './oidc-routes.ts';
import { localLoginOff, signInMethods } from './oidc.ts';

const badCredentials = () => new AppError(401, 'bad_credentials', 'Wrong username or password', 'Tên đăng nhập hoặc mật khẩu không đúng');
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
  signInStep: u.signInStep,
  can: capabilitiesOf(u),
});

export async function authRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  r.get(
    '/api/auth/csrf',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'CSRF token to send as x-csrf-token on state-changing requests', response: { 200: z.object({ token: z.string() }) } },
    },
    async (req, reply) => ({ token: reply.generateCsrf({ userInfo: csrfUserInfo(req) }) }),
  );

  /**
   * A new session gets a new CSRF secret: the browser fetches a token again after sign-in and sign-out, and tokens
   * bound to the session that ended stop working.
   */
  const renewCsrf = (reply: FastifyReply) => reply.clearCookie(CSRF_COOKIE, { path: '/' });
  const startSession = (reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: Math.floor(config.sessionTtlMs / 1000) });
    renewCsrf(reply);
  };
  const endSession = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOpts);
    renewCsrf(reply);
  };
  /**
   * One sign-in, whatever proved who it is: the browser's previous session ends, the sign-in is recorded and
   * audited, and the new session waits for a second factor where the user has one or the role requires it.
   */
  const openSession: OpenSession = async (tx, req, reply, user, also, method = 'password') => {
    await also?.();
    const previous = req.cookies[SESSION_COOKIE];
    // Whoever was signed in in this browser before is signed out, not left with a live session behind the new one.
    if (previous) await destroySession(tx, previous);
    await recordSignIn(tx, user.id);
    await recordAudit(
      tx,
      { userId: user.id, fullName: user.fullName, ip: req.ip },
      { action: 'login', entity: 'user', entityId: user.id, agencyId: user.agencyId, ...(method === 'password' ? {} : { after: { method } }) },
    );
    const step = await signInStepOf(tx, { id: user.id, roles: user.roles as Role[] });
    const token = await createSession(tx, user.id, config.sessionTtlMs, { ip: req.ip, userAgent: req.headers['user-agent'] }, step);
    startSession(reply, token);
    return { step };
  };
  await mfaRoutes(app, { db, config, startSession, endSession, me: meOf });
  await sessionRoutes(app, { db });

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign in (throttled per address, and per account and address)', body: LoginBody, response: { 200: Me } },
    },
    async (req, reply) => {
      if (!config.localLogin) throw localLoginOff();
      const username = req.body.username.toLowerCase();
      const attempt = { username, address: addressKey(req.ip) };
      const { known, waitSeconds } = await signInWait(db, attempt, config.login.maxPerAccount, config.login.windowMs);
      // An address the account signed in from is not held back by attempts from it or from anywhere else.
      if (!known) {
        await enforceLimit(
          db,
          reply,
          { key: `login:${attempt.address}`, max: config.login.maxPerIp, windowMs: config.login.windowMs },
          { en: 'Too many sign-in attempts from this address; try again later', vi: 'Quá nhiều lần đăng nhập từ địa chỉ này, vui lòng thử lại sau' },
        );
        if (waitSeconds) {
          reply.header('retry-after', String(waitSeconds));
          throw throttled();
        }
      }
      const [user] = await db
        .select()
        .from(users)
        .innerJoin(agencies, eq(agencies.id, users.agencyId))
        // A service account has no password: it acts only through its API tokens.
        .where(and(eq(users.username, username), eq(users.active, true), eq(users.serviceAccount, false), eq(agencies.active, true)));
      const ok = user ? await verifyPassword(user.users.passwordHash, req.body.password) : await dummyVerify(req.body.password);
      if (!ok || !user) {
        await recordFailure(db, attempt);
        throw badCredentials();
      }
      const { step } = await db.transaction((tx) => openSession(tx, req, reply, user.users, () => recordSuccess(tx, attempt)));
      const u = user.users;
      const roles = u.roles as Me['roles'];
      return {
        id: u.id,
        username: u.username,
        fullName: u.fullName,
        agencyId: u.agencyId,
        agencyName: user.agencies.name,
        roles,
        locale: u.locale === 'en' ? ('en' as const) : ('vi' as const),
        mustChangePassword: u.mustChangePassword,
        signInStep: step,
        can: capabilitiesOf({ roles }),
      };
    },
  );

  r.get(
    '/api/auth/methods',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'How one signs in here: a local password, single sign-on, or both', response: { 200: SignInMethods } },
    },
    async () => signInMethods(config),
  );

  await oidcRoutes(app, { db, config, openSession });

  r.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await destroySession(db, token);
      endSession(reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { duringPasswordChange: true, duringSecondFactor: true, duringMfaEnrolment: true },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me } },
    },
    async (req) => meOf(req.sessionUser!),
  );

  r.post(
    '/api/auth/password',
    {
      config: { duringPasswordChange: true, duringMfaEnrolment: true },
      schema: { tags: ['auth'], summary: 'Change own password; ends the other sessions', body: ChangePasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user || !(await verifyPassword(user.passwordHash, req.body.currentPassword))) {
        throw invalid('currentPassword', 'The current password is wrong', 'Mật khẩu hiện tại không đúng');
      }
      const weak = chosenPasswordProblem(req.body.newPassword, user.username);
      if (weak) throw invalid('newPassword', weak.message, weak.messageVi);
      const passwordHash = await hashPassword(req.body.newPassword);
      await db.transaction(async (tx) => {
        await setOwnPassword(tx, actor.userId, passwordHash);
        await destroyUserSessions(tx, actor.userId, req.sessionToken ?? undefined);
        await recordAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: actor.userId, agencyId: actor.agencyId });
      });
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/auth/locale',
    {
      config: { duringPasswordChange: true, duringMfaEnrolment: true },
      schema: { tags: ['auth'], summary: 'Remember the interface language for this user', body: LocaleBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        await setLocale(tx, actor.userId, req.body.locale);
        await recordAudit(tx, actor, {
          action: 'set_locale',
          entity: 'user',
          entityId: actor.userId,
          agencyId: actor.agencyId,
          before: { locale: req.sessionUser!.locale },
          after: { locale: req.body.locale },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
