import path from 'node:path';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';

/** Hashed build output (`/assets/index-BQjf69Iu.js`): its name changes with its content, so it never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Compressed answers: API answers over 1 kB with brotli (at a quality cheap enough per request) or gzip, whichever
 * the client takes; the web app's files as the build precompressed them (vite.config.ts), so none is compressed
 * per request. Below 1 kB compression gains nothing, and the small secrets (the CSRF token) stay out of it.
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

/**
 * The built web app. Hashed assets are cached for a year; `index.html` (and the favicon) are revalidated on every
 * load (`no-cache`), so a deployment reaches users at their next page load.
 */
export async function registerWebAssets(app: FastifyInstance, root: string) {
  // Every other GET outside /api is a page of the SPA: see the not-found handler.
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', path.relative(root, file).startsWith(`assets${path.sep}`) ? IMMUTABLE : 'no-cache');
      // The same address answers brotli, gzip or plain bytes: a shared cache must keep them apart.
      res.setHeader('vary', 'accept-encoding');
    },
  });
}
