/**
 * The Khiên API client, typed from the OpenAPI document (openapi.d.ts, `npm run api:types`): paths, parameters,
 * bodies and answers are checked. Session cookie, CSRF header on writes, errors carrying both languages.
 */
import createClient from 'openapi-fetch';
import type { paths } from './openapi.d.ts';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public messageVi: string,
    public field?: string,
    public details?: unknown[],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

async function csrf(): Promise<string> {
  if (!csrfToken) {
    const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
    csrfToken = ((await res.json()) as { token: string }).token;
  }
  return csrfToken;
}

/** A new session (login/logout) rotates the CSRF secret. */
export const resetCsrf = () => {
  csrfToken = null;
};

type ErrorBody = { error?: { code: string; message: string; messageVi: string; field?: string; details?: unknown[] } };

function apiError(res: Response, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error;
  return new ApiError(
    res.status,
    e?.code ?? `http_${res.status}`,
    e?.message ?? res.statusText,
    e?.messageVi ?? e?.message ?? res.statusText,
    e?.field,
    e?.details,
  );
}

/** Writes carry the CSRF token; a stale one (after a session change) is fetched anew and the write sent once more. */
async function fetchWithCsrf(request: Request): Promise<Response> {
  if (request.method === 'GET') return fetch(request);
  const again = request.clone();
  request.headers.set('x-csrf-token', await csrf());
  const res = await fetch(request);
  if (res.status !== 403) return res;
  const err = apiError(
    res,
    await res
      .clone()
      .json()
      .catch(() => null),
  );
  if (!err.code.includes('csrf') && err.code !== 'FST_CSRF_INVALID_TOKEN') return res;
  resetCsrf();
  again.headers.set('x-csrf-token', await csrf());
  return fetch(again);
}

// Empty query values are left out, as blank filters mean none.
type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

/** What an operation answers (the GET unless named), for the props of the components that show it. */
export type Answer<P extends keyof paths, M extends keyof paths[P] = 'get' & keyof paths[P]> = Json<paths[P][M]>;

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** What an operation takes as its JSON body. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = JsonBody<paths[P][M]>;

export const client = createClient<paths>({ fetch: fetchWithCsrf, querySerializer: (query) => qs(query).slice(1) });

/** The answer's data, or an ApiError with the server's message in English and Vietnamese and the field at fault. */
export async function data<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw apiError(response, error);
  return data as T;
}

/**
 * The body of a multipart upload: the fields, then the file (the server reads the fields sent before it). Upload
 * routes read the stream themselves (`readUpload`), so the document declares no body to check this against.
 */
export function multipart(file: File, fields: Record<string, string> = {}): never {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file);
  return form as never;
}

/** Query string from defined, non-empty values (also the client's query serializer). */
export function qs(params: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
