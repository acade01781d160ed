import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import { isApiRoute } from './auth-plugin.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (the SPA, the API, the docs):
 * - a CSP that the built SPA passes: its scripts and styles are files of its own origin (`dist/web/index.html` has no
 *   inline script). Styles also allow 'unsafe-inline' because Mantine writes its theme variables and responsive style
 *   props into <style> elements at run time; a nonce would have to reach a static index.html. Inline styles cannot
 *   run code, so scripts stay 'self' only. No framing (frame-ancestors, X-Frame-Options), no MIME sniffing, no referrer.
 * - HSTS only on a request that came over HTTPS (directly, or by X-Forwarded-Proto from a trusted proxy), so a
 *   plain-HTTP install on a LAN is not told to refuse itself.
 * - `Cache-Control: no-store` on every API answer that does not set its own: they all carry personal or agency data.
 */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
  app.addHook('onSend', async (req, reply) => {
    if (isApiRoute(req) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
});
