import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions.ts';
import { resolveBearer } from '../modules/tokens/index.ts';
import { tokenAllows } from '../../shared/core/capabilities.ts';
import { AppError, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, CSRF token, health). */
    public?: boolean;
    /** Reachable while the user must still change a temporary password. */
    duringPasswordChange?: boolean;
    /** Reachable while the second factor of a sign-in is awaited (the session's `verify` step). */
    duringSecondFactor?: boolean;
    /** Reachable while a second factor the user's role requires is not yet set up (the session's `enrol` step). */
    duringMfaEnrolment?: boolean;
    /**
     * Machine-to-machine routes authenticated by a bearer API token (e.g. an anti-malware console):
     * no cookie is involved, so there is no CSRF to guard against and no session to require.
     */
    tokenAuth?: boolean;
  }
  interface FastifyRequest {
    sessionUser: SessionUser | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_COOKIE = '_csrf';

/**
 * Whether the request was routed to an API route (under /api, or the TAXII server's /taxii2). Who may do what is
 * decided on the route's own path, never on `req.url`, the raw and still percent-encoded target (`/%61pi/…` routes to
 * `/api/…`). Unrouted requests (404) have none.
 */
export const isApiRoute = (req: FastifyRequest) => /^\/(api|taxii2)\//.test(req.routeOptions.url ?? '');

/**
 * The CSRF token is bound to the session cookie it was issued with: one fetched without a session, or with another,
 * fails. (Never empty: the library refuses an empty binding.)
 */
export const csrfUserInfo = (req: FastifyRequest) => `session:${req.cookies[SESSION_COOKIE] ?? ''}`;

/** Cookies, CSRF protection on every state-changing request, and the session → user resolution. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; config: Config }) => {
  await app.register(cookie, { secret: opts.config.sessionSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: opts.config.cookieSecure },
    getUserInfo: csrfUserInfo,
    csrfOpts: { userInfo: true, hmacKey: opts.config.sessionSecret },
  });
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!isApiRoute(req)) return;
    const config = req.routeOptions.config;
    if (config.tokenAuth) return;
    const bearer = bearerOf(req);
    if (bearer !== null) {
      // A bearer token is sent by a program, never attached by a browser on its own: no CSRF to guard against.
      const user = await resolveBearer(opts.db, bearer);
      if (!config.public && !tokenAllows(user.scopes, `${req.method === 'HEAD' ? 'GET' : req.method} ${req.routeOptions.url}`)) throw outOfScope();
      req.sessionUser = user;
      if (user.mustChangePassword && !config.duringPasswordChange) throw passwordChangeRequired();
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      await new Promise<void>((resolve, reject) => app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())));
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.sessionUser = await resolveSession(opts.db, token, opts.config.sessionTtlMs);
      req.sessionToken = req.sessionUser ? token : null;
    }
    if (config.public) return;
    if (!req.sessionUser) throw unauthorized();
    const step = req.sessionUser.signInStep;
    if (step === 'verify') {
      if (config.duringSecondFactor) return;
      throw new AppError(
        401,
        'second_factor_required',
        'Finish signing in with your second factor (authenticator app code or passkey)',
        'Vui lòng hoàn tất đăng nhập bằng bước xác thực thứ hai (mã từ ứng dụng xác thực hoặc khóa truy cập)',
      );
    }
    if (req.sessionUser.mustChangePassword && !config.duringPasswordChange) throw passwordChangeRequired();
    if (step === 'enrol' && !config.duringMfaEnrolment) {
      throw new AppError(
        403,
        'mfa_enrolment_required',
        'Your role requires two-step sign-in: set up an authenticator app or a passkey first',
        'Vai trò của bạn bắt buộc xác thực hai bước: hãy thiết lập ứng dụng xác thực hoặc khóa truy cập (passkey) trước',
      );
    }
  });
});

const passwordChangeRequired = () => new AppError(403, 'password_change_required', 'Change your temporary password first', 'Bạn cần đổi mật khẩu tạm trước');
const outOfScope = () =>
  new AppError(403, 'token_scope', "This API token's scopes do not cover this request", 'Phạm vi của mã truy cập API không bao gồm yêu cầu này');

/** The token of an `Authorization: Bearer …` header, or null without one. */
function bearerOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, token] = header.split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' ? (token ?? '').trim() : null;
}

/** The caller of an authenticated route: the onRequest hook has already refused anonymous calls. */
export function actorOf(req: FastifyRequest): Actor {
  const u = req.sessionUser;
  if (!u) throw unauthorized();
  const token = u.tokenId === undefined ? {} : { tokenId: u.tokenId, tokenCapabilities: u.tokenCapabilities };
  return { userId: u.userId, username: u.username, fullName: u.fullName, agencyId: u.agencyId, agencyPath: u.agencyPath, roles: u.roles, ip: req.ip, ...token };
}
