/** Typed fetch for the Khiên API: session cookie, CSRF header on writes, errors carrying both languages. */

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public messageVi: string, public field?: string, public details?: unknown[]) {
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
export const resetCsrf = () => { csrfToken = null; };

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; messageVi: string; field?: string; details?: unknown[] } } | null;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.messageVi ?? e?.message ?? res.statusText, e?.field, e?.details);
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const write = method !== 'GET';
  if (write) headers['x-csrf-token'] = await csrf();
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res = await fetch(url, { method, headers, credentials: 'same-origin', body: isForm ? body : body === undefined ? undefined : JSON.stringify(body) });
  if (write && res.status === 403) {
    // A stale token after a session change: fetch a fresh one once.
    const err = await toError(res.clone());
    if (err.code.includes('csrf') || err.code === 'FST_CSRF_INVALID_TOKEN') {
      resetCsrf();
      headers['x-csrf-token'] = await csrf();
      res = await fetch(url, { method, headers, credentials: 'same-origin', body: isForm ? body : body === undefined ? undefined : JSON.stringify(body) });
    }
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);

/** Query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
