import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Seen = { method: string; url: string; csrf: string | null; body: string };
let seen: Seen[] = [];
let answer: (req: Request, n: number) => Response;
let tokens = 0;

// The client builds requests on the page's origin; Node needs one to resolve '/api/…' against.
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://khien.test') : input, init);
  }
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new PageRequest(input, init);
  const url = new URL(req.url);
  if (url.pathname === '/api/auth/csrf') return Response.json({ token: `token-${++tokens}` });
  seen.push({ method: req.method, url: url.pathname + url.search, csrf: req.headers.get('x-csrf-token'), body: await req.text() });
  return answer(req, seen.length);
}

let api: typeof import('./client.ts');
beforeAll(async () => {
  vi.stubGlobal('Request', PageRequest);
  vi.stubGlobal('fetch', fakeFetch);
  api = await import('./client.ts');
});
beforeEach(() => {
  seen = [];
  tokens = 0;
  api.resetCsrf();
  answer = () => Response.json({ ok: true });
});
// Test files share a worker: give the other files their globals back.
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the web API client', () => {
  it('sends the CSRF token on writes only, fetching it once for the session', async () => {
    await api.data(api.client.GET('/api/agencies'));
    await api.data(api.client.PUT('/api/auth/locale', { body: { locale: 'en' } }));
    await api.data(api.client.POST('/api/notifications/read', { body: {} }));
    expect(seen.map((s) => [s.method, s.csrf])).toEqual([
      ['GET', null],
      ['PUT', 'token-1'],
      ['POST', 'token-1'],
    ]);
    expect(seen[1]!.body).toBe('{"locale":"en"}');
  });

  it('fetches a new token after a stale-token refusal and sends the write once more, body and all', async () => {
    answer = (_req, n) =>
      n === 1
        ? Response.json({ error: { code: 'csrf', message: 'Invalid CSRF token', messageVi: 'Mã CSRF không hợp lệ' } }, { status: 403 })
        : Response.json({ locale: 'en' });
    await api.data(api.client.PUT('/api/auth/locale', { body: { locale: 'en' } }));
    expect(seen.map((s) => [s.csrf, s.body])).toEqual([
      ['token-1', '{"locale":"en"}'],
      ['token-2', '{"locale":"en"}'],
    ]);
  });

  it('does not resend a write refused for another reason', async () => {
    answer = () => Response.json({ error: { code: 'forbidden', message: 'Not allowed', messageVi: 'Không được phép' } }, { status: 403 });
    await expect(api.data(api.client.PUT('/api/auth/locale', { body: { locale: 'en' } }))).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(seen).toHaveLength(1);
  });

  it('turns an error answer into an ApiError with both languages, the field and the details', async () => {
    answer = () =>
      Response.json({ error: { code: 'invalid', message: 'Too short', messageVi: 'Quá ngắn', field: 'name', details: [{ row: 2 }] } }, { status: 400 });
    const error = await api.data(api.client.POST('/api/agencies', { body: { name: 'A', kind: 'department' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid', message: 'Too short', messageVi: 'Quá ngắn', field: 'name', details: [{ row: 2 }] });
  });

  it('names the HTTP status when the answer is not in the error shape', async () => {
    answer = () => new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' });
    await expect(api.data(api.client.GET('/api/agencies'))).rejects.toMatchObject({
      status: 502,
      code: 'http_502',
      message: 'Bad Gateway',
      messageVi: 'Bad Gateway',
    });
  });

  it('leaves blank filters out of the query string', async () => {
    await api.data(api.client.GET('/api/users', { params: { query: { q: '', agencyId: 3, includeInactive: undefined } } }));
    expect(seen[0]!.url).toBe('/api/users?agencyId=3');
  });

  it('sends an upload as multipart, its fields before the file', async () => {
    const file = new File(['a,b'], 'scan.csv', { type: 'text/csv' });
    await api.data(api.client.POST('/api/systems/{id}/scans/import', { params: { path: { id: 7 } }, body: api.multipart(file, { tool: 'OpenVAS' }) }));
    const body = seen[0]!.body;
    expect(seen[0]!.url).toBe('/api/systems/7/scans/import');
    expect(body.indexOf('name="tool"')).toBeGreaterThan(-1);
    expect(body.indexOf('name="tool"')).toBeLessThan(body.indexOf('filename="scan.csv"'));
  });
});
