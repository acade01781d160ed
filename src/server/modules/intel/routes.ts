import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { fileDownload } from '../../http/openapi.ts';
import { intText } from '../../../shared/core/schemas.ts';
import { recordTaxiiPull } from '../incidents/index.ts';
import {
  addedHeaders,
  apiRoot,
  collection,
  collections,
  discovery,
  envelope,
  isCoordinator,
  manifest,
  MAX_PAGE,
  objectById,
  page,
  TAXII_MEDIA,
  type ObjectQuery,
} from './taxii.ts';

const Root = z.object({ apiRoot: z.string().max(100) });
const Collection = Root.extend({ collectionId: z.string().max(100) });
const ObjectParams = Collection.extend({ objectId: z.string().max(300) });
const list = (max: number) => z.string().max(max).optional().describe('Comma-separated');
const ObjectsQuery = z.object({
  added_after: z.iso.datetime({ offset: true }).optional().describe('Only objects added after this time (RFC 3339)'),
  limit: intText(1).optional().describe(`At most this many objects (the server gives at most ${MAX_PAGE})`),
  next: z.string().max(500).optional().describe('The `next` of the previous page'),
  'match[type]': list(500),
  'match[id]': list(10_000),
  'match[version]': z.string().max(100).optional().describe('Every object has one version: all, first and last are the same'),
  'match[spec_version]': z.string().max(100).optional().describe('Every object is STIX 2.1'),
});
const ObjectQueryParams = z.object({
  'match[version]': ObjectsQuery.shape['match[version]'],
  'match[spec_version]': ObjectsQuery.shape['match[spec_version]'],
});

const split = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function toQuery(q: z.infer<typeof ObjectsQuery>): ObjectQuery {
  const spec = split(q['match[spec_version]']);
  return {
    ...(q.added_after ? { addedAfter: new Date(q.added_after).toISOString() } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.next ? { next: q.next } : {}),
    ...(q['match[type]'] ? { types: split(q['match[type]']) } : {}),
    ...(q['match[id]'] ? { ids: split(q['match[id]']) } : {}),
    // Only 2.1 is served: asking for another version matches nothing.
    ...(spec && !spec.includes('2.1') ? { types: [] } : {}),
  };
}

/** TAXII 2.1 §1.6.8: a client states the media types it takes; none of TAXII 2.1 among them is 406. */
function acceptsTaxii(req: FastifyRequest) {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return !version || version === 'version=2.1';
  });
}

const send = (reply: FastifyReply, body: unknown, headers: Record<string, string> = {}) =>
  reply.headers({ ...headers, 'content-type': TAXII_MEDIA }).send(JSON.stringify(body));

/**
 * The TAXII 2.1 server (read-only): discovery, the API root, its collections and their objects and manifests. Outside
 * /api because TAXII clients take the discovery URL as given; authenticated by an API token with the `intel:read`
 * scope (bearer, no CSRF) or a session.
 */
export async function intelRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['taxii'];
  const answer = (description: string) => ({ 200: fileDownload(description, [TAXII_MEDIA]) });
  const description = `Answers \`${TAXII_MEDIA}\`; 406 when the Accept header allows no TAXII 2.1 media type.`;

  app.addHook('preHandler', async (req) => {
    if (!(req.routeOptions.url ?? '').startsWith('/taxii2/')) return;
    if (!acceptsTaxii(req)) {
      throw new AppError(406, 'not_acceptable', `Accept ${TAXII_MEDIA}`, `Hãy chấp nhận định dạng ${TAXII_MEDIA}`, 'accept');
    }
  });

  r.get(
    '/taxii2/',
    { schema: { tags, summary: 'TAXII discovery: the API roots', description, response: answer('The discovery resource') } },
    async (_req, reply) => send(reply, discovery(config.publicUrl)),
  );
  r.get(
    '/taxii2/:apiRoot/',
    { schema: { tags, summary: 'A TAXII API root', description, params: Root, response: answer('The API root resource') } },
    async (req, reply) => send(reply, apiRoot(req.params.apiRoot)),
  );
  r.get(
    '/taxii2/:apiRoot/collections/',
    { schema: { tags, summary: 'The collections of an API root (read-only)', description, params: Root, response: answer('The collections resource') } },
    async (req, reply) => send(reply, collections(req.params.apiRoot)),
  );
  r.get(
    '/taxii2/:apiRoot/collections/:collectionId/',
    { schema: { tags, summary: 'One collection', description, params: Collection, response: answer('The collection resource') } },
    async (req, reply) => send(reply, collection(req.params.apiRoot, req.params.collectionId)),
  );

  /** Indicators served to the coordinator's token are recorded as sent, by case. */
  async function served(req: FastifyRequest, entries: Awaited<ReturnType<typeof page>>['entries']) {
    const actor = actorOf(req);
    const fromCases = entries.filter((e) => e.incident);
    if (!fromCases.length || !(await isCoordinator(db, actor))) return;
    await recordTaxiiPull(
      db,
      actor,
      fromCases.map((e) => ({ incidentId: e.incident!.id, agencyId: e.incident!.agencyId, objectId: e.object.id })),
    );
  }

  r.get(
    '/taxii2/:apiRoot/collections/:collectionId/objects/',
    {
      schema: {
        tags,
        summary: 'The objects of a collection the caller may read, oldest added first, in pages (an envelope with `more` and `next`)',
        description: `${description} X-TAXII-Date-Added-First and -Last give the page's range.`,
        params: Collection,
        querystring: ObjectsQuery,
        response: answer('The envelope'),
      },
    },
    async (req, reply) => {
      const p = await page(db, actorOf(req), req.params.apiRoot, req.params.collectionId, toQuery(req.query));
      await served(req, p.entries);
      return send(reply, envelope(p), addedHeaders(p.entries));
    },
  );
  r.get(
    '/taxii2/:apiRoot/collections/:collectionId/objects/:objectId/',
    {
      schema: {
        tags,
        summary: 'One object of a collection (404 when the caller may not read it)',
        description,
        params: ObjectParams,
        querystring: ObjectQueryParams,
        response: answer('The envelope with the object'),
      },
    },
    async (req, reply) => {
      if (!/^[a-z0-9-]+--[0-9a-f-]{36}$/.test(req.params.objectId)) throw invalid('objectId', 'Not a STIX id', 'Không phải mã định danh STIX');
      const entries = await objectById(db, actorOf(req), req.params.apiRoot, req.params.collectionId, req.params.objectId);
      await served(req, entries);
      return send(reply, envelope({ entries, more: false }), addedHeaders(entries));
    },
  );
  r.get(
    '/taxii2/:apiRoot/collections/:collectionId/manifest/',
    {
      schema: {
        tags,
        summary: 'What a collection holds for the caller: id, date added, version and media type of each object, in pages',
        description,
        params: Collection,
        querystring: ObjectsQuery,
        response: answer('The manifest'),
      },
    },
    async (req, reply) => {
      const p = await page(db, actorOf(req), req.params.apiRoot, req.params.collectionId, toQuery(req.query));
      return send(reply, manifest(p), addedHeaders(p.entries));
    },
  );
}
