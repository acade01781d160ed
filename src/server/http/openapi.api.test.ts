import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.ts';
import { fromOpenApiPath, registeredRoutes } from '../../../tests/support/routes.ts';

let t: TestApp;
let officer: Client;
beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('syt.canbo');
});
afterAll(async () => {
  await t?.close();
});

type OpenApi = {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[];
        summary?: string;
        operationId?: string;
        security?: unknown[];
        responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>;
        requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> };
      }
    >
  >;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI document', () => {
  it('is served at /api/docs/json as OpenAPI 3 and the UI at /api/docs', async () => {
    const res = await officer.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as OpenApi;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Khiên API');
    const ui = await officer.get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('lists every registered API route with its method, and nothing that is not registered', async () => {
    const doc = (await officer.get('/api/docs/json')).json() as OpenApi;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m.toUpperCase()} ${fromOpenApiPath(p)}`),
      ),
    );
    const registered = registeredRoutes(t.app)
      .filter((r) => (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')) || r.url.startsWith('/taxii2/'))
      .map((r) => `${r.method} ${r.url}`);
    // Sanity: the route reader found the app's routes, so an empty comparison cannot pass.
    expect(registered).toContain('GET /api/systems/:id');
    expect(registered).toContain('PATCH /api/systems/:id/requirements/:requirementId');
    expect(registered.length).toBeGreaterThan(30);
    expect([...registered].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !registered.includes(r)).sort()).toEqual([]);
  });

  it('gives every operation a tag and a summary', async () => {
    const doc = (await officer.get('/api/docs/json')).json() as OpenApi;
    const missing = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([m, op]) => METHODS.includes(m) && (!op.tags?.length || !op.summary))
        .map(([m]) => `${m} ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every operation a unique operationId, the error answers, and marks the public ones', async () => {
    const doc = (await officer.get('/api/docs/json')).json() as OpenApi;
    const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.entries(byMethod)
        .filter(([m]) => METHODS.includes(m))
        .map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
    );
    const ids = ops.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ops.length);
    expect(ops.find((o) => o.key === 'GET /api/systems/{id}/history')!.op.operationId).toBe('getSystemsByIdHistory');
    for (const { key, op } of ops) {
      for (const code of ['400', '403', '404']) expect(op.responses?.[code], `${key} ${code}`).toBeDefined();
    }
    const publicOps = ops.filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).map((o) => o.key);
    expect(publicOps).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/auth/csrf', 'POST /api/public/incidents']));
    // Public operations need no session, so only the others document 401.
    for (const { key, op } of ops) expect(op.responses?.['401'] !== undefined, key).toBe(!publicOps.includes(key));
  });

  it('documents the success answer of every operation with a schema for each media type, and the form of every upload', async () => {
    const doc = (await officer.get('/api/docs/json')).json() as OpenApi;
    const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.entries(byMethod)
        .filter(([m]) => METHODS.includes(m))
        .map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
    );
    // The single sign-on legs are browser navigations: their answer is a redirect (.redocly.lint-ignore.yaml says so too).
    const navigations = ['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback'];
    const undocumented = ops.flatMap(({ key, op }) => {
      const success = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      if (navigations.includes(key)) return op.responses?.['302'] && !success.length ? [] : [`${key}: not a redirect`];
      if (!success.length) return [`${key}: no 2xx answer`];
      return success.filter(([, r]) => !r.content || Object.values(r.content).some((m) => !m.schema)).map(([code]) => `${key} ${code}: no schema`);
    });
    expect(undocumented).toEqual([]);
    const download = doc.paths['/api/dossiers/{id}/docx']!.get!.responses!['200']!.content!;
    expect(download).toEqual({ 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } });

    const uploads = ops.filter(({ op }) => /multipart/i.test(op.summary ?? ''));
    expect(uploads.length).toBeGreaterThan(10);
    for (const { key, op } of uploads) {
      const form = op.requestBody?.content['multipart/form-data']?.schema;
      expect(form?.properties?.file, key).toEqual(expect.objectContaining({ type: 'string', format: 'binary' }));
      expect(form?.required, key).toEqual(['file']);
    }
    const scanForm = doc.paths['/api/systems/{id}/scans/import']!.post!.requestBody!.content['multipart/form-data']!.schema!;
    expect(Object.keys(scanForm.properties!)).toEqual(['file', 'scannedOn', 'tool', 'scope', 'performedBy', 'hosts']);
    expect(Object.keys(doc.paths['/api/ingest/endpoints']!.post!.requestBody!.content)).toEqual(['application/json', 'text/csv']);
  });
});
