import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { SignInStep } from '../../auth/sessions.ts';
import { beginSignIn, accountFor, callbackUrl, finishSignIn, PENDING_MAX_AGE_S, SsoError, type PendingSignIn } from './oidc.ts';

export type OpenSession = (
  tx: Tx,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: number; fullName: string; agencyId: number; roles: string[] },
  also?: () => Promise<void>,
  method?: string,
) => Promise<{ step: SignInStep | null }>;

const PENDING_COOKIE = 'khien_oidc';

/**
 * The browser's two legs of a single sign-on. Both answer with a redirect (they are navigations, not API calls): to
 * the provider, then into the app, or back to the login page with the reason's code (`/?sso_error=…`).
 */
export async function oidcRoutes(app: FastifyInstance, { db, config, openSession }: { db: Db; config: Config; openSession: OpenSession }) {
  const cookie = { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, signed: true };
  const fail = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof SsoError)) throw err;
    req.log.warn({ reason: err.reason, detail: err.message }, 'single sign-on refused');
    return reply.clearCookie(PENDING_COOKIE, cookie).redirect(`/?sso_error=${err.reason}`, 302);
  };

  app.get(
    '/api/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Single sign-on: redirects to the OpenID provider (authorization code with PKCE)',
        response: { 302: z.null().describe('A redirect') },
      },
    },
    async (req, reply) => {
      if (!config.oidc) return reply.redirect('/?sso_error=sso_unavailable', 302);
      try {
        const { url, pending } = await beginSignIn(config);
        reply.setCookie(PENDING_COOKIE, JSON.stringify(pending), { ...cookie, maxAge: PENDING_MAX_AGE_S });
        return reply.redirect(url, 302);
      } catch (err) {
        return fail(req, reply, err);
      }
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: "Single sign-on: the provider's answer; checks state, nonce and the ID token, signs in and redirects into the app",
        response: { 302: z.null().describe('A redirect') },
      },
    },
    async (req, reply) => {
      if (!config.oidc) return reply.redirect('/?sso_error=sso_unavailable', 302);
      try {
        const raw = req.cookies[PENDING_COOKIE];
        const unsigned = raw ? req.unsignCookie(raw) : null;
        const pending = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as PendingSignIn) : null;
        // The pending sign-in is used once: a replayed answer finds nothing to continue.
        reply.clearCookie(PENDING_COOKIE, cookie);
        // The answer's parameters on the registered callback address (PUBLIC_URL may carry a path the proxy strips).
        const returned = new URL(callbackUrl(config));
        returned.search = new URL(req.url, 'http://callback').search;
        const claims = await finishSignIn(config, returned, pending);
        const { user } = await accountFor(db, config, claims, req.ip);
        await db.transaction((tx) => openSession(tx, req, reply, user, undefined, 'oidc'));
        return reply.redirect('/', 302);
      } catch (err) {
        return fail(req, reply, err);
      }
    },
  );
}
