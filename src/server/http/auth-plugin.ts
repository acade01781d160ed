import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions.ts';
import { AppError, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, CSRF token, health). */
    public?: boolean;
    /** Reachable while the user must still change a temporary password. */
    duringPasswordChange?: boolean;
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

/** Cookies, CSRF protection on every state-changing request, and the session → user resolution. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; config: Config }) => {
  await app.register(cookie, { secret: opts.config.sessionSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: opts.config.cookieSecure },
  });
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    if (req.routeOptions.config.tokenAuth) return;
    if (!SAFE_METHODS.has(req.method)) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.sessionUser = await resolveSession(opts.db, token, opts.config.sessionTtlMs);
      req.sessionToken = req.sessionUser ? token : null;
    }
    const config = req.routeOptions.config;
    if (config.public || !req.routeOptions.url) return;
    if (!req.sessionUser) throw unauthorized();
    if (req.sessionUser.mustChangePassword && !config.duringPasswordChange) {
      throw new AppError(403, 'password_change_required', 'Change your temporary password first', 'Bạn cần đổi mật khẩu tạm trước');
    }
  });
});

/** The caller of an authenticated route: the onRequest hook has already refused anonymous calls. */
export function actorOf(req: FastifyRequest): Actor {
  const u = req.sessionUser;
  if (!u) throw unauthorized();
  return { userId: u.userId, username: u.username, fullName: u.fullName, agencyId: u.agencyId, agencyPath: u.agencyPath, roles: u.roles, ip: req.ip };
}
