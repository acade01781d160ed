import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { ChangePasswordBody, LocaleBody, LoginBody, Me, SignInMethods } from '../../../shared/auth/schemas.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { actorOf, CSRF_COOKIE, csrfUserInfo } from '../../http/auth-plugin.ts';
import { createSession, destroySession, destroyUserSessions, SESSION_COOKIE, type SessionUser } from '../../auth/sessions.ts';
import { chosenPasswordProblem, dummyVerify, hashPassword, verifyPassword } from '../../auth/password.ts';
import { recordFailure, recordSuccess } from '../../auth/throttle.ts';
import { linkDirectory, recordSignIn, setLocale, setOwnPassword, users } from '../users/index.ts';
import { agencies } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { capabilitiesOf } from '../../../shared/core/capabilities.ts';
import type { Role } from '../../../shared/core/roles.ts';
import { signInStepOf } from '../../auth/mfa.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { oidcRoutes, type OpenSession } from './oidc-routes.ts';
import { admitAttempt, badCredentials, localLoginOff, signInMethods } from './sign-in.ts';
import { directoryAccount, directoryEntry } from './ldap.ts';

const directoryOff = () =>
  new AppError(404, 'directory_sign_in_off', 'Sign-in with a directory account is not set up here', 'Chưa cấu hình đăng nhập bằng tài khoản thư mục');

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

/** The answer to a sign-in, from the account's row. */
const meOfRow = (u: typeof users.$inferSelect, agencyName: string, step: Me['signInStep']): Me => {
  const roles = u.roles as Me['roles'];
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    agencyId: u.agencyId,
    agencyName,
    roles,
    locale: u.locale === 'en' ? 'en' : 'vi',
    mustChangePassword: u.mustChangePassword,
    signInStep: step,
    can: capabilitiesOf({ roles }),
  };
};

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
      const attempt = await admitAttempt(db, config, req, reply, req.body.username);
      const [user] = await db
        .select()
        .from(users)
        .innerJoin(agencies, eq(agencies.id, users.agencyId))
        // A service account has no password: it acts only through its API tokens.
        .where(and(eq(users.username, attempt.username), eq(users.active, true), eq(users.serviceAccount, false), eq(agencies.active, true)));
      const ok = user ? await verifyPassword(user.users.passwordHash, req.body.password) : await dummyVerify(req.body.password);
      if (!ok || !user) {
        await recordFailure(db, attempt);
        throw badCredentials();
      }
      const { step } = await db.transaction((tx) => openSession(tx, req, reply, user.users, () => recordSuccess(tx, attempt)));
      return meOfRow(user.users, user.agencies.name, step);
    },
  );

  r.post(
    '/api/auth/ldap/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the directory (LDAP/Active Directory) account, throttled as the password sign-in; 503 when the directory does not answer',
        body: LoginBody,
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      if (!config.ldap) throw directoryOff();
      const attempt = await admitAttempt(db, config, req, reply, req.body.username);
      const entry = await directoryEntry(config, req.log, req.body.username, req.body.password);
      if (!entry) {
        await recordFailure(db, attempt);
        throw badCredentials();
      }
      const { user, agencyName } = await directoryAccount(db, config, entry, req.ip);
      const linked = user.directoryDn === entry.dn ? user : { ...user, directoryDn: entry.dn, mustChangePassword: false };
      const { step } = await db.transaction((tx) =>
        openSession(
          tx,
          req,
          reply,
          user,
          async () => {
            await recordSuccess(tx, attempt);
            if (linked === user) return;
            await linkDirectory(tx, user.id, entry.dn);
            await recordAudit(
              tx,
              { userId: user.id, fullName: user.fullName, ip: req.ip },
              {
                action: 'link_directory',
                entity: 'user',
                entityId: user.id,
                agencyId: user.agencyId,
                before: { directoryDn: user.directoryDn, localPassword: user.passwordHash !== '!' },
                after: { directoryDn: entry.dn, localPassword: false },
              },
            );
          },
          'ldap',
        ),
      );
      return meOfRow(linked, agencyName, step);
    },
  );

  r.get(
    '/api/auth/methods',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'How one signs in here: a local password, single sign-on, a directory (LDAP/Active Directory) account',
        response: { 200: SignInMethods },
      },
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
      if (user?.directoryDn) {
        throw invalid(
          'currentPassword',
          'Your password is kept by the directory (LDAP/Active Directory); change it there',
          'Mật khẩu của bạn do hệ thống thư mục (LDAP/Active Directory) quản lý; hãy đổi mật khẩu tại đó',
        );
      }
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
