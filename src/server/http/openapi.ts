/**
 * What every operation of the OpenAPI document states, added in one place as routes are documented: an operationId
 * (from the method and path, so it is unique and stable), the error answers in the one error shape, `security: []`
 * on routes reachable without a session, and the request body of routes that read their body themselves.
 */
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/core/schemas.ts';
import { scopesAllowing } from '../../shared/core/capabilities.ts';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The body of a route that reads it itself (an upload through `readUpload`, a push in more than one format), by
     * media type. For the OpenAPI document only: Fastify neither parses nor validates it. A multipart route without
     * one is documented as `uploadForm()`.
     */
    documentedBody?: Record<string, z.ZodType>;
  }
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** Media types of the files the API generates. */
export const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  stix: 'application/stix+json;version=2.1',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** The bytes of a download (a Buffer, or the text of a generated file): sent as they are, never serialized. */
const FileBytes = z.custom<Buffer | string>().meta({ type: 'string', format: 'binary' });

/** A download answer: the file, as a binary string, in each media type it can have. */
export const fileDownload = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: FileBytes }])),
});

/** A multipart upload form: the one file (field `file`) and the form fields the route reads besides it. */
export const uploadForm = (fields: z.ZodObject = z.object({})) => z.object({ file: FileBytes.describe('The file (one per request)') }).extend(fields.shape);

/** A documented body as @fastify/swagger takes one with several media types. */
const openApiBody = (byType: Record<string, z.ZodType>) => ({
  content: Object.fromEntries(
    Object.entries(byType).map(([type, s]) => [type, { schema: z.toJSONSchema(s, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) }]),
  ),
});

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: z.toJSONSchema(ErrorBody) } } });

/** The failures any operation can answer, and those only some can. */
const COMMON_ERRORS = {
  400: errorResponse('Invalid input; `field` names the part at fault'),
  403: errorResponse('Not allowed for this user (or a missing or stale CSRF token)'),
  404: errorResponse("Not found, or outside the caller's scope"),
  409: errorResponse('Conflicts with existing data'),
  429: errorResponse('Too many requests; see Retry-After'),
};
const SIGN_IN_REQUIRED = { 401: errorResponse('Not signed in, or the session expired') };
const UPLOAD_ERRORS = { 413: errorResponse('The file is over the size limit'), 422: errorResponse('Rows of the file are invalid; `details` lists them') };

/** `GET /api/systems/:id/history` → `getSystemsByIdHistory`. */
function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by ${w.slice(1)}` : w))
    .flatMap((w) => w.split(/\s|_/));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function documentRoute(input: TransformInput): { schema: FastifySchema; url: string } {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown> & {
    response?: Record<string, unknown>;
    consumes?: string[];
    documentedBody?: Record<string, z.ZodType>;
  };
  if (schema.hide) return out;
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  const isPublic = input.route.config?.public === true;
  const isUpload = schema.consumes?.includes('multipart/form-data') ?? false;
  schema.operationId ??= operationId(method, input.route.url);
  const documentedBody = schema.documentedBody ?? (isUpload ? { 'multipart/form-data': uploadForm() } : undefined);
  delete schema.documentedBody;
  if (documentedBody) schema.body = openApiBody(documentedBody);
  if (isPublic) schema.security = [];
  else if (!schema.security) {
    // An API token may call the route when one of its scopes covers it: say which.
    const scopes = scopesAllowing(`${method} ${input.route.url}`);
    schema.security = scopes ? [{ session: [] }, { bearer: [] }] : [{ session: [] }];
    if (scopes) schema['x-token-scopes'] = scopes;
  }
  schema.response = { ...COMMON_ERRORS, ...(isPublic ? {} : SIGN_IN_REQUIRED), ...(isUpload ? UPLOAD_ERRORS : {}), ...schema.response };
  return out;
}
